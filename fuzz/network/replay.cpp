#include "fuzz/network/replay.hpp"

#include <thread>

#include "fuzz/network/rate_limiter.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::netfuzz {

LivenessResult confirm_liveness(const TargetEndpoint& endpoint, const Credentials& credentials, session::Protocol protocol,
                                const LivenessOptions& options, unsigned probes, std::chrono::milliseconds pause) {
  LivenessResult result;
  for (unsigned i = 0; i < std::max(1u, probes); ++i) {
    if (i > 0) std::this_thread::sleep_for(pause);
    result = probe_liveness(endpoint, credentials, protocol, options);
    if (!is_down(result.verdict)) return result;
  }
  return result;
}

ReplayOutcome run_and_probe(const std::vector<Input>& inputs, const TargetEndpoint& endpoint, const Credentials& credentials,
                            session::Protocol protocol, const ReplayOptions& options) {
  ReplayOutcome out;
  auto link = transport::UdpLink::open(endpoint.host, endpoint.port);
  if (!link) {
    out.error = link.error().message;
    return out;
  }
  out.local = (*link)->local_endpoint();
  out.remote = (*link)->remote_endpoint();
  RateLimiter rate(options.rate);
  {
    FlowRunner runner(**link, credentials, options.runner, &rate);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      out.records.push_back(runner.run(inputs[i], i));
      if (out.records.back().target_gone) break;
    }
    // Sessions are left as they are: closing them would add datagrams to the reproducer
    // and could mask a BMC that is already down.
  }
  out.liveness = confirm_liveness(endpoint, credentials, protocol, options.liveness, options.probes, options.probe_pause);
  return out;
}

}  // namespace ipmict::netfuzz
