#pragma once
// Which version of the case library a run used (RunInfo::case_library_revision), so two
// results can be compared knowing whether the cases changed between them:
//   "git:<commit>"        the cases folder is in a git work tree and unchanged since <commit>
//   "git:<commit>-dirty"  ... with changes (tracked or untracked) under the cases folder
//   "sha256:<16 hex>"     not in git (or git is missing): the first 16 hex digits of the
//                         SHA-256 over the case library's *.yaml files (see the .cpp)
//   ""                    the folder cannot be read
#include <chrono>
#include <filesystem>
#include <string>

namespace ipmict::runner {

// `git` runs as a child process (no shell), bounded by `git_timeout` per call.
std::string case_library_revision(const std::filesystem::path& cases_dir,
                                  std::chrono::milliseconds git_timeout = std::chrono::milliseconds(10000));

// The "sha256:<16 hex>" form alone, whatever git says.
std::string case_library_hash(const std::filesystem::path& cases_dir);

}  // namespace ipmict::runner
