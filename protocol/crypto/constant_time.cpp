#include "protocol/crypto/constant_time.hpp"

#include <cstdint>

#include <openssl/crypto.h>

namespace ipmict::crypto {

bool constant_time_equal(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  // CRYPTO_memcmp always reads all len bytes; it returns 0 only on equality.
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool constant_time_is_zero(ByteView bytes) {
  std::uint8_t acc = 0;
  for (std::uint8_t b : bytes) acc = static_cast<std::uint8_t>(acc | b);
  return acc == 0;
}

}  // namespace ipmict::crypto
