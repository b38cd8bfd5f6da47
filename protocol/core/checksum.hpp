#pragma once
// IPMI 2.0 §13.8 / IPMB 1.0 §2.2: the 8-bit two's-complement checksum. A range of
// bytes followed by its checksum sums to zero modulo 256.
#include <cstdint>

#include "protocol/core/bytes.hpp"

namespace ipmict {

inline std::uint8_t ipmi_checksum(ByteView bytes) {
  unsigned sum = 0;
  for (std::uint8_t b : bytes) sum += b;
  return static_cast<std::uint8_t>(-sum & 0xffu);
}

inline bool checksum_ok(ByteView bytes_and_checksum) {
  unsigned sum = 0;
  for (std::uint8_t b : bytes_and_checksum) sum += b;
  return (sum & 0xffu) == 0;
}

}  // namespace ipmict
