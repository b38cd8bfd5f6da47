#pragma once
// What a campaign did, for the end-of-run report: inputs and datagrams, the BMC's answers
// by kind, liveness checks, sessions, new behaviours, findings, inputs per second.
#include <cstdint>
#include <map>
#include <string>

#include "fuzz/network/input_record.hpp"

namespace ipmict::netfuzz {

struct CampaignStats {
  std::uint64_t first_index = 0;  // where the campaign started (a resumed one: not 0)
  std::uint64_t inputs = 0;
  std::uint64_t datagrams_sent = 0;
  std::uint64_t datagrams_received = 0;
  std::uint64_t unanswered_steps = 0;
  std::uint64_t skipped_destructive = 0;
  std::uint64_t liveness_checks = 0;
  std::uint64_t sessions_established = 0;
  std::uint64_t session_failures = 0;
  std::uint64_t new_behaviours = 0;
  std::uint64_t corpus_inputs = 0;
  unsigned findings = 0;
  double seconds = 0;
  std::map<std::string, std::uint64_t> inputs_by_flow;
  std::map<std::string, std::uint64_t> received_by_kind;

  void add(const InputRecord& record);
  double inputs_per_second() const { return seconds > 0 ? static_cast<double>(inputs) / seconds : 0.0; }
};

// Several lines, each "  name: value".
std::string format_stats(const CampaignStats& stats);

}  // namespace ipmict::netfuzz
