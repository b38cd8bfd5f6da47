// RMCP+ framing (IPMI 2.0 §13.6 Table 13-8, §13.28, §13.29): outbound IPMI messages and
// session-setup payloads, and the checks every inbound RMCP+ packet goes through.
#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/session/client_session_impl.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rmcp.hpp"

namespace ipmict::session {
namespace {

// Session-setup payloads and session-less messages: Session ID 0, sequence 0, no
// trailer (§13.6: the trailer exists only for authenticated packets inside a session).
Bytes outside_session(PayloadType type, ByteView payload) {
  RmcpPlusSession h;
  h.payload_type = type;
  h.payload = payload;
  RmcpPlusUnsigned u = encode_rmcpplus_unsigned(h, 0);
  if (u.bytes.empty()) return {};
  const Bytes body = finish_rmcpplus(std::move(u), ByteView());
  return encode_rmcp(RmcpHeader{}, view(body));
}

}  // namespace

Bytes ClientSession::Impl::plus_frame_sessionless(const IpmiRequest& message) {
  const Bytes payload = encode_ipmi_request(message);
  return outside_session(PayloadType::ipmi, view(payload));
}

Bytes ClientSession::Impl::plus_frame_setup(PayloadType type, ByteView payload) {
  return outside_session(type, payload);
}

Bytes ClientSession::Impl::plus_frame_in_session(const IpmiRequest& message) {
  if (suite == nullptr) return {};
  const Bytes plain = encode_ipmi_request(message);
  // §6.12.13: the outbound session sequence number starts at 1, is incremented for every
  // packet (retries included) and skips 0, which marks packets outside a session.
  ++plus_outbound;
  if (plus_outbound == 0) plus_outbound = 1;
  Bytes payload;
  const bool encrypted = suite->confidentiality != crypto::ConfidentialityAlg::none;
  if (encrypted) {
    // §13.29: AES-CBC-128 with a fresh random IV for each packet, keyed by K2.
    const auto iv = random.bytes<crypto::kAesBlockLength>();
    auto sealed = crypto::aes_cbc_128_encrypt(k2.view(), ByteView(iv.data(), iv.size()), view(plain));
    if (!sealed) return {};
    payload = std::move(*sealed);
  } else {
    payload = plain;
  }
  RmcpPlusSession h;
  h.payload_type = PayloadType::ipmi;
  h.encrypted = encrypted;
  h.authenticated = suite->integrity != crypto::IntegrityAlg::none;
  h.session_id = bmc_session_id;
  h.session_sequence = plus_outbound;
  h.payload = view(payload);
  const std::size_t auth_length = crypto::integrity_auth_code_length(suite->integrity);
  RmcpPlusUnsigned u = encode_rmcpplus_unsigned(h, auth_length);
  if (u.bytes.empty()) return {};
  Bytes auth_code;
  if (u.needs_auth_code) {
    const ByteView covered = ByteView(u.bytes).subspan(u.covered_begin, u.covered_end - u.covered_begin);
    auto code = crypto::integrity_auth_code(suite->integrity, k1.view(), user_key.view(), covered);
    if (!code) return {};
    auth_code = std::move(*code);
  }
  const Bytes body = finish_rmcpplus(std::move(u), view(auth_code));
  if (body.empty()) return {};
  return encode_rmcp(RmcpHeader{}, view(body));
}

void ClientSession::Impl::plus_receive(const RmcpPlusSession& packet, ByteView datagram, TimePoint now) {
  if (config.protocol != Protocol::lanplus) {
    discard("RMCP+ packet in an IPMI 1.5 session");
    return;
  }
  if (is_session_setup_payload(packet.payload_type)) {
    switch (packet.payload_type) {
      case PayloadType::open_session_response:
        lanplus_open_session_response(packet.payload, packet.payload_offset, now);
        return;
      case PayloadType::rakp2: lanplus_rakp2(packet.payload, packet.payload_offset, now); return;
      case PayloadType::rakp4: lanplus_rakp4(packet.payload, packet.payload_offset, now); return;
      default:
        discard("a console-side session-setup payload (" +
                std::string(payload_type_name(packet.payload_type).value_or("?")) + ") from the BMC");
        return;
    }
  }
  if (packet.payload_type != PayloadType::ipmi) {
    discard("payload type " + hex_byte(static_cast<std::uint8_t>(packet.payload_type)) + " is not handled");
    return;
  }
  if (packet.session_id == 0) {
    // A session-less reply (Get Channel Cipher Suites, §22.15): never encrypted.
    if (packet.encrypted) {
      discard("encrypted payload outside a session");
      return;
    }
    auto r = decode_ipmi_response(packet.payload, packet.payload_offset);
    if (!r) return on_malformed("IPMI message", r.error());
    on_message(*r, packet.payload_offset + 7, now);
    return;
  }
  if (suite == nullptr || console_session_id == 0 || packet.session_id != console_session_id) {
    discard("session ID " + std::to_string(packet.session_id) + " is not this session's");
    return;
  }
  if (k1.empty() && suite->integrity != crypto::IntegrityAlg::none) {
    discard("session packet before the session keys exist (RAKP 4 not yet verified)");
    return;
  }
  // §13.28.4: integrity first, so that a forged or corrupted packet can neither be
  // decrypted nor move the sequence window.
  if (suite->integrity != crypto::IntegrityAlg::none) {
    if (!packet.authenticated || !packet.trailer) {
      discard("unauthenticated packet in a session that negotiated " + std::string(crypto::name(suite->integrity)));
      return;
    }
    const ByteView covered = datagram.subspan(packet.covered_begin, packet.covered_end - packet.covered_begin);
    auto ok = crypto::verify_integrity_auth_code(suite->integrity, k1.view(), user_key.view(), covered,
                                                 packet.trailer->auth_code);
    if (!ok || !*ok) {
      discard("integrity AuthCode does not verify");
      return;
    }
  }
  const bool want_encrypted = suite->confidentiality != crypto::ConfidentialityAlg::none;
  if (packet.encrypted != want_encrypted) {
    discard(want_encrypted ? "unencrypted payload in a session that negotiated AES-CBC-128"
                           : "encrypted payload in a session without confidentiality");
    return;
  }
  if (auto why = plus_inbound.accept(packet.session_sequence)) {
    discard(*why);
    return;
  }
  Bytes plain;
  std::size_t offset = packet.payload_offset;
  if (packet.encrypted) {
    // §13.29.1 pad bytes are checked for length only (I-AES-PAD): BMCs differ.
    auto opened = crypto::aes_cbc_128_decrypt(k2.view(), packet.payload, false);
    if (!opened) {
      return on_malformed("encrypted payload",
                          DecodeError{DecodeErrc::decrypt_failed, packet.payload_offset, "rmcpplus.confidentiality"});
    }
    plain = std::move(*opened);
    offset += crypto::kAesBlockLength;  // after the IV; offsets inside are of the plaintext
  } else {
    plain.assign(packet.payload.begin(), packet.payload.end());
  }
  auto r = decode_ipmi_response(view(plain), offset);
  if (!r) return on_malformed("IPMI message", r.error());
  on_message(*r, offset + 7, now);
}

}  // namespace ipmict::session
