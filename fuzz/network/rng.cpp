#include "fuzz/network/rng.hpp"

namespace ipmict::netfuzz {

std::size_t FuzzRng::weighted(std::span<const unsigned> weights) {
  std::uint64_t total = 0;
  for (const unsigned w : weights) total += w;
  if (total == 0) return 0;
  std::uint64_t r = below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

void FuzzRng::fill(std::uint8_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = byte();
}

std::uint64_t FuzzRng::derive(std::uint64_t campaign_seed, std::uint64_t index) {
  // SplitMix64 (Steele, Lea, Flood 2014) of the pair: well-mixed seeds for neighbouring indexes.
  std::uint64_t z = campaign_seed + 0x9e3779b97f4a7c15ull * (index + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace ipmict::netfuzz
