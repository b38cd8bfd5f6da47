#include "transports/asf_ping.hpp"

#include "protocol/core/decode_error.hpp"
#include "protocol/wire/rmcp.hpp"

namespace ipmict::transport {

namespace {

AsfPingError from_transport(const TransportError& e) {
  const auto kind = e.kind == TransportError::Kind::unreachable ? AsfPingError::Kind::unreachable
                    : e.kind == TransportError::Kind::bad_request ? AsfPingError::Kind::bad_request
                                                                  : AsfPingError::Kind::io;
  return AsfPingError{kind, e.message};
}

// Datagrams inspected per try: a bound on the loop whatever the peer sends.
constexpr int kMaxDatagramsPerTry = 1000;

}  // namespace

tl::expected<AsfPong, AsfPingError> asf_ping(UdpLink& link, const AsfPingOptions& options) {
  if (options.message_tag == 0xff) {
    return tl::unexpected(AsfPingError{AsfPingError::Kind::bad_request,
                                       "ASF message tag FFh means \"no response expected\" (ASF 2.0 §3.2.2.1); use 00h-FEh"});
  }
  // Sequence number FFh: no RMCP ACK wanted, as IPMI 2.0 §13.1.3 has it for IPMI traffic
  // and as common consoles (ipmitool, rmcp_ping) send the ping.
  const RmcpHeader header{kRmcpVersion1, 0x00, kRmcpSequenceNoAck, false, kRmcpClassAsf};
  const Bytes ping = encode_rmcp(header, view(encode_asf(asf_presence_ping(options.message_tag))));

  const unsigned tries = options.retries + 1;
  for (unsigned attempt = 0; attempt < tries; ++attempt) {
    if (auto sent = link.send(view(ping)); !sent) return tl::unexpected(from_transport(sent.error()));
    const auto deadline = UdpLink::Clock::now() + options.timeout;
    for (int n = 0; n < kMaxDatagramsPerTry; ++n) {
      auto got = link.receive(deadline);
      if (!got) return tl::unexpected(from_transport(got.error()));
      if (!*got) break;  // this try timed out
      const ByteView datagram = view(**got);
      auto rmcp = decode_rmcp(datagram);
      if (!rmcp || rmcp->header.ack || rmcp->header.message_class != kRmcpClassAsf) continue;  // not for us
      auto asf = decode_asf(rmcp->body, kRmcpHeaderSize);
      if (!asf) {
        return tl::unexpected(AsfPingError{AsfPingError::Kind::malformed,
                                           "malformed ASF reply from " + link.remote_endpoint().to_string() + ": " +
                                               to_string(asf.error())});
      }
      if (asf->message_type != kAsfPresencePong || asf->message_tag != options.message_tag) continue;
      auto pong = decode_asf_pong(*asf, kRmcpHeaderSize);
      if (!pong) {
        return tl::unexpected(AsfPingError{AsfPingError::Kind::malformed,
                                           "malformed Presence Pong from " + link.remote_endpoint().to_string() + ": " +
                                               to_string(pong.error())});
      }
      return *pong;
    }
  }
  return tl::unexpected(AsfPingError{AsfPingError::Kind::timeout,
                                     "no Presence Pong from " + link.remote_endpoint().to_string() + " after " +
                                         std::to_string(tries) + (tries == 1 ? " try" : " tries") + " of " +
                                         std::to_string(options.timeout.count()) + " ms"});
}

}  // namespace ipmict::transport
