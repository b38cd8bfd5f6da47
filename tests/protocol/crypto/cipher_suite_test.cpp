// IPMI 2.0 §22.15.2 Table 22-20 (standard cipher suites) and the algorithm names.
#include <gtest/gtest.h>

#include "protocol/crypto/cipher_suite.hpp"

namespace ipmict::crypto {
namespace {

TEST(CipherSuites, TableHoldsIds0To19InOrder) {
  const auto suites = standard_cipher_suites();
  ASSERT_EQ(suites.size(), 20u);
  for (std::size_t i = 0; i < suites.size(); ++i) EXPECT_EQ(suites[i].id, i);
}

TEST(CipherSuites, Suite3IsSha1WithAes) {
  const CipherSuite* s = find_cipher_suite(3);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->auth, AuthAlg::hmac_sha1);
  EXPECT_EQ(s->integrity, IntegrityAlg::hmac_sha1_96);
  EXPECT_EQ(s->confidentiality, ConfidentialityAlg::aes_cbc_128);
  EXPECT_TRUE(s->implemented);
}

TEST(CipherSuites, Suite17IsSha256WithAes) {
  const CipherSuite* s = find_cipher_suite(17);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->auth, AuthAlg::hmac_sha256);
  EXPECT_EQ(s->integrity, IntegrityAlg::hmac_sha256_128);
  EXPECT_EQ(s->confidentiality, ConfidentialityAlg::aes_cbc_128);
  EXPECT_TRUE(s->implemented);
}

TEST(CipherSuites, Suite0IsAllNone) {
  const CipherSuite* s = find_cipher_suite(0);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(*s, (CipherSuite{0, AuthAlg::none, IntegrityAlg::none, ConfidentialityAlg::none, true}));
}

TEST(CipherSuites, Md5SuitesUseHmacMd5OrMd5Integrity) {
  EXPECT_EQ(find_cipher_suite(7)->integrity, IntegrityAlg::hmac_md5_128);
  EXPECT_EQ(find_cipher_suite(8)->confidentiality, ConfidentialityAlg::aes_cbc_128);
  EXPECT_EQ(find_cipher_suite(11)->integrity, IntegrityAlg::md5_128);
  EXPECT_EQ(find_cipher_suite(12)->integrity, IntegrityAlg::md5_128);
  EXPECT_EQ(find_cipher_suite(12)->confidentiality, ConfidentialityAlg::aes_cbc_128);
  for (std::uint8_t id = 6; id <= 14; ++id) EXPECT_EQ(find_cipher_suite(id)->auth, AuthAlg::hmac_md5) << int{id};
}

TEST(CipherSuites, ExactlyTheXrc4SuitesAreNotImplemented) {
  for (const CipherSuite& s : standard_cipher_suites()) {
    const bool xrc4 = s.confidentiality == ConfidentialityAlg::xrc4_128 || s.confidentiality == ConfidentialityAlg::xrc4_40;
    EXPECT_EQ(s.implemented, !xrc4) << "suite " << int{s.id};
  }
  EXPECT_EQ(find_cipher_suite(4)->confidentiality, ConfidentialityAlg::xrc4_128);
  EXPECT_EQ(find_cipher_suite(19)->confidentiality, ConfidentialityAlg::xrc4_40);
}

TEST(CipherSuites, IdsAbove19AreNotStandard) {
  EXPECT_EQ(find_cipher_suite(20), nullptr);
  EXPECT_EQ(find_cipher_suite(0x80), nullptr);
  EXPECT_EQ(find_cipher_suite(0xff), nullptr);
}

TEST(CipherSuites, LookupByAlgorithmsFindsTheSuite) {
  const CipherSuite* s = find_cipher_suite(AuthAlg::hmac_sha256, IntegrityAlg::hmac_sha256_128, ConfidentialityAlg::none);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->id, 16);
  // A combination the table does not list (SHA1 RAKP with MD5 integrity).
  EXPECT_EQ(find_cipher_suite(AuthAlg::hmac_sha1, IntegrityAlg::md5_128, ConfidentialityAlg::none), nullptr);
}

TEST(AlgorithmNames, UseTheSpecSpelling) {
  EXPECT_EQ(name(AuthAlg::none), "RAKP-none");
  EXPECT_EQ(name(AuthAlg::hmac_sha1), "RAKP-HMAC-SHA1");
  EXPECT_EQ(name(AuthAlg::hmac_md5), "RAKP-HMAC-MD5");
  EXPECT_EQ(name(AuthAlg::hmac_sha256), "RAKP-HMAC-SHA256");
  EXPECT_EQ(name(IntegrityAlg::none), "none");
  EXPECT_EQ(name(IntegrityAlg::hmac_sha1_96), "HMAC-SHA1-96");
  EXPECT_EQ(name(IntegrityAlg::hmac_md5_128), "HMAC-MD5-128");
  EXPECT_EQ(name(IntegrityAlg::md5_128), "MD5-128");
  EXPECT_EQ(name(IntegrityAlg::hmac_sha256_128), "HMAC-SHA256-128");
  EXPECT_EQ(name(ConfidentialityAlg::none), "none");
  EXPECT_EQ(name(ConfidentialityAlg::aes_cbc_128), "AES-CBC-128");
  EXPECT_EQ(name(ConfidentialityAlg::xrc4_128), "xRC4-128");
  EXPECT_EQ(name(ConfidentialityAlg::xrc4_40), "xRC4-40");
}

TEST(AlgorithmFromByte, AcceptsDefinedNumbersOnly) {
  EXPECT_EQ(auth_alg_from_byte(0x03), AuthAlg::hmac_sha256);
  EXPECT_EQ(auth_alg_from_byte(0x04), std::nullopt);
  EXPECT_EQ(auth_alg_from_byte(0xc0), std::nullopt);  // OEM range
  EXPECT_EQ(integrity_alg_from_byte(0x04), IntegrityAlg::hmac_sha256_128);
  EXPECT_EQ(integrity_alg_from_byte(0x05), std::nullopt);
  EXPECT_EQ(confidentiality_alg_from_byte(0x01), ConfidentialityAlg::aes_cbc_128);
  EXPECT_EQ(confidentiality_alg_from_byte(0x04), std::nullopt);
}

}  // namespace
}  // namespace ipmict::crypto
