#include "protocol/crypto/confidentiality.hpp"

#include <climits>
#include <cstdint>
#include <memory>

#include <openssl/evp.h>

#include "protocol/crypto/secure_bytes.hpp"

namespace ipmict::crypto {
namespace {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

constexpr std::size_t kKeyLength = 16;   // AES-128
constexpr std::size_t kMaxPadLength = 15;  // §13.29.1: pad length is 0..15

// Runs AES-128-CBC over whole blocks with OpenSSL's own padding off: the IPMI trailer is
// not PKCS#7 and is added and checked by this file.
CryptoResult<Bytes> cbc(bool encrypt, ByteView key16, ByteView iv16, ByteView in) {
  if (in.size() > static_cast<std::size_t>(INT_MAX) - kAesBlockLength) {
    return crypto_error(CryptoError::bad_input_length);
  }
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return crypto_error(CryptoError::openssl_failure);
  // Fetched once and shared (an immutable handle); EVP_aes_128_cbc() would make every
  // init fetch it again from the provider (see digest.cpp).
  static EVP_CIPHER* const aes_128_cbc = EVP_CIPHER_fetch(nullptr, "AES-128-CBC", nullptr);
  if (aes_128_cbc == nullptr) return crypto_error(CryptoError::openssl_failure);
  if (EVP_CipherInit_ex2(ctx.get(), aes_128_cbc, key16.data(), iv16.data(), encrypt ? 1 : 0, nullptr) != 1) {
    return crypto_error(CryptoError::openssl_failure);
  }
  if (EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) return crypto_error(CryptoError::openssl_failure);

  Bytes out(in.size() + kAesBlockLength);
  int written = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &written, in.data(), static_cast<int>(in.size())) != 1) {
    return crypto_error(CryptoError::openssl_failure);
  }
  int final_written = 0;
  if (EVP_CipherFinal_ex(ctx.get(), out.data() + written, &final_written) != 1) {
    return crypto_error(CryptoError::openssl_failure);
  }
  const auto total = static_cast<std::size_t>(written) + static_cast<std::size_t>(final_written);
  if (total != in.size()) return crypto_error(CryptoError::openssl_failure);
  out.resize(total);
  return out;
}

}  // namespace

std::size_t aes_cbc_128_pad_length(std::size_t payload_length) {
  // data + pad + the pad-length byte must fill whole blocks.
  return (kAesBlockLength - (payload_length + 1) % kAesBlockLength) % kAesBlockLength;
}

CryptoResult<Bytes> aes_cbc_128_encrypt(ByteView k2, ByteView iv16, ByteView plaintext) {
  if (k2.size() < kKeyLength) return crypto_error(CryptoError::bad_key_length);
  if (iv16.size() != kAesBlockLength) return crypto_error(CryptoError::bad_input_length);

  const std::size_t pad = aes_cbc_128_pad_length(plaintext.size());
  Bytes padded;
  padded.reserve(plaintext.size() + pad + 1);  // once, so no unwiped copy is left behind
  padded.insert(padded.end(), plaintext.begin(), plaintext.end());
  for (std::size_t i = 1; i <= pad; ++i) padded.push_back(static_cast<std::uint8_t>(i));  // §13.29.1: 01h, 02h, ...
  padded.push_back(static_cast<std::uint8_t>(pad));

  auto ciphertext = cbc(true, k2.first(kKeyLength), iv16, padded);
  secure_wipe(padded);  // the plaintext may carry passwords (Set User Password)
  if (!ciphertext) return ciphertext;

  Bytes out;
  out.reserve(kAesBlockLength + ciphertext->size());
  out.insert(out.end(), iv16.begin(), iv16.end());
  out.insert(out.end(), ciphertext->begin(), ciphertext->end());
  return out;
}

CryptoResult<Bytes> aes_cbc_128_decrypt(ByteView k2, ByteView iv_and_ciphertext, bool strict_pad) {
  if (k2.size() < kKeyLength) return crypto_error(CryptoError::bad_key_length);
  // Bounds first (DESIGN.md §4): IV plus at least one block, and whole blocks only.
  if (iv_and_ciphertext.size() < 2 * kAesBlockLength || iv_and_ciphertext.size() % kAesBlockLength != 0) {
    return crypto_error(CryptoError::bad_input_length);
  }
  const ByteView iv = iv_and_ciphertext.first(kAesBlockLength);
  const ByteView ciphertext = iv_and_ciphertext.subspan(kAesBlockLength);
  auto plain = cbc(false, k2.first(kKeyLength), iv, ciphertext);
  if (!plain) return plain;

  // The pad length is the last byte; the plaintext is at least 16 bytes, so a pad of at
  // most 15 plus its length byte always fits.
  const std::size_t pad = plain->back();
  if (pad > kMaxPadLength) {
    secure_wipe(*plain);
    return crypto_error(CryptoError::bad_padding);
  }
  const std::size_t data_length = plain->size() - 1 - pad;
  if (strict_pad) {
    // Check every pad byte without an early exit, so timing does not reveal which one
    // was wrong.
    std::uint8_t diff = 0;
    for (std::size_t i = 0; i < pad; ++i) {
      diff = static_cast<std::uint8_t>(diff | ((*plain)[data_length + i] ^ static_cast<std::uint8_t>(i + 1)));
    }
    if (diff != 0) {
      secure_wipe(*plain);
      return crypto_error(CryptoError::bad_padding);
    }
  }
  plain->resize(data_length);
  return plain;
}

CryptoResult<Bytes> aes_128_cbc_encrypt_blocks(ByteView key16, ByteView iv16, ByteView blocks) {
  if (key16.size() != kKeyLength) return crypto_error(CryptoError::bad_key_length);
  if (iv16.size() != kAesBlockLength || blocks.size() % kAesBlockLength != 0) {
    return crypto_error(CryptoError::bad_input_length);
  }
  if (blocks.empty()) return Bytes{};
  return cbc(true, key16, iv16, blocks);
}

CryptoResult<Bytes> aes_128_cbc_decrypt_blocks(ByteView key16, ByteView iv16, ByteView blocks) {
  if (key16.size() != kKeyLength) return crypto_error(CryptoError::bad_key_length);
  if (iv16.size() != kAesBlockLength || blocks.size() % kAesBlockLength != 0) {
    return crypto_error(CryptoError::bad_input_length);
  }
  if (blocks.empty()) return Bytes{};
  return cbc(false, key16, iv16, blocks);
}

}  // namespace ipmict::crypto
