#pragma once
// SIGINT and SIGTERM during `ipmict run` (docs/results-model.md "Interrupted runs"): the
// first one asks the run to stop after the case under way (stop() becomes true; no new case
// starts, nothing more is sent) so that every report is still written, with "complete":
// false; a second one exits at once with 128 + the signal's number, leaving results.json
// as last rewritten (always a whole file: reports/atomic_file.hpp).
//
// The signals are blocked in every thread started while a watcher exists (the targets', the
// simulator's) and taken by the watcher's own thread with sigtimedwait(2): no code runs in
// a signal handler and no system call of the run sees EINTR. Signal dispositions are
// per process, so there is one watcher at a time (the `ipmict` command line makes it).
#include <atomic>
#include <csignal>
#include <thread>

namespace ipmict::runner {

class InterruptWatcher {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread (and so in the threads it starts from
  // now on) and starts watching. `err_fd`: where the one-line notices go.
  explicit InterruptWatcher(int err_fd = 2);
  ~InterruptWatcher();  // stops watching and restores the signal mask
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  const std::atomic<bool>& stop() const { return stop_; }
  int signal() const { return signal_.load(); }  // 0, SIGINT or SIGTERM: the first one taken

 private:
  void watch();
  int err_fd_;
  sigset_t watched_{};
  sigset_t previous_mask_{};
  std::atomic<bool> stop_{false};
  std::atomic<int> signal_{0};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

// The exit code of a run cut short by `signal`: 128 + its number (130 for SIGINT, 143 for
// SIGTERM), as a shell reports a process the signal killed, and distinct from 0/1/2.
constexpr int interrupted_exit_code(int signal) { return 128 + signal; }

}  // namespace ipmict::runner
