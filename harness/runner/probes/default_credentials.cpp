// Probe `default-credentials`: does a vendor's factory-default user name and password log
// in? The list is the case's (cases/security/*.yaml), short and public.
//
// Lockout safety: a wrong guess is never sent to the BMC as a login. Each candidate gets
// Open Session and RAKP 1 only; the RAKP 2 HMAC (keyed by the real password, §13.31) is
// checked here against the candidate (the CVE-2013-4786 property turned into a safe test),
// and the set-up is aborted with RAKP 3 carrying a non-zero status, which holds no
// authentication code. Only a candidate that already matched is confirmed with a full
// login and a command. The run's own account is never tried over the wire: its password is
// compared in memory. The probe stops at the first lockout sign (no answer where there was
// one, a user that existed no longer accepted, Open Session refused for lack of resources)
// and after max_attempts candidates.
#include <fmt/format.h>

#include <map>

#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/rmcpplus_setup.hpp"
#include "protocol/crypto/cipher_suite.hpp"

namespace ipmict::runner::probes {

namespace {

constexpr std::uint8_t kUnauthorizedRole = 0x0a;
constexpr std::uint8_t kUnauthorizedName = 0x0d;
constexpr std::uint8_t kInsufficientResources = 0x01;

void note(ProbeRun& run, std::string text) {
  Evidence e;
  e.action = std::move(text);
  run.record(std::move(e));
}

}  // namespace

ProbeResult default_credentials(ProbeRun& run) {
  const auto rows = cases::probe_table(run.action(), "credentials");
  const auto max_attempts = cases::probe_number(run.action(), "max_attempts", 16);
  const Bytes& run_user = run.lan().config.username;
  std::uint8_t suite = probe_cipher_suite(run);
  if (const auto* cs = crypto::find_cipher_suite(suite); cs == nullptr || cs->auth == crypto::AuthAlg::none) suite = 3;
  auto link = run.raw_link();
  if (!link) return ProbeResult::error("cannot open a UDP socket to the BMC: " + link.error().message);

  std::vector<std::string> found;
  std::map<std::string, bool> exists;  // user names RAKP 2 accepted
  std::uint64_t attempts = 0;
  std::uint32_t console_id = 0x1c5e0200;
  for (const auto& row : rows) {
    const std::string& user = row[0];
    const std::string& password = row[1];
    const std::string& vendor = row[2];
    const std::string candidate = fmt::format("{} / {} ({})", user, password, vendor);
    const Bytes user_bytes(user.begin(), user.end());
    const Bytes password_bytes(password.begin(), password.end());
    if (user_bytes == run_user) {
      // The run's account: compared in memory, never guessed on the wire.
      const bool same = password_bytes == run.lan().config.password;
      note(run, "candidate " + candidate + ": the run's own account, compared in memory (never tried on the wire): " +
                    (same ? "it IS the factory default" : "not the factory default"));
      if (same) {
        found.push_back("default credentials: expected no factory-default password, seen the run's own account " +
                        candidate + " using it");
      }
      continue;
    }
    if (attempts >= max_attempts) {
      note(run, fmt::format("stopped after {} candidates (max_attempts)", attempts));
      break;
    }
    ++attempts;
    HalfOpen h;
    for (Privilege role : {Privilege::administrator, Privilege::user}) {
      h = open_session(run, **link, suite, ++console_id, "candidate " + candidate + ": Open Session");
      if (!h.opened()) break;
      rakp1(run, **link, h, user_bytes, role,
            fmt::format("candidate {}: RAKP 1 for {} at {}", candidate, user_label(user_bytes),
                        describe_privilege(role)));
      if (!h.rakp2 || h.rakp2->status_code != kUnauthorizedRole) break;  // else: try a lower role
    }
    if (!h.open || (h.opened() && !h.rakp2)) {
      note(run, "stopped: the BMC no longer answers (" + h.why + "), a lockout or rate-limit sign");
      break;
    }
    if (!h.opened()) {
      if (h.open->status_code == kInsufficientResources) {
        note(run, "stopped: Open Session refused for lack of resources, a lockout or rate-limit sign");
        break;
      }
      continue;
    }
    const std::uint8_t status = h.rakp2->status_code;
    if (status != 0) {
      if (exists.count(user) != 0) {
        note(run, "stopped: " + user_label(user_bytes) + " was accepted before and is now refused (" +
                      status_text(status) + "), a lockout sign");
        break;
      }
      if (status != kUnauthorizedName) note(run, "candidate " + candidate + ": " + status_text(status));
      continue;
    }
    exists[user] = true;
    const bool matches = rakp2_verifies(h, password_bytes);
    abort_setup(run, **link, h, "candidate " + candidate + ": RAKP 3 with status 0Fh: abort (no password sent)");
    note(run, "candidate " + candidate + ": the user exists; the RAKP 2 HMAC " +
                  (matches ? "verifies with the default password" : "does not verify with the default password"));
    if (!matches) continue;
    // Confirm: a real login with it, and a command.
    session::ClientConfig config = run.base_config();
    config.protocol = session::Protocol::lanplus;
    config.cipher_suite = suite;
    config.username = user_bytes;
    config.password = password_bytes;
    config.privilege = static_cast<Privilege>(h.rakp1->requested_role & 0x0f);
    auto s = run.open(std::move(config), "candidate " + candidate + ": login");
    if (!s) {
      found.push_back("default credentials: expected " + candidate + " not to work, seen the RAKP 2 HMAC verify with "
                      "it (the login itself then failed: " + s.error().message + ")");
      continue;
    }
    const Access access = prove_access(run, **s, "candidate " + candidate);
    (*s)->close();
    found.push_back("default credentials: expected " + candidate + " not to work, seen a login (" + (*s)->describe() +
                    ") in which " + access.text);
  }
  if (found.empty()) return ProbeResult::silent();
  return ProbeResult::fired(std::move(found));
}

}  // namespace ipmict::runner::probes
