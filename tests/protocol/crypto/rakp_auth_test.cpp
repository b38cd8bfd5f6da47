// RMCP+ RAKP authentication codes and session keys (IPMI 2.0 §13.31, §13.32).
//
// Independent reference: Metasploit's auxiliary/scanner/ipmi/ipmi_dumphashes prints, per
// user, the exact RAKP 2 HMAC input it captured ("salt", hashcat mode 7300 "IPMI2 RAKP
// HMAC-SHA1") and the BMC's HMAC. Two captures published with their cracked passwords
// (HTB Academy "Footprinting IPMI" walk-throughs; hashcat -m 7300 recovers them):
//   admin / trinity:
//     1d828e9282000000ee08e19758b8f7ae5fad97dda696fd50494585843e868227d4aa50ca546ab3b2
//     a123456789abcdefa123456789abcdef140561646d696e : 05aa0232b5adffddc6a6930e915029856aab3c10
//   ADMIN / ADMIN:
//     8e160d4802040000205ee9253b6b8dac3052c837e23faa631260719fce740d45c3139a7dd4317b9e
//     a123456789abcdefa123456789abcdef140541444d494e : a3e82878a09daa8ae3e6c22f9080f8337fe0ed7e
// The salt layout is SIDm(4, LE) SIDc(4, LE) Rm(16) Rc(16) GUIDc(16) ROLEm ULENGTHm UNAMEm,
// so these vectors pin both the field order and the byte order of our RAKP 2 input.
#include <algorithm>
#include <array>
#include <string>

#include <gtest/gtest.h>

#include "protocol/core/writer.hpp"
#include "protocol/crypto/digest.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "tests/protocol/crypto/crypto_test_util.hpp"

namespace ipmict::crypto {
namespace {

using test::ascii;
using test::hex;
using test::hexs;

std::array<std::uint8_t, 16> array16(const Bytes& b) {
  std::array<std::uint8_t, 16> a{};
  EXPECT_EQ(b.size(), 16u);
  std::copy_n(b.begin(), std::min<std::size_t>(16, b.size()), a.begin());
  return a;
}

// The "admin"/"trinity" capture, field by field from the published salt.
RakpInputs trinity_inputs() {
  return RakpInputs{
      .console_session_id = 0x928e821d,  // wire 1d 82 8e 92
      .bmc_session_id = 0x00000082,      // wire 82 00 00 00
      .console_random = array16(hex("ee08e19758b8f7ae5fad97dda696fd50")),
      .bmc_random = array16(hex("494585843e868227d4aa50ca546ab3b2")),
      .bmc_guid = array16(hex("a123456789abcdefa123456789abcdef")),
      .role = 0x14,  // Administrator | name-only lookup (bit 4)
      .username = ascii("admin"),
  };
}

SecureBytes key(std::string_view password) {
  auto k = user_key_from_password(password);
  EXPECT_TRUE(k.has_value());
  return k ? std::move(*k) : SecureBytes{};
}

std::string hex_or_error(const CryptoResult<Bytes>& r) { return r ? hexs(*r) : "error"; }
std::string hex_or_error(const CryptoResult<SecureBytes>& r) { return r ? hexs(*r) : "error"; }

TEST(Rakp2, InputIsThePublishedSaltByteForByte) {
  auto input = rakp2_auth_code_input(trinity_inputs());
  ASSERT_TRUE(input);
  EXPECT_EQ(hexs(*input),
            "1d828e9282000000ee08e19758b8f7ae5fad97dda696fd50494585843e868227d4aa50ca546ab3b2"
            "a123456789abcdefa123456789abcdef140561646d696e");
}

TEST(Rakp2, HmacSha1MatchesPublishedMetasploitCaptureTrinity) {
  const SecureBytes kuid = key("trinity");
  EXPECT_EQ(hex_or_error(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), trinity_inputs())),
            "05aa0232b5adffddc6a6930e915029856aab3c10");
}

TEST(Rakp2, HmacSha1MatchesPublishedMetasploitCaptureAdmin) {
  const RakpInputs in{
      .console_session_id = 0x480d168e,
      .bmc_session_id = 0x00000402,
      .console_random = array16(hex("205ee9253b6b8dac3052c837e23faa63")),
      .bmc_random = array16(hex("1260719fce740d45c3139a7dd4317b9e")),
      .bmc_guid = array16(hex("a123456789abcdefa123456789abcdef")),
      .role = 0x14,
      .username = ascii("ADMIN"),
  };
  const SecureBytes kuid = key("ADMIN");
  EXPECT_EQ(hex_or_error(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), in)),
            "a3e82878a09daa8ae3e6c22f9080f8337fe0ed7e");
}

TEST(Rakp2, WrongPasswordGivesADifferentCode) {
  const SecureBytes kuid = key("trinitY");
  EXPECT_NE(hex_or_error(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), trinity_inputs())),
            "05aa0232b5adffddc6a6930e915029856aab3c10");
}

TEST(Rakp2, RoleByteKeepsTheNameOnlyLookupBit) {
  // Some BMCs hash only the privilege nibble (DESIGN.md §12); we must not.
  RakpInputs in = trinity_inputs();
  in.role = 0x04;
  const SecureBytes kuid = key("trinity");
  EXPECT_NE(hex_or_error(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), in)),
            "05aa0232b5adffddc6a6930e915029856aab3c10");
}

// For MD5 and SHA-256 no published capture exists; the expected values were produced
// once with Python's hmac module over the same fields (independent implementation):
//   python3 -c 'import hmac,hashlib; s=bytes.fromhex("1d82...646d696e");
//               print(hmac.new(b"trinity".ljust(20,b"\0"), s, hashlib.md5).hexdigest())'
TEST(Rakp2, HmacMd5AndSha256MatchPythonHmac) {
  const SecureBytes kuid = key("trinity");
  EXPECT_EQ(hex_or_error(rakp2_key_exchange_auth_code(AuthAlg::hmac_md5, kuid.view(), trinity_inputs())),
            "c9f7c5a4a09351d38755c87ccbe896ad");
  EXPECT_EQ(hex_or_error(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha256, kuid.view(), trinity_inputs())),
            "fe00f780e5429324fc08143e1dbc37be1b0474b62ea5d61b989298c7a176be86");
}

TEST(Rakp3, InputIsRcSidmRoleNameAndMatchesPythonHmac) {
  auto input = rakp3_auth_code_input(trinity_inputs());
  ASSERT_TRUE(input);
  EXPECT_EQ(hexs(*input), "494585843e868227d4aa50ca546ab3b2" "1d828e92" "14" "05" "61646d696e");
  const SecureBytes kuid = key("trinity");
  EXPECT_EQ(hex_or_error(rakp3_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), trinity_inputs())),
            "02f4807d6f87401a22d7a395068674a846eb57f5");
  EXPECT_EQ(hex_or_error(rakp3_key_exchange_auth_code(AuthAlg::hmac_md5, kuid.view(), trinity_inputs())),
            "623cf1ce3ccd7ec200047c3f018781ea");
  EXPECT_EQ(hex_or_error(rakp3_key_exchange_auth_code(AuthAlg::hmac_sha256, kuid.view(), trinity_inputs())),
            "071bec644c3e7cd12ebb3bf800dfab5cb192cb6ae41beea728a3f0a876ca3521");
}

TEST(SessionIntegrityKey, EqualsHmacOfRmRcRoleNameBuiltByHand) {
  const SecureBytes kuid = key("trinity");
  const RakpInputs in = trinity_inputs();
  Writer w;
  w.bytes(in.console_random).bytes(in.bmc_random).u8(0x14).u8(5).bytes(ascii("admin"));
  for (AuthAlg alg : {AuthAlg::hmac_sha1, AuthAlg::hmac_md5, AuthAlg::hmac_sha256}) {
    auto expected = hmac(*rakp_hash(alg), kuid.view(), w.bytes());
    ASSERT_TRUE(expected);
    EXPECT_EQ(hex_or_error(session_integrity_key(alg, kuid.view(), in)), hexs(*expected)) << name(alg);
  }
}

TEST(SessionIntegrityKey, Sha1MatchesPythonHmac) {
  const SecureBytes kuid = key("trinity");
  EXPECT_EQ(hex_or_error(session_integrity_key(AuthAlg::hmac_sha1, kuid.view(), trinity_inputs())),
            "512be9a23c1af8fb4a74552953bfa89f9660abf5");
}

TEST(SessionIntegrityKey, NonZeroKgIsUsedInsteadOfTheUserKey) {
  const SecureBytes kuid = key("trinity");
  const Bytes kg = hex("0102030405060708090a0b0c0d0e0f1011121314");
  EXPECT_EQ(select_kg(kg, kuid.view()).data(), kg.data());
  auto with_kg = session_integrity_key(AuthAlg::hmac_sha1, select_kg(kg, kuid.view()), trinity_inputs());
  auto expected = hmac(HashAlg::sha1, kg, *sik_input(trinity_inputs()));
  ASSERT_TRUE(with_kg && expected);
  EXPECT_EQ(hexs(*with_kg), hexs(*expected));
  EXPECT_NE(hexs(*with_kg), "512be9a23c1af8fb4a74552953bfa89f9660abf5");
}

TEST(SessionIntegrityKey, AllZeroOrEmptyKgSelectsTheUserKey) {
  const SecureBytes kuid = key("trinity");
  const Bytes zero_kg(20, 0);
  EXPECT_EQ(select_kg(zero_kg, kuid.view()).data(), kuid.data());
  EXPECT_EQ(select_kg(ByteView{}, kuid.view()).data(), kuid.data());
  EXPECT_EQ(hex_or_error(session_integrity_key(AuthAlg::hmac_sha1, select_kg(zero_kg, kuid.view()), trinity_inputs())),
            "512be9a23c1af8fb4a74552953bfa89f9660abf5");
}

TEST(Rakp4, IcvIsTruncatedHmacOfRmSidcGuidUnderTheSik) {
  EXPECT_EQ(hexs(rakp4_icv_input(trinity_inputs())),
            "ee08e19758b8f7ae5fad97dda696fd50" "82000000" "a123456789abcdefa123456789abcdef");
  const SecureBytes kuid = key("trinity");
  // Python: SIK as above, then hmac.new(sik, Rm+SIDc+GUIDc, h), truncated 12/16/16.
  struct Case {
    AuthAlg alg;
    const char* icv;
  };
  for (const Case& c : {Case{AuthAlg::hmac_sha1, "fd81e4b2013e05f4ee0ab40e"},
                        Case{AuthAlg::hmac_md5, "2da0288af2d74b8e3ce5005e13e113e0"},
                        Case{AuthAlg::hmac_sha256, "f79e8f8cd7f8e1314ba41d1dc2a7e034"}}) {
    auto sik = session_integrity_key(c.alg, kuid.view(), trinity_inputs());
    ASSERT_TRUE(sik);
    EXPECT_EQ(hex_or_error(rakp4_integrity_check_value(c.alg, sik->view(), trinity_inputs())), c.icv) << name(c.alg);
  }
}

TEST(AdditionalKeys, K1AndK2AreHmacOfTwentyConstantBytesUnderTheSik) {
  const SecureBytes kuid = key("trinity");
  for (AuthAlg alg : {AuthAlg::hmac_sha1, AuthAlg::hmac_md5, AuthAlg::hmac_sha256}) {
    auto sik = session_integrity_key(alg, kuid.view(), trinity_inputs());
    ASSERT_TRUE(sik);
    auto k1_expected = hmac(*rakp_hash(alg), sik->view(), Bytes(20, 0x01));
    auto k2_expected = hmac(*rakp_hash(alg), sik->view(), Bytes(20, 0x02));
    ASSERT_TRUE(k1_expected && k2_expected);
    EXPECT_EQ(hex_or_error(derive_additional_key(alg, sik->view(), 0x01)), hexs(*k1_expected)) << name(alg);
    EXPECT_EQ(hex_or_error(derive_additional_key(alg, sik->view(), 0x02)), hexs(*k2_expected)) << name(alg);
  }
}

TEST(AdditionalKeys, MatchPythonHmacForEveryAlgorithm) {
  const SecureBytes kuid = key("trinity");
  struct Case {
    AuthAlg alg;
    const char* k1;
    const char* k2;
  };
  for (const Case& c : {
           Case{AuthAlg::hmac_sha1, "460218dc9d1fb6a7d85930d21e4d6f8807bb80ed", "1b27506fd3b231aad956961d9d4a685740a0713a"},
           Case{AuthAlg::hmac_md5, "f98df6045c72b7d1b387a49d2a6a1f58", "5aa929639a5bb9e9c2a70df59b37b6ef"},
           Case{AuthAlg::hmac_sha256, "50f9c4ecb9d3001b55135b8e70037ef496a57b6c660c799006f345ccfb16c559",
                "4fa0a6ddd508e32a479bc731e4c96f9fbc0fa3bfb99ebb6b7cea3e6ae4c5c0a9"},
       }) {
    auto sik = session_integrity_key(c.alg, kuid.view(), trinity_inputs());
    ASSERT_TRUE(sik);
    EXPECT_EQ(hex_or_error(derive_additional_key(c.alg, sik->view(), 0x01)), c.k1) << name(c.alg);
    EXPECT_EQ(hex_or_error(derive_additional_key(c.alg, sik->view(), 0x02)), c.k2) << name(c.alg);
  }
}

TEST(AdditionalKeys, ExplicitConstantLengthModelsOtherReadings) {
  const Bytes sik = hex("2c6893fca494e81088c2641637a33966fc3ee280b2828295d7e80b5885569293");
  auto k1_32 = derive_additional_key(AuthAlg::hmac_sha256, sik, 0x01, 32);
  auto expected = hmac(HashAlg::sha256, sik, Bytes(32, 0x01));
  ASSERT_TRUE(k1_32 && expected);
  EXPECT_EQ(hexs(*k1_32), hexs(*expected));
  EXPECT_NE(hexs(*k1_32), "50f9c4ecb9d3001b55135b8e70037ef496a57b6c660c799006f345ccfb16c559");
  EXPECT_EQ(derive_additional_key(AuthAlg::hmac_sha256, sik, 0x01, 0).error(), CryptoError::bad_input_length);
}

TEST(RakpNone, ProducesNoCodesAndNoKeys) {
  const SecureBytes kuid = key("trinity");
  const RakpInputs in = trinity_inputs();
  EXPECT_EQ(hex_or_error(rakp2_key_exchange_auth_code(AuthAlg::none, kuid.view(), in)), "");
  EXPECT_EQ(hex_or_error(rakp3_key_exchange_auth_code(AuthAlg::none, kuid.view(), in)), "");
  EXPECT_EQ(hex_or_error(session_integrity_key(AuthAlg::none, kuid.view(), in)), "");
  EXPECT_EQ(hex_or_error(rakp4_integrity_check_value(AuthAlg::none, kuid.view(), in)), "");
  EXPECT_EQ(hex_or_error(derive_additional_key(AuthAlg::none, kuid.view(), 0x01)), "");
}

TEST(RakpLengths, FollowTheAlgorithm) {
  EXPECT_EQ(key_exchange_auth_code_length(AuthAlg::none), 0u);
  EXPECT_EQ(key_exchange_auth_code_length(AuthAlg::hmac_sha1), 20u);
  EXPECT_EQ(key_exchange_auth_code_length(AuthAlg::hmac_md5), 16u);
  EXPECT_EQ(key_exchange_auth_code_length(AuthAlg::hmac_sha256), 32u);
  EXPECT_EQ(integrity_check_value_length(AuthAlg::none), 0u);
  EXPECT_EQ(integrity_check_value_length(AuthAlg::hmac_sha1), 12u);
  EXPECT_EQ(integrity_check_value_length(AuthAlg::hmac_md5), 16u);
  EXPECT_EQ(integrity_check_value_length(AuthAlg::hmac_sha256), 16u);
}

TEST(UserKey, IsThePasswordZeroPaddedTo20Bytes) {
  EXPECT_EQ(hexs(key("admin")), "61646d696e000000000000000000000000000000");
  EXPECT_EQ(hexs(key("")), std::string(40, '0'));
  EXPECT_EQ(hexs(key("12345678901234567890")), hexs(ascii("12345678901234567890")));
}

TEST(UserKey, LongerThan20BytesIsRejected) {
  EXPECT_EQ(user_key_from_password("123456789012345678901").error(), CryptoError::bad_key_length);
}

TEST(UserName, LongerThan16BytesIsRejected) {
  RakpInputs in = trinity_inputs();
  in.username = Bytes(17, 'a');
  const SecureBytes kuid = key("trinity");
  EXPECT_EQ(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), in).error(), CryptoError::bad_input_length);
  EXPECT_EQ(rakp3_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), in).error(), CryptoError::bad_input_length);
  EXPECT_EQ(session_integrity_key(AuthAlg::hmac_sha1, kuid.view(), in).error(), CryptoError::bad_input_length);
  in.username = Bytes(16, 'a');
  EXPECT_TRUE(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha1, kuid.view(), in).has_value());
}

TEST(RakpKeys, EmptyKeysAreRefusedNotUsed) {
  const RakpInputs in = trinity_inputs();
  EXPECT_EQ(rakp2_key_exchange_auth_code(AuthAlg::hmac_sha1, ByteView{}, in).error(), CryptoError::bad_key_length);
  EXPECT_EQ(session_integrity_key(AuthAlg::hmac_sha256, ByteView{}, in).error(), CryptoError::bad_key_length);
  EXPECT_EQ(rakp4_integrity_check_value(AuthAlg::hmac_md5, ByteView{}, in).error(), CryptoError::bad_key_length);
  EXPECT_EQ(derive_additional_key(AuthAlg::hmac_sha1, ByteView{}, 0x01).error(), CryptoError::bad_key_length);
}

TEST(UserName, EmptyNameHasLengthZeroAndNoNameBytes) {
  RakpInputs in = trinity_inputs();
  in.username.clear();
  auto input = rakp3_auth_code_input(in);
  ASSERT_TRUE(input);
  EXPECT_EQ(hexs(*input), "494585843e868227d4aa50ca546ab3b2" "1d828e92" "14" "00");
}

}  // namespace
}  // namespace ipmict::crypto
