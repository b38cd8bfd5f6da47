#pragma once
// Bridged requests (IPMI 2.0 §22.7 Send Message, §6.13 bridging): how a Request with a
// Bridge becomes the LAN message the BMC receives, and how its answer comes back.
//
// Single bridging (ipmitool -b/-t): Send Message (App 34h, track request) to the target
// channel; its data carries the IPMB request to the target, whose requester is the BMC
// (rqAddr 20h: on the IPMB the BMC is the one asking, §22.7) and whose rqSeq is the outer
// one (so the answer can be matched by it). Double bridging (-B/-T): the outer Send
// Message goes to the transit channel and address, and carries a second Send Message to
// the target channel.
//
// The answer comes back in one of two forms, both seen on real BMCs and both handled by
// ipmitool: (1) inside the Send Message response data (the IPMB response frame of the
// target, one level per bridge), or (2) a Send Message response with no data, followed by
// a separate LAN message that is the target's response (netFn, cmd and rqSeq of the
// innermost request).
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "protocol/core/bytes.hpp"
#include "protocol/session/request.hpp"
#include "protocol/wire/lan_message.hpp"

namespace ipmict::session {

// What identifies a response to a request: netFn (of the request), cmd and rqSeq.
struct MatchKey {
  std::uint8_t netfn = 0;
  std::uint8_t cmd = 0;
  std::uint8_t rq_seq = 0;
  bool matches(const IpmiResponse& r) const {
    return r.netfn == static_cast<std::uint8_t>(netfn + 1) && r.cmd == cmd && r.rq_seq == rq_seq;
  }
};

struct WrappedRequest {
  IpmiRequest message;  // what goes on the LAN
  MatchKey outer;       // the LAN message's own key
  MatchKey innermost;   // the target's request (== outer when not bridged)
  unsigned depth = 0;   // number of Send Message layers (0, 1, 2)
};

WrappedRequest wrap_request(const Request& request, std::uint8_t rs_addr, std::uint8_t rq_addr, std::uint8_t rq_seq);

// The caller's Response from a LAN response.
Response to_response(const IpmiResponse& r);

// Unwraps `depth` Send Message layers of a response to the outer message. Results:
// Response (the target's answer, or the Send Message response itself when a layer
// failed with a non-zero completion code: the caller sees which layer said no);
// AwaitSeparate (a layer had no data: the answer follows as its own message);
// std::string (a bridged frame did not decode: "<what> at offset N").
struct AwaitSeparate {};
using Unwrapped = std::variant<Response, AwaitSeparate, std::string>;
Unwrapped unwrap_response(const IpmiResponse& outer, unsigned depth);

}  // namespace ipmict::session
