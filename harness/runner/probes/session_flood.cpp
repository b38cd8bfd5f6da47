// Probe `session-flood`: can anyone lock every console out by filling the session table?
// Open Session needs no password (§13.17), so an attacker can send as many as the BMC has
// slots; a BMC that keeps those half-open sessions until their idle timeout, or for ever
// (DESIGN.md §12: "session tables exhausted until reboot"), denies service to its
// administrators. A bounded flood: the advertised number of possible sessions (Get Session
// Info, §22.20) plus `extra` Open Session requests, none going on to RAKP. Then a normal
// login must work again within recovery_wait_ms (polled about once a second); the finding
// is a BMC that has not recovered by then. A login refused right after the flood but
// working again within the wait is recorded as evidence, not reported.
//
// Destructive in the sense that matters: other consoles may be refused for up to
// recovery_wait_ms. The cases that use it are `destructive: true`.
#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/rmcpplus_setup.hpp"

namespace ipmict::runner::probes {

namespace {

constexpr std::uint64_t kDefaultSessions = 16;  // when Get Session Info does not say
constexpr std::uint64_t kMaxFlood = 128;

void note(ProbeRun& run, std::string text) {
  Evidence e;
  e.action = std::move(text);
  run.record(std::move(e));
}

// A login and Get Device ID, not recorded (the poll); nullopt when it worked.
std::optional<std::string> quiet_login(ProbeRun& run) {
  auto s = transport::LanClient::connect(run.lan().host, run.lan().port, run.base_config());
  if (!s) return s.error().message;
  auto r = (*s)->request(get_device_id());
  (*s)->close();
  if (!r) return r.error().message;
  return std::nullopt;
}

}  // namespace

ProbeResult session_flood(ProbeRun& run) {
  const auto extra = cases::probe_number(run.action(), "extra", 4);
  const auto recovery_wait = std::chrono::milliseconds(cases::probe_number(run.action(), "recovery_wait_ms", 65000));
  std::uint64_t slots = kDefaultSessions;
  auto info = run.send_as_run("get-session-info", {{"session_index", 0u}}, "Get Session Info: the session table's size");
  if (info && info->completion_code == 0 && info->data.size() >= 2 && (info->data[1] & 0x3fu) != 0) {
    slots = info->data[1] & 0x3fu;  // byte 2 [5:0]: number of possible active sessions
  } else {
    note(run, fmt::format("the session table's size is unknown: flooding as if it had {} slots", kDefaultSessions));
  }
  const std::uint64_t flood = std::min(slots + extra, kMaxFlood);
  const std::uint8_t suite = probe_cipher_suite(run);
  auto link = run.raw_link();
  if (!link) return ProbeResult::error("cannot open a UDP socket to the BMC: " + link.error().message);
  std::uint64_t accepted = 0, refused = 0, silent = 0, in_a_row = 0;
  for (std::uint64_t i = 0; i < flood && !run.expired(); ++i) {
    HalfOpen h = open_session(run, **link, suite, 0x1c5e1000u + static_cast<std::uint32_t>(i),
                              fmt::format("Open Session {} of {} (never continued)", i + 1, flood));
    if (h.opened()) ++accepted;
    else if (h.open) ++refused;
    else ++silent;
    // Two refused or unanswered in a row: the table is full; more would only cost time.
    in_a_row = h.opened() ? 0 : in_a_row + 1;
    if (in_a_row == 2) break;
  }
  note(run, fmt::format("flood: {} Open Session requests, {} accepted, {} refused, {} unanswered",
                        accepted + refused + silent, accepted, refused, silent));

  const auto start = Clock::now();
  auto why = run.login_works("right after the flood");
  if (!why) return ProbeResult::silent();
  // Poll, bounded by recovery_wait and by the case's own time limit.
  const auto poll = std::max(run.answer_wait(), std::chrono::milliseconds(1000));
  bool cut_short = false;
  for (int i = 0; i < 1000; ++i) {
    if (Clock::now() - start >= recovery_wait) break;
    if (run.expired()) {
      cut_short = true;
      break;
    }
    std::this_thread::sleep_for(std::min(poll, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   recovery_wait - (Clock::now() - start) + std::chrono::milliseconds(1))));
    why = quiet_login(run);
    if (!why) {
      note(run, fmt::format("a login works again {:.1f} s after the flood",
                            std::chrono::duration<double>(Clock::now() - start).count()));
      (void)run.login_works("after recovery");
      return ProbeResult::silent();
    }
  }
  (void)run.login_works("at the end of the wait");
  const double waited = std::chrono::duration<double>(Clock::now() - start).count();
  if (cut_short) {
    return ProbeResult::error(fmt::format("no login works {:.1f} s after the flood, and the case's time limit ended the "
                                          "wait before recovery_wait_ms ({} ms): raise --timeout-ms",
                                          waited, recovery_wait.count()));
  }
  return ProbeResult::fired({fmt::format(
      "session table: expected a login to work again within {} ms after {} unauthenticated Open Session requests "
      "({} accepted), seen it still refused after {:.1f} s: {}",
      recovery_wait.count(), accepted + refused + silent, accepted, waited, *why)});
}

}  // namespace ipmict::runner::probes
