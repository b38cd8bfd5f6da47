// IPMI 1.5 sessions, BMC side (IPMI 2.0 §22.16 Get Session Challenge, §22.17 Activate
// Session, §22.17.1 AuthCodes, §6.12.12 sequence numbers): session-less messages, the
// two activation commands, and the checks on every in-session packet.
#include <algorithm>

#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/ipmi15_auth.hpp"
#include "protocol/session/server_session_impl.hpp"
#include "protocol/wire/netfn.hpp"
#include "protocol/wire/rmcp.hpp"

namespace ipmict::session {
namespace {

constexpr std::uint8_t kCmdGetSessionChallenge = 0x39;
constexpr std::uint8_t kCmdActivateSession = 0x3a;
constexpr std::size_t kMaxPendingChallenges = 32;  // bounded: a flood of challenges must not grow memory

// Generic completion codes (IPMI 2.0 Table 5-2).
constexpr std::uint8_t kCcInvalidDataField = 0xcc;
constexpr std::uint8_t kCcRequestDataLength = 0xc7;

bool implemented15(AuthType t) {
  return t == AuthType::none || t == AuthType::md2 || t == AuthType::md5 || t == AuthType::straight_password;
}

Bytes user_name_of(const catalog::DecodedFields& d) {
  const catalog::FieldValue* f = d.find("user_name");
  if (f == nullptr) return {};
  Bytes name = f->bytes;
  // §22.16: the name is NUL padded to 16 bytes; the name proper ends at the first NUL.
  const auto nul = std::find(name.begin(), name.end(), std::uint8_t{0});
  name.erase(nul, name.end());
  return name;
}

std::uint8_t length_or_field(const DecodeError& e) {
  return e.code == DecodeErrc::truncated || e.code == DecodeErrc::trailing_bytes ? kCcRequestDataLength
                                                                                   : kCcInvalidDataField;
}

}  // namespace

Bytes ServerSessions::Impl::v15_frame_sessionless(const IpmiResponse& r) {
  const Bytes ipmi = encode_ipmi_response(r);
  Session15 h;
  h.payload = view(ipmi);
  Bytes body = encode_session15(h);
  if (body.empty()) return {};
  if (session15_wants_legacy_pad(kRmcpHeaderSize + body.size())) {
    h.legacy_pad = true;
    body = encode_session15(h);
  }
  return encode_rmcp(RmcpHeader{}, view(body));
}

// An IPMI 1.5 session message from the BMC: the header, the AuthCode over the session ID,
// message and sequence number as they appear in the header (§22.17.1), and the legacy pad
// where senders add one.
Bytes ServerSessions::Impl::v15_frame(AuthType type, std::uint32_t session_id, std::uint32_t sequence,
                                      const crypto::SecureBytes& password16, const IpmiResponse& r) {
  const Bytes ipmi = encode_ipmi_response(r);
  Session15 h;
  h.auth_type = type;
  h.session_id = session_id;
  h.session_sequence = sequence;
  if (h.auth_type != AuthType::none) {
    auto code = crypto::ipmi15_auth_code(h.auth_type, password16.view(), h.session_id, view(ipmi), sequence);
    if (!code) return {};
    h.auth_code = *code;
  }
  h.payload = view(ipmi);
  Bytes body = encode_session15(h);
  if (body.empty()) return {};
  if (session15_wants_legacy_pad(kRmcpHeaderSize + body.size())) {
    h.legacy_pad = true;
    body = encode_session15(h);
  }
  return encode_rmcp(RmcpHeader{}, view(body));
}

Bytes ServerSessions::Impl::v15_frame_activation(const PendingChallenge& c, const crypto::SecureBytes& password16,
                                                 std::uint32_t sequence, const IpmiResponse& r) {
  // The Activate Session response travels with the activation auth type and the temporary
  // session ID, and is the first message of the BMC's outbound sequence: it carries the
  // "initial outbound sequence number" the console asked for (§22.17 request bytes 19:22).
  // FreeIPMI seeds its inbound window from it and drops every later reply when it is 0;
  // OpenIPMI sends it too (docs/interpretations.md I-ACTIVATE-SEQ).
  return v15_frame(c.auth_type, c.temporary_id, sequence, password16, r);
}

Bytes ServerSessions::Impl::v15_frame_session(ServerSession& s, const IpmiResponse& r) {
  return v15_frame(s.auth_type, s.id, next_outbound15(s), s.password16, r);
}

void ServerSessions::Impl::v15_receive(const Session15& packet, const Peer& peer, TimePoint now) {
  auto m = decode_ipmi_request(packet.payload, packet.payload_offset);
  if (packet.session_id == 0) {
    // Session-less (§13.6): auth type none, sequence 0. Get Channel Authentication
    // Capabilities and friends go to the BMC model; Get Session Challenge is ours.
    if (packet.auth_type != AuthType::none) {
      note("session-less IPMI 1.5 packet with an AuthCode");
      return;
    }
    if (!m) {
      note("IPMI message does not decode: " + to_string(m.error()));
      return;
    }
    if (m->netfn == kNetFnApp && m->cmd == kCmdGetSessionChallenge) {
      if (!config.ipmi15) {
        note("IPMI 1.5 sessions are disabled on this channel: Get Session Challenge ignored");
        return;
      }
      v15_session_challenge(*m, now);
      return;
    }
    pass_to_bmc(*m, ServerFraming::sessionless15, nullptr, peer);
    return;
  }
  if (!config.ipmi15) {
    note("IPMI 1.5 sessions are disabled on this channel");
    return;
  }
  ServerSession* s = find_id(packet.session_id, false);
  if (s == nullptr) {
    auto c = std::find_if(challenges.begin(), challenges.end(),
                          [&](const PendingChallenge& p) { return p.temporary_id == packet.session_id; });
    if (c == challenges.end()) {
      note("IPMI 1.5 session ID " + std::to_string(packet.session_id) + " is not known");
      return;
    }
    PendingChallenge challenge = *c;
    v15_activate(packet, std::move(challenge), now, peer);
    return;
  }
  if (packet.auth_type != s->auth_type) {
    note("authentication type " + std::to_string(static_cast<unsigned>(packet.auth_type)) +
         " differs from the session's");
    return;
  }
  const bool skip_auth = config.quirks.null_user_any_password && s->user && s->user->name.empty();
  if (s->auth_type != AuthType::none && !skip_auth) {
    // §22.17.1: every message carries an AuthCode of the session's type (per-message
    // authentication is always on here).
    auto code = crypto::ipmi15_auth_code(s->auth_type, s->password16.view(), packet.session_id, packet.payload,
                                         packet.session_sequence);
    if (!code || !packet.auth_code ||
        !crypto::constant_time_equal(ByteView(code->data(), code->size()),
                                     ByteView(packet.auth_code->data(), packet.auth_code->size()))) {
      note("IPMI 1.5 AuthCode does not verify: dropped");
      return;
    }
  }
  if (!config.quirks.ignore_replay_window) {
    if (auto why = s->inbound.accept(packet.session_sequence)) {
      note(*why + ": dropped");
      return;
    }
  }
  if (!m) {
    note("IPMI message does not decode: " + to_string(m.error()));
    return;
  }
  s->last_activity = now;
  if (session_command(*m, *s, now)) return;
  pass_to_bmc(*m, ServerFraming::in_session, s, peer);
}

void ServerSessions::Impl::v15_session_challenge(const IpmiRequest& m, TimePoint now) {
  auto d = catalog::decode_request(*cmd_session_challenge, view(m.data));
  if (!d) {
    reply(v15_frame_sessionless(response_to(m, length_or_field(d.error()))));
    return;
  }
  const auto type = static_cast<AuthType>(d->number("authentication_type").value_or(0xff));
  // §22.16: the type must be one the BMC supports on this channel (at some privilege).
  bool enabled = false;
  for (std::size_t p = 1; p <= 4; ++p)
    if ((config.auth_types[p] & (1u << static_cast<unsigned>(type))) != 0) enabled = true;
  if (!implemented15(type) || !enabled || !d->findings.empty()) {
    reply(v15_frame_sessionless(response_to(m, kCcInvalidDataField)));
    return;
  }
  const Bytes name = user_name_of(*d);
  auto user = directory.user_by_name(view(name));
  const bool usable = user && user->enabled && user->ipmi_messaging && user->privilege_limit != Privilege::no_access;
  if (!usable) {
    // §22.16: 81h invalid user name, 82h null user name (User 1) not enabled.
    reply(v15_frame_sessionless(response_to(m, name.empty() ? 0x82 : 0x81)));
    return;
  }
  PendingChallenge c;
  c.temporary_id = fresh_id();  // only real session IDs are reused by quirks.reuse_session_ids
  random.fill(c.challenge.data(), c.challenge.size());
  c.auth_type = type;
  c.user = *user;
  c.created = now;
  if (challenges.size() >= kMaxPendingChallenges) challenges.erase(challenges.begin());
  auto data = catalog::encode_response(
      *cmd_session_challenge,
      {{"temporary_session_id", c.temporary_id}, {"challenge_string", Bytes(c.challenge.begin(), c.challenge.end())}});
  if (!data) {
    note("cannot encode the Get Session Challenge response: " + data.error());
    return;
  }
  challenges.push_back(c);
  reply(v15_frame_sessionless(response_to(m, 0x00, std::move(*data))));
}

void ServerSessions::Impl::v15_activate(const Session15& packet, PendingChallenge c, TimePoint now,
                                        const Peer& peer) {
  if (packet.auth_type != c.auth_type) {
    note("Activate Session with authentication type other than the challenge's: dropped");
    return;
  }
  crypto::SecureBytes password16 = server_padded(view(c.user.password), crypto::kIpmi15PasswordLength);
  const bool any_password = config.quirks.null_user_any_password && c.user.name.empty();
  if (c.auth_type != AuthType::none) {
    auto code = crypto::ipmi15_auth_code(c.auth_type, password16.view(), packet.session_id, packet.payload,
                                         packet.session_sequence);
    const bool ok = code && packet.auth_code &&
                    crypto::constant_time_equal(ByteView(code->data(), code->size()),
                                                ByteView(packet.auth_code->data(), packet.auth_code->size()));
    if (!ok && !any_password) {
      // A wrong password: no reply (§22.17.1 gives no error for it; OpenIPMI drops too),
      // so a console learns nothing it could use for a password search.
      note("Activate Session AuthCode does not verify: dropped");
      return;
    }
    if (!ok && c.auth_type == AuthType::straight_password && packet.auth_code) {
      // quirks.null_user_any_password: take the console's password as the session's.
      password16 = crypto::SecureBytes(ByteView(packet.auth_code->data(), packet.auth_code->size()));
    }
  }
  auto m = decode_ipmi_request(packet.payload, packet.payload_offset);
  if (!m) {
    note("IPMI message does not decode: " + to_string(m.error()));
    return;
  }
  if (m->netfn != kNetFnApp || m->cmd != kCmdActivateSession) {
    note("only Activate Session may use a temporary session ID: dropped");
    return;
  }
  auto error = [&](std::uint8_t cc) { reply(v15_frame_sessionless(response_to(*m, cc))); };
  auto d = catalog::decode_request(*cmd_activate_session, view(m->data));
  if (!d) return error(length_or_field(d.error()));
  const auto type = static_cast<AuthType>(d->number("authentication_type").value_or(0xff));
  const auto requested = static_cast<std::uint8_t>(d->number("maximum_privilege_level").value_or(0));
  const catalog::FieldValue* challenge = d->find("challenge_string");
  const auto initial_outbound = static_cast<std::uint32_t>(d->number("initial_outbound_sequence_number").value_or(0));
  if (type != c.auth_type || !d->findings.empty() || challenge == nullptr ||
      !crypto::constant_time_equal(view(challenge->bytes), ByteView(c.challenge.data(), c.challenge.size()))) {
    return error(kCcInvalidDataField);
  }
  if (requested < static_cast<std::uint8_t>(Privilege::callback) ||
      requested > static_cast<std::uint8_t>(Privilege::oem)) {
    return error(kCcInvalidDataField);
  }
  // §22.17: 86h when the requested maximum exceeds the user's or the channel's limit.
  if (requested > static_cast<std::uint8_t>(user_limit(c.user))) return error(0x86);
  // The type must be enabled for that privilege (Set LAN Config parameter 2, Table 23-4).
  if ((config.auth_types[requested] & (1u << static_cast<unsigned>(type))) == 0) return error(kCcInvalidDataField);
  if (table.size() >= config.max_sessions) return error(0x81);  // no session slot available
  if (c.user.session_limit != 0 && user_sessions(c.user.id) >= c.user.session_limit) return error(0x82);

  challenges.erase(std::remove_if(challenges.begin(), challenges.end(),
                                  [&](const PendingChallenge& p) { return p.temporary_id == c.temporary_id; }),
                   challenges.end());
  ServerSession& s = add_session(false, peer, now);
  s.state = ServerSessionState::active;
  s.user = c.user;
  s.auth_type = type;
  s.password16 = std::move(password16);
  s.max_privilege = static_cast<Privilege>(requested);
  // §22.18: a session starts at User level (or below, when that is the maximum).
  s.privilege = requested < static_cast<std::uint8_t>(Privilege::user) ? s.max_privilege : Privilege::user;
  s.outbound = initial_outbound == 0 ? 1 : initial_outbound;
  const std::uint32_t initial_inbound = random.nonzero_u32();
  s.inbound.expect_first(initial_inbound);
  auto data = catalog::encode_response(*cmd_activate_session, {{"authentication_type", static_cast<unsigned>(type)},
                                                               {"session_id", s.id},
                                                               {"initial_inbound_sequence_number", initial_inbound},
                                                               {"maximum_privilege_level", requested}});
  if (!data) {
    note("cannot encode the Activate Session response: " + data.error());
    erase_serial(s.serial);
    return;
  }
  reply(v15_frame_activation(c, s.password16, next_outbound15(s), response_to(*m, 0x00, std::move(*data))));
}

}  // namespace ipmict::session
