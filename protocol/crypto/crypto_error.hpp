#pragma once
// The one error type of protocol/crypto/. Crypto functions never throw (DESIGN.md §4):
// they return CryptoResult<T>, a value or a CryptoError saying what went wrong.
#include <cstdint>
#include <string_view>

#include <tl/expected.hpp>

namespace ipmict::crypto {

enum class CryptoError : std::uint8_t {
  openssl_failure,        // an EVP call returned failure (out of memory, provider missing)
  bad_key_length,         // a key or password is longer (or shorter) than the algorithm allows
  bad_input_length,       // input is not the size the algorithm needs (IV, whole blocks, user name)
  bad_padding,            // AES-CBC-128 confidentiality trailer is malformed (IPMI 2.0 §13.29)
  unsupported_algorithm,  // an algorithm number this code does not implement (xRC4, OEM)
};

// "OpenSSL failure", "bad key length", ... for error messages and reports.
std::string_view to_string(CryptoError error);

template <class T>
using CryptoResult = tl::expected<T, CryptoError>;

inline tl::unexpected<CryptoError> crypto_error(CryptoError error) {
  return tl::unexpected<CryptoError>(error);
}

}  // namespace ipmict::crypto
