#pragma once
// --rate: at most N datagrams a second towards the target, evenly spaced (a BMC's network
// stack is small; a burst can look like a crash that is only a full queue).
#include <chrono>

namespace ipmict::netfuzz {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // per_second <= 0: no limit.
  explicit RateLimiter(double per_second);
  // Sleeps until the next datagram may go (at most one interval).
  void wait();

 private:
  Clock::duration interval_{};
  Clock::time_point next_{};
};

}  // namespace ipmict::netfuzz
