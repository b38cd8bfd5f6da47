#include "protocol/capture/dissector.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "protocol/capture/ipmi_message_text.hpp"
#include "protocol/catalog/catalog.hpp"
#include "protocol/core/auth_type.hpp"
#include "protocol/core/privilege.hpp"
#include "protocol/core/reader.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/crypto/ipmi15_auth.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/crypto/secure_bytes.hpp"
#include "protocol/wire/asf.hpp"
#include "protocol/wire/payload_type.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "protocol/wire/rmcpplus_status.hpp"
#include "protocol/wire/session15.hpp"

namespace ipmict::capture {

Credentials::~Credentials() {
  crypto::secure_wipe(password);
  if (kg) crypto::secure_wipe(*kg);
}

namespace {

using crypto::AuthAlg;
using crypto::ConfidentialityAlg;
using crypto::IntegrityAlg;

// One RMCP+ session as seen in the capture: what the handshake told us, and the keys.
struct TrackedSession {
  std::uint32_t console_session_id = 0;  // SIDm: BMC -> console packets carry it
  std::uint32_t bmc_session_id = 0;      // SIDc: console -> BMC packets carry it
  AuthAlg auth = AuthAlg::none;
  IntegrityAlg integrity = IntegrityAlg::none;
  ConfidentialityAlg confidentiality = ConfidentialityAlg::none;
  crypto::RakpInputs rakp{};
  bool have_rakp1 = false;
  bool have_rakp2 = false;
  std::string rakp2_result;  // "verified", "FAILED ...", "not checked ..."
  std::string rakp4_result;
  bool keys_ready = false;
  crypto::SecureBytes sik;
  crypto::SecureBytes k1;
  crypto::SecureBytes k2;
  std::size_t verified = 0;
  std::size_t integrity_failures = 0;
  std::size_t decrypted = 0;
  std::size_t decrypt_failures = 0;
  std::size_t undecryptable = 0;  // encrypted, no keys
};

std::string hex32(std::uint32_t v) { return fmt::format("{:08x}h", v); }

std::string quoted_ascii(ByteView bytes) {
  std::string s = "\"";
  for (std::uint8_t b : bytes) {
    if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
      s.push_back(static_cast<char>(b));
    } else {
      s += fmt::format("\\x{:02x}", b);
    }
  }
  return s + "\"";
}

std::string status_text(std::uint8_t status) {
  const auto name = rmcpplus_status_name(status);
  return fmt::format("{:02x}h ({})", status, name ? *name : "reserved");
}

// Open Session and RAKP 1 (IPMI 2.0 §13.17, §13.20): [3:0] privilege, 0 = highest available.
std::string_view privilege_word(std::uint8_t byte) {
  const auto priv = privilege_name(byte & 0x0fu);
  return priv ? *priv : (byte & 0x0fu) == 0 ? "highest available" : "reserved";
}

std::string privilege_text(std::uint8_t byte) { return fmt::format("{:02x}h ({})", byte, privilege_word(byte)); }

std::string role_text(std::uint8_t role) {
  return fmt::format("{:02x}h ({}, {})", role, privilege_word(role),
                     (role & 0x10u) ? "name-only lookup" : "username/privilege lookup");
}

std::string suite_text(const TrackedSession& s) {
  const crypto::CipherSuite* suite = crypto::find_cipher_suite(s.auth, s.integrity, s.confidentiality);
  return fmt::format("{}{} / {} / {}", suite ? fmt::format("cipher suite {}: ", suite->id) : std::string(),
                     crypto::name(s.auth), crypto::name(s.integrity), crypto::name(s.confidentiality));
}

}  // namespace

struct Dissector::State {
  const catalog::Catalog& catalog;
  std::optional<Credentials> credentials;
  std::vector<TrackedSession> sessions;  // newest last; a capture holds few sessions
  std::vector<std::string> notes;
  std::size_t ipmi15_verified = 0;  // IPMI 1.5 auth codes checked against the password
  std::size_t ipmi15_failed = 0;

  State(const catalog::Catalog& c, std::optional<Credentials> cr) : catalog(c), credentials(std::move(cr)) {}

  TrackedSession* by_console_id(std::uint32_t id) {
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
      if (it->console_session_id == id) return &*it;
    }
    return nullptr;
  }
  TrackedSession* by_bmc_id(std::uint32_t id) {
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
      if (it->bmc_session_id == id) return &*it;
    }
    return nullptr;
  }
  // Packets to the BMC carry SIDc, packets to the console SIDm; a capture seldom lets us
  // tell the direction otherwise, so try both.
  TrackedSession* by_session_id(std::uint32_t id) {
    if (TrackedSession* s = by_bmc_id(id)) return s;
    return by_console_id(id);
  }

  std::vector<std::string> lines;
  PacketReport report;
  MessageSink message_sink;
  const DatagramMeta* current_meta = nullptr;  // set for the duration of dissect()

  void line(std::string s) { lines.push_back("  " + std::move(s)); }
  // The crypto layer takes passwords as text; ours are bytes read from a file or variable.
  std::string_view password_text() const {
    return std::string_view(reinterpret_cast<const char*>(credentials->password.data()),  // NOLINT: bytes as text
                            credentials->password.size());
  }
  void malformed(const DecodeError& e, std::string_view what, ByteView bytes) {
    report.malformed = true;
    line(fmt::format("malformed {}: {}", what, to_string(e)));
    line(fmt::format("hex: {}", to_hex(bytes)));
  }

  void dissect(ByteView udp);
  void dissect_asf(ByteView udp, ByteView body, std::size_t base);
  void dissect_session15(ByteView udp, ByteView body, std::size_t base);
  void dissect_rmcpplus(ByteView udp, ByteView body, std::size_t base);
  void dissect_setup_payload(PayloadType type, ByteView payload, std::size_t base);
  void dissect_session_payload(const RmcpPlusSession& s, ByteView udp);
  void check_rakp2(TrackedSession& t, const Rakp2& m);
  void check_rakp3(TrackedSession& t, const Rakp3& m);
  void check_rakp4(TrackedSession& t, const Rakp4& m);
  void describe_ipmi(ByteView message);
};

void Dissector::State::describe_ipmi(ByteView message) {
  if (message_sink && current_meta != nullptr) message_sink(*current_meta, message);
  MessageText text = describe_ipmi_message(catalog, message, "");
  if (text.malformed) report.malformed = true;
  for (auto& l : text.lines) line(std::move(l));
}

void Dissector::State::dissect(ByteView udp) {
  auto rmcp = decode_rmcp(udp);
  if (!rmcp) return malformed(rmcp.error(), "RMCP header", udp);
  const RmcpHeader& h = rmcp->header;
  const auto class_name = h.message_class == kRmcpClassAsf    ? "ASF"
                          : h.message_class == kRmcpClassIpmi ? "IPMI"
                          : h.message_class == kRmcpClassOem  ? "OEM"
                                                              : "reserved";
  line(fmt::format("rmcp: version {:02x}h, sequence {:02x}h, class {} ({:02x}h){}", h.version, h.sequence, class_name,
                   h.message_class, h.ack ? ", ACK" : ""));
  if (h.ack) return;  // an RMCP ACK carries nothing else
  const std::size_t base = kRmcpHeaderSize;
  if (h.message_class == kRmcpClassAsf) return dissect_asf(udp, rmcp->body, base);
  if (h.message_class != kRmcpClassIpmi) {
    line(fmt::format("body: {}", to_hex(rmcp->body)));
    return;
  }
  if (rmcp->body.empty()) {
    return malformed(DecodeError{DecodeErrc::truncated, base, "session auth_type"}, "IPMI session", udp);
  }
  if (rmcp->body[0] == static_cast<std::uint8_t>(AuthType::rmcp_plus)) return dissect_rmcpplus(udp, rmcp->body, base);
  dissect_session15(udp, rmcp->body, base);
}

void Dissector::State::dissect_asf(ByteView udp, ByteView body, std::size_t base) {
  auto asf = decode_asf(body, base);
  if (!asf) return malformed(asf.error(), "ASF message", udp);
  const char* type = asf->message_type == kAsfPresencePing   ? "Presence Ping"
                     : asf->message_type == kAsfPresencePong ? "Presence Pong"
                                                             : "ASF message";
  line(fmt::format("asf: {} ({:02x}h), IANA {}, message tag {:02x}h, data length {}", type, asf->message_type, asf->iana,
                   asf->message_tag, asf->data.size()));
  if (asf->message_type == kAsfPresencePong) {
    auto pong = decode_asf_pong(*asf, base);
    if (!pong) return malformed(pong.error(), "Presence Pong", udp);
    line(fmt::format("pong: IANA {}, OEM {:08x}h, supported entities {:02x}h (IPMI {}), interactions {:02x}h", pong->iana,
                     pong->oem_defined, pong->supported_entities, pong->ipmi_supported() ? "supported" : "not supported",
                     pong->supported_interactions));
  }
}

void Dissector::State::dissect_session15(ByteView udp, ByteView body, std::size_t base) {
  auto s = decode_session15(body, base);
  if (!s) return malformed(s.error(), "IPMI 1.5 session", udp);
  const auto at = auth_type_name(static_cast<std::uint8_t>(s->auth_type));
  line(fmt::format("session (IPMI 1.5): auth type {} ({:02x}h), sequence {}, session id {}, message length {}{}",
                   at ? *at : "reserved", static_cast<unsigned>(s->auth_type), hex32(s->session_sequence),
                   hex32(s->session_id), s->payload.size(), s->legacy_pad ? ", legacy pad" : ""));
  if (s->auth_code) {
    const ByteView received(s->auth_code->data(), s->auth_code->size());
    std::string verdict;
    if (s->auth_type == AuthType::oem) {
      verdict = "OEM auth type: not checked";
    } else if (!credentials) {
      verdict = "not checked (no password given)";
    } else {
      auto key = crypto::ipmi15_password_key(password_text());
      auto expect = key ? crypto::ipmi15_auth_code(s->auth_type, key->view(), s->session_id, s->payload, s->session_sequence)
                        : tl::unexpected(key.error());
      if (!expect) {
        verdict = fmt::format("cannot check: {}", crypto::to_string(expect.error()));
      } else if (crypto::constant_time_equal(ByteView(expect->data(), expect->size()), received)) {
        verdict = "verified";
        ++ipmi15_verified;
      } else {
        verdict = "FAILED: does not match the password (wrong password?)";
        report.verify_failed = true;
        ++ipmi15_failed;
      }
    }
    line(fmt::format("auth code: {} {}", to_hex(received, '\0'), verdict));
  }
  describe_ipmi(s->payload);
}

// Where the session ID sits in an RMCP+ header: after the payload type, or after the
// OEM IANA and payload ID for OEM explicit payloads (IPMI 2.0 Table 13-8).
std::optional<std::uint32_t> peek_rmcpplus_session_id(ByteView body) {
  Reader r(body);
  r.u8("auth_type");
  const std::uint8_t type = r.u8("payload_type");
  if ((type & kPayloadTypeMask) == static_cast<std::uint8_t>(PayloadType::oem_explicit)) r.bytes(6, "oem");
  const std::uint32_t id = r.u32le("session_id");
  return r.ok() ? std::optional<std::uint32_t>(id) : std::nullopt;
}

void Dissector::State::dissect_rmcpplus(ByteView udp, ByteView body, std::size_t base) {
  // The AuthCode's length depends on the session's integrity algorithm; for a session we
  // did not see set up, try the standard lengths and take the one that parses.
  const auto sid = peek_rmcpplus_session_id(body);
  TrackedSession* tracked = sid && *sid != 0 ? by_session_id(*sid) : nullptr;
  Decoded<RmcpPlusSession> s = decode_error(DecodeErrc::truncated, base, "rmcpplus");
  bool guessed = false;
  if (tracked != nullptr) {
    s = decode_rmcpplus_session(body, base, crypto::integrity_auth_code_length(tracked->integrity));
  } else {
    for (std::size_t len : {std::size_t{12}, std::size_t{16}, std::size_t{0}}) {
      s = decode_rmcpplus_session(body, base, len);
      if (s) {
        guessed = s->trailer.has_value();
        break;
      }
    }
    if (!s) s = decode_rmcpplus_session(body, base, 12);  // report the error for the most common length
  }
  if (!s) return malformed(s.error(), "RMCP+ session", udp);
  const auto type = static_cast<std::uint8_t>(s->payload_type);
  const auto type_name = payload_type_name(type);
  line(fmt::format("session (RMCP+): payload {} ({:02x}h){}{}, session id {}, sequence {}, payload length {}",
                   type_name ? *type_name : "reserved", type, s->encrypted ? ", encrypted" : "",
                   s->authenticated ? ", authenticated" : "", hex32(s->session_id), hex32(s->session_sequence),
                   s->payload.size()));
  if (s->oem) line(fmt::format("oem: IANA {}, payload id {:04x}h", s->oem->oem_iana & 0xffffffu, s->oem->oem_payload_id));
  if (s->trailer) {
    line(fmt::format("trailer: integrity pad {}, next header {:02x}h, auth code {}{}", s->trailer->pad_length,
                     s->trailer->next_header, to_hex(s->trailer->auth_code, '\0'),
                     guessed ? " (length guessed: session set-up not in the capture)" : ""));
  }
  if (is_session_setup_payload(s->payload_type)) {
    return dissect_setup_payload(s->payload_type, s->payload, s->payload_offset);
  }
  dissect_session_payload(*s, udp);
}

void Dissector::State::dissect_setup_payload(PayloadType type, ByteView payload, std::size_t base) {
  switch (type) {
    case PayloadType::open_session_request: {
      auto m = decode_open_session_request(payload, base);
      if (!m) return malformed(m.error(), "Open Session Request", payload);
      line(fmt::format("open session request: tag {:02x}h, max privilege {}, console session id {}", m->message_tag,
                       privilege_text(m->requested_max_privilege), hex32(m->console_session_id)));
      line(fmt::format("algorithms: authentication {:02x}h, integrity {:02x}h, confidentiality {:02x}h",
                       m->authentication_payload.algorithm_number(), m->integrity_payload.algorithm_number(),
                       m->confidentiality_payload.algorithm_number()));
      return;
    }
    case PayloadType::open_session_response: {
      auto m = decode_open_session_response(payload, base);
      if (!m) return malformed(m.error(), "Open Session Response", payload);
      line(fmt::format("open session response: tag {:02x}h, status {}, max privilege {}, console session id {}",
                       m->message_tag, status_text(m->status_code), privilege_text(m->max_privilege),
                       hex32(m->console_session_id)));
      if (!m->bmc_session_id || !m->authentication_payload || !m->integrity_payload || !m->confidentiality_payload) return;
      TrackedSession t;
      t.console_session_id = m->console_session_id;
      t.bmc_session_id = *m->bmc_session_id;
      const auto a = crypto::auth_alg_from_byte(m->authentication_payload->algorithm_number());
      const auto i = crypto::integrity_alg_from_byte(m->integrity_payload->algorithm_number());
      const auto c = crypto::confidentiality_alg_from_byte(m->confidentiality_payload->algorithm_number());
      line(fmt::format("bmc session id {}, algorithms {:02x}h/{:02x}h/{:02x}h", hex32(t.bmc_session_id),
                       m->authentication_payload->algorithm_number(), m->integrity_payload->algorithm_number(),
                       m->confidentiality_payload->algorithm_number()));
      if (!a || !i || !c) {
        line("algorithms: an OEM or reserved algorithm; the session's packets are shown undecoded");
        return;
      }
      t.auth = *a;
      t.integrity = *i;
      t.confidentiality = *c;
      t.rakp.console_session_id = t.console_session_id;
      t.rakp.bmc_session_id = t.bmc_session_id;
      line(fmt::format("negotiated: {}", suite_text(t)));
      sessions.push_back(std::move(t));
      return;
    }
    case PayloadType::rakp1: {
      auto m = decode_rakp1(payload, base);
      if (!m) return malformed(m.error(), "RAKP Message 1", payload);
      line(fmt::format("rakp 1: tag {:02x}h, bmc session id {}, requested role {}, user name {}", m->message_tag,
                       hex32(m->bmc_session_id), role_text(m->requested_role), quoted_ascii(view(m->username))));
      line(fmt::format("console random: {}", to_hex(ByteView(m->console_random), '\0')));
      if (TrackedSession* t = by_bmc_id(m->bmc_session_id)) {
        t->rakp.console_random = m->console_random;
        t->rakp.role = m->requested_role;
        t->rakp.username = m->username;
        t->have_rakp1 = true;
      }
      return;
    }
    case PayloadType::rakp2: {
      auto m = decode_rakp2(payload, base);
      if (!m) return malformed(m.error(), "RAKP Message 2", payload);
      line(fmt::format("rakp 2: tag {:02x}h, status {}, console session id {}", m->message_tag, status_text(m->status_code),
                       hex32(m->console_session_id)));
      if (m->bmc_random) line(fmt::format("bmc random: {}", to_hex(ByteView(*m->bmc_random), '\0')));
      if (m->bmc_guid) line(fmt::format("bmc guid: {}", to_hex(ByteView(*m->bmc_guid), '\0')));
      if (!m->key_exchange_auth_code.empty()) {
        line(fmt::format("key exchange auth code: {}", to_hex(view(m->key_exchange_auth_code), '\0')));
      }
      if (TrackedSession* t = by_console_id(m->console_session_id)) check_rakp2(*t, *m);
      return;
    }
    case PayloadType::rakp3: {
      auto m = decode_rakp3(payload, base);
      if (!m) return malformed(m.error(), "RAKP Message 3", payload);
      line(fmt::format("rakp 3: tag {:02x}h, status {}, bmc session id {}", m->message_tag, status_text(m->status_code),
                       hex32(m->bmc_session_id)));
      if (!m->key_exchange_auth_code.empty()) {
        line(fmt::format("key exchange auth code: {}", to_hex(view(m->key_exchange_auth_code), '\0')));
      }
      if (TrackedSession* t = by_bmc_id(m->bmc_session_id)) check_rakp3(*t, *m);
      return;
    }
    case PayloadType::rakp4: {
      auto m = decode_rakp4(payload, base);
      if (!m) return malformed(m.error(), "RAKP Message 4", payload);
      line(fmt::format("rakp 4: tag {:02x}h, status {}, console session id {}", m->message_tag, status_text(m->status_code),
                       hex32(m->console_session_id)));
      if (!m->integrity_check_value.empty()) {
        line(fmt::format("integrity check value: {}", to_hex(view(m->integrity_check_value), '\0')));
      }
      if (TrackedSession* t = by_console_id(m->console_session_id)) check_rakp4(*t, *m);
      return;
    }
    default:
      line(fmt::format("payload: {}", to_hex(payload)));
  }
}

void Dissector::State::check_rakp2(TrackedSession& t, const Rakp2& m) {
  if (m.status_code != kRmcpPlusStatusNoErrors || !m.bmc_random || !m.bmc_guid) {
    t.rakp2_result = fmt::format("refused by the BMC with status {}", status_text(m.status_code));
    return;
  }
  t.rakp.bmc_random = *m.bmc_random;
  t.rakp.bmc_guid = *m.bmc_guid;
  t.have_rakp2 = true;
  if (!t.have_rakp1) {
    t.rakp2_result = "not checked (RAKP 1 not in the capture)";
  } else if (!credentials) {
    t.rakp2_result = "not checked (no password given)";
  } else if (t.auth == AuthAlg::none) {
    t.rakp2_result = "no key exchange auth code (RAKP-none)";
  }
  if (!t.rakp2_result.empty()) {
    line("rakp 2 check: " + t.rakp2_result);
    return;
  }
  auto user_key = crypto::user_key_from_password(password_text());
  auto expect = user_key ? crypto::rakp2_key_exchange_auth_code(t.auth, user_key->view(), t.rakp)
                         : tl::unexpected(user_key.error());
  if (!expect) {
    t.rakp2_result = fmt::format("cannot check: {}", crypto::to_string(expect.error()));
  } else if (!crypto::constant_time_equal(view(*expect), view(m.key_exchange_auth_code))) {
    t.rakp2_result = "FAILED: the key exchange auth code does not match (wrong password or user name?)";
    report.verify_failed = true;
    notes.push_back(fmt::format("RMCP+ session {} user {}: RAKP 2 check failed: wrong password or user name",
                                hex32(t.console_session_id), quoted_ascii(view(t.rakp.username))));
  } else {
    t.rakp2_result = "verified";
    // IPMI 2.0 §13.31: SIK = HMAC_KG(Rm | Rc | RoleM | ULengthM | UNameM); K_G defaults to K_UID.
    const ByteView kg_bytes = credentials->kg ? view(*credentials->kg) : ByteView{};
    auto sik = crypto::session_integrity_key(t.auth, crypto::select_kg(kg_bytes, user_key->view()), t.rakp);
    if (sik) {
      auto k1 = crypto::derive_additional_key(t.auth, sik->view(), 0x01);
      auto k2 = crypto::derive_additional_key(t.auth, sik->view(), 0x02);
      if (k1 && k2) {
        t.sik = std::move(*sik);
        t.k1 = std::move(*k1);
        t.k2 = std::move(*k2);
        t.keys_ready = true;
      }
    }
  }
  line("rakp 2 check: " + t.rakp2_result + (t.keys_ready ? "; session keys derived" : ""));
}

void Dissector::State::check_rakp3(TrackedSession& t, const Rakp3& m) {
  if (!t.have_rakp2 || !credentials || t.auth == AuthAlg::none || m.status_code != kRmcpPlusStatusNoErrors) return;
  auto user_key = crypto::user_key_from_password(password_text());
  auto expect = user_key ? crypto::rakp3_key_exchange_auth_code(t.auth, user_key->view(), t.rakp)
                         : tl::unexpected(user_key.error());
  if (!expect) return line(fmt::format("rakp 3 check: cannot check: {}", crypto::to_string(expect.error())));
  if (crypto::constant_time_equal(view(*expect), view(m.key_exchange_auth_code))) return line("rakp 3 check: verified");
  report.verify_failed = true;
  line("rakp 3 check: FAILED: the console's key exchange auth code does not match the password");
}

void Dissector::State::check_rakp4(TrackedSession& t, const Rakp4& m) {
  if (!t.keys_ready || m.status_code != kRmcpPlusStatusNoErrors) return;
  auto expect = crypto::rakp4_integrity_check_value(t.auth, t.sik.view(), t.rakp);
  if (!expect) return line(fmt::format("rakp 4 check: cannot check: {}", crypto::to_string(expect.error())));
  if (crypto::constant_time_equal(view(*expect), view(m.integrity_check_value))) {
    t.rakp4_result = "verified";
  } else {
    t.rakp4_result = credentials && credentials->kg ? "FAILED: the integrity check value does not match (wrong K_G?)"
                                                    : "FAILED: the integrity check value does not match (the BMC uses a K_G?)";
    report.verify_failed = true;
    notes.push_back(fmt::format("RMCP+ session {}: RAKP 4 check failed", hex32(t.console_session_id)));
  }
  line("rakp 4 check: " + t.rakp4_result);
}

void Dissector::State::dissect_session_payload(const RmcpPlusSession& s, ByteView udp) {
  TrackedSession* t = s.session_id != 0 ? by_session_id(s.session_id) : nullptr;
  if (s.trailer && t != nullptr && t->keys_ready) {
    const ByteView covered = udp.subspan(s.covered_begin, s.covered_end - s.covered_begin);
    Bytes password20(credentials->password.begin(), credentials->password.end());
    password20.resize(20, 0);
    auto ok = crypto::verify_integrity_auth_code(t->integrity, t->k1.view(), view(password20), covered, s.trailer->auth_code);
    crypto::secure_wipe(password20);
    if (ok && *ok) {
      ++t->verified;
      line(fmt::format("integrity: {} verified", crypto::name(t->integrity)));
    } else {
      ++t->integrity_failures;
      report.verify_failed = true;
      line(fmt::format("integrity: {} FAILED{}", crypto::name(t->integrity),
                       ok ? "" : fmt::format(" ({})", crypto::to_string(ok.error()))));
    }
  }
  ByteView payload = s.payload;
  Bytes plaintext;
  if (s.encrypted) {
    if (t == nullptr || !t->keys_ready) {
      if (t != nullptr) ++t->undecryptable;
      line(fmt::format("encrypted payload ({} bytes): {}", s.payload.size(),
                       credentials ? "no session keys (session set-up not in the capture or not verified)"
                                   : "give the password (--password-env or --password-file) to decrypt"));
      return;
    }
    if (t->confidentiality != ConfidentialityAlg::aes_cbc_128) {
      line(fmt::format("encrypted payload: {} is not implemented", crypto::name(t->confidentiality)));
      return;
    }
    auto clear = crypto::aes_cbc_128_decrypt(t->k2.view(), s.payload);
    if (!clear) {
      ++t->decrypt_failures;
      report.verify_failed = true;
      line(fmt::format("decryption: AES-CBC-128 FAILED ({})", crypto::to_string(clear.error())));
      line(fmt::format("ciphertext: {}", to_hex(s.payload)));
      return;
    }
    ++t->decrypted;
    plaintext = std::move(*clear);
    payload = view(plaintext);
    line(fmt::format("decrypted: AES-CBC-128, {} bytes of IPMI message", plaintext.size()));
  }
  if (s.payload_type == PayloadType::ipmi) return describe_ipmi(payload);
  line(fmt::format("payload: {}", to_hex(payload)));
}

Dissector::Dissector(const catalog::Catalog& catalog, std::optional<Credentials> credentials)
    : state_(std::make_unique<State>(catalog, std::move(credentials))) {}

Dissector::~Dissector() = default;

PacketReport Dissector::dissect(const DatagramMeta& meta, ByteView udp_payload) {
  State& st = *state_;
  st.lines.clear();
  st.report = PacketReport{};
  std::string heading = meta.frame ? fmt::format("frame {}", meta.frame) : std::string("datagram");
  if (meta.timestamp_ns) heading += fmt::format("  +{}.{:06d} s", meta.timestamp_ns / 1000000000u, (meta.timestamp_ns / 1000u) % 1000000u);
  if (!meta.src.empty()) heading += fmt::format("  {} -> {}", meta.src, meta.dst);
  heading += fmt::format("  ({} bytes)", udp_payload.size());
  st.current_meta = &meta;
  st.dissect(udp_payload);
  st.current_meta = nullptr;
  std::string text = heading + '\n';
  for (const auto& l : st.lines) text += l + '\n';
  st.report.text = std::move(text);
  return st.report;
}

void Dissector::set_message_sink(MessageSink sink) { state_->message_sink = std::move(sink); }

std::vector<std::string> Dissector::summary() const {
  std::vector<std::string> out = state_->notes;
  for (const auto& t : state_->sessions) {
    std::string s = fmt::format("RMCP+ session {}/{}", hex32(t.console_session_id), hex32(t.bmc_session_id));
    if (t.have_rakp1) s += fmt::format(" user {}", quoted_ascii(view(t.rakp.username)));
    s += fmt::format(", {}", suite_text(t));
    if (!t.rakp2_result.empty()) s += ", RAKP 2 " + t.rakp2_result;
    if (!t.rakp4_result.empty()) s += ", RAKP 4 " + t.rakp4_result;
    if (t.verified + t.integrity_failures) s += fmt::format(", {} packets verified, {} failed", t.verified, t.integrity_failures);
    if (t.decrypted + t.decrypt_failures) s += fmt::format(", {} decrypted, {} failed", t.decrypted, t.decrypt_failures);
    if (t.undecryptable) s += fmt::format(", {} not decrypted", t.undecryptable);
    out.push_back(std::move(s));
  }
  if (state_->ipmi15_verified + state_->ipmi15_failed) {
    out.push_back(fmt::format("IPMI 1.5 auth codes: {} verified, {} failed{}", state_->ipmi15_verified,
                              state_->ipmi15_failed, state_->ipmi15_failed ? " (wrong password?)" : ""));
  }
  return out;
}

}  // namespace ipmict::capture
