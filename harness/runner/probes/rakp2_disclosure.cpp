// Probe `rakp2-disclosure` (CVE-2013-4786): RAKP 2 answers RAKP 1 with an HMAC keyed by the
// named user's password (§13.31) before the console has proved anything, so anyone who can
// name a user gets material to crack the password offline (hashcat mode 7300). This is the
// IPMI 2.0 protocol itself, not a bug a BMC can fix while speaking RMCP+: the probe reports
// it as an advisory (the case PASSes with an info finding), never as a FAIL.
//
// With it, whether the BMC tells unknown user names apart: a conformant BMC answers an
// unknown name with status 0Dh (§13.20 Table 13-15) and a known one with 00h and the HMAC,
// which lets an attacker list the accounts before collecting their hashes.
//
// Both set-ups are aborted with RAKP 3 (a non-zero status) so that the BMC frees the slot;
// no password, right or wrong, is ever sent.
#include <fmt/format.h>

#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/rmcpplus_setup.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/rakp_auth.hpp"

namespace ipmict::runner::probes {

namespace {

std::string answer_text(const HalfOpen& h) {
  if (!h.rakp2) return h.why.empty() ? std::string("no RAKP 2") : h.why;
  if (h.rakp2->status_code != 0) return status_text(h.rakp2->status_code);
  return fmt::format("status 00h with a {}-byte HMAC", h.rakp2->key_exchange_auth_code.size());
}

}  // namespace

ProbeResult rakp2_disclosure(ProbeRun& run) {
  const std::uint8_t suite = probe_cipher_suite(run);
  const auto* cs = crypto::find_cipher_suite(suite);
  if (cs == nullptr || cs->auth == crypto::AuthAlg::none) return ProbeResult::silent();
  auto link = run.raw_link();
  if (!link) return ProbeResult::error("cannot open a UDP socket to the BMC: " + link.error().message);

  const Bytes known = run.lan().config.username;
  auto unknown_text = run.text_value(cases::probe_text(run.action(), "unknown_user").value_or("ipmict-nobody"));
  if (!unknown_text) return ProbeResult::error(unknown_text.error());
  const Bytes unknown = *unknown_text;

  HalfOpen k = open_session(run, **link, suite, 0x1c5e0001, fmt::format("Open Session (cipher suite {})", suite));
  if (!k.opened()) {
    return ProbeResult::silent();  // no RMCP+ with this suite (refused or unanswered): nothing disclosed here
  }
  rakp1(run, **link, k, known, Privilege::administrator, "RAKP 1 for the run's user " + user_label(known));
  abort_setup(run, **link, k, "RAKP 3 with status 0Fh: abort, so the BMC frees the slot");

  HalfOpen u = open_session(run, **link, suite, 0x1c5e0002, fmt::format("Open Session (cipher suite {})", suite));
  rakp1(run, **link, u, unknown, Privilege::administrator, "RAKP 1 for the unknown user " + user_label(unknown));
  abort_setup(run, **link, u, "RAKP 3 with status 0Fh: abort, so the BMC frees the slot");

  const bool disclosed = k.rakp2 && k.rakp2->status_code == 0 && !k.rakp2->key_exchange_auth_code.empty();
  if (!disclosed) return ProbeResult::silent();
  std::vector<std::string> lines;
  lines.push_back(fmt::format(
      "RAKP 2 for {} carries a {}-byte {} HMAC keyed by the user's password, sent before the console proved "
      "anything: the password can be cracked offline (CVE-2013-4786, inherent in IPMI 2.0 RAKP)",
      user_label(known), k.rakp2->key_exchange_auth_code.size(), crypto::name(cs->auth)));
  const bool differ = !u.rakp2 || u.rakp2->status_code != k.rakp2->status_code;
  lines.push_back(differ ? fmt::format("user names are revealed: an unknown name gets {}, a real one {}", answer_text(u),
                                       answer_text(k))
                         : fmt::format("user names are not revealed: an unknown name gets {} like a real one",
                                       answer_text(u)));
  return ProbeResult::advisory(std::move(lines));
}

}  // namespace ipmict::runner::probes
