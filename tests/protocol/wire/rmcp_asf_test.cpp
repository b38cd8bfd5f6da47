// RMCP header, RMCP ACK and ASF Presence Ping/Pong (ASF 2.0 §3.2; IPMI 2.0 §13.1.3, §13.2.3).
#include <gtest/gtest.h>

#include "protocol/wire/asf.hpp"
#include "protocol/wire/rmcp.hpp"
#include "tests/protocol/wire/wire_test_support.hpp"

namespace ipmict {
namespace {

using namespace wire_test;

// ipmitool's Presence Ping (`ipmitool -I lan ... ` discovery): RMCP seq FFh, class ASF.
const char* kPingDatagram = "06 00 ff 06 00 00 11 be 80 00 00 00";
// A BMC's Presence Pong: IPMI supported, ASF 1.0, no interactions.
const char* kPongBody = "00 00 11 be 40 00 00 10 00 00 11 be 00 00 00 00 81 00 00 00 00 00 00 00";

Decoded<Bytes> rmcp_round_trip(ByteView in) {
  auto p = decode_rmcp(in);
  if (!p) return tl::unexpected(p.error());
  return encode_rmcp(p->header, p->body);
}

TEST(Rmcp, DecodesTheHeaderOfAPresencePing) {
  const Bytes ping = hex(kPingDatagram);
  auto p = decode_rmcp(view(ping));
  ASSERT_TRUE(p.has_value()) << to_string(p.error());
  EXPECT_EQ(p->header.version, kRmcpVersion1);
  EXPECT_EQ(p->header.sequence, kRmcpSequenceNoAck);
  EXPECT_FALSE(p->header.ack);
  EXPECT_EQ(p->header.message_class, kRmcpClassAsf);
  EXPECT_EQ(to_hex(p->body), "00 00 11 be 80 00 00 00");
}

TEST(Rmcp, CodecContract) {
  const std::vector<CodecCase> cases = {
      {"ping datagram", hex(kPingDatagram), rmcp_round_trip, {}, std::nullopt, {}, kRmcpHeaderSize},
      {"header only", hex("06 00 ff 07"), rmcp_round_trip, err(DecodeErrc::truncated, 3, "rmcp.message_class"),
       std::nullopt},
      {"ack", hex("06 00 05 86"), rmcp_round_trip, err(DecodeErrc::truncated, 3, "rmcp.message_class"),
       err(DecodeErrc::trailing_bytes, 4, "rmcp.ack_body")},
  };
  for (const auto& c : cases) run_codec_case(c);
}

TEST(Rmcp, AckIsTheAcknowledgedHeaderWithBitSeven) {
  RmcpHeader acked;
  acked.sequence = 0x05;
  acked.message_class = kRmcpClassAsf;
  const Bytes ack = encode_rmcp_ack(acked);
  EXPECT_EQ(to_hex(view(ack)), "06 00 05 86");
  auto p = decode_rmcp(view(ack));
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(p->header.ack);
  EXPECT_EQ(p->header.sequence, 0x05);
  EXPECT_EQ(p->header.message_class, kRmcpClassAsf);
  EXPECT_TRUE(p->body.empty());
}

TEST(Rmcp, RejectsOtherVersionsAndReservedClassBits) {
  const Bytes old_version = hex("05 00 ff 07 00");
  EXPECT_EQ(decode_rmcp(view(old_version)).error(), err(DecodeErrc::bad_value, 0, "rmcp.version"));
  const Bytes reserved_bits = hex("06 00 ff 17 00");
  EXPECT_EQ(decode_rmcp(view(reserved_bits)).error(), err(DecodeErrc::reserved_bits, 3, "rmcp.message_class"));
}

TEST(Asf, DecodesAPresencePing) {
  const Bytes ping = hex(kPingDatagram);
  auto m = decode_asf(view(ping).subspan(kRmcpHeaderSize), kRmcpHeaderSize);
  ASSERT_TRUE(m.has_value()) << to_string(m.error());
  EXPECT_EQ(m->iana, kAsfIana);
  EXPECT_EQ(m->message_type, kAsfPresencePing);
  EXPECT_EQ(m->message_tag, 0x00);
  EXPECT_TRUE(m->data.empty());
  EXPECT_EQ(*m, asf_presence_ping(0x00));
}

TEST(Asf, DecodesAPresencePong) {
  const Bytes body = hex(kPongBody);
  auto m = decode_asf(view(body), 0);
  ASSERT_TRUE(m.has_value()) << to_string(m.error());
  auto pong = decode_asf_pong(*m, 0);
  ASSERT_TRUE(pong.has_value()) << to_string(pong.error());
  EXPECT_EQ(pong->iana, kAsfIana);
  EXPECT_EQ(pong->oem_defined, 0u);
  EXPECT_TRUE(pong->ipmi_supported());
  EXPECT_EQ(pong->supported_entities & 0x0f, 0x01);  // ASF version 1.0
  EXPECT_EQ(pong->supported_interactions, 0x00);
  EXPECT_EQ(to_hex(view(encode_asf(asf_presence_pong(0x00, *pong)))), to_hex(view(body)));
}

TEST(Asf, PongDecoderRefusesAPing) {
  EXPECT_EQ(decode_asf_pong(asf_presence_ping(1), 4).error(), err(DecodeErrc::bad_value, 8, "asf.message_type"));
}

TEST(Asf, CodecContract) {
  const RoundTrip asf = round_trip([](ByteView in) { return decode_asf(in, 0); }, encode_asf);
  const RoundTrip pong_data = round_trip([](ByteView in) { return decode_asf_pong(in, 0); }, encode_asf_pong);
  const std::vector<CodecCase> cases = {
      // Data Length is byte 7: +1 leaves the data short, -1 is impossible (00h).
      {"ping", hex("00 00 11 be 80 00 00 00"), asf, err(DecodeErrc::truncated, 7, "asf.data_length"),
       err(DecodeErrc::trailing_bytes, 8, "asf.end"), {7}},
      {"pong", hex(kPongBody), asf, err(DecodeErrc::truncated, 8, "asf.data"),
       err(DecodeErrc::trailing_bytes, 24, "asf.end"), {7}},
      {"pong data", tail(hex(kPongBody), kAsfHeaderSize),
       pong_data, err(DecodeErrc::truncated, 10, "asf_pong.reserved"),
       err(DecodeErrc::trailing_bytes, 16, "asf_pong.end")},
  };
  for (const auto& c : cases) run_codec_case(c);
}

TEST(Asf, EncoderRefusesDataLongerThanItsLengthByte) {
  AsfMessage m;
  m.data.assign(256, 0);
  EXPECT_TRUE(encode_asf(m).empty());
}

}  // namespace
}  // namespace ipmict
