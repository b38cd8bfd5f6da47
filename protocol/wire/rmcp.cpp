#include "protocol/wire/rmcp.hpp"

#include "protocol/core/writer.hpp"

namespace ipmict {

Decoded<RmcpHeader> decode_rmcp_header(Reader& r) {
  RmcpHeader h;
  const std::size_t version_at = r.offset();
  h.version = r.u8("rmcp.version");
  h.reserved = r.u8("rmcp.reserved");
  h.sequence = r.u8("rmcp.sequence_number");
  const std::size_t class_at = r.offset();
  const std::uint8_t cls = r.u8("rmcp.message_class");
  if (r.ok() && h.version != kRmcpVersion1) r.fail_at(DecodeErrc::bad_value, version_at, "rmcp.version");
  if (r.ok() && (cls & 0x70u) != 0) r.fail_at(DecodeErrc::reserved_bits, class_at, "rmcp.message_class");
  h.ack = (cls & kRmcpClassAckBit) != 0;
  h.message_class = static_cast<std::uint8_t>(cls & 0x0fu);
  return r.finish(h);
}

Decoded<RmcpPacket> decode_rmcp(ByteView datagram) {
  Reader r(datagram);
  auto header = decode_rmcp_header(r);
  if (!header) return tl::unexpected(header.error());
  // ASF 2.0 §3.2.2.3: an ACK carries no data, only the header it acknowledges.
  if (header->ack) r.expect_end("rmcp.ack_body");
  RmcpPacket p{*header, r.rest()};
  return r.finish(p);
}

Bytes encode_rmcp_header(const RmcpHeader& header) {
  Writer w(kRmcpHeaderSize);
  w.u8(header.version).u8(header.reserved).u8(header.sequence);
  w.u8(static_cast<std::uint8_t>((header.ack ? kRmcpClassAckBit : 0u) | (header.message_class & 0x0fu)));
  return w.take();
}

Bytes encode_rmcp(const RmcpHeader& header, ByteView body) {
  Bytes out = encode_rmcp_header(header);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes encode_rmcp_ack(const RmcpHeader& acked) {
  RmcpHeader ack = acked;
  ack.ack = true;
  return encode_rmcp_header(ack);
}

}  // namespace ipmict
