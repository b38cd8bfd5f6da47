#pragma once
// The network fuzzer's one source of random choices. Every decision a campaign makes (which
// flow, which step, which mutation, which value) is drawn from a FuzzRng seeded from --seed,
// so a seed reproduces the campaign's inputs exactly.
//
// std::mt19937_64 is specified bit for bit by the C++ standard; the distributions of
// <random> are not (libstdc++ and libc++ differ), so ranges are reduced here with a plain
// modulo. Its bias is below 2^-40 for the small ranges a fuzzer asks for.
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace ipmict::netfuzz {

class FuzzRng {
 public:
  explicit FuzzRng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(engine_() >> 32); }
  std::uint8_t byte() { return static_cast<std::uint8_t>(engine_() >> 56); }
  // 0 <= r < n; 0 when n is 0.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  // True with probability percent/100.
  bool chance(unsigned percent) { return below(100) < percent; }
  // An index into weights, chosen in proportion to them; 0 when they are all 0.
  std::size_t weighted(std::span<const unsigned> weights);
  void fill(std::uint8_t* out, std::size_t n);

  // The seed of input number `index` of a campaign seeded with `campaign_seed`
  // (SplitMix64 over both): each input is generated from its own stream, so input N is the
  // same whatever the target answered to inputs 0..N-1.
  static std::uint64_t derive(std::uint64_t campaign_seed, std::uint64_t index);

 private:
  std::mt19937_64 engine_;
};

}  // namespace ipmict::netfuzz
