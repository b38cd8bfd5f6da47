// Atomic file replacement (see the header).
#include "reports/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace ipmict::reports {
namespace {

std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

}  // namespace

tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return tl::unexpected(fmt::format("cannot write {}: {}", tmp.string(), errno_text(errno)));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return tl::unexpected(fmt::format("cannot write {}: {}", tmp.string(), errno_text(e)));
    }
    done += static_cast<std::size_t>(n);
  }
  // No fsync: results.json is rewritten as cases end, and a kill (SIGINT, SIGKILL, a
  // crash) cannot lose data the kernel already has; only a power cut could, which a
  // conformance run does not need to survive.
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    return tl::unexpected(fmt::format("cannot rename {} to {}: {}", tmp.string(), path.string(), errno_text(e)));
  }
  return {};
}

}  // namespace ipmict::reports
