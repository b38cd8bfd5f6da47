#include "protocol/session/sequence_window.hpp"

namespace ipmict::session {

std::uint32_t SequenceWindow::forward(std::uint32_t a, std::uint32_t b) const {
  std::uint32_t d = b - a;  // modular on purpose: sequence numbers wrap
  // RMCP+ skips 0 on wrap (§6.12.13), so crossing it is one step shorter.
  if (shape_.zero_forbidden && b < a && b != 0) d -= 1;
  return d;
}

void SequenceWindow::expect_first(std::uint32_t first) {
  // Pretend the number before `first` was the highest seen and mark it, so `first` itself
  // and its successors are "ahead" and nothing before them is accepted by accident.
  std::uint32_t before = first - 1;
  if (shape_.zero_forbidden && before == 0) before = 0xffffffffu;
  highest_ = before;
  seen_ = 0xffffffffu;  // everything behind the virtual highest counts as already seen
}

std::optional<std::string> SequenceWindow::accept(std::uint32_t sequence) {
  if (shape_.zero_forbidden && sequence == 0) return std::string("session sequence number 0 inside a session");
  if (!highest_) {
    highest_ = sequence;
    seen_ = 0;
    return std::nullopt;
  }
  if (sequence == *highest_) return "duplicate session sequence number " + std::to_string(sequence);
  const std::uint32_t up = forward(*highest_, sequence);
  if (up >= 1 && up <= shape_.ahead) {
    // Advance: the old highest becomes "1 behind" the new one.
    seen_ = up >= 32 ? 0u : (seen_ << up);
    seen_ |= (up >= 33 ? 0u : (1u << (up - 1)));
    highest_ = sequence;
    return std::nullopt;
  }
  const std::uint32_t down = forward(sequence, *highest_);
  if (down >= 1 && down <= shape_.behind) {
    const std::uint32_t bit = 1u << (down - 1);
    if ((seen_ & bit) != 0) return "duplicate session sequence number " + std::to_string(sequence);
    seen_ |= bit;
    return std::nullopt;
  }
  return "session sequence number " + std::to_string(sequence) + " outside the window around " +
         std::to_string(*highest_);
}

}  // namespace ipmict::session
