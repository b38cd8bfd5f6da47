#pragma once
// Applies one Mutation (input.hpp) to a step: to the structured message before it is
// serialised (fields, lengths, payload bytes, fix-up switches), or to the finished datagram
// (Layer::datagram byte ops, after which nothing is fixed up). Deterministic: the same
// mutation on the same message gives the same bytes.
#include <cstddef>

#include "fuzz/network/input.hpp"
#include "fuzz/network/step_message.hpp"

namespace ipmict::netfuzz {

// Payloads never grow past this (the RMCP+ length field's range, minus room for headers).
inline constexpr std::size_t kMaxMutatedPayload = 65000;

// True for the ops that act on the finished datagram rather than on the message.
bool acts_on_datagram(const Mutation& m);
// Step-level ops the runner itself carries out (drop-step, repeat-step).
bool acts_on_flow(const Mutation& m);

// Everything but the datagram-level and flow-level ops. A field or length the step does
// not have (an ASF tag on an RMCP+ step) leaves the message unchanged.
void apply_to_message(const Mutation& m, StepMessage& message);
void apply_to_datagram(const Mutation& m, Bytes& datagram);

// The byte ops on [begin, end) of `bytes` (positions modulo the range).
void apply_byte_op(const Mutation& m, Bytes& bytes, std::size_t begin, std::size_t end);

}  // namespace ipmict::netfuzz
