#pragma once
// The capability probe run once per target before its cases (docs/results-model.md):
// Get Channel Authentication Capabilities (IPMI 1.5 / 2.0, auth types, the channel number),
// Get Channel Cipher Suites (the offered RMCP+ suites), Get Device ID (identity for the
// report) and, in a session, Get Session Info (the session's user ID for $user_id). What it
// learns feeds the capability gates of docs/case-format.md (`ipmi20`, `cipher-suite:17` ...).
#include <cstdint>
#include <optional>

#include "harness/runner/report_model.hpp"
#include "protocol/catalog/catalog.hpp"
#include "transports/transport.hpp"

namespace ipmict::runner {

struct ProbeResult {
  TargetIdentity identity;
  TargetCapabilities capabilities;
  std::optional<std::uint8_t> user_id;  // of the probing session, when Get Session Info answered
  bool answered = false;                // at least Get Device ID answered
  std::string error;                    // why not
};

// `channel`: the channel to ask about (0Eh "this channel" over LAN; the LAN channel's number
// from the system interface).
ProbeResult probe_target(transport::Transport& transport, const catalog::Catalog& catalog, std::uint8_t channel);

}  // namespace ipmict::runner
