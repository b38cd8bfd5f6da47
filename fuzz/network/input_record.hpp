#pragma once
// What running one input did: every datagram sent and received while it ran, the
// datagrams of its mutated steps, the BMC's behaviour per step (signatures), and the
// signals the liveness oracle watches (an answer that never came, a port that closed).
// The campaign keeps the last K of these for the reproducer.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/network/input.hpp"
#include "protocol/core/bytes.hpp"

namespace ipmict::netfuzz {

struct Packet {
  bool outbound = true;  // to the target
  Bytes bytes;
};

struct InputRecord {
  std::uint64_t index = 0;  // position in the campaign
  Input input;
  std::vector<Packet> packets;
  std::vector<Bytes> mutated_datagrams;  // as sent for the steps that had mutations
  std::vector<std::string> signatures;   // "rakp1/1 rmcp+ rakp-2 status=12 len=8": behaviour per step
  std::vector<std::string> categories;   // of every datagram received, for the statistics
  unsigned sent = 0;
  unsigned received = 0;
  unsigned unanswered_steps = 0;
  bool expected_reply_missing = false;  // a step a healthy BMC answers went unanswered
  bool target_gone = false;             // sending reported the port unreachable (ICMP)
  bool skipped_destructive = false;     // a step was not sent: it had become a destructive command
  bool session_refused = false;         // the live session for a request flow could not be set up
  std::string note;                     // why the flow stopped early, if it did
};

}  // namespace ipmict::netfuzz
