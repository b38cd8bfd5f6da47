#pragma once
// The oracle: is the target still alive? An RMCP Presence Ping (ASF 2.0 §3.2.4.3) and Get
// Device ID (IPMI 2.0 §20.1) in a fresh session of the target's protocol, each with a
// bounded number of tries. "Fresh" matters: a BMC whose session layer hangs may still
// answer inside sessions it already has, and a BMC whose network task died answers nothing.
//
// Verdicts:
//   alive        Get Device ID answered (any completion code)
//   refused      the BMC answers but would not open a session (table full, wrong password):
//                not down, but worth a line in the log
//   ipmi_silent  the Presence Ping is answered, IPMI is not: the IPMI service hangs
//   silent       nothing answers: the BMC (or its network task) crashed or hangs
//   unreachable  ICMP port unreachable: nothing listens any more (the process is gone)
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/network/target.hpp"

namespace ipmict::netfuzz {

enum class Verdict : std::uint8_t { alive, refused, ipmi_silent, silent, unreachable };

std::string_view verdict_name(Verdict v);
// A BMC that stopped answering: the finding the oracle exists for.
bool is_down(Verdict v);

struct LivenessOptions {
  std::chrono::milliseconds timeout{500};  // per try, for the ping and for each session datagram
  unsigned retries = 1;                    // tries after the first
  bool use_asf = true;                     // false when the target never answered pings
};

struct LivenessResult {
  Verdict verdict = Verdict::silent;
  bool asf_answered = false;
  std::string detail;  // one line
};

LivenessResult probe_liveness(const TargetEndpoint& endpoint, const Credentials& credentials,
                              session::Protocol protocol, const LivenessOptions& options);

}  // namespace ipmict::netfuzz
