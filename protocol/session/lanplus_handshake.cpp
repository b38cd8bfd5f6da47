// The RMCP+ session set-up (IPMI 2.0 §13.14-13.24, §22.13, §22.15):
//   Get Channel Authentication Capabilities (IPMI 1.5 framing, "IPMI v2.0 data" bit set)
//   → Get Channel Cipher Suites (unless the suite is given) → Open Session → RAKP 1/2 →
//   RAKP 3/4 → Set Session Privilege Level (in session) → established.
#include <algorithm>

#include "protocol/crypto/constant_time.hpp"
#include "protocol/session/cipher_suite_records.hpp"
#include "protocol/session/client_session_impl.hpp"
#include "protocol/wire/rakp_messages.hpp"

namespace ipmict::session {
namespace {

// Table 13-15 statuses that mean "not these algorithms": the next candidate suite may work.
bool refuses_algorithms(std::uint8_t status) {
  switch (status) {
    case 0x04: case 0x05: case 0x06: case 0x07: case 0x10: case 0x11: return true;
    default: return false;
  }
}

std::string suite_list(const std::vector<std::uint8_t>& ids) {
  std::string out;
  for (const std::uint8_t id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out.empty() ? "none" : out;
}

constexpr std::uint8_t kPrivilegeBits = 0x0f;

}  // namespace

void ClientSession::Impl::lanplus_start(TimePoint now) {
  suite_explicit = config.cipher_suite.has_value();
  // §22.13: sent outside a session in IPMI 1.5 format, so that any BMC answers it; bit 7
  // asks for the IPMI 2.0 extended capabilities that say whether RMCP+ is supported.
  send_command(Step::auth_caps, commands.get_channel_auth_caps(),
               commands.get_channel_auth_caps_request(config.channel, config.privilege, true), Framing::sessionless15,
               tries(), now);
}

void ClientSession::Impl::lanplus_auth_caps(const IpmiResponse& r, std::size_t data_offset, TimePoint now) {
  auto caps = accept_auth_caps(r, data_offset);
  if (!caps) return;
  if (!caps->supports_ipmi20()) {
    fail_session(make_failure(Step::auth_caps, Failure::Kind::unsupported,
                              "the BMC does not report IPMI 2.0 (RMCP+) support on this channel; try IPMI 1.5 (lan)"));
    return;
  }
  if (suite_explicit) {
    suite_candidates = {*config.cipher_suite};
    candidate = 0;
    lanplus_open_session(now);
    return;
  }
  cipher_records.clear();
  cipher_list_index = 0;
  // Optional command: one try only (tick() falls back to suites 17, 3 on its timeout).
  send_command(Step::cipher_suites, commands.get_channel_cipher_suites(),
               commands.get_channel_cipher_suites_request(config.channel, cipher_list_index), Framing::sessionless_plus,
               1, now);
}

void ClientSession::Impl::lanplus_cipher_suites(const IpmiResponse& r, std::size_t data_offset, TimePoint now) {
  if (r.completion_code != 0) {
    // An error answer is as good as none: the command is optional (§22.15).
    lanplus_cipher_suites_unanswered(now);
    return;
  }
  auto records = commands.decode_channel_cipher_suites(view(r.data), data_offset);
  if (!records) return on_malformed("Get Channel Cipher Suites response", records.error());
  cipher_records.insert(cipher_records.end(), records->begin(), records->end());
  // §22.15: the list is read 16 bytes at a time; a shorter answer is the last one.
  if (records->size() == kCipherSuiteRecordBytesPerResponse && cipher_list_index < kCipherSuiteMaxListIndex) {
    ++cipher_list_index;
    send_command(Step::cipher_suites, commands.get_channel_cipher_suites(),
                 commands.get_channel_cipher_suites_request(config.channel, cipher_list_index),
                 Framing::sessionless_plus, 1, now);
    return;
  }
  auto parsed = decode_cipher_suite_records(view(cipher_records), 0);
  if (!parsed) {
    return on_malformed("Get Channel Cipher Suites record data (offsets count from the first record byte)",
                        parsed.error());
  }
  pending.reset();
  suite_candidates = choose_cipher_suites(*parsed);
  candidate = 0;
  if (suite_candidates.empty()) {
    std::vector<std::uint8_t> offered;
    for (const CipherSuiteRecord& rec : *parsed) offered.push_back(rec.id);
    fail_session(make_failure(Step::cipher_suites, Failure::Kind::unsupported,
                              "no cipher suite in common: the BMC lists " + suite_list(offered) +
                                  "; ipmict implements 0-3, 6-8, 11, 12, 15-17"));
    return;
  }
  lanplus_open_session(now);
}

void ClientSession::Impl::lanplus_cipher_suites_unanswered(TimePoint now) {
  pending.reset();
  suite_candidates = {17, 3};
  candidate = 0;
  lanplus_open_session(now);
}

void ClientSession::Impl::lanplus_open_session(TimePoint now) {
  suite = crypto::find_cipher_suite(suite_candidates[candidate]);
  if (suite == nullptr || !suite->implemented) {
    const std::uint8_t id = suite_candidates[candidate];
    suite = nullptr;
    fail_session(make_failure(Step::open_session, Failure::Kind::unsupported,
                              "cipher suite " + std::to_string(id) + " is not implemented (xRC4, OEM or reserved)"));
    return;
  }
  // §13.17: the console picks a non-zero session ID of its own; the BMC uses it in every
  // packet it sends to us.
  console_session_id = random.nonzero_u32();
  bmc_session_id = 0;
  sik.clear();
  k1.clear();
  k2.clear();
  OpenSessionRequest m;
  m.message_tag = ++message_tag;
  m.requested_max_privilege = static_cast<std::uint8_t>(static_cast<std::uint8_t>(config.privilege) & kPrivilegeBits);
  m.console_session_id = console_session_id;
  m.authentication_payload = algorithm_payload(kAuthenticationPayload, static_cast<std::uint8_t>(suite->auth));
  m.integrity_payload = algorithm_payload(kIntegrityPayload, static_cast<std::uint8_t>(suite->integrity));
  m.confidentiality_payload =
      algorithm_payload(kConfidentialityPayload, static_cast<std::uint8_t>(suite->confidentiality));
  Pending p;
  p.step = Step::open_session;
  p.datagram = plus_frame_setup(PayloadType::open_session_request, view(encode_open_session_request(m)));
  p.max_sends = tries();
  pending = std::move(p);
  send_pending(now);
}

void ClientSession::Impl::lanplus_open_session_response(ByteView payload, std::size_t offset, TimePoint now) {
  if (!pending || pending->step != Step::open_session) {
    discard("Open Session Response while no Open Session Request is outstanding");
    return;
  }
  auto m = decode_open_session_response(payload, offset);
  if (!m) {
    // Some BMCs (OpenIPMI ipmi_sim among them) refuse with only the message tag and a
    // non-zero status, where §13.18 keeps the fields up to the console session ID. The
    // status is still unambiguous, so take it as the refusal it is: a client that gave up
    // here could never fall back to a suite the BMC accepts. (docs/interpretations.md
    // I-SHORT-STATUS)
    if (payload.size() >= 2 && payload[0] == message_tag && payload[1] != kRmcpPlusStatusNoErrors) {
      OpenSessionResponse refusal;
      refusal.message_tag = payload[0];
      refusal.status_code = payload[1];
      refusal.console_session_id = console_session_id;
      m = refusal;
    } else {
      return on_malformed("Open Session Response", m.error());
    }
  }
  if (m->message_tag != message_tag) {
    discard("Open Session Response with message tag " + hex_byte(m->message_tag) + ", expected " +
            hex_byte(message_tag));
    return;
  }
  if (m->console_session_id != console_session_id) {
    discard("Open Session Response for another remote console session ID");
    return;
  }
  pending.reset();
  const std::uint8_t id = suite->id;
  if (m->status_code != kRmcpPlusStatusNoErrors) {
    const bool refused = refuses_algorithms(m->status_code);
    if (refused && !suite_explicit && candidate + 1 < suite_candidates.size()) {
      ++candidate;  // the BMC refuses this suite: try the next one it might take
      lanplus_open_session(now);
      return;
    }
    fail_session(make_failure(Step::open_session, refused ? Failure::Kind::unsupported : Failure::Kind::rejected,
                              (refused ? "cipher suite " + std::to_string(id) + " refused: " : std::string()) +
                                  rmcpplus_status_text(m->status_code),
                              m->status_code));
    return;
  }
  // §13.18: the BMC names the algorithms it will use; they must be the ones we asked for.
  const bool same = m->authentication_payload->algorithm_number() == static_cast<std::uint8_t>(suite->auth) &&
                    m->integrity_payload->algorithm_number() == static_cast<std::uint8_t>(suite->integrity) &&
                    m->confidentiality_payload->algorithm_number() ==
                        static_cast<std::uint8_t>(suite->confidentiality);
  if (!same) {
    fail_session(make_failure(Step::open_session, Failure::Kind::rejected,
                              "the BMC answered with algorithms other than cipher suite " + std::to_string(id) +
                                  "'s (authentication " + hex_byte(m->authentication_payload->algorithm_number()) +
                                  ", integrity " + hex_byte(m->integrity_payload->algorithm_number()) +
                                  ", confidentiality " + hex_byte(m->confidentiality_payload->algorithm_number()) + ")"));
    return;
  }
  if (*m->bmc_session_id == 0) {
    fail_session(make_failure(Step::open_session, Failure::Kind::malformed,
                              "Managed System Session ID 0 (reserved for packets outside a session) at offset " +
                                  std::to_string(offset + 8)));
    return;
  }
  bmc_session_id = *m->bmc_session_id;

  // RAKP Message 1 (§13.20): our random Rm and the role we ask for; the role byte, with
  // its name-only-lookup bit, is HMAC input on both sides (I-ROLE-BYTE).
  rakp = crypto::RakpInputs{};
  rakp.console_session_id = console_session_id;
  rakp.bmc_session_id = bmc_session_id;
  rakp.console_random = random.bytes<kRakpRandomSize>();
  rakp.role = static_cast<std::uint8_t>((static_cast<std::uint8_t>(config.privilege) & kPrivilegeBits) |
                                        (config.name_only_lookup ? kRakpRoleNameOnlyLookup : 0));
  rakp.username = config.username;
  Rakp1 r1;
  r1.message_tag = ++message_tag;
  r1.bmc_session_id = bmc_session_id;
  r1.console_random = rakp.console_random;
  r1.requested_role = rakp.role;
  r1.username = config.username;
  Pending p;
  p.step = Step::rakp2;
  p.datagram = plus_frame_setup(PayloadType::rakp1, view(encode_rakp1(r1)));
  p.max_sends = tries();
  pending = std::move(p);
  send_pending(now);
}

void ClientSession::Impl::lanplus_rakp2(ByteView payload, std::size_t offset, TimePoint now) {
  if (!pending || pending->step != Step::rakp2) {
    discard("RAKP Message 2 while no RAKP Message 1 is outstanding");
    return;
  }
  auto m = decode_rakp2(payload, offset);
  if (!m) return on_malformed("RAKP Message 2", m.error());
  if (m->message_tag != message_tag || m->console_session_id != console_session_id) {
    discard("RAKP Message 2 for another message tag or session");
    return;
  }
  pending.reset();
  if (m->status_code != kRmcpPlusStatusNoErrors) {
    fail_session(make_failure(Step::rakp2, Failure::Kind::rejected, rmcpplus_status_text(m->status_code),
                              m->status_code));
    return;
  }
  rakp.bmc_random = *m->bmc_random;
  rakp.bmc_guid = *m->bmc_guid;
  // §13.31: the BMC proves it knows K_UID (the user's password) with HMAC_KUID over both
  // randoms, both session IDs, its GUID, the role and the user name.
  auto expected = crypto::rakp2_key_exchange_auth_code(suite->auth, user_key.view(), rakp);
  if (!expected) {
    fail_session(make_failure(Step::rakp2, Failure::Kind::bad_request,
                              "cannot compute the RAKP 2 HMAC: " + std::string(crypto::to_string(expected.error()))));
    return;
  }
  if (!crypto::constant_time_equal(view(*expected), view(m->key_exchange_auth_code))) {
    fail_session(make_failure(Step::rakp2, Failure::Kind::authentication,
                              "wrong password or user name (RAKP 2 HMAC mismatch)"));
    return;
  }
  // SIK keyed by K_G when set, else K_UID (§13.31, I-KG-ZERO); K1, K2 from the SIK (§13.32).
  auto s = crypto::session_integrity_key(suite->auth, crypto::select_kg(kg.view(), user_key.view()), rakp);
  auto a1 = s ? crypto::derive_additional_key(suite->auth, s->view(), 0x01) : crypto::CryptoResult<crypto::SecureBytes>();
  auto a2 = s ? crypto::derive_additional_key(suite->auth, s->view(), 0x02) : crypto::CryptoResult<crypto::SecureBytes>();
  auto r3code = crypto::rakp3_key_exchange_auth_code(suite->auth, user_key.view(), rakp);
  if (!s || !a1 || !a2 || !r3code) {
    fail_session(make_failure(Step::rakp2, Failure::Kind::bad_request, "cannot derive the session keys"));
    return;
  }
  sik = std::move(*s);
  k1 = std::move(*a1);
  k2 = std::move(*a2);
  if (config.skip_rakp3) {
    // The probe's half-open session: keys known, RAKP 3 never sent (ClientConfig::skip_rakp3).
    plus_outbound = 0;
    plus_inbound = SequenceWindow(SequenceWindow::kRmcpPlus);
    granted = Privilege::unspecified;
    on_established(now);
    return;
  }
  Rakp3 r3;
  r3.message_tag = ++message_tag;
  r3.status_code = kRmcpPlusStatusNoErrors;
  r3.bmc_session_id = bmc_session_id;
  r3.key_exchange_auth_code = std::move(*r3code);
  Pending p;
  p.step = Step::rakp4;
  p.datagram = plus_frame_setup(PayloadType::rakp3, view(encode_rakp3(r3)));
  p.max_sends = tries();
  pending = std::move(p);
  send_pending(now);
}

void ClientSession::Impl::lanplus_rakp4(ByteView payload, std::size_t offset, TimePoint now) {
  if (!pending || pending->step != Step::rakp4) {
    discard("RAKP Message 4 while no RAKP Message 3 is outstanding");
    return;
  }
  auto m = decode_rakp4(payload, offset);
  if (!m) return on_malformed("RAKP Message 4", m.error());
  if (m->message_tag != message_tag || m->console_session_id != console_session_id) {
    discard("RAKP Message 4 for another message tag or session");
    return;
  }
  pending.reset();
  if (m->status_code != kRmcpPlusStatusNoErrors) {
    fail_session(make_failure(Step::rakp4, Failure::Kind::rejected, rmcpplus_status_text(m->status_code),
                              m->status_code));
    return;
  }
  // §13.31: the ICV is keyed by the SIK; RAKP 2 already proved the password, so a
  // mismatch here means the two sides keyed the SIK differently: K_G.
  auto expected = crypto::rakp4_integrity_check_value(suite->auth, sik.view(), rakp);
  if (!expected || !crypto::constant_time_equal(view(*expected), view(m->integrity_check_value))) {
    fail_session(make_failure(Step::rakp4, Failure::Kind::authentication,
                              "RAKP 4 integrity check value mismatch: the BMC derived a different session key; "
                              "check K_G (the BMC key): set it if the BMC has one, leave it unset if not"));
    return;
  }
  plus_outbound = 0;
  plus_inbound = SequenceWindow(SequenceWindow::kRmcpPlus);
  set_privilege(now);
}

void ClientSession::Impl::set_privilege(TimePoint now) {
  // §22.18: sessions start at User level (or the Open Session maximum for RMCP+ on some
  // BMCs); the console raises it explicitly, as ipmitool and FreeIPMI do.
  send_command(Step::set_privilege, commands.set_session_privilege_level(),
               commands.set_session_privilege_request(config.privilege), Framing::in_session, tries(), now);
}

void ClientSession::Impl::set_privilege_response(const IpmiResponse& r, std::size_t data_offset, TimePoint now) {
  if (r.completion_code != 0) {
    pending.reset();
    // 80h/81h: the privilege is not available to this user/channel (nothing both sides
    // support); others (82h, generic codes): the BMC refused.
    const bool unsupported = r.completion_code == 0x80 || r.completion_code == 0x81;
    const std::string text =
        SessionCommands::completion_code_text(commands.set_session_privilege_level(), r.completion_code);
    fail_session(make_failure(Step::set_privilege, unsupported ? Failure::Kind::unsupported : Failure::Kind::rejected,
                              text, r.completion_code));
    return;
  }
  auto level = commands.decode_set_session_privilege(view(r.data), data_offset);
  if (!level) return on_malformed("Set Session Privilege Level response", level.error());
  pending.reset();
  granted = static_cast<Privilege>(*level);
  on_established(now);
}

}  // namespace ipmict::session
