#pragma once
// Chooses inputs: a flow, its request, and its mutations, every choice drawn from a FuzzRng
// seeded with the input's own seed (FuzzRng::derive), so input N of a campaign is the same
// whatever the target did before it.
//
// Weights favour what finds bugs in BMC datagram parsers: length fields set to interesting
// values or off by one and not fixed up (the zero-length and oversized-length classics),
// header fields, and byte mutations of the payload in clear with everything around it
// fixed up, so the message still gets past checksums, integrity and decryption. About one
// input in ten carries no mutation: those exercise the command handlers with valid requests
// and tell the oracle what normal answers look like.
#include <cstdint>
#include <vector>

#include "fuzz/network/input.hpp"
#include "fuzz/network/request_pool.hpp"

namespace ipmict::netfuzz {

class FuzzRng;

struct GeneratorConfig {
  std::vector<FlowKind> flows;             // the flows to choose from (raw is never generated)
  std::vector<RequestTemplate> requests;   // for the request flows
  unsigned corpus_percent = 30;            // chance of starting from a corpus input when there is one
  unsigned max_mutations = 8;              // on one input, corpus stacking included
};

class InputGenerator {
 public:
  explicit InputGenerator(GeneratorConfig config);

  // A corpus input to mutate further (corpus.hpp).
  void add_base(Input input);
  std::size_t bases() const { return bases_.size(); }

  Input generate(std::uint64_t input_seed) const;
  // One more mutation for `input`, fitting its flow's steps (raw inputs: datagram ops).
  Mutation random_mutation(const Input& input, FuzzRng& rng) const;

 private:
  Input fresh(FuzzRng& rng) const;
  GeneratorConfig config_;
  std::vector<Input> bases_;
};

}  // namespace ipmict::netfuzz
