#include "fuzz/network/stats.hpp"

#include <cstdio>

namespace ipmict::netfuzz {

void CampaignStats::add(const InputRecord& r) {
  ++inputs;
  datagrams_sent += r.sent;
  datagrams_received += r.received;
  unanswered_steps += r.unanswered_steps;
  if (r.skipped_destructive) ++skipped_destructive;
  ++inputs_by_flow[std::string(flow_name(r.input.flow))];
  for (const std::string& c : r.categories) ++received_by_kind[c];
}

std::string format_stats(const CampaignStats& s) {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f", s.inputs_per_second());
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", s.seconds);
  std::string out;
  out += "  inputs: " + std::to_string(s.inputs) + " (from input " + std::to_string(s.first_index) + ") in " + secs +
         " s, " + rate + " inputs/s\n";
  out += "  datagrams: " + std::to_string(s.datagrams_sent) + " sent, " + std::to_string(s.datagrams_received) +
         " received, " + std::to_string(s.unanswered_steps) + " steps unanswered\n";
  out += "  sessions: " + std::to_string(s.sessions_established) + " established, " + std::to_string(s.session_failures) +
         " set-ups failed; liveness checks: " + std::to_string(s.liveness_checks) + "\n";
  out += "  behaviours: " + std::to_string(s.new_behaviours) + " new; corpus: " + std::to_string(s.corpus_inputs) +
         " inputs; destructive steps skipped: " + std::to_string(s.skipped_destructive) + "\n";
  out += "  findings: " + std::to_string(s.findings) + "\n";
  out += "  inputs by flow:";
  for (const auto& [flow, n] : s.inputs_by_flow) out += " " + flow + "=" + std::to_string(n);
  out += "\n  answers by kind:";
  for (const auto& [kind, n] : s.received_by_kind) out += "\n    " + kind + ": " + std::to_string(n);
  out += "\n";
  return out;
}

}  // namespace ipmict::netfuzz
