#pragma once
// A fuzzing campaign: inputs from the generator, run by the flow runner against the
// target, the liveness oracle every `liveness_every` inputs and whenever something looks
// wrong (an answer a healthy BMC gives did not come, several inputs in a row got no answer
// at all, the port went unreachable), and on a finding the last inputs written as a
// reproducer (text and pcap), shrunk when the target can be restarted.
//
// Bounded by --max-inputs and --max-time; the campaign stops at its first finding (the
// target is down: going on would only send into the void). With the same seed, corpus and
// flows it makes the same inputs, so a finding can be found again.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/network/input.hpp"
#include "fuzz/network/input_record.hpp"
#include "fuzz/network/liveness.hpp"
#include "fuzz/network/stats.hpp"
#include "fuzz/network/target.hpp"

namespace ipmict::netfuzz {

struct CampaignOptions {
  std::uint64_t seed = 1;
  std::uint64_t max_inputs = 10000;
  std::chrono::seconds max_time{300};
  double rate = 500;                 // datagrams per second; 0 = no limit
  unsigned liveness_every = 50;      // inputs between routine liveness checks
  unsigned silence_trigger = 8;      // inputs in a row without any answer that trigger a check
  std::vector<FlowKind> flows;       // empty = every flow
  std::optional<std::filesystem::path> corpus_dir;
  std::filesystem::path out_dir = "fuzz-out";
  std::chrono::milliseconds reply_timeout{100};
  std::chrono::milliseconds live_timeout{500};
  std::chrono::milliseconds liveness_timeout{500};
  std::size_t history = 64;          // the last K inputs kept for the reproducer
  bool allow_destructive = false;
  bool shrink = true;
  std::chrono::seconds shrink_time{120};
  unsigned session_reuse = 500;
};

struct Finding {
  std::uint64_t input_index = 0;   // the input after which the oracle found the target down
  LivenessResult liveness;
  std::filesystem::path dir;       // OUT/crash-N
  std::vector<Input> reproducer;   // as written to DIR/reproducer.txt
  std::size_t reproducer_datagrams = 0;
  std::size_t last_inputs = 0;     // in DIR/last-inputs.txt
  bool confirmed = false;          // the reproducer took a fresh target down again
  bool shrunk = false;
  std::string note;                // how shrinking went, or why it did not happen
};

struct CampaignResult {
  CampaignStats stats;
  std::optional<Finding> finding;
  std::optional<std::string> error;  // the campaign could not run (target down before the first input ...)
};

CampaignResult run_campaign(const CampaignOptions& options, const FuzzTarget& target, std::ostream& log);

}  // namespace ipmict::netfuzz
