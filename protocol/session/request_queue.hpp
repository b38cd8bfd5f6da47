#pragma once
// The caller's requests waiting for the session: FIFO order, one outstanding at a time
// (client_session.hpp), and the 6-bit rqSeq counter that tells their responses apart
// (IPMI 2.0 §13.8 / IPMB: a retry keeps its rqSeq so a late answer to the first try still
// matches; a new request takes the next one).
#include <cstdint>
#include <deque>
#include <optional>

#include "protocol/session/client_session.hpp"

namespace ipmict::session {

struct QueuedRequest {
  RequestId id = 0;
  Request request;
};

class RequestQueue {
 public:
  RequestId push(Request request) {
    const RequestId id = ++last_id_;
    queue_.push_back(QueuedRequest{id, std::move(request)});
    return id;
  }
  // An ID for a request that is refused at once (it never enters the queue).
  RequestId reserve_id() { return ++last_id_; }
  std::optional<QueuedRequest> pop();
  bool empty() const { return queue_.empty(); }
  std::deque<QueuedRequest> take_all();

  // The next rqSeq (1..63, then 0..63 again: every 6-bit value is legal).
  std::uint8_t next_rq_seq();

 private:
  std::deque<QueuedRequest> queue_;
  RequestId last_id_ = 0;
  std::uint8_t rq_seq_ = 0;
};

}  // namespace ipmict::session
