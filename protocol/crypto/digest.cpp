#include "protocol/crypto/digest.hpp"

#include <memory>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace ipmict::crypto {
namespace {

// RAII for every EVP object this file creates (DESIGN.md §11).
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct MacFree {
  void operator()(EVP_MAC* p) const { EVP_MAC_free(p); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* p) const { EVP_MAC_CTX_free(p); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using MacPtr = std::unique_ptr<EVP_MAC, MacFree>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;

// EVP_md5() and friends return static, provider-backed objects in OpenSSL 3 (not
// deprecated, nothing to free).
const EVP_MD* evp_md(HashAlg alg) {
  switch (alg) {
    case HashAlg::md5: return EVP_md5();
    case HashAlg::sha1: return EVP_sha1();
    case HashAlg::sha256: return EVP_sha256();
  }
  return nullptr;
}

// The digest names the HMAC provider understands (OSSL_MAC_PARAM_DIGEST).
const char* digest_name(HashAlg alg) {
  switch (alg) {
    case HashAlg::md5: return "MD5";
    case HashAlg::sha1: return "SHA1";
    case HashAlg::sha256: return "SHA256";
  }
  return nullptr;
}

// EVP functions take a non-null pointer even for zero-length input.
const unsigned char* nonnull(ByteView v) {
  static constexpr unsigned char empty = 0;
  return v.empty() ? &empty : v.data();
}

}  // namespace

std::size_t digest_length(HashAlg alg) {
  switch (alg) {
    case HashAlg::md5: return 16;
    case HashAlg::sha1: return 20;
    case HashAlg::sha256: return 32;
  }
  return 0;
}

CryptoResult<Bytes> hash(HashAlg alg, ByteView data) {
  const EVP_MD* md = evp_md(alg);
  if (md == nullptr) return crypto_error(CryptoError::unsupported_algorithm);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) return crypto_error(CryptoError::openssl_failure);
  if (EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1) return crypto_error(CryptoError::openssl_failure);
  if (EVP_DigestUpdate(ctx.get(), nonnull(data), data.size()) != 1) {
    return crypto_error(CryptoError::openssl_failure);
  }
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1) return crypto_error(CryptoError::openssl_failure);
  if (len != digest_length(alg)) return crypto_error(CryptoError::openssl_failure);
  out.resize(len);
  return out;
}

CryptoResult<Bytes> hmac(HashAlg alg, ByteView key, ByteView data) {
  const char* name = digest_name(alg);
  if (name == nullptr) return crypto_error(CryptoError::unsupported_algorithm);
  MacPtr mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
  if (!mac) return crypto_error(CryptoError::openssl_failure);
  MacCtxPtr ctx(EVP_MAC_CTX_new(mac.get()));
  if (!ctx) return crypto_error(CryptoError::openssl_failure);

  // OSSL_PARAM_construct_utf8_string takes a char* for API symmetry; the provider only
  // reads it, so passing the string literal through const_cast is safe.
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(name), 0),
      OSSL_PARAM_construct_end(),
  };
  // A non-null key pointer with length 0 sets an empty key (RFC 2104 allows it); a null
  // pointer would mean "keep the previous key", and there is none.
  if (EVP_MAC_init(ctx.get(), nonnull(key), key.size(), params) != 1) {
    return crypto_error(CryptoError::openssl_failure);
  }
  if (EVP_MAC_update(ctx.get(), nonnull(data), data.size()) != 1) {
    return crypto_error(CryptoError::openssl_failure);
  }
  Bytes out(EVP_MAX_MD_SIZE);
  std::size_t len = 0;
  if (EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1) {
    return crypto_error(CryptoError::openssl_failure);
  }
  if (len != digest_length(alg)) return crypto_error(CryptoError::openssl_failure);
  out.resize(len);
  return out;
}

}  // namespace ipmict::crypto
