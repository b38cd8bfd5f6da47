// RMCP+ session header and trailer (IPMI 2.0 §13.6, Table 13-8), built from the spec layout
// with the values ipmitool -I lanplus -C 3 uses (HMAC-SHA1-96: 12-byte AuthCode).
#include <gtest/gtest.h>

#include "protocol/wire/payload_type.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "tests/protocol/wire/wire_test_support.hpp"

namespace ipmict {
namespace {

using namespace wire_test;

constexpr std::size_t kSha1_96 = 12;

// Open Session Request outside a session: no trailer.
const char* kOpenSessionRequest =
    "06 10 00000000 00000000 2000"
    " 00 04 0000 a4a3a2a0 00000008 01000000 01000008 01000000 02000008 01000000";
// Get Device ID, integrity only (payload type 40h): 12 + 7 bytes, so 3 pad bytes.
const char* kAuthenticatedGetDeviceId =
    "06 40 c5b4a302 03000000 0700 20 18 c8 81 08 01 76"
    " ffffff 03 07 0102030405060708090a0b0c";
// Get Channel Cipher Suites: 12 + 10 + 2 is already a multiple of 4. The spec reading
// this code encodes (no pad) and the other one (4 pad bytes) side by side.
const char* kAlignedPad0 =
    "06 40 c5b4a302 04000000 0a00 20 18 c8 81 0c 54 0e 00 80 91"
    " 00 07 0102030405060708090a0b0c";
const char* kAlignedPad4 =
    "06 40 c5b4a302 04000000 0a00 20 18 c8 81 0c 54 0e 00 80 91"
    " ffffffff 04 07 0102030405060708090a0b0c";
// Encrypted and authenticated (C0h): 16-byte IV + one AES block, opaque to this layer.
const char* kEncrypted =
    "06 c0 c5b4a302 05000000 2000"
    " 00112233445566778899aabbccddeeff 0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    " ffff 02 07 a1a2a3a4a5a6a7a8a9aaabac";
// OEM explicit payload (02h): Intel's IANA 343 (000157h), payload ID 1.
const char* kOemExplicit = "06 02 57010000 0100 00000000 00000000 0300 aa bb cc";

RoundTrip rmcpplus(std::size_t auth_code_length) {
  return round_trip([auth_code_length](ByteView in) { return decode_rmcpplus_session(in, 0, auth_code_length); },
                    [](const RmcpPlusSession& s) { return encode_rmcpplus_session(s); });
}

TEST(RmcpPlusSession, DecodesAnOpenSessionRequestWithoutTrailer) {
  const Bytes body = hex(kOpenSessionRequest);
  auto s = decode_rmcpplus_session(view(body), 4, kSha1_96);
  ASSERT_TRUE(s.has_value()) << to_string(s.error());
  EXPECT_FALSE(s->encrypted);
  EXPECT_FALSE(s->authenticated);
  EXPECT_EQ(s->payload_type, PayloadType::open_session_request);
  EXPECT_FALSE(s->oem.has_value());
  EXPECT_EQ(s->session_id, 0u);
  EXPECT_EQ(s->payload.size(), 32u);
  EXPECT_EQ(s->payload_offset, 16u);
  EXPECT_FALSE(s->trailer.has_value());
  EXPECT_EQ(s->covered_begin, s->covered_end);
}

TEST(RmcpPlusSession, DecodesTheTrailerAndTheRangeTheAuthCodeCovers) {
  const Bytes body = hex(kAuthenticatedGetDeviceId);
  auto s = decode_rmcpplus_session(view(body), 4, kSha1_96);
  ASSERT_TRUE(s.has_value()) << to_string(s.error());
  EXPECT_TRUE(s->authenticated);
  EXPECT_EQ(s->payload_type, PayloadType::ipmi);
  EXPECT_EQ(s->session_id, 0x02a3b4c5u);
  EXPECT_EQ(s->session_sequence, 3u);
  EXPECT_EQ(to_hex(s->payload), "20 18 c8 81 08 01 76");
  ASSERT_TRUE(s->trailer.has_value());
  EXPECT_EQ(s->trailer->pad_length, 3);
  EXPECT_EQ(s->trailer->next_header, kRmcpPlusNextHeader);
  EXPECT_EQ(to_hex(s->trailer->auth_code, '\0'), "0102030405060708090a0b0c");
  EXPECT_EQ(s->covered_begin, 4u);       // AuthType, right after the RMCP header
  EXPECT_EQ(s->covered_end, 4u + 24u);  // through Next Header
  EXPECT_EQ((s->covered_end - s->covered_begin) % 4, 0u);
}

TEST(RmcpPlusSession, DecodesOemExplicitFields) {
  const Bytes body = hex(kOemExplicit);
  auto s = decode_rmcpplus_session(view(body), 0, kSha1_96);
  ASSERT_TRUE(s.has_value()) << to_string(s.error());
  ASSERT_TRUE(s->oem.has_value());
  EXPECT_EQ(s->oem->oem_iana & 0xffffffu, 343u);
  EXPECT_EQ(s->oem->oem_payload_id, 1u);
  EXPECT_EQ(s->payload_offset, kRmcpPlusOemHeaderSize);
}

TEST(RmcpPlusSession, CodecContract) {
  const std::vector<CodecCase> cases = {
      {"open session request", hex(kOpenSessionRequest), rmcpplus(kSha1_96),
       err(DecodeErrc::truncated, 12, "rmcpplus.payload"), err(DecodeErrc::trailing_bytes, 44, "rmcpplus.end"),
       {10, 11}},
      // With a trailer, a missing or extra byte moves the pad/Pad Length boundary, and the
      // Pad Length byte no longer matches the pad in front of it.
      {"authenticated, pad 3", hex(kAuthenticatedGetDeviceId), rmcpplus(kSha1_96),
       err(DecodeErrc::bad_length, 21, "rmcpplus.pad_length"), err(DecodeErrc::bad_length, 23, "rmcpplus.pad_length"),
       {10, 11}},
      {"aligned, pad 0", hex(kAlignedPad0), rmcpplus(kSha1_96),
       err(DecodeErrc::truncated, 22, "rmcpplus.session_trailer"),
       err(DecodeErrc::bad_length, 23, "rmcpplus.pad_length"), {10, 11}},
      {"aligned, pad 4", hex(kAlignedPad4), rmcpplus(kSha1_96), err(DecodeErrc::bad_length, 25, "rmcpplus.pad_length"),
       err(DecodeErrc::bad_length, 27, "rmcpplus.pad_length"), {10, 11}},
      {"encrypted", hex(kEncrypted), rmcpplus(kSha1_96), err(DecodeErrc::bad_length, 45, "rmcpplus.pad_length"),
       err(DecodeErrc::bad_length, 47, "rmcpplus.pad_length"), {10, 11}},
      {"oem explicit", hex(kOemExplicit), rmcpplus(kSha1_96), err(DecodeErrc::truncated, 18, "rmcpplus.payload"),
       err(DecodeErrc::trailing_bytes, 21, "rmcpplus.end"), {16, 17}},
  };
  for (const auto& c : cases) run_codec_case(c);
}

TEST(RmcpPlusSession, AcceptsBothPadReadingsWhenAlignedAndReportsThePad) {
  const Bytes pad0 = hex(kAlignedPad0);
  const Bytes pad4 = hex(kAlignedPad4);
  auto a = decode_rmcpplus_session(view(pad0), 0, kSha1_96);
  auto b = decode_rmcpplus_session(view(pad4), 0, kSha1_96);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->trailer->pad_length, 0);
  EXPECT_EQ(b->trailer->pad_length, 4);
  EXPECT_EQ(a->covered_end, 24u);
  EXPECT_EQ(b->covered_end, 28u);
}

TEST(RmcpPlusSession, RejectsABadPadByteNextHeaderOrAlignment) {
  Bytes bad_pad = hex(kAuthenticatedGetDeviceId);
  bad_pad[20] = 0x00;
  EXPECT_EQ(decode_rmcpplus_session(view(bad_pad), 4, kSha1_96).error(),
            err(DecodeErrc::bad_value, 24, "rmcpplus.integrity_pad"));

  Bytes bad_next = hex(kAuthenticatedGetDeviceId);
  bad_next[23] = 0x06;
  EXPECT_EQ(decode_rmcpplus_session(view(bad_next), 4, kSha1_96).error(),
            err(DecodeErrc::bad_value, 27, "rmcpplus.next_header"));

  // One pad byte where three are needed: Pad Length agrees with the bytes, but
  // AuthType..Next Header is 22 bytes, not a multiple of 4.
  const Bytes misaligned =
      hex("06 40 c5b4a302 03000000 0700 20 18 c8 81 08 01 76 ff 01 07 0102030405060708090a0b0c");
  EXPECT_EQ(decode_rmcpplus_session(view(misaligned), 0, kSha1_96).error(),
            err(DecodeErrc::bad_length, 20, "rmcpplus.pad_length"));
}

TEST(RmcpPlusSession, AuthCodeLengthComesFromTheCaller) {
  const Bytes body = hex(kAuthenticatedGetDeviceId);
  // HMAC-MD5-128 would need 16 bytes after Next Header; only 17 follow the payload.
  EXPECT_EQ(decode_rmcpplus_session(view(body), 0, 16).error(),
            err(DecodeErrc::truncated, 19, "rmcpplus.session_trailer"));
}

TEST(RmcpPlusSession, NoTrailerOutsideASessionEvenIfAuthenticatedIsSet) {
  const Bytes body = hex("06 50 00000000 00000000 0100 00 ffffff 03 07 0102030405060708090a0b0c");
  EXPECT_EQ(decode_rmcpplus_session(view(body), 0, kSha1_96).error(),
            err(DecodeErrc::trailing_bytes, 13, "rmcpplus.end"));
}

TEST(RmcpPlusSession, RejectsAnAuthTypeOtherThanRmcpPlus) {
  Bytes body = hex(kOpenSessionRequest);
  body[0] = 0x02;
  EXPECT_EQ(decode_rmcpplus_session(view(body), 4, 0).error(), err(DecodeErrc::bad_value, 4, "rmcpplus.auth_type"));
}

RmcpPlusSession header_of(const Bytes& sample) {
  auto s = decode_rmcpplus_session(view(sample), 0, kSha1_96);
  EXPECT_TRUE(s.has_value());
  RmcpPlusSession h = s.value_or(RmcpPlusSession{});
  h.trailer.reset();
  return h;
}

TEST(RmcpPlusSession, TwoStepEncodeLaysOutPadThenTakesTheAuthCode) {
  const Bytes sample = hex(kAuthenticatedGetDeviceId);
  const RmcpPlusSession h = header_of(sample);
  RmcpPlusUnsigned u = encode_rmcpplus_unsigned(h, kSha1_96);
  EXPECT_TRUE(u.needs_auth_code);
  EXPECT_EQ(u.covered_begin, 0u);
  EXPECT_EQ(u.covered_end, 24u);
  EXPECT_EQ(to_hex(view(u.bytes)), to_hex(ByteView(sample).first(24)));
  const Bytes auth = hex("0102030405060708090a0b0c");
  EXPECT_TRUE(finish_rmcpplus(u, ByteView(auth).first(11)).empty());  // wrong length: refused
  EXPECT_EQ(to_hex(view(finish_rmcpplus(u, view(auth)))), to_hex(view(sample)));
}

TEST(RmcpPlusSession, EncoderPadsZeroWhenAlignedUnlessOverridden) {
  const Bytes pad0 = hex(kAlignedPad0);
  const Bytes pad4 = hex(kAlignedPad4);
  const Bytes auth = hex("0102030405060708090a0b0c");
  const RmcpPlusSession h = header_of(pad0);
  EXPECT_EQ(to_hex(view(finish_rmcpplus(encode_rmcpplus_unsigned(h, kSha1_96), view(auth)))), to_hex(view(pad0)));
  EXPECT_EQ(to_hex(view(finish_rmcpplus(encode_rmcpplus_unsigned(h, kSha1_96, 4), view(auth)))), to_hex(view(pad4)));
  for (std::size_t n = 12; n < 20; ++n) EXPECT_EQ((n + rmcpplus_integrity_pad_length(n) + 2) % 4, 0u) << n;
  EXPECT_EQ(rmcpplus_integrity_pad_length(22), 0);
}

TEST(RmcpPlusSession, UnauthenticatedEncodeHasNoTrailerAndTakesNoAuthCode) {
  const Bytes sample = hex(kOpenSessionRequest);
  RmcpPlusUnsigned u = encode_rmcpplus_unsigned(header_of(sample), kSha1_96);
  EXPECT_FALSE(u.needs_auth_code);
  EXPECT_EQ(to_hex(view(finish_rmcpplus(u, {}))), to_hex(view(sample)));
  const Bytes stray = hex("01");
  EXPECT_TRUE(finish_rmcpplus(u, view(stray)).empty());
}

TEST(RmcpPlusSession, EncoderRefusesAPayloadLongerThanItsLengthField) {
  const Bytes big(0x10000, 0);
  RmcpPlusSession s;
  s.payload = view(big);
  EXPECT_TRUE(encode_rmcpplus_session(s).empty());
  EXPECT_TRUE(encode_rmcpplus_unsigned(s, 0).bytes.empty());
  EXPECT_TRUE(finish_rmcpplus(encode_rmcpplus_unsigned(s, 0), {}).empty());
}

TEST(PayloadType, NamesFollowTheSpec) {
  EXPECT_EQ(payload_type_name(PayloadType::ipmi), "IPMI Message");
  EXPECT_EQ(payload_type_name(PayloadType::oem_explicit), "OEM Explicit");
  EXPECT_EQ(payload_type_name(PayloadType::open_session_request), "RMCP+ Open Session Request");
  EXPECT_EQ(payload_type_name(PayloadType::rakp4), "RAKP Message 4");
  EXPECT_EQ(payload_type_name(0x21), "OEM Payload");
  EXPECT_EQ(payload_type_name(0x03), std::nullopt);
  EXPECT_EQ(payload_type_name(0x16), std::nullopt);
  EXPECT_TRUE(is_session_setup_payload(PayloadType::rakp1));
  EXPECT_FALSE(is_session_setup_payload(PayloadType::sol));
}

}  // namespace
}  // namespace ipmict
