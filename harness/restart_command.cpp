#include "harness/restart_command.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace ipmict {

tl::expected<void, std::string> run_restart_command(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
  if (argv.empty()) return tl::unexpected(std::string("--restart-cmd is empty"));
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return tl::unexpected("--restart-cmd: fork failed: " + std::string(std::strerror(errno)));
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return tl::unexpected("--restart-cmd: waitpid failed: " + std::string(std::strerror(errno)));
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return tl::unexpected("--restart-cmd '" + argv[0] + "' did not finish within " + std::to_string(timeout.count()) +
                            " s; killed");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return tl::unexpected("--restart-cmd '" + argv[0] + "': cannot run it (not found or not executable)");
  }
  return tl::unexpected("--restart-cmd '" + argv[0] + "' failed (" +
                        (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                           : "signal " + std::to_string(WTERMSIG(status))) +
                        ")");
}

}  // namespace ipmict
