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

// Algorithms are fetched from the provider once and shared: an EVP_MD / EVP_MAC is an
// immutable, reference-counted handle that OpenSSL 3 allows to be used from any thread.
// Fetching per call (which EVP_md5() + EVP_DigestInit does implicitly) cost more than the
// hash itself on IPMI-sized inputs (bench/raw_vs_peers.sh, docs/benchmarks.md). These
// handles are the only process-wide objects in protocol/: caches of constants, not state.
const EVP_MD* evp_md(HashAlg alg) {
  static EVP_MD* const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  static EVP_MD* const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  switch (alg) {
    case HashAlg::md5: return md5;
    case HashAlg::sha1: return sha1;
    case HashAlg::sha256: return sha256;
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

namespace {

// An HMAC context with its digest already set, one per algorithm, created once; each call
// duplicates it and sets only the key, so the digest is not looked up again.
const EVP_MAC_CTX* hmac_template(HashAlg alg) {
  auto make = [](const char* name) -> EVP_MAC_CTX* {
    MacPtr mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
    if (!mac) return nullptr;
    MacCtxPtr ctx(EVP_MAC_CTX_new(mac.get()));
    if (!ctx) return nullptr;
    // OSSL_PARAM_construct_utf8_string takes a char* for API symmetry; the provider only
    // reads it, so passing the string literal through const_cast is safe.
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(name), 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_CTX_set_params(ctx.get(), params) != 1) return nullptr;
    return ctx.release();
  };
  static EVP_MAC_CTX* const md5 = make(digest_name(HashAlg::md5));
  static EVP_MAC_CTX* const sha1 = make(digest_name(HashAlg::sha1));
  static EVP_MAC_CTX* const sha256 = make(digest_name(HashAlg::sha256));
  switch (alg) {
    case HashAlg::md5: return md5;
    case HashAlg::sha1: return sha1;
    case HashAlg::sha256: return sha256;
  }
  return nullptr;
}

}  // namespace

CryptoResult<Bytes> hmac(HashAlg alg, ByteView key, ByteView data) {
  if (digest_name(alg) == nullptr) return crypto_error(CryptoError::unsupported_algorithm);
  const EVP_MAC_CTX* tmpl = hmac_template(alg);
  if (tmpl == nullptr) return crypto_error(CryptoError::openssl_failure);
  MacCtxPtr ctx(EVP_MAC_CTX_dup(tmpl));
  if (!ctx) return crypto_error(CryptoError::openssl_failure);
  // A non-null key pointer with length 0 sets an empty key (RFC 2104 allows it); a null
  // pointer would mean "keep the previous key", and there is none.
  if (EVP_MAC_init(ctx.get(), nonnull(key), key.size(), nullptr) != 1) {
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
