#pragma once
// Message digests and HMACs used by IPMI: MD2/MD5 for IPMI 1.5 AuthCodes (IPMI 2.0
// §22.17.1), MD5 for the MD5-128 integrity algorithm (§13.28.4), and HMAC-SHA1/-MD5/
// -SHA256 for RAKP, key derivation and integrity (§13.28, §13.31, §13.32).
#include <cstddef>

#include "protocol/core/bytes.hpp"
#include "protocol/crypto/crypto_error.hpp"

namespace ipmict::crypto {

enum class HashAlg { md5, sha1, sha256 };

// 16, 20, 32.
std::size_t digest_length(HashAlg alg);

// One-shot digest through OpenSSL 3 EVP.
CryptoResult<Bytes> hash(HashAlg alg, ByteView data);

// RFC 2104 HMAC through OpenSSL 3 EVP_MAC. Any key length (including 0) is accepted,
// as RFC 2104 allows; keys longer than the block size are hashed first by HMAC itself.
CryptoResult<Bytes> hmac(HashAlg alg, ByteView key, ByteView data);

// RFC 1319 MD2 (16 bytes). Debian's OpenSSL 3 has no MD2, so it is implemented here
// (md2.cpp); IPMI 1.5 AuthType 01h still needs it. Cannot fail.
Bytes md2(ByteView data);

}  // namespace ipmict::crypto
