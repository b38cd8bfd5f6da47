// The UDP-payload classifier: RMCP class, then Authentication Type (IPMI 2.0 §13.1.3, §13.6).
#include <gtest/gtest.h>

#include <variant>

#include "protocol/wire/datagram.hpp"
#include "tests/protocol/wire/wire_test_support.hpp"

namespace ipmict {
namespace {

using namespace wire_test;

const char* kPing = "06 00 ff 06 00 00 11 be 80 00 00 00";
const char* kAck = "06 00 05 86";
const char* kGetChannelAuthCaps15 = "06 00 ff 07 00 00 00 00 00 00 00 00 00 09 20 18 c8 81 00 38 8e 04 b5";
const char* kOpenSessionRequest =
    "06 00 ff 07 06 10 00000000 00000000 2000"
    " 00 04 0000 a4a3a2a0 00000008 01000000 01000008 01000000 02000008 01000000";
const char* kAuthenticated =
    "06 00 ff 07 06 40 c5b4a302 03000000 0700 20 18 c8 81 08 01 76 ffffff 03 07 0102030405060708090a0b0c";

const RoundTrip kDatagram =
    round_trip([](ByteView in) { return decode_datagram(in, 12); }, [](const Datagram& d) { return encode_datagram(d); });

TEST(Datagram, ClassifiesEachKind) {
  const Bytes ping = hex(kPing), ack = hex(kAck), v15 = hex(kGetChannelAuthCaps15), osr = hex(kOpenSessionRequest),
              auth = hex(kAuthenticated);
  auto a = decode_datagram(view(ping), 12);
  ASSERT_TRUE(a.has_value()) << to_string(a.error());
  EXPECT_TRUE(std::holds_alternative<AsfMessage>(a->message));
  auto b = decode_datagram(view(ack), 12);
  ASSERT_TRUE(b.has_value()) << to_string(b.error());
  EXPECT_TRUE(std::holds_alternative<RmcpAck>(b->message));
  auto c = decode_datagram(view(v15), 12);
  ASSERT_TRUE(c.has_value()) << to_string(c.error());
  ASSERT_TRUE(std::holds_alternative<Session15>(c->message));
  EXPECT_EQ(std::get<Session15>(c->message).payload_offset, 14u);
  auto d = decode_datagram(view(osr), 12);
  ASSERT_TRUE(d.has_value()) << to_string(d.error());
  ASSERT_TRUE(std::holds_alternative<RmcpPlusSession>(d->message));
  EXPECT_EQ(std::get<RmcpPlusSession>(d->message).payload_type, PayloadType::open_session_request);
  auto e = decode_datagram(view(auth), 12);
  ASSERT_TRUE(e.has_value()) << to_string(e.error());
  const auto& s = std::get<RmcpPlusSession>(e->message);
  EXPECT_EQ(s.covered_begin, 4u);
  EXPECT_EQ(s.covered_end, 28u);
}

TEST(Datagram, CodecContractWithAbsoluteOffsets) {
  const std::vector<CodecCase> cases = {
      {"asf ping", hex(kPing), kDatagram, err(DecodeErrc::truncated, 11, "asf.data_length"),
       err(DecodeErrc::trailing_bytes, 12, "asf.end"), {11}},
      {"rmcp ack", hex(kAck), kDatagram, err(DecodeErrc::truncated, 3, "rmcp.message_class"),
       err(DecodeErrc::trailing_bytes, 4, "rmcp.ack_body")},
      {"ipmi 1.5", hex(kGetChannelAuthCaps15), kDatagram, err(DecodeErrc::truncated, 14, "session15.message"),
       err(DecodeErrc::trailing_bytes, 23, "session15.end"), {13}},
      {"rmcp+ open session", hex(kOpenSessionRequest), kDatagram, err(DecodeErrc::truncated, 16, "rmcpplus.payload"),
       err(DecodeErrc::trailing_bytes, 48, "rmcpplus.end"), {14, 15}},
      {"rmcp+ authenticated", hex(kAuthenticated), kDatagram, err(DecodeErrc::bad_length, 25, "rmcpplus.pad_length"),
       err(DecodeErrc::bad_length, 27, "rmcpplus.pad_length"), {14, 15}},
  };
  for (const auto& c : cases) run_codec_case(c);
}

TEST(Datagram, RejectsWhatItCannotClassify) {
  const Bytes empty_ipmi = hex("06 00 ff 07");
  EXPECT_EQ(decode_datagram(view(empty_ipmi), 0).error(), err(DecodeErrc::truncated, 4, "session.auth_type"));
  const Bytes oem = hex("06 00 ff 08 00 00 01 57");
  EXPECT_EQ(decode_datagram(view(oem), 0).error(), err(DecodeErrc::unsupported, 3, "rmcp.message_class"));
  const Bytes reserved_class = hex("06 00 ff 05 00");
  EXPECT_EQ(decode_datagram(view(reserved_class), 0).error(), err(DecodeErrc::bad_value, 3, "rmcp.message_class"));
  const Bytes bad_auth_type = hex("06 00 ff 07 03 00000000 00000000 00");
  EXPECT_EQ(decode_datagram(view(bad_auth_type), 0).error(), err(DecodeErrc::bad_value, 4, "session15.auth_type"));
  EXPECT_EQ(decode_datagram({}, 0).error(), err(DecodeErrc::truncated, 0, "rmcp.version"));
}

TEST(Datagram, EveryByteValueAtEveryPositionDecodesOrFailsCleanly) {
  // A small exhaustive mutation pass over the samples: no crash, and any error points inside the input.
  for (const char* sample : {kPing, kAck, kGetChannelAuthCaps15, kOpenSessionRequest, kAuthenticated}) {
    const Bytes base = hex(sample);
    for (std::size_t at = 0; at < base.size(); ++at) {
      for (int v = 0; v < 256; ++v) {
        Bytes m = base;
        m[at] = static_cast<std::uint8_t>(v);
        auto d = decode_datagram(view(m), 12);
        if (!d) {
          EXPECT_LE(d.error().offset, m.size()) << sample << " @" << at << "=" << v;
        } else {
          EXPECT_EQ(to_hex(view(encode_datagram(*d))), to_hex(view(m))) << sample << " @" << at << "=" << v;
        }
      }
    }
  }
}

}  // namespace
}  // namespace ipmict
