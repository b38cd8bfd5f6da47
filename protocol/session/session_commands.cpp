#include "protocol/session/session_commands.hpp"

#include <algorithm>
#include <cstdio>

#include "protocol/core/completion_code.hpp"
#include "protocol/core/reader.hpp"
#include "protocol/core/writer.hpp"

namespace ipmict::session {
namespace {

constexpr std::uint8_t kLow4 = 0x0f;

std::string hex2(std::uint8_t v) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(v));
  return std::string(buf) + "h";
}

// Command-specific completion codes of the session commands (IPMI 2.0 §22.16-22.19).
const char* command_specific(std::uint8_t cmd, std::uint8_t cc) {
  switch (cmd) {
    case kCmdGetSessionChallenge:
      if (cc == 0x81) return "invalid user name";
      if (cc == 0x82) return "null user name (User 1) not enabled";
      break;
    case kCmdActivateSession:
      if (cc == 0x81) return "No session slot available";
      if (cc == 0x82) return "No slot available for given user";
      if (cc == 0x83) return "No slot available to support user due to maximum privilege capability";
      if (cc == 0x84) return "session sequence number out-of-range";
      if (cc == 0x85) return "invalid Session ID in request";
      if (cc == 0x86) return "requested maximum privilege level exceeds user and/or channel privilege limit";
      break;
    case kCmdSetSessionPrivilegeLevel:
      if (cc == 0x80) return "Requested level not available for this user";
      if (cc == 0x81) return "Requested level exceeds Channel and/or User Privilege Limit";
      if (cc == 0x82) return "Cannot disable User Level authentication";
      break;
    case kCmdCloseSession:
      if (cc == 0x87) return "invalid Session ID in request";
      if (cc == 0x88) return "invalid session handle in request";
      break;
    default: break;
  }
  return nullptr;
}

}  // namespace

bool ChannelAuthCapabilities::offers(AuthType t) const {
  const auto bit = static_cast<std::uint8_t>(t);
  if (bit > 5) return false;
  return (auth_type_support & (1u << bit)) != 0;
}

Bytes get_channel_auth_caps_request(std::uint8_t channel, Privilege privilege, bool ipmi20_data) {
  Writer w;
  w.u8(static_cast<std::uint8_t>((channel & kLow4) | (ipmi20_data ? 0x80 : 0x00)));
  w.u8(static_cast<std::uint8_t>(static_cast<std::uint8_t>(privilege) & kLow4));
  return w.take();
}

Decoded<ChannelAuthCapabilities> decode_channel_auth_caps(ByteView data, std::size_t base_offset) {
  Reader r(data, base_offset);
  ChannelAuthCapabilities c;
  c.channel = r.u8("auth_caps.channel");
  c.auth_type_support = r.u8("auth_caps.authentication_type_support");
  c.status = r.u8("auth_caps.authentication_status");
  c.extended = r.u8("auth_caps.extended_capabilities");
  const ByteView oem = r.bytes(3, "auth_caps.oem_id");
  if (oem.size() == 3) {
    c.oem_id = static_cast<std::uint32_t>(oem[0]) | (static_cast<std::uint32_t>(oem[1]) << 8) |
               (static_cast<std::uint32_t>(oem[2]) << 16);
  }
  c.oem_aux = r.u8("auth_caps.oem_auxiliary_data");
  r.expect_end();
  return r.finish(c);
}

Bytes get_channel_cipher_suites_request(std::uint8_t channel, std::uint8_t list_index) {
  Writer w;
  w.u8(channel & kLow4).u8(0x00 /* payload type IPMI */).u8(static_cast<std::uint8_t>(0x80 | (list_index & 0x3f)));
  return w.take();
}

Decoded<ByteView> decode_channel_cipher_suites(ByteView data, std::size_t base_offset) {
  Reader r(data, base_offset);
  r.u8("cipher_suites.channel");
  const ByteView records = r.rest();
  if (records.size() > 16) r.fail_at(DecodeErrc::trailing_bytes, base_offset + 17, "cipher_suites.record_data");
  return r.finish(records);
}

Bytes get_session_challenge_request(AuthType type, ByteView username) {
  Writer w;
  w.u8(static_cast<std::uint8_t>(type));
  const std::size_t n = username.size() < 16 ? username.size() : 16;
  w.bytes(username.first(n)).zeros(16 - n);
  return w.take();
}

Decoded<SessionChallenge> decode_session_challenge(ByteView data, std::size_t base_offset) {
  Reader r(data, base_offset);
  SessionChallenge c;
  c.temporary_session_id = r.u32le("session_challenge.temporary_session_id");
  const ByteView ch = r.bytes(16, "session_challenge.challenge_string");
  if (ch.size() == 16) std::copy(ch.begin(), ch.end(), c.challenge.begin());
  r.expect_end();
  return r.finish(c);
}

Bytes activate_session_request(AuthType type, Privilege privilege, const std::array<std::uint8_t, 16>& challenge,
                               std::uint32_t initial_outbound_sequence) {
  Writer w;
  w.u8(static_cast<std::uint8_t>(type)).u8(static_cast<std::uint8_t>(static_cast<std::uint8_t>(privilege) & kLow4));
  w.bytes(ByteView(challenge.data(), challenge.size())).u32le(initial_outbound_sequence);
  return w.take();
}

Decoded<ActivatedSession> decode_activate_session(ByteView data, std::size_t base_offset) {
  Reader r(data, base_offset);
  ActivatedSession s;
  s.auth_type = r.u8("activate_session.authentication_type");
  s.session_id = r.u32le("activate_session.session_id");
  s.initial_inbound_sequence = r.u32le("activate_session.initial_inbound_sequence_number");
  s.max_privilege = r.u8("activate_session.maximum_privilege_level");
  r.expect_end();
  return r.finish(s);
}

Bytes set_session_privilege_request(Privilege privilege) {
  return Bytes{static_cast<std::uint8_t>(static_cast<std::uint8_t>(privilege) & kLow4)};
}

Decoded<std::uint8_t> decode_set_session_privilege(ByteView data, std::size_t base_offset) {
  Reader r(data, base_offset);
  const std::uint8_t p = r.u8("set_session_privilege.new_privilege_level");
  r.expect_end();
  return r.finish(static_cast<std::uint8_t>(p & kLow4));
}

Bytes close_session_request(std::uint32_t session_id) {
  Writer w;
  w.u32le(session_id);
  return w.take();
}

std::string completion_code_text(std::uint8_t cmd, std::uint8_t cc) {
  std::string out = "completion code " + hex2(cc);
  if (const char* specific = command_specific(cmd, cc)) return out + " (" + specific + ")";
  if (auto generic = generic_completion_code_name(cc)) return out + " (" + std::string(*generic) + ")";
  return out;
}

}  // namespace ipmict::session
