#pragma once
// Every report file is written through a temporary file in the same directory and
// rename(2), so a crash or a kill at any moment leaves either the old file or the new one,
// never half of one.
#include <filesystem>
#include <string>

#include <tl/expected.hpp>

namespace ipmict::reports {

// Writes `text` to `path` through `path`.tmp + rename. Errors are one line.
tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace ipmict::reports
