#include "protocol/wire/datagram.hpp"

#include "protocol/core/auth_type.hpp"

namespace ipmict {

namespace {

template <class T>
Decoded<Datagram> wrap(const RmcpHeader& h, Decoded<T> body) {
  if (!body) return tl::unexpected(body.error());
  return Datagram{h, std::move(*body)};
}

}  // namespace

Decoded<Datagram> decode_datagram(ByteView udp_payload, std::size_t rmcpplus_auth_code_length) {
  auto packet = decode_rmcp(udp_payload);
  if (!packet) return tl::unexpected(packet.error());
  const RmcpHeader& h = packet->header;
  const ByteView body = packet->body;
  if (h.ack) return Datagram{h, RmcpAck{h}};
  switch (h.message_class) {
    case kRmcpClassAsf:
      return wrap(h, decode_asf(body, kRmcpHeaderSize));
    case kRmcpClassIpmi:
      if (body.empty()) return decode_error(DecodeErrc::truncated, kRmcpHeaderSize, "session.auth_type");
      if (body[0] == static_cast<std::uint8_t>(AuthType::rmcp_plus)) {
        return wrap(h, decode_rmcpplus_session(body, kRmcpHeaderSize, rmcpplus_auth_code_length));
      }
      return wrap(h, decode_session15(body, kRmcpHeaderSize));
    case kRmcpClassOem:
      // ASF 2.0: OEM-class bodies start with an IANA number and are vendor-defined.
      return decode_error(DecodeErrc::unsupported, kRmcpHeaderSize - 1, "rmcp.message_class");
    default:
      return decode_error(DecodeErrc::bad_value, kRmcpHeaderSize - 1, "rmcp.message_class");
  }
}

Bytes encode_datagram(const Datagram& datagram) {
  struct Body {
    Bytes operator()(const RmcpAck&) const { return {}; }
    Bytes operator()(const AsfMessage& m) const { return encode_asf(m); }
    Bytes operator()(const Session15& s) const { return encode_session15(s); }
    Bytes operator()(const RmcpPlusSession& s) const { return encode_rmcpplus_session(s); }
  };
  const Bytes body = std::visit(Body{}, datagram.message);
  return encode_rmcp(datagram.rmcp, view(body));
}

}  // namespace ipmict
