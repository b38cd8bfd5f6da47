// AES-CBC-128 payload confidentiality (IPMI 2.0 §13.29) with the NIST SP 800-38A F.2
// known answers for the underlying cipher.
#include <string>

#include <gtest/gtest.h>

#include "protocol/crypto/confidentiality.hpp"
#include "tests/protocol/crypto/crypto_test_util.hpp"

namespace ipmict::crypto {
namespace {

using test::hex;
using test::hexs;

// NIST SP 800-38A, F.2.1 CBC-AES128.Encrypt / F.2.2 CBC-AES128.Decrypt.
const Bytes kNistKey = hex("2b7e151628aed2a6abf7158809cf4f3c");
const Bytes kNistIv = hex("000102030405060708090a0b0c0d0e0f");
const std::string kNistPlain =
    "6bc1bee22e409f96e93d7e117393172a"
    "ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef"
    "f69f2445df4f9b17ad2b417be66c3710";
const std::string kNistCipher =
    "7649abac8119b246cee98e9b12e9197d"
    "5086cb9b507219ee95db113a917678b2"
    "73bed6b8e3c1743b7116e69e22229516"
    "3ff1caa1681fac09120eca307586e1a7";

const Bytes kK2 = hex("1b27506fd3b231aad956961d9d4a685740a0713a");  // 20-byte K2 from RAKP-HMAC-SHA1

// Builds IV | AES(key16, IV, blocks) around hand-made plaintext blocks, so a test can
// put any confidentiality trailer it wants into a well-encrypted payload.
Bytes encrypt_raw(const Bytes& plaintext_blocks) {
  auto c = aes_128_cbc_encrypt_blocks(ByteView(kK2).first(16), kNistIv, plaintext_blocks);
  EXPECT_TRUE(c);
  Bytes out = kNistIv;
  if (c) out.insert(out.end(), c->begin(), c->end());
  return out;
}

TEST(Aes128Cbc, EncryptMatchesNistSp800_38aF21) {
  auto c = aes_128_cbc_encrypt_blocks(kNistKey, kNistIv, hex(kNistPlain));
  ASSERT_TRUE(c);
  EXPECT_EQ(hexs(*c), kNistCipher);
}

TEST(Aes128Cbc, DecryptMatchesNistSp800_38aF22) {
  auto p = aes_128_cbc_decrypt_blocks(kNistKey, kNistIv, hex(kNistCipher));
  ASSERT_TRUE(p);
  EXPECT_EQ(hexs(*p), kNistPlain);
}

TEST(Aes128Cbc, RejectsPartialBlocksAndBadKeyOrIvSizes) {
  EXPECT_EQ(aes_128_cbc_encrypt_blocks(kNistKey, kNistIv, Bytes(15, 0)).error(), CryptoError::bad_input_length);
  EXPECT_EQ(aes_128_cbc_encrypt_blocks(Bytes(15, 0), kNistIv, Bytes(16, 0)).error(), CryptoError::bad_key_length);
  EXPECT_EQ(aes_128_cbc_decrypt_blocks(kNistKey, Bytes(8, 0), Bytes(16, 0)).error(), CryptoError::bad_input_length);
}

TEST(AesCbc128Payload, FirstBlocksMatchNistWhenThePlaintextStartsWithNistBlocks) {
  // 48 bytes of NIST plaintext: §13.29.1 adds 15 pad bytes and the length byte, one more
  // block. CBC block i depends only on the IV and blocks 1..i, so the first three
  // ciphertext blocks must be the NIST ones.
  auto c = aes_cbc_128_encrypt(kNistKey, kNistIv, hex(kNistPlain.substr(0, 96)));
  ASSERT_TRUE(c);
  ASSERT_EQ(c->size(), 16u + 64u);
  EXPECT_EQ(hexs(ByteView(*c).first(64)), "000102030405060708090a0b0c0d0e0f" + kNistCipher.substr(0, 96));
  // The last block decrypts to the IPMI trailer 01 02 ... 0f 0f.
  auto trailer = aes_128_cbc_decrypt_blocks(kNistKey, ByteView(*c).subspan(48, 16), ByteView(*c).subspan(64));
  ASSERT_TRUE(trailer);
  EXPECT_EQ(hexs(*trailer), "0102030405060708090a0b0c0d0e0f0f");
}

TEST(AesCbc128Payload, PadLengthFillsTheLastBlock) {
  EXPECT_EQ(aes_cbc_128_pad_length(0), 15u);
  EXPECT_EQ(aes_cbc_128_pad_length(14), 1u);
  EXPECT_EQ(aes_cbc_128_pad_length(15), 0u);
  EXPECT_EQ(aes_cbc_128_pad_length(16), 15u);
  EXPECT_EQ(aes_cbc_128_pad_length(31), 0u);
}

TEST(AesCbc128Payload, RoundTripsEveryLengthFrom0To48) {
  for (std::size_t n = 0; n <= 48; ++n) {
    Bytes data(n);
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 7 + n);
    auto c = aes_cbc_128_encrypt(kK2, kNistIv, data);
    ASSERT_TRUE(c) << n;
    EXPECT_EQ(c->size(), 16 + (n + 1 + aes_cbc_128_pad_length(n))) << n;
    EXPECT_EQ(c->size() % 16, 0u) << n;
    auto p = aes_cbc_128_decrypt(kK2, *c);
    ASSERT_TRUE(p) << n;
    EXPECT_EQ(hexs(*p), hexs(data)) << n;
  }
}

TEST(AesCbc128Payload, KeyIsTheFirst16BytesOfK2) {
  const Bytes data = hex("20 18 c8 81 04 01 7a");
  auto with_k2 = aes_cbc_128_encrypt(kK2, kNistIv, data);
  auto with_prefix = aes_cbc_128_encrypt(ByteView(kK2).first(16), kNistIv, data);
  ASSERT_TRUE(with_k2 && with_prefix);
  EXPECT_EQ(hexs(*with_k2), hexs(*with_prefix));
}

TEST(AesCbc128Payload, EncryptRejectsShortKeyAndBadIv) {
  EXPECT_EQ(aes_cbc_128_encrypt(Bytes(15, 1), kNistIv, Bytes{}).error(), CryptoError::bad_key_length);
  EXPECT_EQ(aes_cbc_128_encrypt(kK2, Bytes(15, 0), Bytes{}).error(), CryptoError::bad_input_length);
  EXPECT_EQ(aes_cbc_128_encrypt(kK2, Bytes(17, 0), Bytes{}).error(), CryptoError::bad_input_length);
}

TEST(AesCbc128Payload, DecryptRejectsAnythingButIvPlusWholeBlocks) {
  EXPECT_EQ(aes_cbc_128_decrypt(kK2, Bytes{}).error(), CryptoError::bad_input_length);
  EXPECT_EQ(aes_cbc_128_decrypt(kK2, Bytes(16, 0)).error(), CryptoError::bad_input_length);  // IV only
  EXPECT_EQ(aes_cbc_128_decrypt(kK2, Bytes(31, 0)).error(), CryptoError::bad_input_length);
  EXPECT_EQ(aes_cbc_128_decrypt(kK2, Bytes(33, 0)).error(), CryptoError::bad_input_length);
  EXPECT_EQ(aes_cbc_128_decrypt(Bytes(15, 0), Bytes(32, 0)).error(), CryptoError::bad_key_length);
}

TEST(AesCbc128Payload, DecryptRejectsPadLengthAbove15EvenWhenLenient) {
  for (std::uint8_t pad_length : {std::uint8_t{16}, std::uint8_t{0x80}, std::uint8_t{0xff}}) {
    Bytes block(16, 0);
    block[15] = pad_length;
    const Bytes payload = encrypt_raw(block);
    EXPECT_EQ(aes_cbc_128_decrypt(kK2, payload).error(), CryptoError::bad_padding) << int{pad_length};
    EXPECT_EQ(aes_cbc_128_decrypt(kK2, payload, false).error(), CryptoError::bad_padding) << int{pad_length};
  }
}

TEST(AesCbc128Payload, DecryptAcceptsAWellFormedHandBuiltTrailer) {
  // data aa bb cc | pad 01..0c | 0c
  const Bytes block = hex("aabbcc 0102030405060708090a0b0c 0c");
  auto p = aes_cbc_128_decrypt(kK2, encrypt_raw(block));
  ASSERT_TRUE(p);
  EXPECT_EQ(hexs(*p), "aabbcc");
}

TEST(AesCbc128Payload, StrictDecryptRejectsEachWrongPadByte) {
  const Bytes good = hex("aabbcc 0102030405060708090a0b0c 0c");
  for (std::size_t i = 3; i < 15; ++i) {
    Bytes bad = good;
    bad[i] ^= 0x40;
    const Bytes payload = encrypt_raw(bad);
    EXPECT_EQ(aes_cbc_128_decrypt(kK2, payload).error(), CryptoError::bad_padding) << "pad byte " << i - 3;
    // Lenient readers (like many BMCs) check only the pad length.
    auto lenient = aes_cbc_128_decrypt(kK2, payload, false);
    ASSERT_TRUE(lenient) << i;
    EXPECT_EQ(hexs(*lenient), "aabbcc");
  }
}

TEST(AesCbc128Payload, StrictDecryptRejectsZeroPadBytes) {
  // A common deviation: pad bytes of 00h instead of 01h 02h ...
  const Bytes block = hex("aabbccdd 0000000000000000000000 0b");
  EXPECT_EQ(aes_cbc_128_decrypt(kK2, encrypt_raw(block)).error(), CryptoError::bad_padding);
  auto lenient = aes_cbc_128_decrypt(kK2, encrypt_raw(block), false);
  ASSERT_TRUE(lenient);
  EXPECT_EQ(hexs(*lenient), "aabbccdd");
}

TEST(AesCbc128Payload, PadLengthZeroKeepsAll15DataBytes) {
  const Bytes block = hex("000102030405060708090a0b0c0d0e 00");
  auto p = aes_cbc_128_decrypt(kK2, encrypt_raw(block));
  ASSERT_TRUE(p);
  EXPECT_EQ(hexs(*p), "000102030405060708090a0b0c0d0e");
}

}  // namespace
}  // namespace ipmict::crypto
