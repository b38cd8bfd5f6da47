// RMCP+ Open Session Request/Response and RAKP Messages 1-4 (IPMI 2.0 §13.17-13.23),
// built from the spec layouts with the values of an ipmitool -C 3 session (RAKP-HMAC-SHA1,
// HMAC-SHA1-96, AES-CBC-128), user "admin".
#include <gtest/gtest.h>

#include "protocol/core/privilege.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "tests/protocol/wire/wire_test_support.hpp"

namespace ipmict {
namespace {

using namespace wire_test;

const char* kOpenSessionRequest =
    "00 04 0000 a4a3a2a0 00 0000 08 01 000000 01 0000 08 01 000000 02 0000 08 01 000000";
const char* kOpenSessionResponse =
    "00 00 04 00 a4a3a2a0 c5b4a302 00 0000 08 01 000000 01 0000 08 01 000000 02 0000 08 01 000000";
const char* kOpenSessionRefused = "00 11 00 00 a4a3a2a0";  // 11h: no cipher suite match
const char* kRakp1 =
    "00 000000 c5b4a302 000102030405060708090a0b0c0d0e0f 14 0000 05 61646d696e";
const char* kRakp2 =
    "00 00 0000 a4a3a2a0 101112131415161718191a1b1c1d1e1f a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
    " c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3";
const char* kRakp2Refused = "00 0d 0000 a4a3a2a0";  // 0Dh: unauthorized name
const char* kRakp3 = "00 00 0000 c5b4a302 e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3";
const char* kRakp3Refused = "00 0f 0000 c5b4a302";  // 0Fh: invalid integrity check value
const char* kRakp4 = "00 00 0000 a4a3a2a0 f0f1f2f3f4f5f6f7f8f9fafb";

template <class Decode, class Encode>
RoundTrip at0(Decode decode, Encode encode) {
  return round_trip([decode](ByteView in) { return decode(in, 0); }, encode);
}

TEST(OpenSession, DecodesARequest) {
  const Bytes p = hex(kOpenSessionRequest);
  auto m = decode_open_session_request(view(p), 16);
  ASSERT_TRUE(m.has_value()) << to_string(m.error());
  EXPECT_EQ(m->message_tag, 0x00);
  EXPECT_EQ(m->privilege(), static_cast<std::uint8_t>(Privilege::administrator));
  EXPECT_EQ(m->console_session_id, 0xa0a2a3a4u);
  EXPECT_EQ(m->authentication_payload, algorithm_payload(kAuthenticationPayload, 0x01));
  EXPECT_EQ(m->integrity_payload, algorithm_payload(kIntegrityPayload, 0x01));
  EXPECT_EQ(m->confidentiality_payload, algorithm_payload(kConfidentialityPayload, 0x01));
}

TEST(OpenSession, DecodesAResponseAndARefusalWithoutTheOptionalFields) {
  const Bytes ok = hex(kOpenSessionResponse);
  auto m = decode_open_session_response(view(ok));
  ASSERT_TRUE(m.has_value()) << to_string(m.error());
  EXPECT_EQ(m->status_code, kRmcpPlusStatusNoErrors);
  EXPECT_EQ(m->bmc_session_id, 0x02a3b4c5u);
  ASSERT_TRUE(m->integrity_payload.has_value());
  EXPECT_EQ(m->integrity_payload->algorithm_number(), 0x01);

  const Bytes refused = hex(kOpenSessionRefused);
  auto r = decode_open_session_response(view(refused));
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->status_code, 0x11);
  EXPECT_EQ(r->console_session_id, 0xa0a2a3a4u);
  EXPECT_FALSE(r->bmc_session_id.has_value());  // absent, not zero
  EXPECT_FALSE(r->authentication_payload.has_value());
}

TEST(OpenSession, ASuccessMustCarryTheSessionIdAndAlgorithms) {
  Bytes ok_but_short = hex(kOpenSessionRefused);
  ok_but_short[1] = kRmcpPlusStatusNoErrors;
  EXPECT_EQ(decode_open_session_response(view(ok_but_short), 16).error(),
            err(DecodeErrc::truncated, 24, "open_session.bmc_session_id"));
}

TEST(OpenSession, ARefusalMayAlsoCarryTheFullLayoutOrStopAfterTheSessionId) {
  Bytes full = hex(kOpenSessionResponse);
  full[1] = 0x01;
  auto a = decode_open_session_response(view(full));
  ASSERT_TRUE(a.has_value()) << to_string(a.error());
  EXPECT_TRUE(a->confidentiality_payload.has_value());
  const Bytes with_id(full.begin(), full.begin() + 12);
  auto b = decode_open_session_response(view(with_id));
  ASSERT_TRUE(b.has_value()) << to_string(b.error());
  EXPECT_TRUE(b->bmc_session_id.has_value());
  EXPECT_FALSE(b->authentication_payload.has_value());
  EXPECT_EQ(to_hex(view(encode_open_session_response(*b))), to_hex(view(with_id)));
}

TEST(Rakp, DecodesMessage1) {
  const Bytes p = hex(kRakp1);
  auto m = decode_rakp1(view(p));
  ASSERT_TRUE(m.has_value()) << to_string(m.error());
  EXPECT_EQ(m->bmc_session_id, 0x02a3b4c5u);
  EXPECT_EQ(m->console_random[15], 0x0f);
  EXPECT_EQ(m->requested_role, 0x14);  // kept whole: the RAKP 2 HMAC covers this byte
  EXPECT_TRUE(m->name_only_lookup());
  EXPECT_EQ(m->privilege(), static_cast<std::uint8_t>(Privilege::administrator));
  EXPECT_EQ(std::string(m->username.begin(), m->username.end()), "admin");
}

TEST(Rakp, DecodesMessages2To4) {
  const Bytes p2 = hex(kRakp2);
  auto m2 = decode_rakp2(view(p2));
  ASSERT_TRUE(m2.has_value()) << to_string(m2.error());
  ASSERT_TRUE(m2->bmc_random.has_value());
  ASSERT_TRUE(m2->bmc_guid.has_value());
  EXPECT_EQ((*m2->bmc_guid)[0], 0xa0);
  EXPECT_EQ(m2->key_exchange_auth_code.size(), 20u);  // HMAC-SHA1

  const Bytes p3 = hex(kRakp3);
  auto m3 = decode_rakp3(view(p3));
  ASSERT_TRUE(m3.has_value()) << to_string(m3.error());
  EXPECT_EQ(m3->bmc_session_id, 0x02a3b4c5u);
  EXPECT_EQ(m3->key_exchange_auth_code.size(), 20u);

  const Bytes p4 = hex(kRakp4);
  auto m4 = decode_rakp4(view(p4));
  ASSERT_TRUE(m4.has_value()) << to_string(m4.error());
  EXPECT_EQ(m4->console_session_id, 0xa0a2a3a4u);
  EXPECT_EQ(m4->integrity_check_value.size(), 12u);  // HMAC-SHA1-96
}

TEST(Rakp, ARefusedMessage2MayStopAfterTheSessionId) {
  const Bytes p = hex(kRakp2Refused);
  auto m = decode_rakp2(view(p));
  ASSERT_TRUE(m.has_value()) << to_string(m.error());
  EXPECT_EQ(m->status_code, 0x0d);
  EXPECT_FALSE(m->bmc_random.has_value());
  EXPECT_FALSE(m->bmc_guid.has_value());
  EXPECT_TRUE(m->key_exchange_auth_code.empty());
  Bytes ok_but_short = p;
  ok_but_short[1] = kRmcpPlusStatusNoErrors;
  EXPECT_EQ(decode_rakp2(view(ok_but_short), 16).error(), err(DecodeErrc::truncated, 24, "rakp2.bmc_random"));
}

TEST(RakpMessages, CodecContract) {
  const RoundTrip osreq = at0(decode_open_session_request, encode_open_session_request);
  const RoundTrip osrsp = at0(decode_open_session_response, encode_open_session_response);
  const RoundTrip rakp1 = at0(decode_rakp1, encode_rakp1);
  const RoundTrip rakp2 = at0(decode_rakp2, encode_rakp2);
  const RoundTrip rakp3 = at0(decode_rakp3, encode_rakp3);
  const RoundTrip rakp4 = at0(decode_rakp4, encode_rakp4);
  const std::vector<CodecCase> cases = {
      {"open session request", hex(kOpenSessionRequest), osreq,
       err(DecodeErrc::truncated, 29, "open_session.confidentiality_payload.reserved2"),
       err(DecodeErrc::trailing_bytes, 32, "open_session.end"), {11, 19, 27}},
      {"open session response", hex(kOpenSessionResponse), osrsp,
       err(DecodeErrc::truncated, 33, "open_session.confidentiality_payload.reserved2"),
       err(DecodeErrc::trailing_bytes, 36, "open_session.end"), {15, 23, 31}},
      {"open session refused", hex(kOpenSessionRefused), osrsp,
       err(DecodeErrc::truncated, 4, "open_session.console_session_id"),
       err(DecodeErrc::truncated, 8, "open_session.bmc_session_id")},
      {"rakp 1", hex(kRakp1), rakp1, err(DecodeErrc::truncated, 28, "rakp1.username"),
       err(DecodeErrc::trailing_bytes, 33, "rakp1.end"), {27}},
      // Messages 2-4 end in "the rest": longer input is a longer auth code, and prefixes
      // past the fixed part decode (and must re-encode to exactly themselves).
      {"rakp 2", hex(kRakp2), rakp2, {}, std::nullopt, {}, 40},
      {"rakp 2 refused", hex(kRakp2Refused), rakp2, err(DecodeErrc::truncated, 4, "rakp2.console_session_id"),
       err(DecodeErrc::truncated, 8, "rakp2.bmc_random")},
      {"rakp 3", hex(kRakp3), rakp3, {}, std::nullopt, {}, 8},
      {"rakp 3 refused", hex(kRakp3Refused), rakp3, err(DecodeErrc::truncated, 4, "rakp3.bmc_session_id"),
       std::nullopt},
      {"rakp 4", hex(kRakp4), rakp4, {}, std::nullopt, {}, 8},
  };
  for (const auto& c : cases) run_codec_case(c);
}

TEST(RakpMessages, AlgorithmPayloadLengthMustBeEight) {
  Bytes p = hex(kOpenSessionRequest);
  p[19] = 0x00;
  EXPECT_EQ(decode_open_session_request(view(p), 16).error(),
            err(DecodeErrc::bad_length, 35, "open_session.integrity_payload.payload_length"));
}

TEST(RakpMessages, UserNamesLongerThanSixteenAreLeftToTheSessionLayer) {
  Rakp1 m;
  m.username.assign(17, 'a');
  const Bytes p = encode_rakp1(m);
  auto back = decode_rakp1(view(p));
  ASSERT_TRUE(back.has_value()) << to_string(back.error());
  EXPECT_GT(back->username.size(), kRakpMaxUsernameLength);
  m.username.assign(256, 'a');
  EXPECT_TRUE(encode_rakp1(m).empty());
}

TEST(RmcpPlusStatus, NamesFollowTheSpec) {
  EXPECT_EQ(rmcpplus_status_name(0x00), "No errors");
  EXPECT_EQ(rmcpplus_status_name(0x01), "Insufficient resources to create a session");
  EXPECT_EQ(rmcpplus_status_name(0x0d), "Unauthorized name");
  EXPECT_EQ(rmcpplus_status_name(0x11), "No Cipher Suite match with proposed security algorithms");
  EXPECT_EQ(rmcpplus_status_name(0x12), "Illegal or Unrecognized parameter");
  EXPECT_EQ(rmcpplus_status_name(0x13), std::nullopt);
  EXPECT_EQ(rmcpplus_status_name(0xff), std::nullopt);
  for (int s = 0; s <= 0x12; ++s) EXPECT_TRUE(rmcpplus_status_name(static_cast<std::uint8_t>(s)).has_value()) << s;
}

}  // namespace
}  // namespace ipmict
