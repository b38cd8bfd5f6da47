// Probe `replay`: does the BMC accept a session packet whose sequence number it has seen
// already? IPMI 2.0 §6.12.13 and §13.28.1: RMCP+ packets carry a session sequence number,
// and one that is a duplicate or outside the window (more than 15 below the highest seen,
// docs/interpretations.md I-SEQ-WINDOW) is dropped. Without it, anyone on the path can
// replay an authenticated command (a power off, a user change) as often as they like.
//
// In one session, `requests` Get Device ID requests; then the last request datagram and
// the first are resent byte for byte from the session's own socket (as an attacker on the
// path would send them): the last is a duplicate, the first is also outside the window.
// Any in-session answer to either is the finding.
#include <fmt/format.h>

#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/datagram_recorder.hpp"
#include "harness/runner/probes/probe.hpp"

namespace ipmict::runner::probes {

ProbeResult replay(ProbeRun& run) {
  const auto count = cases::probe_number(run.action(), "requests", 20);
  DatagramRecorder recorder(run.lan().port);
  session::ClientConfig config = run.base_config();
  config.protocol = session::Protocol::lanplus;
  auto s = run.open(std::move(config), "session open", &recorder);
  if (!s) return ProbeResult::error("the run's own login fails: " + s.error().message);
  const std::string via = (*s)->describe();

  recorder.clear();
  auto first = run.request(**s, via, get_device_id(), "request 1 (Get Device ID)");
  if (!first || recorder.sent().empty()) return ProbeResult::error("Get Device ID is not answered in the session");
  const Bytes first_datagram = recorder.sent().back();
  for (std::uint64_t i = 1; i + 1 < count && !run.expired(); ++i) {
    if (!(*s)->request(get_device_id())) return ProbeResult::error("request " + std::to_string(i + 1) + " is not answered");
  }
  recorder.clear();
  auto last = run.request(**s, via, get_device_id(), fmt::format("request {} (Get Device ID)", count));
  if (!last || recorder.sent().empty()) return ProbeResult::error("the last Get Device ID is not answered");
  const Bytes last_datagram = recorder.sent().back();

  std::vector<std::string> lines;
  struct Replay {
    const Bytes* datagram;
    std::string what;
  };
  const Replay replays[] = {
      {&last_datagram, fmt::format("request {} again (a duplicate sequence number)", count)},
      {&first_datagram, fmt::format("request 1 again (a sequence number {} below the highest, outside the window)", count - 1)},
  };
  for (const auto& r : replays) {
    auto replies = (*s)->send_raw(view(*r.datagram), run.answer_wait());
    if (!replies) {
      run.record_datagrams("replayed " + r.what, via, view(*r.datagram), {}, replies.error().message);
      return ProbeResult::error("cannot send the replayed datagram: " + replies.error().message);
    }
    run.record_datagrams("replayed " + r.what, via + ", its own socket", view(*r.datagram), *replies);
    const bool answered = std::any_of(replies->begin(), replies->end(),
                                      [](const Bytes& d) { return is_in_session_ipmi_reply(view(d)); });
    if (answered) {
      lines.push_back("replay: expected the BMC to drop " + r.what + ", seen it answered in the session");
    }
  }
  (void)run.request(**s, via, get_device_id(), "a new request after the replays (the session still works)");
  (*s)->close();
  if (lines.empty()) return ProbeResult::silent();
  return ProbeResult::fired(std::move(lines));
}

}  // namespace ipmict::runner::probes
