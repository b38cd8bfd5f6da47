// IPMI 1.5 session AuthCodes (IPMI 2.0 §22.17.1).
#include <string>

#include <gtest/gtest.h>

#include "protocol/crypto/digest.hpp"
#include "protocol/crypto/ipmi15_auth.hpp"
#include "tests/protocol/crypto/crypto_test_util.hpp"

namespace ipmict::crypto {
namespace {

using test::ascii;
using test::hex;
using test::hexs;

// Get Device ID request: rsAddr 20h, netFn 06h/LUN 0, checksum, rqAddr 81h, rqSeq 1/LUN 0,
// cmd 01h, checksum.
const Bytes kMessage = hex("20 18 c8 81 04 01 7a");
constexpr std::uint32_t kSessionId = 0x12345678;
constexpr std::uint32_t kSequence = 1;

std::string code_hex(AuthType type, const Bytes& password) {
  auto c = ipmi15_auth_code(type, password, kSessionId, kMessage, kSequence);
  return c ? hexs(ByteView(c->data(), c->size())) : "error";
}

TEST(Ipmi15AuthCode, Md5MatchesPythonHashlib) {
  // Produced once with Python's hashlib (an independent MD5):
  //   pw = b"admin".ljust(16, b"\0")
  //   hashlib.md5(pw + struct.pack("<I", 0x12345678) + bytes.fromhex("2018c88104017a")
  //               + struct.pack("<I", 1) + pw).hexdigest()
  EXPECT_EQ(code_hex(AuthType::md5, ascii("admin")), "9558ab955d4f1fd232149ee29658ffa2");
}

TEST(Ipmi15AuthCode, Md2IsMd2OfPasswordSessionIdMessageSequencePassword) {
  Bytes input = ascii("admin");
  input.resize(16, 0);
  for (std::uint8_t b : hex("78 56 34 12")) input.push_back(b);  // session ID, LS byte first
  input.insert(input.end(), kMessage.begin(), kMessage.end());
  for (std::uint8_t b : hex("01 00 00 00")) input.push_back(b);  // sequence, LS byte first
  Bytes pw = ascii("admin");
  pw.resize(16, 0);
  input.insert(input.end(), pw.begin(), pw.end());
  EXPECT_EQ(code_hex(AuthType::md2, ascii("admin")), hexs(md2(input)));
}

TEST(Ipmi15AuthCode, SessionIdAndSequenceAreLittleEndian) {
  // Byte-swapping either field (a known BMC bug, "endianseq") must change the code.
  auto swapped_seq = ipmi15_auth_code(AuthType::md5, ascii("admin"), kSessionId, kMessage, 0x01000000);
  auto swapped_id = ipmi15_auth_code(AuthType::md5, ascii("admin"), 0x78563412, kMessage, kSequence);
  ASSERT_TRUE(swapped_seq && swapped_id);
  EXPECT_NE(hexs(ByteView(swapped_seq->data(), 16)), "9558ab955d4f1fd232149ee29658ffa2");
  EXPECT_NE(hexs(ByteView(swapped_id->data(), 16)), "9558ab955d4f1fd232149ee29658ffa2");
}

TEST(Ipmi15AuthCode, StraightPasswordIsThePaddedPassword) {
  EXPECT_EQ(code_hex(AuthType::straight_password, ascii("admin")), "61646d696e0000000000000000000000");
  EXPECT_EQ(code_hex(AuthType::straight_password, ascii("0123456789abcdef")), hexs(ascii("0123456789abcdef")));
}

TEST(Ipmi15AuthCode, PasswordIsZeroPaddedTo16Bytes) {
  Bytes padded = ascii("admin");
  padded.resize(16, 0);
  EXPECT_EQ(code_hex(AuthType::md5, padded), "9558ab955d4f1fd232149ee29658ffa2");
}

TEST(Ipmi15AuthCode, PasswordLongerThan16BytesIsRejected) {
  auto c = ipmi15_auth_code(AuthType::md5, Bytes(17, 'a'), kSessionId, kMessage, kSequence);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), CryptoError::bad_key_length);
}

TEST(Ipmi15AuthCode, NoneOemAndRmcpPlusHaveNoIpmi15AuthCode) {
  for (AuthType t : {AuthType::none, AuthType::oem, AuthType::rmcp_plus, static_cast<AuthType>(0x03)}) {
    auto c = ipmi15_auth_code(t, ascii("admin"), kSessionId, kMessage, kSequence);
    ASSERT_FALSE(c) << int{static_cast<std::uint8_t>(t)};
    EXPECT_EQ(c.error(), CryptoError::unsupported_algorithm);
  }
}

TEST(Ipmi15PasswordKey, PadsTo16AndRejectsLonger) {
  auto k = ipmi15_password_key("admin");
  ASSERT_TRUE(k);
  EXPECT_EQ(hexs(*k), "61646d696e0000000000000000000000");
  EXPECT_EQ(ipmi15_password_key("0123456789abcdefX").error(), CryptoError::bad_key_length);
}

}  // namespace
}  // namespace ipmict::crypto
