// Probe `null-user`: is user 1, the null user (no name, §6.9.1 and §22.28), enabled for
// LAN logins? Enabled, it accepts a login with an empty user name, and RAKP 2 hands its
// password HMAC to any console (CVE-2013-4786) without the console knowing a name.
//
// Evidence: Get User Name and Get User Access of user 1 on the run's own session (what the
// BMC says about it), then RAKP 1 with an empty name: RAKP 2 status 00h means the BMC took
// the null user for a login. The set-up is aborted (RAKP 3 with a non-zero status); no
// password is sent. Anonymous login (an empty password too) is the `login` probe's.
#include <fmt/format.h>

#include "harness/cases/labels.hpp"
#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/rmcpplus_setup.hpp"

namespace ipmict::runner::probes {

ProbeResult null_user(ProbeRun& run) {
  const Privilege role = cases::parse_step_privilege(cases::probe_text(run.action(), "privilege").value_or("user"))
                             .value_or(Privilege::user);
  // What the BMC says about user 1 (evidence only: a BMC may describe it differently).
  (void)run.send_as_run("get-user-name", {{"user_id", 1u}}, "Get User Name of user 1");
  (void)run.send_as_run("get-user-access", {{"channel_number", run.lan_channel()}, {"user_id", 1u}},
                        "Get User Access of user 1 on the LAN channel");

  auto link = run.raw_link();
  if (!link) return ProbeResult::error("cannot open a UDP socket to the BMC: " + link.error().message);
  const std::uint8_t suite = probe_cipher_suite(run);
  HalfOpen h = open_session(run, **link, suite, 0x1c5e0101, fmt::format("Open Session (cipher suite {})", suite));
  if (!h.opened()) {
    return ProbeResult::silent();  // no RMCP+ with this suite (refused or unanswered)
  }
  rakp1(run, **link, h, Bytes{}, role, "RAKP 1 with an empty user name (the null user)");
  abort_setup(run, **link, h, "RAKP 3 with status 0Fh: abort, so the BMC frees the slot");
  if (!h.rakp2 || h.rakp2->status_code != 0) return ProbeResult::silent();
  return ProbeResult::fired({fmt::format(
      "null user: expected RAKP 1 with an empty user name to be refused (user 1 disabled), seen RAKP 2 status 00h "
      "with a {}-byte HMAC: user 1 is enabled, anyone may try its password without knowing a name, and its hash "
      "is handed out",
      h.rakp2->key_exchange_auth_code.size())});
}

}  // namespace ipmict::runner::probes
