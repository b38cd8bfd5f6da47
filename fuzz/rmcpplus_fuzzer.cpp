// RMCP+ session header and trailer (IPMI 2.0 §13.6) with integrity and confidentiality,
// keys fixed per input. The first byte picks the AuthCode length the session would have
// negotiated (0, 12, 16 or 32 bytes); the rest is the RMCP body (starting with 06h).
// Properties: decode then encode gives the same bytes; the covered range lies inside the
// input; integrity checks and AES-CBC-128 decryption never crash on what was decoded.
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/wire/rmcpplus_session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  if (size < 1) return 0;
  static constexpr std::size_t kLengths[] = {0, 12, 16, 32};
  const std::size_t auth_len = kLengths[data[0] % 4];
  const ByteView body(data + 1, size - 1);
  auto s = decode_rmcpplus_session(body, 0, auth_len);
  if (!s) {
    FUZZ_ASSERT(s.error().offset <= body.size());
    return 0;
  }
  FUZZ_ASSERT(encode_rmcpplus_session(*s) == Bytes(body.begin(), body.end()));
  FUZZ_ASSERT(s->covered_begin <= s->covered_end && s->covered_end <= body.size());
  static const Bytes k1(20, 0x11);
  static const Bytes k2(20, 0x22);
  static const Bytes password(20, 0x33);
  if (s->trailer) {
    const ByteView covered = body.subspan(s->covered_begin, s->covered_end - s->covered_begin);
    for (auto alg : {crypto::IntegrityAlg::hmac_sha1_96, crypto::IntegrityAlg::hmac_md5_128, crypto::IntegrityAlg::md5_128,
                     crypto::IntegrityAlg::hmac_sha256_128}) {
      if (crypto::integrity_auth_code_length(alg) != s->trailer->auth_code.size()) continue;
      auto ok = crypto::verify_integrity_auth_code(alg, view(k1), view(password), covered, s->trailer->auth_code);
      FUZZ_ASSERT(ok.has_value());
    }
  }
  if (s->encrypted) {
    auto clear = crypto::aes_cbc_128_decrypt(view(k2), s->payload);
    if (clear) FUZZ_ASSERT(clear->size() < s->payload.size());
  }
  return 0;
}
