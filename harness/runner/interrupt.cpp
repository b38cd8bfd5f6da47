// SIGINT/SIGTERM watcher (see the header).
#include "harness/runner/interrupt.hpp"

#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <string>
#include <string_view>

namespace ipmict::runner {
namespace {

void say(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string_view name_of(int sig) { return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "signal"; }

}  // namespace

InterruptWatcher::InterruptWatcher(int err_fd) : err_fd_(err_fd) {
  sigemptyset(&watched_);
  sigaddset(&watched_, SIGINT);
  sigaddset(&watched_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &watched_, &previous_mask_);
  thread_ = std::thread([this] { watch(); });
}

InterruptWatcher::~InterruptWatcher() {
  done_.store(true);
  if (thread_.joinable()) thread_.join();
  pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

void InterruptWatcher::watch() {
  // Polls in 50 ms steps so that the destructor's join is prompt; a signal is taken at once.
  const timespec step{0, 50'000'000};
  while (!done_.load()) {
    siginfo_t info{};
    const int sig = sigtimedwait(&watched_, &info, &step);
    if (sig < 0) continue;  // EAGAIN (the step passed) or EINTR
    if (signal_.load() != 0) {
      say(err_fd_, "\nipmict run: " + std::string(name_of(sig)) +
                       " again: exiting now; results.json is the last one written (\"complete\": false)\n");
      ::_exit(interrupted_exit_code(sig));
    }
    signal_.store(sig);
    stop_.store(true);
    say(err_fd_, "\nipmict run: " + std::string(name_of(sig)) +
                     ": stopping after the case under way, then writing the reports (\"complete\": false); "
                     "interrupt again to exit at once\n");
  }
}

}  // namespace ipmict::runner
