// Known answers for the OpenSSL-backed digests and HMACs: RFC 1321 (MD5), FIPS 180-2
// examples (SHA-1, SHA-256), RFC 2202 (HMAC-MD5, HMAC-SHA1), RFC 4231 (HMAC-SHA256).
#include <string>

#include <gtest/gtest.h>

#include "protocol/crypto/digest.hpp"
#include "tests/protocol/crypto/crypto_test_util.hpp"

namespace ipmict::crypto {
namespace {

using test::ascii;
using test::hex;
using test::hexs;

std::string hash_hex(HashAlg alg, const Bytes& data) {
  auto h = hash(alg, data);
  EXPECT_TRUE(h.has_value());
  return h ? hexs(*h) : std::string("error");
}

std::string hmac_hex(HashAlg alg, const Bytes& key, const Bytes& data) {
  auto h = hmac(alg, key, data);
  EXPECT_TRUE(h.has_value());
  return h ? hexs(*h) : std::string("error");
}

TEST(Digest, Md5MatchesRfc1321) {
  EXPECT_EQ(hash_hex(HashAlg::md5, ascii("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hash_hex(HashAlg::md5, ascii("abc")), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(hash_hex(HashAlg::md5, ascii("message digest")), "f96b697d7cb7938d525a2f31aaf161d0");
}

TEST(Digest, Sha1AndSha256MatchFips180Examples) {
  EXPECT_EQ(hash_hex(HashAlg::sha1, ascii("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hash_hex(HashAlg::sha256, ascii("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, LengthsMatchTheAlgorithms) {
  EXPECT_EQ(digest_length(HashAlg::md5), 16u);
  EXPECT_EQ(digest_length(HashAlg::sha1), 20u);
  EXPECT_EQ(digest_length(HashAlg::sha256), 32u);
}

TEST(Hmac, Md5MatchesRfc2202) {
  // Test cases 1, 2 and 6 (key longer than the block size).
  EXPECT_EQ(hmac_hex(HashAlg::md5, hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), ascii("Hi There")),
            "9294727a3638bb1c13f48ef8158bfc9d");
  EXPECT_EQ(hmac_hex(HashAlg::md5, ascii("Jefe"), ascii("what do ya want for nothing?")),
            "750c783e6ab0b503eaa86e310a5db738");
  EXPECT_EQ(hmac_hex(HashAlg::md5, Bytes(80, 0xaa), ascii("Test Using Larger Than Block-Size Key - Hash Key First")),
            "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
}

TEST(Hmac, Sha1MatchesRfc2202) {
  EXPECT_EQ(hmac_hex(HashAlg::sha1, hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), ascii("Hi There")),
            "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(hmac_hex(HashAlg::sha1, ascii("Jefe"), ascii("what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  EXPECT_EQ(hmac_hex(HashAlg::sha1, Bytes(20, 0xaa), Bytes(50, 0xdd)), "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
  EXPECT_EQ(hmac_hex(HashAlg::sha1, Bytes(80, 0xaa), ascii("Test Using Larger Than Block-Size Key - Hash Key First")),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

TEST(Hmac, Sha256MatchesRfc4231) {
  // Test cases 1, 2 and 6.
  EXPECT_EQ(hmac_hex(HashAlg::sha256, Bytes(20, 0x0b), ascii("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac_hex(HashAlg::sha256, ascii("Jefe"), ascii("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_hex(HashAlg::sha256, Bytes(131, 0xaa), ascii("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Hmac, EmptyKeyAndEmptyMessageAreAccepted) {
  // HMAC-SHA256("", ""), e.g. python3 -c 'import hmac,hashlib;print(hmac.new(b"",b"",hashlib.sha256).hexdigest())'
  EXPECT_EQ(hmac_hex(HashAlg::sha256, Bytes{}, Bytes{}),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
  // HMAC-MD5("", "") (RFC 2104 allows zero-length keys; published widely).
  EXPECT_EQ(hmac_hex(HashAlg::md5, Bytes{}, Bytes{}), "74e6f7298a9c2d168935f58c001bad88");
}

TEST(Hmac, ZeroPaddingTheKeyDoesNotChangeTheMac) {
  // RFC 2104 pads the key with zeros to the block size, which is why K_UID can be used
  // either as the bare password or zero padded to 20 bytes (IPMI 2.0 §13.31).
  Bytes padded = ascii("trinity");
  padded.resize(20, 0);
  EXPECT_EQ(hmac_hex(HashAlg::sha1, ascii("trinity"), ascii("data")), hmac_hex(HashAlg::sha1, padded, ascii("data")));
}

}  // namespace
}  // namespace ipmict::crypto
