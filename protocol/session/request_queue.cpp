#include "protocol/session/request_queue.hpp"

namespace ipmict::session {

std::optional<QueuedRequest> RequestQueue::pop() {
  if (queue_.empty()) return std::nullopt;
  QueuedRequest r = std::move(queue_.front());
  queue_.pop_front();
  return r;
}

std::deque<QueuedRequest> RequestQueue::take_all() {
  std::deque<QueuedRequest> out;
  out.swap(queue_);
  return out;
}

std::uint8_t RequestQueue::next_rq_seq() {
  rq_seq_ = static_cast<std::uint8_t>((rq_seq_ + 1) & 0x3f);
  return rq_seq_;
}

}  // namespace ipmict::session
