#include "fuzz/network/flow_shape.hpp"

namespace ipmict::netfuzz {
namespace {

using K = StepKind;

// Weights put most mutations on the step the flow is about (RAKP 3 in the rakp3 flow);
// the earlier steps are the live set-up that gets it there, mutated now and then.
constexpr StepShape kAsfPing[] = {{K::asf, false, false, false, 1}};
constexpr StepShape kAuthCaps15[] = {{K::session15, true, false, false, 1}};
constexpr StepShape kAuthCaps20[] = {{K::rmcpplus, true, false, false, 1}};
constexpr StepShape kOpenSession[] = {{K::rmcpplus, false, false, true, 1}};
constexpr StepShape kRakp1[] = {{K::rmcpplus, false, false, true, 1}, {K::rmcpplus, false, false, true, 6}};
constexpr StepShape kRakp3[] = {
    {K::rmcpplus, false, false, true, 1}, {K::rmcpplus, false, false, true, 1}, {K::rmcpplus, false, false, false, 5}};
constexpr StepShape kChallenge[] = {{K::session15, true, false, false, 1}};
constexpr StepShape kActivate[] = {{K::session15, true, false, false, 1}, {K::session15, true, true, false, 4}};
constexpr StepShape kIpmi15Request[] = {{K::session15, true, true, false, 1}};
constexpr StepShape kRmcpPlusRequest[] = {{K::rmcpplus, true, true, false, 1}};

}  // namespace

std::span<const StepShape> flow_shape(FlowKind kind) {
  switch (kind) {
    case FlowKind::asf_ping: return kAsfPing;
    case FlowKind::auth_caps15: return kAuthCaps15;
    case FlowKind::auth_caps20: return kAuthCaps20;
    case FlowKind::open_session: return kOpenSession;
    case FlowKind::rakp1: return kRakp1;
    case FlowKind::rakp3: return kRakp3;
    case FlowKind::ipmi15_challenge: return kChallenge;
    case FlowKind::ipmi15_activate: return kActivate;
    case FlowKind::ipmi15_request: return kIpmi15Request;
    case FlowKind::rmcpplus_request: return kRmcpPlusRequest;
    case FlowKind::raw: return {};
  }
  return {};
}

}  // namespace ipmict::netfuzz
