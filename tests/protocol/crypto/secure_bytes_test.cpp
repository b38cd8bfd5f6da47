// SecureBytes ownership rules and the constant-time comparisons.
#include <utility>

#include <gtest/gtest.h>

#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/crypto_error.hpp"
#include "protocol/crypto/secure_bytes.hpp"
#include "tests/protocol/crypto/crypto_test_util.hpp"

namespace ipmict::crypto {
namespace {

using test::hex;
using test::hexs;

TEST(ConstantTimeEqual, EqualBytesCompareEqual) {
  EXPECT_TRUE(constant_time_equal(hex("0102030405"), hex("0102030405")));
  EXPECT_TRUE(constant_time_equal(ByteView{}, ByteView{}));
}

TEST(ConstantTimeEqual, AnyDifferingByteMakesThemUnequal) {
  const Bytes a = hex("00112233445566778899aabbccddeeff");
  for (std::size_t i = 0; i < a.size(); ++i) {
    Bytes b = a;
    b[i] ^= 0x80;
    EXPECT_FALSE(constant_time_equal(a, b)) << "byte " << i;
  }
}

TEST(ConstantTimeEqual, LengthMismatchIsUnequalEvenForAPrefix) {
  // A truncated MAC must never verify (e.g. 12 of 20 HMAC-SHA1 bytes).
  EXPECT_FALSE(constant_time_equal(hex("010203"), hex("0102")));
  EXPECT_FALSE(constant_time_equal(hex("01"), ByteView{}));
}

TEST(ConstantTimeIsZero, DetectsAnyNonZeroByte) {
  EXPECT_TRUE(constant_time_is_zero(Bytes(20, 0)));
  EXPECT_TRUE(constant_time_is_zero(ByteView{}));
  Bytes b(20, 0);
  b[19] = 1;
  EXPECT_FALSE(constant_time_is_zero(b));
}

TEST(SecureBytes, CopiesTheGivenBytes) {
  Bytes source = hex("deadbeef");
  SecureBytes s{ByteView(source)};
  source[0] = 0;
  EXPECT_EQ(hexs(s), "deadbeef");
  EXPECT_EQ(s.size(), 4u);
  EXPECT_EQ(hexs(s.first(2)), "dead");
  EXPECT_EQ(hexs(s.first(10)), "deadbeef");
}

TEST(SecureBytes, SizeConstructorIsZeroFilled) {
  SecureBytes s(std::size_t{20});
  EXPECT_EQ(s.size(), 20u);
  EXPECT_TRUE(constant_time_is_zero(s.view()));
}

TEST(SecureBytes, MoveLeavesTheSourceEmpty) {
  SecureBytes a{ByteView(hex("0102030405"))};
  SecureBytes b(std::move(a));
  EXPECT_EQ(hexs(b), "0102030405");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the rule under test

  SecureBytes c{ByteView(hex("ff"))};
  c = std::move(b);
  EXPECT_EQ(hexs(c), "0102030405");
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(SecureBytes, CopyIsIndependent) {
  SecureBytes a{ByteView(hex("0102"))};
  SecureBytes b = a;
  b.data()[0] = 0xff;
  EXPECT_EQ(hexs(a), "0102");
  EXPECT_EQ(hexs(b), "ff02");
}

TEST(SecureBytes, AdoptTakesTheBufferWithoutCopying) {
  Bytes owned = hex("a1a2a3");
  const std::uint8_t* buffer = owned.data();
  SecureBytes s = SecureBytes::adopt(std::move(owned));
  EXPECT_EQ(s.data(), buffer);
  EXPECT_TRUE(owned.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(hexs(s), "a1a2a3");
}

TEST(SecureBytes, ClearEmptiesTheBuffer) {
  SecureBytes s{ByteView(hex("0102"))};
  s.clear();
  EXPECT_TRUE(s.empty());
}

TEST(SecureWipe, ZeroesAndEmptiesAPlainBuffer) {
  Bytes b = hex("0102030405");
  secure_wipe(b);
  EXPECT_TRUE(b.empty());
}

TEST(CryptoError, EveryErrorHasAName) {
  EXPECT_EQ(to_string(CryptoError::openssl_failure), "OpenSSL failure");
  EXPECT_EQ(to_string(CryptoError::bad_key_length), "bad key length");
  EXPECT_EQ(to_string(CryptoError::bad_input_length), "bad input length");
  EXPECT_EQ(to_string(CryptoError::bad_padding), "bad padding");
  EXPECT_EQ(to_string(CryptoError::unsupported_algorithm), "unsupported algorithm");
}

}  // namespace
}  // namespace ipmict::crypto
