// RMCP+ integrity AuthCodes (IPMI 2.0 §13.28.4).
#include <string>

#include <gtest/gtest.h>

#include "protocol/crypto/digest.hpp"
#include "protocol/crypto/integrity.hpp"
#include "tests/protocol/crypto/crypto_test_util.hpp"

namespace ipmict::crypto {
namespace {

using test::ascii;
using test::hex;
using test::hexs;

// An authenticated RMCP+ packet from AuthType through Next Header: header (AuthType 06h,
// payload type C0h = IPMI, encrypted + authenticated, session ID, sequence, length),
// a Get Device ID request, integrity pad FFh x2, pad length 02h, next header 07h.
Bytes covered_bytes() {
  return hex("06 c0 a4 a3 a2 a1 01 00 00 00 07 00 20 18 c8 81 04 01 7a ff ff 02 07");
}

const Bytes k1 = hex("460218dc9d1fb6a7d85930d21e4d6f8807bb80ed");

std::string code_hex(IntegrityAlg alg, ByteView key, ByteView password) {
  auto c = integrity_auth_code(alg, key, password, covered_bytes());
  return c ? hexs(*c) : "error";
}

std::string hmac_prefix(HashAlg h, ByteView key, std::size_t n) {
  auto m = hmac(h, key, covered_bytes());
  EXPECT_TRUE(m);
  if (!m) return "error";
  m->resize(n);
  return hexs(*m);
}

TEST(IntegrityLengths, FollowTheAlgorithm) {
  EXPECT_EQ(integrity_auth_code_length(IntegrityAlg::none), 0u);
  EXPECT_EQ(integrity_auth_code_length(IntegrityAlg::hmac_sha1_96), 12u);
  EXPECT_EQ(integrity_auth_code_length(IntegrityAlg::hmac_md5_128), 16u);
  EXPECT_EQ(integrity_auth_code_length(IntegrityAlg::md5_128), 16u);
  EXPECT_EQ(integrity_auth_code_length(IntegrityAlg::hmac_sha256_128), 16u);
}

TEST(IntegrityAuthCode, HmacSha1_96IsTheFirst12BytesOfHmacSha1UnderK1) {
  const std::string code = code_hex(IntegrityAlg::hmac_sha1_96, k1, ByteView{});
  EXPECT_EQ(code.size(), 24u);
  EXPECT_EQ(code, hmac_prefix(HashAlg::sha1, k1, 12));
}

TEST(IntegrityAuthCode, HmacMd5_128IsHmacMd5UnderK1) {
  const Bytes k1_md5 = hex("f98df6045c72b7d1b387a49d2a6a1f58");
  EXPECT_EQ(code_hex(IntegrityAlg::hmac_md5_128, k1_md5, ByteView{}), hmac_prefix(HashAlg::md5, k1_md5, 16));
}

TEST(IntegrityAuthCode, HmacSha256_128IsTheFirst16BytesOfHmacSha256UnderK1) {
  const Bytes k1_256 = hex("50f9c4ecb9d3001b55135b8e70037ef496a57b6c660c799006f345ccfb16c559");
  const std::string code = code_hex(IntegrityAlg::hmac_sha256_128, k1_256, ByteView{});
  EXPECT_EQ(code.size(), 32u);
  EXPECT_EQ(code, hmac_prefix(HashAlg::sha256, k1_256, 16));
}

TEST(IntegrityAuthCode, Md5_128IsMd5OfPasswordDataPasswordWith20BytePassword) {
  // Expected value produced once with Python (independent MD5):
  //   pw = b"secret".ljust(20, b"\0"); data = bytes.fromhex("06c0a4a3...0207")
  //   hashlib.md5(pw + data + pw).hexdigest()
  EXPECT_EQ(code_hex(IntegrityAlg::md5_128, ByteView{}, ascii("secret")), "98c6f6f2d222dd4d93aecd2633a3f1f8");
  // The password is zero padded, so passing it padded gives the same code; K1 is unused.
  Bytes padded = ascii("secret");
  padded.resize(20, 0);
  EXPECT_EQ(code_hex(IntegrityAlg::md5_128, k1, padded), "98c6f6f2d222dd4d93aecd2633a3f1f8");
}

TEST(IntegrityAuthCode, Md5_128RejectsPasswordsLongerThan20Bytes) {
  auto c = integrity_auth_code(IntegrityAlg::md5_128, ByteView{}, Bytes(21, 'x'), covered_bytes());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), CryptoError::bad_key_length);
}

TEST(IntegrityAuthCode, HmacAlgorithmsRefuseAnEmptyK1) {
  for (IntegrityAlg alg : {IntegrityAlg::hmac_sha1_96, IntegrityAlg::hmac_md5_128, IntegrityAlg::hmac_sha256_128}) {
    auto c = integrity_auth_code(alg, ByteView{}, ByteView{}, covered_bytes());
    ASSERT_FALSE(c) << name(alg);
    EXPECT_EQ(c.error(), CryptoError::bad_key_length);
  }
}

TEST(IntegrityAuthCode, NoneIsEmpty) { EXPECT_EQ(code_hex(IntegrityAlg::none, k1, ByteView{}), ""); }

TEST(IntegrityAuthCode, AnyChangedCoveredByteChangesTheCode) {
  Bytes changed = covered_bytes();
  changed[5] ^= 0x01;  // one bit of the session ID
  auto a = integrity_auth_code(IntegrityAlg::hmac_sha1_96, k1, ByteView{}, covered_bytes());
  auto b = integrity_auth_code(IntegrityAlg::hmac_sha1_96, k1, ByteView{}, changed);
  ASSERT_TRUE(a && b);
  EXPECT_NE(hexs(*a), hexs(*b));
}

TEST(VerifyIntegrityAuthCode, AcceptsTheRightCodeOnly) {
  auto good = integrity_auth_code(IntegrityAlg::hmac_sha1_96, k1, ByteView{}, covered_bytes());
  ASSERT_TRUE(good);
  EXPECT_EQ(verify_integrity_auth_code(IntegrityAlg::hmac_sha1_96, k1, ByteView{}, covered_bytes(), *good), true);
  Bytes bad = *good;
  bad.back() ^= 0xff;
  EXPECT_EQ(verify_integrity_auth_code(IntegrityAlg::hmac_sha1_96, k1, ByteView{}, covered_bytes(), bad), false);
  // The full 20-byte HMAC is not a valid HMAC-SHA1-96 AuthCode.
  auto full = hmac(HashAlg::sha1, k1, covered_bytes());
  ASSERT_TRUE(full);
  EXPECT_EQ(verify_integrity_auth_code(IntegrityAlg::hmac_sha1_96, k1, ByteView{}, covered_bytes(), *full), false);
}

}  // namespace
}  // namespace ipmict::crypto
