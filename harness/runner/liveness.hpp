#pragma once
// The liveness probe after each case: is the target still answering? A case that crashes
// or wedges the BMC (DESIGN.md §12: zero-length datagrams, oversized lengths) must not turn
// every later case into a slow timeout that reads like a FAIL: once the probe fails, every
// remaining case of that target is ERROR "target stopped answering after <case>", at once.
#include <string>

#include "harness/runner/session_pool.hpp"
#include "transports/transport.hpp"

namespace ipmict::runner {

struct Liveness {
  bool alive = true;
  std::string error;  // the last failure, when not alive
};

// Get Device ID (App 06h/01h, mandatory, any privilege from User) on the pool's session at
// `privilege`; on failure the session is dropped and the probe tried once more on a fresh
// one (the case may have closed or broken the session without harming the BMC). Targets
// without a pool are probed on `fallback` (the system interface).
Liveness probe_liveness(SessionPool* pool, Privilege privilege, transport::Transport* fallback);

// "target stopped answering after <case id>" (+ the probe's error).
std::string stopped_answering_reason(const std::string& case_id, const std::string& error);

}  // namespace ipmict::runner
