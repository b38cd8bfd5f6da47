#pragma once
// The inbound session sequence number check: a sliding window over the highest number
// accepted so far, with a bit per recent number so that duplicates are refused.
//
// IPMI 2.0 §6.12.13 (RMCP+ sessions): a receiver accepts a session sequence number up to
// 16 counts above the highest one received so far (the window advances to it), and up to
// 15 counts below it provided that number has not been seen yet (a 32-entry window: 15
// behind, the highest itself, 16 ahead). Anything else, and every duplicate, is dropped
// silently. Sequence number 0 never occurs inside an RMCP+ session (it marks packets
// outside one), so it is always refused there. Numbers wrap modulo 2^32, skipping 0.
//
// IPMI 1.5 sessions (IPMI 2.0 §6.12.12 and Appendix A, the same algorithm with a window of
// 8 in each direction, which is also FreeIPMI's default for both protocols); 0 is a legal
// IPMI 1.5 number once the counter wraps.
//
// Reading taken (docs/interpretations.md I-SEQ-WINDOW): the window is measured in plain
// modular distance; for RMCP+ the skipped 0 is not counted as a step.
#include <cstdint>
#include <optional>
#include <string>

namespace ipmict::session {

class SequenceWindow {
 public:
  struct Shape {
    std::uint32_t behind;  // how far below the highest an unseen number is still accepted
    std::uint32_t ahead;   // how far above the highest a number is accepted
    bool zero_forbidden;   // RMCP+: 0 is never a session sequence number
  };
  static constexpr Shape kRmcpPlus{15, 16, true};
  static constexpr Shape kIpmi15{8, 8, false};

  explicit SequenceWindow(Shape shape) : shape_(shape) {}

  // Before the first packet: the number the peer's first packet should carry is `first`,
  // and anything up to `ahead` above it (a lost first reply) is accepted. With no call, the
  // first number received (if non-zero for RMCP+) starts the window.
  void expect_first(std::uint32_t first);

  // nullopt: accepted and recorded. Otherwise why it was refused ("duplicate", ...).
  std::optional<std::string> accept(std::uint32_t sequence);

  std::optional<std::uint32_t> highest() const { return highest_; }

 private:
  // Distance from a to b going forward (b - a), leaving out 0 when it is forbidden.
  std::uint32_t forward(std::uint32_t a, std::uint32_t b) const;

  Shape shape_;
  std::optional<std::uint32_t> highest_;
  std::uint32_t seen_ = 0;  // bit i-1 set: highest - i was received (i = 1..32)
};

}  // namespace ipmict::session
