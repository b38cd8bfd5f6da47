#pragma once
// Runs a list of inputs against a target and asks the liveness oracle afterwards: the
// core of `ipmict fuzz --replay FILE`, and of every shrinking attempt.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/network/flow_runner.hpp"
#include "fuzz/network/input.hpp"
#include "fuzz/network/input_record.hpp"
#include "fuzz/network/liveness.hpp"
#include "fuzz/network/target.hpp"
#include "transports/ip_endpoint.hpp"

namespace ipmict::netfuzz {

struct ReplayOptions {
  RunnerOptions runner;
  LivenessOptions liveness;
  double rate = 0;  // datagrams per second, 0 = no limit
  // The target counts as down only when every probe says so (a pause between them lets a
  // merely busy BMC catch up).
  unsigned probes = 2;
  std::chrono::milliseconds probe_pause{500};
};

struct ReplayOutcome {
  std::vector<InputRecord> records;  // what each input sent and received
  LivenessResult liveness;           // the last probe
  transport::IpEndpoint local, remote;
  std::optional<std::string> error;  // the socket could not be opened
};

ReplayOutcome run_and_probe(const std::vector<Input>& inputs, const TargetEndpoint& endpoint, const Credentials& credentials,
                            session::Protocol protocol, const ReplayOptions& options);

// Asks the oracle up to `probes` times; returns the first probe that finds the target up,
// else the last one.
LivenessResult confirm_liveness(const TargetEndpoint& endpoint, const Credentials& credentials, session::Protocol protocol,
                                const LivenessOptions& options, unsigned probes, std::chrono::milliseconds pause);

}  // namespace ipmict::netfuzz
