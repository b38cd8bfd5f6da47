#include "protocol/wire/rmcpplus_session.hpp"

#include <algorithm>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/reader.hpp"
#include "protocol/core/writer.hpp"

namespace ipmict {

bool operator==(const RmcpPlusSession::Trailer& a, const RmcpPlusSession::Trailer& b) {
  return a.pad_length == b.pad_length && a.next_header == b.next_header && std::ranges::equal(a.auth_code, b.auth_code);
}

bool operator==(const RmcpPlusSession& a, const RmcpPlusSession& b) {
  return a.encrypted == b.encrypted && a.authenticated == b.authenticated && a.payload_type == b.payload_type &&
         a.oem == b.oem && a.session_id == b.session_id && a.session_sequence == b.session_sequence &&
         std::ranges::equal(a.payload, b.payload) && a.trailer == b.trailer;
}

bool rmcpplus_has_trailer(const RmcpPlusSession& header) {
  // IPMI 2.0 §13.6: the trailer exists only for authenticated payloads, and payloads
  // outside a session (Session ID 0: Open Session, RAKP) are never authenticated.
  return header.authenticated && header.session_id != 0;
}

Decoded<RmcpPlusSession> decode_rmcpplus_session(ByteView rmcp_body, std::size_t base_offset,
                                                 std::size_t auth_code_length) {
  Reader r(rmcp_body, base_offset);
  RmcpPlusSession s;
  const std::size_t auth_type_at = r.offset();
  const std::uint8_t auth_type = r.u8("rmcpplus.auth_type");
  if (r.ok() && auth_type != static_cast<std::uint8_t>(AuthType::rmcp_plus)) {
    r.fail_at(DecodeErrc::bad_value, auth_type_at, "rmcpplus.auth_type");
  }
  const std::uint8_t payload_type = r.u8("rmcpplus.payload_type");
  s.encrypted = (payload_type & kPayloadEncryptedBit) != 0;
  s.authenticated = (payload_type & kPayloadAuthenticatedBit) != 0;
  s.payload_type = static_cast<PayloadType>(payload_type & kPayloadTypeMask);
  if (r.ok() && s.payload_type == PayloadType::oem_explicit) {
    RmcpPlusSession::OemExplicit oem;
    oem.oem_iana = r.u32le("rmcpplus.oem_iana");
    oem.oem_payload_id = r.u16le("rmcpplus.oem_payload_id");
    s.oem = oem;
  }
  s.session_id = r.u32le("rmcpplus.session_id");
  s.session_sequence = r.u32le("rmcpplus.session_sequence");
  const std::uint16_t length = r.u16le("rmcpplus.payload_length");
  s.payload_offset = r.offset();
  s.payload = r.bytes(length, "rmcpplus.payload");
  s.covered_begin = s.covered_end = base_offset;
  if (!r.ok()) return r.finish(s);

  if (!rmcpplus_has_trailer(s)) {
    r.expect_end("rmcpplus.end");
    return r.finish(s);
  }

  // The trailer is read from both ends: the AuthCode length is known, Next Header and Pad
  // Length precede it, and whatever lies between the payload and Pad Length is the pad.
  // That accepts any pad the bytes agree with (0 or 4 when aligned, see the header).
  if (r.remaining() < 2 + auth_code_length) {
    r.fail(DecodeErrc::truncated, "rmcpplus.session_trailer");
    return r.finish(s);
  }
  const std::size_t pad_at = r.offset();
  const ByteView pad = r.bytes(r.remaining() - 2 - auth_code_length, "rmcpplus.integrity_pad");
  const std::size_t pad_length_at = r.offset();
  RmcpPlusSession::Trailer t;
  t.pad_length = r.u8("rmcpplus.pad_length");
  const std::size_t next_header_at = r.offset();
  t.next_header = r.u8("rmcpplus.next_header");
  t.auth_code = r.bytes(auth_code_length, "rmcpplus.auth_code");
  if (!r.ok()) return r.finish(s);

  if (t.pad_length != pad.size()) {
    r.fail_at(DecodeErrc::bad_length, pad_length_at, "rmcpplus.pad_length");
  }
  for (std::size_t i = 0; i < pad.size(); ++i) {
    if (pad[i] != kIntegrityPadByte) r.fail_at(DecodeErrc::bad_value, pad_at + i, "rmcpplus.integrity_pad");
  }
  if ((next_header_at + 1 - base_offset) % 4 != 0) {
    r.fail_at(DecodeErrc::bad_length, pad_length_at, "rmcpplus.pad_length");
  }
  if (t.next_header != kRmcpPlusNextHeader) r.fail_at(DecodeErrc::bad_value, next_header_at, "rmcpplus.next_header");
  s.trailer = t;
  s.covered_end = next_header_at + 1;
  return r.finish(s);
}

namespace {

// Header and payload; false when the payload does not fit the 16-bit length field.
bool write_header_and_payload(Writer& w, const RmcpPlusSession& s) {
  if (s.payload.size() > 0xffff) return false;
  std::uint8_t type = static_cast<std::uint8_t>(static_cast<std::uint8_t>(s.payload_type) & kPayloadTypeMask);
  if (s.encrypted) type = static_cast<std::uint8_t>(type | kPayloadEncryptedBit);
  if (s.authenticated) type = static_cast<std::uint8_t>(type | kPayloadAuthenticatedBit);
  w.u8(static_cast<std::uint8_t>(AuthType::rmcp_plus)).u8(type);
  if (s.oem) w.u32le(s.oem->oem_iana).u16le(s.oem->oem_payload_id);
  w.u32le(s.session_id).u32le(s.session_sequence).u16le(static_cast<std::uint16_t>(s.payload.size()));
  w.bytes(s.payload);
  return true;
}

void write_pad(Writer& w, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) w.u8(kIntegrityPadByte);
}

}  // namespace

Bytes encode_rmcpplus_session(const RmcpPlusSession& session) {
  Writer w;
  if (!write_header_and_payload(w, session)) return {};
  if (session.trailer) {
    write_pad(w, session.trailer->pad_length);
    w.u8(session.trailer->pad_length).u8(session.trailer->next_header).bytes(session.trailer->auth_code);
  }
  return w.take();
}

std::uint8_t rmcpplus_integrity_pad_length(std::size_t header_and_payload_length) {
  return static_cast<std::uint8_t>((4 - (header_and_payload_length + 2) % 4) % 4);
}

RmcpPlusUnsigned encode_rmcpplus_unsigned(const RmcpPlusSession& header, std::size_t auth_code_length,
                                          std::optional<std::uint8_t> integrity_pad_override) {
  RmcpPlusUnsigned u;
  Writer w;
  if (!write_header_and_payload(w, header)) return u;
  if (rmcpplus_has_trailer(header)) {
    const std::uint8_t pad = integrity_pad_override.value_or(rmcpplus_integrity_pad_length(w.size()));
    write_pad(w, pad);
    w.u8(pad).u8(kRmcpPlusNextHeader);
    u.needs_auth_code = true;
    u.auth_code_length = auth_code_length;
    u.covered_end = w.size();
  }
  u.bytes = w.take();
  return u;
}

Bytes finish_rmcpplus(RmcpPlusUnsigned unsigned_packet, ByteView auth_code) {
  if (unsigned_packet.bytes.empty()) return {};
  const std::size_t expected = unsigned_packet.needs_auth_code ? unsigned_packet.auth_code_length : 0;
  if (auth_code.size() != expected) return {};
  unsigned_packet.bytes.insert(unsigned_packet.bytes.end(), auth_code.begin(), auth_code.end());
  return std::move(unsigned_packet.bytes);
}

}  // namespace ipmict
