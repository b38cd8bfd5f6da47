#pragma once
// `ipmict fuzz TARGET`: the network fuzzer (fuzz/network/, docs/network-fuzzer.md).
//   TARGET  lanplus://USER@HOST[:PORT][?cipher=N], lan://USER@HOST[:PORT][?auth=md5], or
//           sim://?personality=NAME (the built-in simulator, started in-process on loopback;
//           a fresh one for every shrinking attempt)
// Only the given target is ever sent to. Non-loopback targets are refused without
// --allow-remote: campaigns belong on a lab network, never on production BMCs.
//
// Exit: 0 no finding (or --replay: not reproduced), 1 a finding (or --replay: reproduced),
// 2 bad usage, a target that cannot be used, or an I/O error.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "harness/secret_source.hpp"

namespace ipmict {

struct FuzzOptions {
  std::string target;
  std::uint64_t seed = 1;
  std::uint64_t max_inputs = 10000;
  unsigned max_time = 300;           // seconds
  double rate = 500;                 // datagrams per second; 0 = no limit
  unsigned liveness_every = 50;
  std::string flows;                 // "pre-session,ipmi15,in-session" or flow names; empty = all
  std::optional<std::string> corpus;
  std::string out = "fuzz-out";
  std::optional<std::string> replay;
  std::optional<std::string> restart_cmd;
  SecretSource password;
  SecretSource kg;
  bool allow_remote = false;
  bool allow_destructive = false;
  bool no_shrink = false;
  unsigned shrink_time = 120;        // seconds
  unsigned reply_timeout_ms = 100;
  unsigned liveness_timeout_ms = 500;
  unsigned history = 64;
};

int run_fuzz(const FuzzOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ipmict
