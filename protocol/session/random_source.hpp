#pragma once
// Where the session's random bytes come from: the caller's function (tests pass a
// deterministic one) or OpenSSL's CSPRNG. Session IDs, RAKP randoms (IPMI 2.0 §13.31:
// Rm must be unpredictable), IPMI 1.5 initial sequence numbers and AES IVs (§13.29: a
// fresh IV per packet) all come from here.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace ipmict::session {

class RandomSource {
 public:
  explicit RandomSource(std::function<void(std::uint8_t*, std::size_t)> fn) : fn_(std::move(fn)) {}
  void fill(std::uint8_t* out, std::size_t n);
  template <std::size_t N>
  std::array<std::uint8_t, N> bytes() {
    std::array<std::uint8_t, N> a{};
    fill(a.data(), N);
    return a;
  }
  std::uint32_t u32();
  // A 32-bit value that is not 0 (session IDs, §13.17; sequence numbers, §22.17).
  std::uint32_t nonzero_u32();

 private:
  std::function<void(std::uint8_t*, std::size_t)> fn_;
};

}  // namespace ipmict::session
