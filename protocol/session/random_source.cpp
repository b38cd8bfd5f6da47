#include "protocol/session/random_source.hpp"

#include <climits>
#include <cstring>

#include <openssl/rand.h>

namespace ipmict::session {

void RandomSource::fill(std::uint8_t* out, std::size_t n) {
  if (n == 0) return;
  if (fn_) {
    fn_(out, n);
    return;
  }
  // RAND_bytes takes an int; our requests are at most 16 bytes at a time.
  if (n <= static_cast<std::size_t>(INT_MAX) && RAND_bytes(out, static_cast<int>(n)) == 1) return;
  // No randomness available (provider failure): zeros make the failure visible as
  // non-random IDs rather than leaving the caller's buffer undefined.
  std::memset(out, 0, n);
}

std::uint32_t RandomSource::u32() {
  const auto b = bytes<4>();
  return static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
         (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
}

std::uint32_t RandomSource::nonzero_u32() {
  for (int i = 0; i < 8; ++i) {  // bounded: a broken source must not hang the session
    const std::uint32_t v = u32();
    if (v != 0) return v;
  }
  return 1;
}

}  // namespace ipmict::session
