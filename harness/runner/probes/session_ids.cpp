// Probe `session-ids`: the managed system session IDs the BMC hands out (the Open Session
// Response's, §13.17-13.18), over several sessions opened and closed one after another.
// They must be non-zero (0 marks packets outside a session, §13.6), unique, and not
// predictable: an attacker who can guess the next ID can inject into or hijack sessions
// whose cipher suite lacks integrity, and tell how busy the BMC is. Predictable here means
// a constant step between consecutive IDs, or every ID within 16 bits (a random 32-bit ID
// falls below 10000h with probability 2^-16, so N of them 2^-16N). ipmi_sim hands out small
// sequential IDs (docs/interpretations.md S-SESSION-IDS).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/probe.hpp"

namespace ipmict::runner::probes {

ProbeResult session_ids(ProbeRun& run) {
  const auto count = cases::probe_number(run.action(), "sessions", 8);
  std::vector<std::uint32_t> ids;
  for (std::uint64_t i = 0; i < count && !run.expired(); ++i) {
    auto s = run.open(run.base_config(), fmt::format("session {} of {}", i + 1, count));
    if (!s) return ProbeResult::error("session " + std::to_string(i + 1) + " cannot be opened: " + s.error().message);
    ids.push_back((*s)->established().bmc_session_id);
    (*s)->close();
  }
  if (ids.size() < 3) return ProbeResult::error("fewer than 3 sessions opened in the time allowed");
  std::string list;
  for (auto id : ids) list += (list.empty() ? "" : ", ") + fmt::format("{:08X}h", id);

  std::vector<std::string> lines;
  if (std::find(ids.begin(), ids.end(), 0u) != ids.end()) {
    lines.push_back("session IDs: expected non-zero, seen 0 (" + list + ")");
  }
  if (std::set<std::uint32_t>(ids.begin(), ids.end()).size() != ids.size()) {
    lines.push_back("session IDs: expected a different ID for each session, seen one repeated (" + list + ")");
  } else {
    const auto step = static_cast<std::int64_t>(ids[1]) - static_cast<std::int64_t>(ids[0]);
    bool constant = true;
    for (std::size_t i = 2; i < ids.size(); ++i) {
      constant = constant && static_cast<std::int64_t>(ids[i]) - static_cast<std::int64_t>(ids[i - 1]) == step;
    }
    const bool small = std::all_of(ids.begin(), ids.end(), [](std::uint32_t id) { return id < 0x10000u; });
    if (constant) {
      lines.push_back(fmt::format("session IDs: expected unpredictable IDs, seen a sequence with a constant step of {} ({})",
                                  step, list));
    } else if (small) {
      lines.push_back("session IDs: expected unpredictable 32-bit IDs, seen every one within 16 bits (" + list + ")");
    }
  }
  if (lines.empty()) return ProbeResult::silent();
  return ProbeResult::fired(std::move(lines));
}

}  // namespace ipmict::runner::probes
