// The pcap tap: synthesized IPv4/IPv6 + UDP headers with correct lengths and checksums,
// read back by our own reader and by tshark (which must see no malformed packet and no
// bad checksum when told to check them).
#include "transports/pcap_writer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "protocol/capture/pcap_reader.hpp"
#include "protocol/wire/asf.hpp"
#include "protocol/wire/rmcp.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::transport {
namespace {

using namespace std::chrono_literals;

Bytes presence_ping(std::uint8_t tag) {
  return encode_rmcp(RmcpHeader{kRmcpVersion1, 0, kRmcpSequenceNoAck, false, kRmcpClassAsf},
                     view(encode_asf(asf_presence_ping(tag))));
}
Bytes presence_pong(std::uint8_t tag) {
  return encode_rmcp(RmcpHeader{kRmcpVersion1, 0, kRmcpSequenceNoAck, false, kRmcpClassAsf},
                     view(encode_asf(asf_presence_pong(tag, AsfPong{}))));
}

// RFC 1071 check: the one's complement sum over a correct header (checksum included) is FFFFh.
std::uint16_t sum16(ByteView b) {
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < b.size(); i += 2) s += (static_cast<std::uint32_t>(b[i]) << 8) | (i + 1 < b.size() ? b[i + 1] : 0u);
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return static_cast<std::uint16_t>(s);
}

// tshark's own notices ("Running as user root ...") are not dissection output.
std::string without_tshark_notices(const std::string& out) {
  std::string kept;
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t end = out.find('\n', pos);
    if (end == std::string::npos) end = out.size();
    const std::string line = out.substr(pos, end - pos);
    if (line.rfind("Running as user", 0) != 0) kept += line + "\n";
    pos = end + 1;
  }
  return kept;
}

TEST(SynthesizeUdpPacket, Ipv4HeaderHasLengthsAndAVerifyingChecksum) {
  const Bytes payload = presence_ping(7);
  const Bytes p = synthesize_udp_packet({"127.0.0.1", 40000}, {"127.0.0.2", 623}, view(payload), 0x1234);
  ASSERT_EQ(p.size(), 20 + 8 + payload.size());
  EXPECT_EQ(p[0], 0x45);
  EXPECT_EQ((p[2] << 8) | p[3], static_cast<int>(p.size()));
  EXPECT_EQ((p[4] << 8) | p[5], 0x1234);
  EXPECT_EQ(p[9], 17);
  EXPECT_EQ(sum16(ByteView(p.data(), 20)), 0xffff) << "IPv4 header checksum";
  EXPECT_EQ(Bytes(p.begin() + 12, p.begin() + 20), (Bytes{127, 0, 0, 1, 127, 0, 0, 2}));
  EXPECT_EQ((p[20] << 8) | p[21], 40000);
  EXPECT_EQ((p[22] << 8) | p[23], 623);
  EXPECT_EQ((p[24] << 8) | p[25], static_cast<int>(8 + payload.size()));
  EXPECT_EQ(Bytes(p.begin() + 28, p.end()), payload);
}

TEST(SynthesizeUdpPacket, RefusesMixedFamiliesAndNames) {
  const Bytes x{1};
  EXPECT_TRUE(synthesize_udp_packet({"127.0.0.1", 1}, {"::1", 2}, view(x)).empty());
  EXPECT_TRUE(synthesize_udp_packet({"localhost", 1}, {"127.0.0.1", 2}, view(x)).empty());
  EXPECT_EQ(synthesize_udp_packet({"::1", 1}, {"::1", 2}, view(x)).size(), 40u + 8u + 1u);
}

class PcapWriterFile : public ::testing::Test {
 protected:
  test::TempDir dir_{"ipmict-pcap"};
};

TEST_F(PcapWriterFile, RecordsReadBackWithEndpointsPayloadsAndTimestamps) {
  const auto path = dir_.path() / "tap.pcap";
  auto w = PcapWriter::create(path);
  ASSERT_TRUE(w) << w.error().message;
  const auto before = std::chrono::system_clock::now();
  const Bytes ping = presence_ping(1);
  const Bytes pong = presence_pong(1);
  (*w)->datagram({"127.0.0.1", 40001}, {"127.0.0.1", 623}, view(ping));
  (*w)->datagram({"127.0.0.1", 623}, {"127.0.0.1", 40001}, view(pong));
  (*w)->datagram({"::1", 40002}, {"::1", 623}, view(ping));
  EXPECT_EQ((*w)->records(), 3u);
  EXPECT_FALSE((*w)->error());

  // Flushed per record: readable while the writer is still open.
  const std::string file = test::read_file(path);
  const ByteView bytes(reinterpret_cast<const std::uint8_t*>(file.data()), file.size());  // NOLINT: file bytes
  auto cap = capture::read_capture(bytes);
  ASSERT_TRUE(cap);
  EXPECT_EQ(cap->link_type, capture::kLinkTypeRaw);
  EXPECT_FALSE(cap->truncated);
  ASSERT_EQ(cap->frames.size(), 3u);
  for (const auto& f : cap->frames) {
    ASSERT_TRUE(f.is_udp) << f.skipped;
    EXPECT_FALSE(f.error);
    const auto ns = static_cast<std::int64_t>(f.timestamp_ns);
    const auto since = std::chrono::duration_cast<std::chrono::nanoseconds>(before.time_since_epoch()).count();
    EXPECT_GE(ns, since - 1000);  // µs resolution
    EXPECT_LT(ns, since + 10'000'000'000);
  }
  EXPECT_EQ(cap->frames[0].udp.src, "127.0.0.1");
  EXPECT_EQ(cap->frames[0].udp.src_port, 40001);
  EXPECT_EQ(cap->frames[0].udp.dst_port, 623);
  EXPECT_EQ(Bytes(cap->frames[0].udp.payload.begin(), cap->frames[0].udp.payload.end()), ping);
  EXPECT_EQ(Bytes(cap->frames[1].udp.payload.begin(), cap->frames[1].udp.payload.end()), pong);
  EXPECT_EQ(cap->frames[2].udp.src, "::1");
  EXPECT_EQ(cap->frames[2].udp.dst_port, 623);
}

TEST_F(PcapWriterFile, UnusableEndpointIsKeptAsAnErrorAndNothingIsWritten) {
  auto w = PcapWriter::create(dir_.path() / "bad.pcap");
  ASSERT_TRUE(w);
  const Bytes x{1, 2};
  (*w)->datagram({"127.0.0.1", 1}, {"::1", 2}, view(x));
  EXPECT_EQ((*w)->records(), 0u);
  ASSERT_TRUE((*w)->error());
  EXPECT_EQ(std::filesystem::file_size(dir_.path() / "bad.pcap"), 24u);
}

TEST_F(PcapWriterFile, CreateInAMissingDirectoryIsAnIoErrorNamingThePath) {
  auto w = PcapWriter::create(dir_.path() / "no" / "such" / "dir.pcap");
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().kind, TransportError::Kind::io);
  EXPECT_NE(w.error().message.find("dir.pcap"), std::string::npos);
}

TEST_F(PcapWriterFile, TsharkDissectsRmcpWithoutMalformedPacketsOrBadChecksums) {
  if (!test::find_in_path("tshark")) GTEST_SKIP() << "tshark not installed (package tshark)";
  const auto path = dir_.path() / "tshark.pcap";
  {
    auto w = PcapWriter::create(path);
    ASSERT_TRUE(w);
    const Bytes ping = presence_ping(3);
    const Bytes pong = presence_pong(3);
    (*w)->datagram({"127.0.0.1", 40003}, {"127.0.0.1", 40623}, view(ping));
    (*w)->datagram({"127.0.0.1", 40623}, {"127.0.0.1", 40003}, view(pong));
    (*w)->datagram({"::1", 40004}, {"::1", 40623}, view(ping));
    Bytes odd = presence_ping(4);  // an odd UDP length exercises the checksum's pad byte
    odd.push_back(0x00);
    odd[11] = 1;  // ASF data length 1
    (*w)->datagram({"127.0.0.1", 40005}, {"127.0.0.1", 40623}, view(odd));
  }
  const std::vector<std::string> base{"tshark", "-n", "-r", path.string(), "-d", "udp.port==40623,rmcp",
                                      "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE"};
  auto fields = base;
  fields.insert(fields.end(), {"-T", "fields", "-e", "frame.number", "-e", "ip.checksum.status", "-e",
                               "udp.checksum.status", "-e", "rmcp.class", "-e", "_ws.expert"});
  const test::RunResult r = test::run_capture(fields, {}, 30000ms);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // status 1 = "Good" for both checksums; the IPv6 frame has no IP checksum.
  EXPECT_NE(r.output.find("1\t1\t1\t0x06\t\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("3\t\t1\t0x06\t\n"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("Bad"), std::string::npos) << r.output;
  auto malformed = base;
  malformed.insert(malformed.end(), {"-Y", "_ws.malformed || _ws.expert.severity >= warning"});
  const test::RunResult m = test::run_capture(malformed, {}, 30000ms);
  ASSERT_EQ(m.exit_code, 0) << m.output;
  EXPECT_EQ(without_tshark_notices(m.output), "") << m.output;
}

}  // namespace
}  // namespace ipmict::transport
