#pragma once
// What `ipmict run` shows while it runs. On a terminal: one line rewritten in place,
//   [123/456] 100 pass 3 fail 2 skip  current: app.get-device-id.basic
// with every FAIL/ERROR/WARN printed above it as it happens. Otherwise (CI logs, pipes):
// one plain line per case, "PASS app.get-device-id.basic", and the reason after a colon for
// anything but PASS. Thread-safe: several targets report into one display.
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

#include "harness/runner/report_model.hpp"

namespace ipmict::runner {

class Progress {
 public:
  // `total`: cases to run over every target. `show_target`: prefix lines with the target
  // (several targets).
  Progress(std::ostream& out, bool terminal, std::size_t total, bool show_target);

  void started(const std::string& target, const std::string& case_id);
  void finished(const std::string& target, const CaseResult& result);
  // Clears the live line (terminal) so the summary starts on a clean line.
  void done();

  // "[3/10] 2 pass 1 fail 0 skip  current: x" (without terminal control characters)
  std::string status_line() const;

 private:
  void redraw();  // with mutex_ held

  std::ostream& out_;
  bool terminal_;
  bool show_target_;
  std::size_t total_;
  std::size_t finished_ = 0;
  OutcomeCounts counts_;
  std::string current_;
  mutable std::mutex mutex_;
};

}  // namespace ipmict::runner
