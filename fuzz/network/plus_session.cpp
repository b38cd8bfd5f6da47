#include "fuzz/network/plus_session.hpp"

#include "fuzz/network/rng.hpp"
#include "protocol/wire/rakp_messages.hpp"

namespace ipmict::netfuzz {
namespace {

// The 1-byte length fields inside the set-up payloads (offsets from the payload start).
// Open Session Request: the Payload Length of the three algorithm payloads (§13.17).
constexpr std::size_t kOpenSessionLengths[] = {11, 19, 27};
// RAKP 1: User Name Length (§13.20).
constexpr std::size_t kRakp1UserNameLength = 27;

StepMessage setup_step(std::uint8_t payload_type, Bytes payload) {
  StepMessage m;
  m.kind = StepKind::rmcpplus;
  m.auth_type = 0x06;
  m.payload_type = payload_type;
  m.payload = std::move(payload);
  return m;
}

std::uint8_t role_byte(const Credentials& creds) {
  // Name-only lookup (bit 4) with the privilege asked for; the whole byte is HMAC input.
  return static_cast<std::uint8_t>((static_cast<std::uint8_t>(creds.privilege) & 0x0f) | kRakpRoleNameOnlyLookup);
}

}  // namespace

StepCrypto PlusSession::crypto() const {
  StepCrypto c;
  if (suite != nullptr) {
    c.integrity = suite->integrity;
    c.confidentiality = suite->confidentiality;
  }
  c.k1 = k1.view();
  c.k2 = k2.view();
  c.user_key = user_key.view();
  return c;
}

void PlusSession::reset() {
  stage = Stage::none;
  console_id = bmc_id = 0;
  rakp = crypto::RakpInputs{};
  sik.clear();
  k1.clear();
  k2.clear();
  sent_sequence = answered_sequence = 0;
  requests = 0;
}

std::optional<StepMessage> open_session_request(PlusSession& s, const Credentials& creds, std::uint8_t tag,
                                                FuzzRng& session_rng) {
  s.reset();
  s.suite = crypto::find_cipher_suite(creds.cipher_suite);
  if (s.suite == nullptr || !s.suite->implemented) return std::nullopt;
  auto key = crypto::user_key_from_password(
      std::string_view(reinterpret_cast<const char*>(creds.password.data()), creds.password.size()));
  if (!key) return std::nullopt;
  s.user_key = std::move(*key);
  do {
    s.console_id = session_rng.u32();
  } while (s.console_id == 0);  // §13.17: 0 is reserved
  s.tag = tag;
  OpenSessionRequest m;
  m.message_tag = tag;
  m.requested_max_privilege = static_cast<std::uint8_t>(creds.privilege) & 0x0f;
  m.console_session_id = s.console_id;
  m.authentication_payload = algorithm_payload(kAuthenticationPayload, static_cast<std::uint8_t>(s.suite->auth));
  m.integrity_payload = algorithm_payload(kIntegrityPayload, static_cast<std::uint8_t>(s.suite->integrity));
  m.confidentiality_payload = algorithm_payload(kConfidentialityPayload, static_cast<std::uint8_t>(s.suite->confidentiality));
  StepMessage step = setup_step(0x10, encode_open_session_request(m));
  step.inner_lengths.assign(std::begin(kOpenSessionLengths), std::end(kOpenSessionLengths));
  return step;
}

bool is_setup_answer(const PlusSession& s, const Reply& r, std::uint8_t type) {
  return r.kind == Reply::Kind::rmcpplus_setup && r.payload_type == type && !r.payload.empty() && r.payload[0] == s.tag;
}

bool read_open_session_response(PlusSession& s, const Reply& r) {
  // Not tied to our tag and console ID: after a mutated request the BMC may have opened a
  // session for other ones, and that session must still be known, to be cleaned up.
  if (r.kind != Reply::Kind::rmcpplus_setup || r.payload_type != 0x11) return false;
  auto m = decode_open_session_response(view(r.payload));
  if (!m || m->status_code != kRmcpPlusStatusNoErrors || !m->bmc_session_id || *m->bmc_session_id == 0) return false;
  s.console_id = m->console_session_id;
  s.bmc_id = *m->bmc_session_id;
  s.stage = PlusSession::Stage::opened;
  return true;
}

StepMessage rakp1(PlusSession& s, const Credentials& creds, std::uint8_t tag, FuzzRng& session_rng) {
  s.tag = tag;
  s.rakp.console_session_id = s.console_id;
  s.rakp.bmc_session_id = s.bmc_id;
  session_rng.fill(s.rakp.console_random.data(), s.rakp.console_random.size());
  s.rakp.role = role_byte(creds);
  s.rakp.username = creds.username;
  Rakp1 m;
  m.message_tag = tag;
  m.bmc_session_id = s.bmc_id;
  m.console_random = s.rakp.console_random;
  m.requested_role = s.rakp.role;
  m.username = creds.username;
  StepMessage step = setup_step(0x12, encode_rakp1(m));
  step.inner_lengths.push_back(kRakp1UserNameLength);
  return step;
}

bool read_rakp2(PlusSession& s, const Reply& r, const Credentials& creds) {
  if (r.kind != Reply::Kind::rmcpplus_setup || r.payload_type != 0x13 || s.suite == nullptr) return false;
  auto m = decode_rakp2(view(r.payload));
  if (!m || m->status_code != kRmcpPlusStatusNoErrors || m->console_session_id != s.console_id || !m->bmc_random ||
      !m->bmc_guid) {
    return false;
  }
  s.rakp.bmc_random = *m->bmc_random;
  s.rakp.bmc_guid = *m->bmc_guid;
  // The fuzzer does not judge the BMC's RAKP 2 HMAC (conformance cases do); it needs the
  // keys to go on, and they follow from the randoms, the role, the name and K_G/K_UID.
  auto sik = crypto::session_integrity_key(s.suite->auth, crypto::select_kg(creds.kg.view(), s.user_key.view()), s.rakp);
  if (!sik) return false;
  auto k1 = crypto::derive_additional_key(s.suite->auth, sik->view(), 0x01);
  auto k2 = crypto::derive_additional_key(s.suite->auth, sik->view(), 0x02);
  if (!k1 || !k2) return false;
  s.sik = std::move(*sik);
  s.k1 = std::move(*k1);
  s.k2 = std::move(*k2);
  s.stage = PlusSession::Stage::rakp2;
  return true;
}

StepMessage rakp3(PlusSession& s, std::uint8_t tag, std::uint8_t status) {
  s.tag = tag;
  Rakp3 m;
  m.message_tag = tag;
  m.status_code = status;
  m.bmc_session_id = s.bmc_id;
  if (status == kRmcpPlusStatusNoErrors && s.suite != nullptr) {
    if (auto code = crypto::rakp3_key_exchange_auth_code(s.suite->auth, s.user_key.view(), s.rakp)) {
      m.key_exchange_auth_code = std::move(*code);
    }
  }
  return setup_step(0x14, encode_rakp3(m));
}

bool read_rakp4(PlusSession& s, const Reply& r) {
  if (r.kind != Reply::Kind::rmcpplus_setup || r.payload_type != 0x15) return false;
  auto m = decode_rakp4(view(r.payload));
  if (!m || m->console_session_id != s.console_id) return false;
  // A refusal may or may not have ended the session on the BMC's side (it does for a bad
  // code, §13.23, not for a RAKP 3 that came too early): the stage stays, so the clean-up
  // still gives the session up explicitly.
  if (m->status_code != kRmcpPlusStatusNoErrors) return false;
  s.stage = PlusSession::Stage::active;
  s.sent_sequence = s.answered_sequence = 0;
  return true;
}

StepMessage plus_request(const PlusSession& s, const IpmiRequest& request, std::uint32_t sequence) {
  StepMessage m;
  m.kind = StepKind::rmcpplus;
  m.auth_type = 0x06;
  const bool encrypted = s.suite != nullptr && s.suite->confidentiality != crypto::ConfidentialityAlg::none;
  const bool authenticated = s.suite != nullptr && s.suite->integrity != crypto::IntegrityAlg::none;
  m.payload_type = static_cast<std::uint8_t>((encrypted ? 0x80 : 0x00) | (authenticated ? 0x40 : 0x00));
  m.session_id = s.bmc_id;
  m.session_sequence = sequence;
  m.payload = encode_ipmi_request(request);
  m.ipmi_message = true;
  m.crypto = s.crypto();
  return m;
}

}  // namespace ipmict::netfuzz
