// IPMI 1.5 session framing (IPMI 2.0 §13.6 Table 13-8, §22.17.1 AuthCodes, §6.12.12
// sequence numbers): outbound messages and the checks on every inbound 1.5 packet.
#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/ipmi15_auth.hpp"
#include "protocol/session/client_session_impl.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rmcp.hpp"

namespace ipmict::session {

Bytes ClientSession::Impl::v15_frame(const IpmiRequest& message, Framing framing) {
  const Bytes ipmi = encode_ipmi_request(message);
  Session15 s;
  switch (framing) {
    case Framing::activation:
      // §22.17: Activate Session travels with the temporary session ID from Get Session
      // Challenge, sequence number 0, and the AuthCode of the chosen type.
      s.auth_type = auth_type;
      s.session_id = challenge.temporary_session_id;
      s.session_sequence = 0;
      break;
    case Framing::in_session:
      s.auth_type = session_auth_type;
      s.session_id = bmc_session_id;
      s.session_sequence = v15_outbound;
      // §6.12.12: incremented for every message; 0 is skipped when it wraps, because the
      // BMC reads 0 as "outside a session".
      ++v15_outbound;
      if (v15_outbound == 0) v15_outbound = 1;
      break;
    default:  // session-less: auth type none, session 0, sequence 0 (§22.13, §22.16)
      break;
  }
  if (s.auth_type != AuthType::none) {
    auto code = crypto::ipmi15_auth_code(s.auth_type, password16.view(), s.session_id, view(ipmi), s.session_sequence);
    if (!code) return {};
    s.auth_code = *code;
  }
  s.payload = view(ipmi);
  Bytes body = encode_session15(s);
  if (body.empty()) return {};
  if (session15_wants_legacy_pad(kRmcpHeaderSize + body.size())) {
    s.legacy_pad = true;  // §13.6: the legacy pad after 56, 84, 112, 128, 156-byte payloads
    body = encode_session15(s);
  }
  return encode_rmcp(RmcpHeader{}, view(body));
}

void ClientSession::Impl::v15_receive(const Session15& packet, TimePoint now) {
  if (packet.session_id == 0) {
    // Session-less replies (Get Channel Auth Caps, Get Session Challenge, and error
    // replies to Activate Session) carry no AuthCode.
    if (packet.auth_type != AuthType::none) {
      discard("session-less IPMI 1.5 packet with an AuthCode");
      return;
    }
    auto r = decode_ipmi_response(packet.payload, packet.payload_offset);
    if (!r) return on_malformed("IPMI message", r.error());
    on_message(*r, packet.payload_offset + 7, now);
    return;
  }
  const bool activating = pending && pending->step == Step::activate_session;
  if (config.protocol != Protocol::lan15 ||
      (!activating && (bmc_session_id == 0 || packet.session_id != bmc_session_id))) {
    discard("session ID " + std::to_string(packet.session_id) + " is not this session's");
    return;
  }
  // §22.17.1: the BMC's AuthCode is computed like ours, over its own session ID, sequence
  // number and message; the Activate Session response uses the type being activated.
  const AuthType expected = activating ? auth_type : session_auth_type;
  if (packet.auth_type != expected) {
    discard("authentication type " + hex_byte(static_cast<std::uint8_t>(packet.auth_type)) + " where " +
            hex_byte(static_cast<std::uint8_t>(expected)) + " was negotiated");
    return;
  }
  if (expected != AuthType::none) {
    auto code = crypto::ipmi15_auth_code(expected, password16.view(), packet.session_id, packet.payload,
                                         packet.session_sequence);
    if (!code || !packet.auth_code ||
        !crypto::constant_time_equal(ByteView(code->data(), code->size()),
                                     ByteView(packet.auth_code->data(), packet.auth_code->size()))) {
      discard("IPMI 1.5 AuthCode does not verify");
      return;
    }
  }
  if (!activating) {
    if (auto why = v15_inbound.accept(packet.session_sequence)) {
      discard(*why);
      return;
    }
  }
  auto r = decode_ipmi_response(packet.payload, packet.payload_offset);
  if (!r) return on_malformed("IPMI message", r.error());
  on_message(*r, packet.payload_offset + 7, now);
}

}  // namespace ipmict::session
