#pragma once
// Runs inputs against a target over one UDP socket: builds each step of the input's flow
// from the live exchange (session IDs, randoms and keys the BMC handed out), applies the
// input's mutations to the structured message, serialises it with everything fixed up
// (step_message.hpp), sends it, and reads the answer.
//
// The request flows share one established session per protocol (RMCP+ and IPMI 1.5), set
// up on first use with the real credentials and re-established when it stops answering,
// after `session_reuse` requests, or when too many requests went unanswered for the
// BMC's sequence window to still accept the next one (§6.12.13). Session set-up flows
// that leave a half-open session on the BMC clean it up (RAKP 3 with a non-zero status,
// §13.22; or Close Session), so a campaign does not fill the BMC's session table itself.
//
// Per input the work is small and bounded: no threads, no new sockets, at most a few
// datagrams, every wait bounded by a timeout.
#include <chrono>
#include <cstdint>
#include <memory>

#include "fuzz/network/credentials.hpp"
#include "fuzz/network/input.hpp"
#include "fuzz/network/input_record.hpp"

namespace ipmict::transport {
class UdpLink;
}

namespace ipmict::netfuzz {

class RateLimiter;

struct RunnerOptions {
  std::chrono::milliseconds reply_timeout{100};  // wait after a mutated step (often unanswered)
  std::chrono::milliseconds live_timeout{500};   // wait after a step a healthy BMC answers
  bool allow_destructive = false;                // send destructive commands (destructive_commands.hpp)
  std::uint64_t session_seed = 1;                // console session IDs, randoms and AES IVs
  unsigned session_reuse = 500;                  // requests on one session before a fresh one
};

class FlowRunner {
 public:
  // link, credentials and rate (may be null) must outlive the runner.
  FlowRunner(transport::UdpLink& link, const Credentials& credentials, RunnerOptions options, RateLimiter* rate);
  ~FlowRunner();
  FlowRunner(const FlowRunner&) = delete;
  FlowRunner& operator=(const FlowRunner&) = delete;

  InputRecord run(const Input& input, std::uint64_t index = 0);

  // Forgets the shared sessions without a word to the BMC (it restarted, or may have).
  void reset_sessions();
  // Closes the shared sessions (Close Session, bounded waits); what was sent is returned.
  InputRecord close_sessions();

  struct Counters {
    std::uint64_t sessions_established = 0;
    std::uint64_t session_failures = 0;
  };
  const Counters& counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipmict::netfuzz
