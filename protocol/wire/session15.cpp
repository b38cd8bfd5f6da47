#include "protocol/wire/session15.hpp"

#include <algorithm>

#include "protocol/core/reader.hpp"
#include "protocol/core/writer.hpp"

namespace ipmict {

namespace {

bool is_session15_auth_type(std::uint8_t v) {
  // IPMI 2.0 Table 13-8 / §22.13: 03h is reserved; 06h selects the RMCP+ header instead.
  return v == 0x00 || v == 0x01 || v == 0x02 || v == 0x04 || v == 0x05;
}

}  // namespace

bool operator==(const Session15& a, const Session15& b) {
  return a.auth_type == b.auth_type && a.session_sequence == b.session_sequence && a.session_id == b.session_id &&
         a.auth_code == b.auth_code && std::ranges::equal(a.payload, b.payload) && a.legacy_pad == b.legacy_pad;
}

Decoded<Session15> decode_session15(ByteView rmcp_body, std::size_t base_offset) {
  Reader r(rmcp_body, base_offset);
  Session15 s;
  const std::size_t auth_type_at = r.offset();
  const std::uint8_t auth_type = r.u8("session15.auth_type");
  if (r.ok() && !is_session15_auth_type(auth_type)) {
    r.fail_at(DecodeErrc::bad_value, auth_type_at, "session15.auth_type");
  }
  s.auth_type = static_cast<AuthType>(auth_type);
  s.session_sequence = r.u32le("session15.session_sequence");
  s.session_id = r.u32le("session15.session_id");
  if (s.auth_type != AuthType::none) {
    const ByteView code = r.bytes(kSession15AuthCodeSize, "session15.auth_code");
    if (r.ok()) {
      std::array<std::uint8_t, kSession15AuthCodeSize> a{};
      std::ranges::copy(code, a.begin());
      s.auth_code = a;
    }
  }
  const std::uint8_t length = r.u8("session15.message_length");
  s.payload_offset = r.offset();
  s.payload = r.bytes(length, "session15.message");
  if (r.peek() == std::optional<std::uint8_t>(0x00)) {
    r.u8("session15.legacy_pad");
    s.legacy_pad = true;
  }
  r.expect_end("session15.end");
  return r.finish(s);
}

Bytes encode_session15(const Session15& session) {
  if (session.payload.size() > 0xff) return {};
  Writer w(1 + 4 + 4 + kSession15AuthCodeSize + 1 + session.payload.size() + 1);
  w.u8(static_cast<std::uint8_t>(session.auth_type)).u32le(session.session_sequence).u32le(session.session_id);
  if (session.auth_code) w.bytes(ByteView(session.auth_code->data(), session.auth_code->size()));
  w.u8(static_cast<std::uint8_t>(session.payload.size())).bytes(session.payload);
  if (session.legacy_pad) w.u8(0x00);
  return w.take();
}

bool session15_wants_legacy_pad(std::size_t udp_payload_length) {
  switch (udp_payload_length) {
    case 56:
    case 84:
    case 112:
    case 128:
    case 156:
      return true;
    default:
      return false;
  }
}

}  // namespace ipmict
