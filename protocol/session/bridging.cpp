#include "protocol/session/bridging.hpp"

#include "protocol/wire/netfn.hpp"
#include "protocol/wire/send_message.hpp"

namespace ipmict::session {

WrappedRequest wrap_request(const Request& request, std::uint8_t rs_addr, std::uint8_t rq_addr, std::uint8_t rq_seq) {
  WrappedRequest w;
  IpmiRequest target{};
  target.netfn = request.netfn;
  target.rs_lun = request.lun;
  target.cmd = request.cmd;
  target.data = request.data;
  target.rq_seq = rq_seq;
  target.rq_lun = 0;
  w.innermost = MatchKey{request.netfn, request.cmd, rq_seq};
  if (!request.bridge) {
    target.rs_addr = rs_addr;
    target.rq_addr = rq_addr;
    w.message = std::move(target);
    w.outer = w.innermost;
    return w;
  }
  const Bridge& b = *request.bridge;
  // On the IPMB the BMC forwards the request, so it is the requester (IPMI 2.0 §22.7).
  target.rs_addr = b.target_address;
  target.rq_addr = kBmcSlaveAddress;
  IpmiRequest layer = std::move(target);
  w.depth = 1;
  std::uint8_t channel = b.channel;
  if (b.transit_channel && b.transit_address) {
    // Double bridging: the transit controller receives a Send Message to the target channel.
    IpmiRequest transit{};
    transit.rs_addr = *b.transit_address;
    transit.netfn = kNetFnApp;
    transit.cmd = kCmdSendMessage;
    transit.rq_addr = kBmcSlaveAddress;
    transit.rq_seq = rq_seq;
    transit.data = encode_send_message_request(b.channel, SendMessageTracking::track_request, layer);
    layer = std::move(transit);
    channel = *b.transit_channel;
    w.depth = 2;
  }
  IpmiRequest outer{};
  outer.rs_addr = rs_addr;
  outer.netfn = kNetFnApp;
  outer.cmd = kCmdSendMessage;
  outer.rq_addr = rq_addr;
  outer.rq_seq = rq_seq;
  outer.data = encode_send_message_request(channel, SendMessageTracking::track_request, layer);
  w.message = std::move(outer);
  w.outer = MatchKey{kNetFnApp, kCmdSendMessage, rq_seq};
  return w;
}

Response to_response(const IpmiResponse& r) { return Response{r.netfn, r.cmd, r.completion_code, r.data}; }

Unwrapped unwrap_response(const IpmiResponse& outer, unsigned depth) {
  IpmiResponse current = outer;
  for (unsigned level = 0; level < depth; ++level) {
    if (current.completion_code != 0) return to_response(current);
    auto inner = decode_bridged_response(view(current.data));
    if (!inner) return "bridged response (level " + std::to_string(level + 1) + "): " + to_string(inner.error());
    if (!inner->has_value()) return AwaitSeparate{};
    current = std::move(**inner);
  }
  return to_response(current);
}

}  // namespace ipmict::session
