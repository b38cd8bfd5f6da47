// The live progress display.
#include "harness/runner/progress.hpp"

#include <fmt/format.h>

namespace ipmict::runner {

Progress::Progress(std::ostream& out, bool terminal, std::size_t total, bool show_target)
    : out_(out), terminal_(terminal), show_target_(show_target), total_(total) {}

std::string Progress::status_line() const {
  const std::size_t passed = counts_[Outcome::pass] + counts_[Outcome::pass_with_quirk];
  const std::size_t failed = counts_[Outcome::fail] + counts_[Outcome::error];
  const std::size_t skipped = counts_[Outcome::skip] + counts_[Outcome::unsupported];
  std::string s = fmt::format("[{}/{}] {} pass {} fail {} skip", finished_, total_, passed, failed, skipped);
  if (counts_[Outcome::warn] != 0) s += fmt::format(" {} warn", counts_[Outcome::warn]);
  if (!current_.empty()) s += "  current: " + current_;
  return s;
}

void Progress::redraw() {
  // \r to the start, the line, then erase what a longer previous line left behind.
  out_ << '\r' << status_line() << "\x1b[K" << std::flush;
}

void Progress::started(const std::string& target, const std::string& case_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  current_ = show_target_ ? case_id + " @ " + target : case_id;
  if (terminal_) redraw();
}

void Progress::finished(const std::string& target, const CaseResult& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++finished_;
  counts_.add(result.outcome);
  std::string line = fmt::format("{} {}", to_string(result.outcome), result.id);
  if (show_target_) line += " @ " + target;
  if (result.outcome != Outcome::pass && !result.reason.empty()) line += ": " + result.reason;
  if (terminal_) {
    const bool notable = result.outcome == Outcome::fail || result.outcome == Outcome::error || result.outcome == Outcome::warn;
    if (notable) out_ << '\r' << line << "\x1b[K\n";
    redraw();
  } else {
    out_ << line << '\n' << std::flush;
  }
}

void Progress::done() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (terminal_) out_ << "\r\x1b[K" << std::flush;
}

}  // namespace ipmict::runner
