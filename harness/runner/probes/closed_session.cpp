// Probe `closed-session`: after Close Session (IPMI 2.0 §22.19) the session is gone: a
// packet with its ID, even correctly authenticated with its keys and a fresh sequence
// number, must not be answered, and the ID must not be handed to the next session while
// packets with it may still be in flight (stale session IDs: the CVE-2021-39295 class,
// ../shared/reference/anchors-conformance-fuzzing.md §3.1).
//
// Close Session is sent as an ordinary request, so the client keeps the keys and sends the
// next request as if the session were still open.
#include <fmt/format.h>

#include "harness/runner/probes/probe.hpp"

namespace ipmict::runner::probes {

ProbeResult closed_session(ProbeRun& run) {
  session::ClientConfig config = run.base_config();
  auto s = run.open(config, "session open");
  if (!s) return ProbeResult::error("the run's own login fails: " + s.error().message);
  const std::string via = (*s)->describe();
  const std::uint32_t id = (*s)->established().bmc_session_id;
  (void)run.request(**s, via, get_device_id(), "Get Device ID (the session works)");
  auto closed = run.send(**s, via, "close-session", {{"session_id", id}}, fmt::format("Close Session {:08X}h", id));
  if (!closed || closed->completion_code != 0x00) {
    return ProbeResult::error("Close Session of the probe's own session did not complete: " +
                              (closed ? fmt::format("completion code {:02X}h", closed->completion_code)
                                      : closed.error().message));
  }
  std::vector<std::string> lines;
  auto after = run.request(**s, via, get_device_id(),
                           fmt::format("Get Device ID with the closed session's ID {:08X}h and keys", id));
  if (after) {
    lines.push_back(fmt::format(
        "closed session: expected no answer to a request in session {:08X}h after Close Session completed, seen "
        "completion code {:02X}h: the session is still usable",
        id, after->completion_code));
  }
  (*s)->forget();  // closed above: a second Close Session would only wait out the timeouts
  s->reset();

  auto next = run.open(config, "a new session");
  if (!next) return ProbeResult::error("no new session after Close Session: " + next.error().message);
  const std::uint32_t next_id = (*next)->established().bmc_session_id;
  (*next)->close();
  if (next_id == id) {
    lines.push_back(fmt::format(
        "closed session: expected a new session ID, seen the closed session's {:08X}h handed out again", id));
  }
  if (lines.empty()) return ProbeResult::silent();
  return ProbeResult::fired(std::move(lines));
}

}  // namespace ipmict::runner::probes
