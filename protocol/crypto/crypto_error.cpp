#include "protocol/crypto/crypto_error.hpp"

namespace ipmict::crypto {

std::string_view to_string(CryptoError error) {
  switch (error) {
    case CryptoError::openssl_failure: return "OpenSSL failure";
    case CryptoError::bad_key_length: return "bad key length";
    case CryptoError::bad_input_length: return "bad input length";
    case CryptoError::bad_padding: return "bad padding";
    case CryptoError::unsupported_algorithm: return "unsupported algorithm";
  }
  return "unknown crypto error";
}

}  // namespace ipmict::crypto
