#include "protocol/crypto/integrity.hpp"

#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/digest.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/crypto/secure_bytes.hpp"

namespace ipmict::crypto {
namespace {

// K1 is a full HMAC output (§13.32); an empty one means it was never derived.
CryptoResult<Bytes> truncated_hmac(HashAlg h, ByteView key, ByteView data, std::size_t length) {
  if (key.empty()) return crypto_error(CryptoError::bad_key_length);
  auto mac = hmac(h, key, data);
  if (!mac) return mac;
  mac->resize(length);
  return mac;
}

// MD5-128 (§13.28.4): MD5 over password | data | password with a 20-byte zero-padded password.
CryptoResult<Bytes> md5_128(ByteView password, ByteView data) {
  if (password.size() > kUserKeyLength) return crypto_error(CryptoError::bad_key_length);
  Bytes input;
  input.reserve(2 * kUserKeyLength + data.size());  // reserved once: no unwiped reallocations
  input.insert(input.end(), password.begin(), password.end());
  input.insert(input.end(), kUserKeyLength - password.size(), 0);
  input.insert(input.end(), data.begin(), data.end());
  input.insert(input.end(), password.begin(), password.end());
  input.insert(input.end(), kUserKeyLength - password.size(), 0);
  auto digest = hash(HashAlg::md5, input);
  secure_wipe(input);
  return digest;
}

}  // namespace

std::size_t integrity_auth_code_length(IntegrityAlg alg) {
  switch (alg) {
    case IntegrityAlg::none: return 0;
    case IntegrityAlg::hmac_sha1_96: return 12;
    case IntegrityAlg::hmac_md5_128: return 16;
    case IntegrityAlg::md5_128: return 16;
    case IntegrityAlg::hmac_sha256_128: return 16;
  }
  return 0;
}

CryptoResult<Bytes> integrity_auth_code(IntegrityAlg alg, ByteView k1, ByteView user_password_20,
                                        ByteView covered_bytes) {
  const std::size_t length = integrity_auth_code_length(alg);
  switch (alg) {
    case IntegrityAlg::none: return Bytes{};
    case IntegrityAlg::hmac_sha1_96: return truncated_hmac(HashAlg::sha1, k1, covered_bytes, length);
    case IntegrityAlg::hmac_md5_128: return truncated_hmac(HashAlg::md5, k1, covered_bytes, length);
    case IntegrityAlg::md5_128: return md5_128(user_password_20, covered_bytes);
    case IntegrityAlg::hmac_sha256_128: return truncated_hmac(HashAlg::sha256, k1, covered_bytes, length);
  }
  return crypto_error(CryptoError::unsupported_algorithm);
}

CryptoResult<bool> verify_integrity_auth_code(IntegrityAlg alg, ByteView k1, ByteView user_password_20,
                                              ByteView covered_bytes, ByteView received) {
  auto expected = integrity_auth_code(alg, k1, user_password_20, covered_bytes);
  if (!expected) return crypto_error(expected.error());
  return constant_time_equal(*expected, received);
}

}  // namespace ipmict::crypto
