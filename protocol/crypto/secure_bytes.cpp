#include "protocol/crypto/secure_bytes.hpp"

#include <utility>

#include <openssl/crypto.h>

namespace ipmict::crypto {

void secure_wipe(Bytes& bytes) {
  // OPENSSL_cleanse cannot be optimised away as a dead store, unlike memset.
  if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
  bytes.clear();
}

SecureBytes::SecureBytes(ByteView bytes) : bytes_(bytes.begin(), bytes.end()) {}

SecureBytes::SecureBytes(std::size_t n) : bytes_(n, 0) {}

SecureBytes SecureBytes::adopt(Bytes&& owned) {
  SecureBytes out;
  out.bytes_ = std::move(owned);  // steals the heap buffer: no copy is made
  owned.clear();
  return out;
}

SecureBytes::SecureBytes(const SecureBytes& other) : bytes_(other.bytes_) {}

SecureBytes& SecureBytes::operator=(const SecureBytes& other) {
  if (this != &other) {
    clear();
    bytes_ = other.bytes_;
  }
  return *this;
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
  other.clear();
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    clear();
    bytes_ = std::move(other.bytes_);
    other.clear();
  }
  return *this;
}

SecureBytes::~SecureBytes() { clear(); }

void SecureBytes::clear() { secure_wipe(bytes_); }

}  // namespace ipmict::crypto
