#pragma once
// What each flow's steps look like before anything is sent: the generator picks only
// mutations a step can take (an ASF tag for an ASF step, checksums for an IPMI message,
// an AuthCode for a step inside a session). The steps themselves are built by the flow
// runner (flow_runner.hpp) from the live exchange.
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/network/input.hpp"
#include "fuzz/network/step_message.hpp"

namespace ipmict::netfuzz {

struct StepShape {
  StepKind kind = StepKind::rmcpplus;
  bool ipmi_message = false;  // the payload is an IPMI request (checksums, netFn/cmd fields)
  bool in_session = false;    // integrity / AuthCode applies
  bool inner_lengths = false; // the payload has length fields of its own
  std::uint8_t weight = 1;    // how often mutations land on this step, relative to the others
};

// The steps of a flow, in order. Empty for raw (its steps are its datagrams).
std::span<const StepShape> flow_shape(FlowKind kind);

}  // namespace ipmict::netfuzz
