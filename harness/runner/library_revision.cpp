// The case library's revision (see the header).
#include "harness/runner/library_revision.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>

extern char** environ;  // NOLINT: POSIX, for posix_spawnp

namespace ipmict::runner {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Runs `git args...` with no shell, stdin and stderr on /dev/null. Its stdout when it exits
// 0 within `timeout`; nullopt otherwise (not installed, not a repository, too slow: killed).
std::optional<std::string> run_git(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

  std::vector<std::string> argv_text{"git"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  // `git status` would otherwise refresh the index (taking index.lock) in a tree someone
  // else may be working in; the C locale keeps its output stable.
  std::vector<std::string> env_text{"GIT_OPTIONAL_LOCKS=0", "LC_ALL=C"};
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view v(*e);
    if (v.rfind("GIT_OPTIONAL_LOCKS=", 0) == 0 || v.rfind("LC_ALL=", 0) == 0) continue;
    env_text.emplace_back(v);
  }
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (rc != 0) {
    ::close(pipe_fds[0]);
    return std::nullopt;
  }

  std::string out;
  bool timed_out = false;
  const auto deadline = Clock::now() + timeout;
  std::array<char, 4096> buf{};
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd pfd{pipe_fds[0], POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // the deadline is checked above
    const ssize_t n = ::read(pipe_fds[0], buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: git closed its stdout
    // Bounded: the answers asked for here are a commit id and a short file list.
    if (out.size() < (1u << 20)) out.append(buf.data(), static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

bool is_hex_commit(const std::string& s) {
  return (s.size() == 40 || s.size() == 64) && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

struct EvpMdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

}  // namespace

// SHA-256 over every *.yaml file below the folder (the files the case loader reads:
// cases, profiles, targets, quirks), in byte order of their paths relative to the folder
// ('/'-separated). Each file contributes its relative path, a NUL byte, its size as 8 bytes
// little endian, then its bytes: a renamed or moved file changes the hash as a changed one
// does, and no two different libraries concatenate to the same input.
std::string case_library_hash(const fs::path& cases_dir) {
  std::error_code ec;
  std::vector<std::pair<std::string, fs::path>> files;
  for (auto it = fs::recursive_directory_iterator(cases_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".yaml") continue;
    files.emplace_back(it->path().lexically_relative(cases_dir).generic_string(), it->path());
  }
  if (ec) return {};
  std::sort(files.begin(), files.end());

  std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return {};
  std::vector<char> content;
  for (const auto& [relative, path] : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return {};
    std::array<unsigned char, 8> size{};
    for (std::size_t i = 0; i < size.size(); ++i) size[i] = static_cast<unsigned char>((content.size() >> (8 * i)) & 0xffu);
    if (EVP_DigestUpdate(ctx.get(), relative.data(), relative.size()) != 1 || EVP_DigestUpdate(ctx.get(), "", 1) != 1 ||
        EVP_DigestUpdate(ctx.get(), size.data(), size.size()) != 1 ||
        EVP_DigestUpdate(ctx.get(), content.data(), content.size()) != 1) {
      return {};
    }
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1 || length < 8) return {};
  std::string out = "sha256:";
  for (std::size_t i = 0; i < 8; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

std::string case_library_revision(const fs::path& cases_dir, std::chrono::milliseconds git_timeout) {
  std::error_code ec;
  if (!fs::is_directory(cases_dir, ec)) return {};
  const std::string dir = cases_dir.string();
  if (auto head = run_git({"-C", dir, "rev-parse", "--verify", "--quiet", "HEAD"}, git_timeout)) {
    std::string commit = *head;
    while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r')) commit.pop_back();
    // Only what lies under the cases folder decides "dirty": the rest of the repository is
    // not the case library.
    auto status = run_git({"-C", dir, "status", "--porcelain", "--untracked-files=normal", "--", "."}, git_timeout);
    if (is_hex_commit(commit) && status) return "git:" + commit + (status->empty() ? "" : "-dirty");
  }
  return case_library_hash(cases_dir);
}

}  // namespace ipmict::runner
