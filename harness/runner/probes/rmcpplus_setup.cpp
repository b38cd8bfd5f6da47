// Hand-made RMCP+ session set-up for the probes.
#include "harness/runner/probes/rmcpplus_setup.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <openssl/rand.h>

#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "protocol/wire/rmcpplus_status.hpp"

namespace ipmict::runner::probes {

namespace {

constexpr std::uint8_t kAbortStatus = 0x0f;  // Table 13-15: invalid integrity check value

// The first reply that is an RMCP+ payload of `type`, decoded as-is (views into `replies`).
std::optional<RmcpPlusSession> payload_of(const std::vector<Bytes>& replies, PayloadType type) {
  for (const auto& r : replies) {
    auto d = decode_datagram(view(r), 0);
    if (!d) continue;
    const auto* p = std::get_if<RmcpPlusSession>(&d->message);
    if (p != nullptr && p->payload_type == type) return *p;
  }
  return std::nullopt;
}

std::array<std::uint8_t, 16> random16() {
  std::array<std::uint8_t, 16> r{};
  if (RAND_bytes(r.data(), static_cast<int>(r.size())) != 1) {
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = static_cast<std::uint8_t>(i * 37 + 11);
  }
  return r;
}

}  // namespace

Bytes setup_datagram(PayloadType type, const Bytes& payload) {
  RmcpPlusSession h;
  h.payload_type = type;
  h.payload = view(payload);
  return encode_rmcp(RmcpHeader{}, view(encode_rmcpplus_session(h)));
}

Bytes abort_datagram(std::uint32_t bmc_session_id, std::uint8_t message_tag) {
  Rakp3 r;
  r.message_tag = message_tag;
  r.status_code = kAbortStatus;
  r.bmc_session_id = bmc_session_id;
  return setup_datagram(PayloadType::rakp3, encode_rakp3(r));
}

std::string status_text(std::uint8_t status) {
  const auto name = rmcpplus_status_name(status);
  return fmt::format("status {:02X}h ({})", status, name ? std::string(*name) : std::string("reserved"));
}

std::uint8_t probe_cipher_suite(ProbeRun& run) {
  if (run.lan().config.cipher_suite) return *run.lan().config.cipher_suite;
  const auto& offered = run.target().capabilities.cipher_suites;
  static constexpr std::uint8_t kPreference[] = {17, 3, 16, 2, 15, 1, 8, 7, 12, 11, 6};
  for (std::uint8_t s : kPreference) {
    if (std::find(offered.begin(), offered.end(), s) != offered.end()) return s;
  }
  return 3;
}

HalfOpen open_session(ProbeRun& run, transport::UdpLink& link, std::uint8_t suite_id, std::uint32_t console_id,
                      const std::string& label) {
  HalfOpen h;
  h.suite = suite_id;
  h.console_session_id = console_id;
  const crypto::CipherSuite* suite = crypto::find_cipher_suite(suite_id);
  if (suite == nullptr) {
    h.why = fmt::format("cipher suite {} is not a standard suite", suite_id);
    return h;
  }
  OpenSessionRequest rq;
  rq.message_tag = static_cast<std::uint8_t>(console_id & 0xffu);
  rq.requested_max_privilege = static_cast<std::uint8_t>(Privilege::administrator);
  rq.console_session_id = console_id;
  rq.authentication_payload = algorithm_payload(kAuthenticationPayload, static_cast<std::uint8_t>(suite->auth));
  rq.integrity_payload = algorithm_payload(kIntegrityPayload, static_cast<std::uint8_t>(suite->integrity));
  rq.confidentiality_payload = algorithm_payload(kConfidentialityPayload, static_cast<std::uint8_t>(suite->confidentiality));
  const Bytes d = setup_datagram(PayloadType::open_session_request, encode_open_session_request(rq));
  auto replies = run.exchange_datagram(link, view(d), run.answer_wait(), label);
  if (!replies) {
    h.why = replies.error().message;
    return h;
  }
  const auto p = payload_of(*replies, PayloadType::open_session_response);
  if (!p) {
    h.why = "no Open Session Response";
    return h;
  }
  auto m = decode_open_session_response(p->payload, p->payload_offset);
  if (!m) {
    h.why = "the Open Session Response does not parse: " + to_string(m.error());
    return h;
  }
  h.open = *m;
  if (m->status_code != 0) h.why = "Open Session refused: " + status_text(m->status_code);
  else if (!m->bmc_session_id) h.why = "the Open Session Response has no session ID";
  return h;
}

void rakp1(ProbeRun& run, transport::UdpLink& link, HalfOpen& h, const Bytes& user, Privilege privilege,
           const std::string& label) {
  if (!h.opened()) return;
  Rakp1 r;
  r.message_tag = static_cast<std::uint8_t>(h.open->message_tag + 1);
  r.bmc_session_id = *h.open->bmc_session_id;
  r.console_random = random16();
  r.requested_role = static_cast<std::uint8_t>(static_cast<std::uint8_t>(privilege) | kRakpRoleNameOnlyLookup);
  r.username = user;
  h.rakp1 = r;
  const Bytes d = setup_datagram(PayloadType::rakp1, encode_rakp1(r));
  auto replies = run.exchange_datagram(link, view(d), run.answer_wait(), label);
  if (!replies) {
    h.why = replies.error().message;
    return;
  }
  const auto p = payload_of(*replies, PayloadType::rakp2);
  if (!p) {
    h.why = "no RAKP 2";
    return;
  }
  auto m = decode_rakp2(p->payload, p->payload_offset);
  if (!m) {
    h.why = "the RAKP 2 does not parse: " + to_string(m.error());
    return;
  }
  h.rakp2 = *m;
}

void abort_setup(ProbeRun& run, transport::UdpLink& link, const HalfOpen& h, const std::string& label) {
  if (!h.opened() || !h.rakp2 || h.rakp2->status_code != 0) return;  // nothing held on the BMC's side
  const Bytes d =
      abort_datagram(*h.open->bmc_session_id, static_cast<std::uint8_t>(h.rakp1 ? h.rakp1->message_tag + 1 : 0));
  // A BMC may answer with RAKP 4 (an error) or nothing: wait only briefly.
  (void)run.exchange_datagram(link, view(d), std::min(run.answer_wait(), std::chrono::milliseconds(300)), label);
}

bool rakp2_verifies(const HalfOpen& h, const Bytes& password) {
  if (!h.opened() || !h.rakp1 || !h.rakp2 || h.rakp2->status_code != 0 || !h.rakp2->bmc_random || !h.rakp2->bmc_guid) {
    return false;
  }
  const crypto::CipherSuite* suite = crypto::find_cipher_suite(h.suite);
  if (suite == nullptr || suite->auth == crypto::AuthAlg::none) return false;
  crypto::RakpInputs in{};
  in.console_session_id = h.console_session_id;
  in.bmc_session_id = *h.open->bmc_session_id;
  in.console_random = h.rakp1->console_random;
  in.bmc_random = *h.rakp2->bmc_random;
  in.bmc_guid = *h.rakp2->bmc_guid;
  in.role = h.rakp1->requested_role;
  in.username = h.rakp1->username;
  Bytes key(crypto::kUserKeyLength, 0);
  std::copy_n(password.begin(), std::min(password.size(), key.size()), key.begin());
  auto expected = crypto::rakp2_key_exchange_auth_code(suite->auth, view(key), in);
  std::fill(key.begin(), key.end(), std::uint8_t{0});
  return expected && crypto::constant_time_equal(view(*expected), view(h.rakp2->key_exchange_auth_code));
}

}  // namespace ipmict::runner::probes
