#pragma once
// Shrinks the inputs of a finding to a small reproducer. Every attempt runs a candidate list
// against a fresh target (FuzzTarget::restart) and asks the oracle whether it went down.
//
//   1. the most recent inputs alone, newest first (a crash usually follows the input that
//      caused it), then, if none does it alone, delta debugging (Zeller's ddmin) over the
//      whole window;
//   2. each remaining input replaced by its mutated datagrams sent raw (no handshake before
//      them), then by all its datagrams raw: a pre-authentication parser bug needs no session;
//   3. each mutation (or raw datagram) dropped in turn while the target still goes down.
// Bounded by a number of attempts and a time budget; the best reproducer so far is kept.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "fuzz/network/input.hpp"
#include "fuzz/network/input_record.hpp"

namespace ipmict::netfuzz {

// True when running the inputs against a fresh target leaves it down; an error when no
// fresh target could be had.
using ReproduceFn = std::function<tl::expected<bool, std::string>(const std::vector<Input>&)>;

struct ShrinkOptions {
  std::chrono::seconds time_budget{120};
  unsigned max_attempts = 150;
  std::size_t recent = 8;  // how many of the newest inputs to try alone first
};

struct ShrinkResult {
  std::vector<Input> inputs;  // the window itself when nothing reproduced
  bool reproduced = false;    // some candidate took the target down
  unsigned attempts = 0;
  std::string note;           // one line: how it went
};

ShrinkResult shrink(const std::vector<InputRecord>& window, const ReproduceFn& reproduce, const ShrinkOptions& options);

}  // namespace ipmict::netfuzz
