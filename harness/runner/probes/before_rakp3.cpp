// Probe `before-rakp3`: is a session usable before the console proved its key? IPMI 2.0
// §13.15 and §13.31: the BMC activates a session only after RAKP 3's authentication code
// verifies. OpenBMC netipmid served sessions after RAKP 1 (CVE-2021-39296, CVSS 10), and
// Set Session Privilege Level then raised them to Administrator.
//
// The client completes Open Session and RAKP 1/2, keeps the keys, never sends RAKP 3
// (ClientConfig::skip_rakp3), and sends Get Device ID in the half-open session. An answer
// is the finding. The half-open session is then aborted with a RAKP 3 that carries a
// non-zero status so the BMC frees its slot.
#include <fmt/format.h>

#include "harness/runner/probes/rmcpplus_setup.hpp"

namespace ipmict::runner::probes {

ProbeResult before_rakp3(ProbeRun& run) {
  session::ClientConfig config = run.base_config();
  config.protocol = session::Protocol::lanplus;
  config.skip_rakp3 = true;
  auto s = run.open(std::move(config), "Open Session and RAKP 1/2, no RAKP 3");
  if (!s) return ProbeResult::error("the handshake up to RAKP 2 fails for the run's own user: " + s.error().message);
  const std::string via = (*s)->describe() + " (half-open: RAKP 3 never sent)";
  const std::uint32_t id = (*s)->established().bmc_session_id;
  auto r = run.request(**s, via, get_device_id(), "Get Device ID in the half-open session");
  const Bytes abort = abort_datagram(id, 0);
  auto replies = (*s)->send_raw(view(abort), std::chrono::milliseconds(std::min<long long>(run.answer_wait().count(), 300)));
  run.record_datagrams("RAKP 3 with status 0Fh: abort, so the BMC frees the slot", via, view(abort),
                       replies ? *replies : std::vector<Bytes>{}, replies ? std::string() : replies.error().message);
  (*s)->forget();  // aborted above: a Close Session would wait out the timeouts for nothing
  s->reset();
  if (!r) return ProbeResult::silent();
  return ProbeResult::fired({fmt::format(
      "half-open session: expected requests to be dropped until RAKP 3 is verified, seen Get Device ID answered "
      "(completion code {:02X}h) in session {:08X}h before RAKP 3 was sent",
      r->completion_code, id)});
}

}  // namespace ipmict::runner::probes
