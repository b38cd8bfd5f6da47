// IPMI LAN message / IPMB frame (IPMI 2.0 §13.8, IPMB 1.0 §2.2) and Send Message bridging (§22.7).
#include <gtest/gtest.h>

#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/send_message.hpp"
#include "tests/protocol/wire/wire_test_support.hpp"

namespace ipmict {
namespace {

using namespace wire_test;

// Get Channel Authentication Capabilities (App 38h, channel Eh, Administrator), as ipmitool sends it.
const char* kGetChannelAuthCapsRequest = "20 18 c8 81 00 38 8e 04 b5";
// Its answer: channel 1, MD5/MD2/none + IPMI 2.0 extended data, per-message auth on.
const char* kGetChannelAuthCapsResponse = "81 1c 63 20 00 38 00 01 97 04 03 00 00 00 00 09";
// An error reply that is only the completion code (C1h Invalid Command).
const char* kInvalidCommandResponse = "81 1c 63 20 00 38 c1 e7";

const RoundTrip kRequest = round_trip([](ByteView in) { return decode_ipmi_request(in, 0); }, encode_ipmi_request);
const RoundTrip kResponse =
    round_trip([](ByteView in) { return decode_ipmi_response(in, 0); }, encode_ipmi_response);

TEST(LanMessage, DecodesARequest) {
  const Bytes m = hex(kGetChannelAuthCapsRequest);
  auto q = decode_ipmi_request(view(m));
  ASSERT_TRUE(q.has_value()) << to_string(q.error());
  EXPECT_EQ(*q, (IpmiRequest{0x20, 0x06, 0, 0x81, 0, 0, 0x38, {0x8e, 0x04}}));
}

TEST(LanMessage, DecodesAResponseAndOneWithOnlyACompletionCode) {
  const Bytes m = hex(kGetChannelAuthCapsResponse);
  auto r = decode_ipmi_response(view(m));
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->netfn, 0x07);
  EXPECT_TRUE(is_response_netfn(r->netfn));
  EXPECT_EQ(r->rs_addr, 0x20);
  EXPECT_EQ(r->cmd, 0x38);
  EXPECT_EQ(r->completion_code, 0x00);
  EXPECT_EQ(to_hex(view(r->data)), "01 97 04 03 00 00 00 00");

  const Bytes e = hex(kInvalidCommandResponse);
  auto cc_only = decode_ipmi_response(view(e));
  ASSERT_TRUE(cc_only.has_value()) << to_string(cc_only.error());
  EXPECT_EQ(cc_only->completion_code, 0xc1);
  EXPECT_TRUE(cc_only->data.empty());
}

TEST(LanMessage, CodecContract) {
  // Without a length field the last byte is always checksum 2: one byte short or long
  // shifts it, and checksum 2 catches that.
  const std::vector<CodecCase> cases = {
      {"request", hex(kGetChannelAuthCapsRequest), kRequest, err(DecodeErrc::bad_checksum, 7, "lan.checksum2"),
       err(DecodeErrc::bad_checksum, 9, "lan.checksum2")},
      {"response", hex(kGetChannelAuthCapsResponse), kResponse, err(DecodeErrc::bad_checksum, 14, "lan.checksum2"),
       err(DecodeErrc::bad_checksum, 16, "lan.checksum2")},
      {"completion code only", hex(kInvalidCommandResponse), kResponse,
       err(DecodeErrc::truncated, 7, "lan.checksum2"), err(DecodeErrc::bad_checksum, 8, "lan.checksum2")},
  };
  for (const auto& c : cases) run_codec_case(c);
}

TEST(LanMessage, BadChecksumsNameTheChecksumOffset) {
  Bytes m = hex(kGetChannelAuthCapsRequest);
  m[2] ^= 0x01;
  EXPECT_EQ(decode_ipmi_request(view(m), 14).error(), err(DecodeErrc::bad_checksum, 16, "lan.checksum1"));
  m = hex(kGetChannelAuthCapsRequest);
  m[6] ^= 0x01;  // a data byte: checksum 2 no longer sums to zero
  EXPECT_EQ(decode_ipmi_request(view(m), 14).error(), err(DecodeErrc::bad_checksum, 22, "lan.checksum2"));
}

TEST(LanMessage, LenientDecodeShowsTheMessageAndEveryChecksumProblem) {
  Bytes m = hex(kGetChannelAuthCapsResponse);
  m[2] = 0x00;
  m[15] = 0x00;
  auto r = decode_ipmi_response_lenient(view(m), 4);
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->message.cmd, 0x38);
  EXPECT_EQ(r->checksum1, 0x00);
  ASSERT_EQ(r->checksum_errors.size(), 2u);
  EXPECT_EQ(r->checksum_errors[0], err(DecodeErrc::bad_checksum, 6, "lan.checksum1"));
  EXPECT_EQ(r->checksum_errors[1], err(DecodeErrc::bad_checksum, 19, "lan.checksum2"));

  const Bytes good = hex(kGetChannelAuthCapsRequest);
  auto ok = decode_ipmi_request_lenient(view(good));
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(ok->checksum_errors.empty());
  EXPECT_EQ(ok->checksum2, 0xb5);

  const Bytes cut = hex("20 18 c8 81");
  EXPECT_EQ(decode_ipmi_request_lenient(view(cut)).error(), err(DecodeErrc::truncated, 4, "lan.rq_seq_rq_lun"));
}

TEST(LanMessage, EncoderComputesBothChecksums) {
  const IpmiRequest get_device_id{0x20, 0x06, 0, 0x81, 2, 0, 0x01, {}};
  EXPECT_EQ(to_hex(view(encode_ipmi_request(get_device_id))), "20 18 c8 81 08 01 76");
}

TEST(LanMessage, ResponseNetFnsAreOdd) {
  EXPECT_FALSE(is_response_netfn(0x06));
  EXPECT_TRUE(is_response_netfn(0x07));
  EXPECT_TRUE(is_response_netfn(0x2f));
}

TEST(SendMessage, WrapsAnIpmbRequestBehindTheChannelByte) {
  const IpmiRequest inner{0x72, 0x06, 0, 0x81, 3, 0, 0x01, {}};
  const Bytes data = encode_send_message_request(kChannelPrimaryIpmb, SendMessageTracking::track_request, inner);
  // 40h: tracking 01b, channel 0 (what ipmitool sends for -t/-b bridging).
  EXPECT_EQ(to_hex(view(data)), "40 72 18 76 81 0c 01 72");
  auto back = decode_send_message_request(view(data), 20);
  ASSERT_TRUE(back.has_value()) << to_string(back.error());
  EXPECT_EQ(back->channel, 0);
  EXPECT_EQ(back->tracking, SendMessageTracking::track_request);
  EXPECT_EQ(back->message, inner);

  Bytes bad = data;
  bad.back() ^= 0xff;
  EXPECT_EQ(decode_send_message_request(view(bad), 20).error(), err(DecodeErrc::bad_checksum, 27, "lan.checksum2"));
  EXPECT_EQ(decode_send_message_request({}, 20).error(), err(DecodeErrc::truncated, 20, "send_message.channel"));
}

TEST(SendMessage, DecodesTheBridgedResponseOrItsAbsence) {
  const Bytes data = hex("81 1c 63 72 0c 01 00 20 01 60");
  auto r = decode_bridged_response(view(data), 0);
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->rs_addr, 0x72);
  EXPECT_EQ((*r)->cmd, 0x01);
  EXPECT_EQ(to_hex(view((*r)->data)), "20 01");

  auto none = decode_bridged_response({}, 0);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());

  const Bytes cut(data.begin(), data.begin() + 5);
  EXPECT_EQ(decode_bridged_response(view(cut), 30).error(), err(DecodeErrc::truncated, 35, "lan.cmd"));
}

}  // namespace
}  // namespace ipmict
