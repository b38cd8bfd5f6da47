#include "fuzz/network/rate_limiter.hpp"

#include <thread>

namespace ipmict::netfuzz {

RateLimiter::RateLimiter(double per_second) {
  if (per_second > 0) {
    interval_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second));
  }
}

void RateLimiter::wait() {
  if (interval_ == Clock::duration::zero()) return;
  const auto now = Clock::now();
  if (next_ > now) {
    std::this_thread::sleep_until(next_);
    next_ += interval_;
  } else {
    // Idle time is not saved up for a burst later.
    next_ = now + interval_;
  }
}

}  // namespace ipmict::netfuzz
