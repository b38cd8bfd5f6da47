#pragma once
// SecureBytes: an owned byte buffer for key material (K_UID, K_G, SIK, K1, K2, passwords)
// that is wiped with OPENSSL_cleanse() when destroyed, overwritten by assignment, or moved
// from (DESIGN.md §11 "keys zeroed"). Its size is fixed at construction so the buffer is
// never reallocated and never leaves an unwiped copy behind.
#include <cstddef>
#include <cstdint>

#include "protocol/core/bytes.hpp"

namespace ipmict::crypto {

class SecureBytes {
 public:
  SecureBytes() = default;
  // A copy of `bytes`; the caller remains responsible for its own copy.
  explicit SecureBytes(ByteView bytes);
  // n zero bytes.
  explicit SecureBytes(std::size_t n);
  // Takes over the buffer of `owned` without copying (the vector is left empty).
  static SecureBytes adopt(Bytes&& owned);

  SecureBytes(const SecureBytes& other);
  SecureBytes& operator=(const SecureBytes& other);
  SecureBytes(SecureBytes&& other) noexcept;
  SecureBytes& operator=(SecureBytes&& other) noexcept;
  ~SecureBytes();

  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::uint8_t* data() { return bytes_.data(); }
  ByteView view() const { return ByteView(bytes_.data(), bytes_.size()); }
  // The first n bytes (all of them when n >= size()).
  ByteView first(std::size_t n) const { return view().first(n < size() ? n : size()); }

  // Wipes and empties the buffer.
  void clear();

 private:
  Bytes bytes_;
};

// Wipes a plain buffer that held secret bytes (an HMAC input with a password in it),
// then empties it. Use before such a buffer goes out of scope.
void secure_wipe(Bytes& bytes);

}  // namespace ipmict::crypto
