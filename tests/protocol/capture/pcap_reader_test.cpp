#include "protocol/capture/pcap_reader.hpp"

#include <gtest/gtest.h>

#include "protocol/core/writer.hpp"

namespace ipmict::capture {
namespace {

const Bytes kPayload{0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x00, 0x00, 0x00};  // ASF ping

Bytes udp(std::uint16_t sport, std::uint16_t dport, const Bytes& payload) {
  Writer w;
  w.u16be(sport).u16be(dport).u16be(static_cast<std::uint16_t>(8 + payload.size())).u16be(0).bytes(view(payload));
  return w.take();
}

Bytes ipv4(const Bytes& l4, std::uint8_t proto = 17, std::uint16_t frag = 0) {
  Writer w;
  w.u8(0x45).u8(0).u16be(static_cast<std::uint16_t>(20 + l4.size())).u16be(1).u16be(frag).u8(64).u8(proto).u16be(0);
  w.bytes(Bytes{127, 0, 0, 1}).bytes(Bytes{127, 0, 0, 2}).bytes(view(l4));
  return w.take();
}

Bytes ipv6(const Bytes& l4) {
  Writer w;
  w.u32be(0x60000000).u16be(static_cast<std::uint16_t>(l4.size())).u8(17).u8(64);
  Bytes loop(16, 0);
  loop[15] = 1;
  w.bytes(view(loop)).bytes(view(loop)).bytes(view(l4));
  return w.take();
}

Bytes ethernet(const Bytes& l3, std::uint16_t ethertype = 0x0800) {
  Writer w;
  w.zeros(12).u16be(ethertype).bytes(view(l3));
  return w.take();
}

Bytes classic(std::uint32_t link, const std::vector<Bytes>& packets, bool big = false, bool ns = false) {
  Writer w;
  auto u32 = [&](std::uint32_t v) { big ? w.u32be(v) : w.u32le(v); };
  auto u16 = [&](std::uint16_t v) { big ? w.u16be(v) : w.u16le(v); };
  u32(ns ? 0xa1b23c4d : 0xa1b2c3d4);
  u16(2);
  u16(4);
  u32(0);
  u32(0);
  u32(65535);
  u32(link);
  std::uint32_t t = 0;
  for (const auto& p : packets) {
    u32(1700000000 + t);
    u32(500);
    u32(static_cast<std::uint32_t>(p.size()));
    u32(static_cast<std::uint32_t>(p.size()));
    w.bytes(view(p));
    ++t;
  }
  return w.take();
}

TEST(PcapReader, ClassicLittleEndianEthernetIpv4Udp) {
  const Bytes file = classic(kLinkTypeEthernet, {ethernet(ipv4(udp(40000, 623, kPayload)))});
  auto cap = read_capture(view(file));
  ASSERT_TRUE(cap) << to_string(cap.error());
  EXPECT_EQ(cap->link_type, kLinkTypeEthernet);
  ASSERT_EQ(cap->frames.size(), 1u);
  const CaptureFrame& f = cap->frames[0];
  EXPECT_EQ(f.number, 1u);
  ASSERT_TRUE(f.is_udp);
  EXPECT_EQ(f.udp.src, "127.0.0.1");
  EXPECT_EQ(f.udp.dst, "127.0.0.2");
  EXPECT_EQ(f.udp.src_port, 40000);
  EXPECT_EQ(f.udp.dst_port, 623);
  EXPECT_EQ(Bytes(f.udp.payload.begin(), f.udp.payload.end()), kPayload);
  EXPECT_EQ(f.timestamp_ns, 1700000000ull * 1000000000ull + 500000ull);
  EXPECT_FALSE(cap->truncated);
}

TEST(PcapReader, BigEndianNanosecondFile) {
  const Bytes file = classic(kLinkTypeRaw, {ipv4(udp(1, 2, kPayload))}, true, true);
  auto cap = read_capture(view(file));
  ASSERT_TRUE(cap);
  ASSERT_EQ(cap->frames.size(), 1u);
  EXPECT_TRUE(cap->frames[0].is_udp);
  EXPECT_EQ(cap->frames[0].timestamp_ns, 1700000000ull * 1000000000ull + 500ull);
}

TEST(PcapReader, LinuxCookedV1V2LoopbackAndIpv6) {
  Writer sll;
  sll.zeros(14).u16be(0x0800).bytes(view(ipv4(udp(5, 6, kPayload))));
  Writer sll2;
  sll2.u16be(0x86dd).zeros(18).bytes(view(ipv6(udp(7, 8, kPayload))));
  Writer null4;
  null4.u32le(2).bytes(view(ipv4(udp(9, 10, kPayload))));
  Writer null6be;
  null6be.u32be(30).bytes(view(ipv6(udp(11, 12, kPayload))));
  struct Case {
    std::uint32_t link;
    Bytes packet;
    std::uint16_t sport;
    const char* src;
  } cases[] = {
      {kLinkTypeLinuxSll, sll.take(), 5, "127.0.0.1"},
      {kLinkTypeLinuxSll2, sll2.take(), 7, "::1"},
      {kLinkTypeNull, null4.take(), 9, "127.0.0.1"},
      {kLinkTypeNull, null6be.take(), 11, "::1"},
      {kLinkTypeIpv6, ipv6(udp(13, 14, kPayload)), 13, "::1"},
  };
  for (const auto& c : cases) {
    auto cap = read_capture(view(classic(c.link, {c.packet})));
    ASSERT_TRUE(cap);
    ASSERT_EQ(cap->frames.size(), 1u);
    ASSERT_TRUE(cap->frames[0].is_udp) << "link " << c.link << ": " << cap->frames[0].skipped;
    EXPECT_EQ(cap->frames[0].udp.src_port, c.sport);
    EXPECT_EQ(cap->frames[0].udp.src, c.src);
    EXPECT_EQ(cap->frames[0].udp.payload.size(), kPayload.size());
  }
}

TEST(PcapReader, NonUdpFramesAreSkippedWithAReason) {
  const Bytes file = classic(kLinkTypeEthernet, {
                                                    ethernet(ipv4(Bytes(20, 0), 6)),
                                                    ethernet(ipv4(udp(1, 2, kPayload), 17, 0x2000)),
                                                    ethernet(Bytes(28, 0), 0x0806),
                                                    ethernet(ipv4(udp(1, 2, kPayload))),
                                                });
  auto cap = read_capture(view(file));
  ASSERT_TRUE(cap);
  ASSERT_EQ(cap->frames.size(), 4u);
  EXPECT_EQ(cap->frames[0].skipped, "TCP");
  EXPECT_EQ(cap->frames[1].skipped, "IPv4 fragment");
  EXPECT_EQ(cap->frames[2].skipped, "ARP");
  EXPECT_TRUE(cap->frames[3].is_udp);
}

TEST(PcapReader, UdpLengthBeyondTheFrameIsAnErrorNotACrash) {
  Bytes datagram = udp(1, 2, kPayload);
  datagram[5] = static_cast<std::uint8_t>(datagram[5] + 1);  // UDP length one too long
  Bytes ip = ipv4(datagram);
  auto cap = read_capture(view(classic(kLinkTypeRaw, {ip})));
  ASSERT_TRUE(cap);
  ASSERT_TRUE(cap->frames[0].error);
  EXPECT_EQ(cap->frames[0].error->code, DecodeErrc::truncated);
  EXPECT_EQ(cap->frames[0].error->field, "udp payload");
}

TEST(PcapReader, TornLastRecordKeepsEarlierFrames) {
  Bytes file = classic(kLinkTypeRaw, {ipv4(udp(1, 2, kPayload)), ipv4(udp(3, 4, kPayload))});
  file.resize(file.size() - 3);
  auto cap = read_capture(view(file));
  ASSERT_TRUE(cap);
  ASSERT_EQ(cap->frames.size(), 1u);
  ASSERT_TRUE(cap->truncated);
  EXPECT_EQ(cap->truncated->field, "pcap record data");
  EXPECT_EQ(cap->truncated->offset, 24u + 16u + 40u);
}

TEST(PcapReader, RejectsFilesThatAreNotCaptures) {
  auto bad = read_capture(view(Bytes{'h', 'e', 'l', 'l', 'o'}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, DecodeErrc::bad_value);
  auto empty = read_capture(ByteView{});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, DecodeErrc::truncated);
}

TEST(PcapReader, EveryTruncationOfAValidFileIsHandled) {
  const Bytes file = classic(kLinkTypeEthernet, {ethernet(ipv4(udp(1, 2, kPayload))), ethernet(ipv6(udp(3, 4, kPayload)))});
  for (std::size_t n = 0; n < file.size(); ++n) {
    auto cap = read_capture(ByteView(file.data(), n));
    if (n < 24) {
      EXPECT_FALSE(cap) << n;
      continue;
    }
    ASSERT_TRUE(cap) << n;
    // Whatever was cut, the complete records before the cut are all still there.
    const std::size_t complete = n >= file.size() ? 2 : (n >= 24 + 16 + 14 + 40 ? 1 : 0);
    EXPECT_EQ(cap->frames.size(), complete) << n;
    EXPECT_EQ(cap->truncated.has_value(), n != 24 && n != 24 + 16 + 14 + 40) << n;
  }
}

Bytes pcapng_block(std::uint32_t type, const Bytes& body) {
  Writer w;
  const auto total = static_cast<std::uint32_t>(12 + ((body.size() + 3) & ~std::size_t{3}));
  w.u32le(type).u32le(total).bytes(view(body));
  w.zeros(((body.size() + 3) & ~std::size_t{3}) - body.size());
  w.u32le(total);
  return w.take();
}

TEST(PcapReader, PcapngWithEnhancedAndSimplePacketBlocks) {
  Writer shb;
  shb.u32le(0x1a2b3c4d).u16le(1).u16le(0).u32le(0xffffffff).u32le(0xffffffff);
  Writer idb;
  idb.u16le(kLinkTypeEthernet).u16le(0).u32le(0);
  idb.u16le(9).u16le(1).u8(9).zeros(3).u16le(0).u16le(0);  // if_tsresol = 10^-9, end of options
  const Bytes pkt = ethernet(ipv4(udp(40000, 623, kPayload)));
  Writer epb;
  const std::uint64_t ts = 1700000000123456789ull;
  epb.u32le(0).u32le(static_cast<std::uint32_t>(ts >> 32)).u32le(static_cast<std::uint32_t>(ts));
  epb.u32le(static_cast<std::uint32_t>(pkt.size())).u32le(static_cast<std::uint32_t>(pkt.size())).bytes(view(pkt));
  epb.zeros((4 - pkt.size() % 4) % 4);
  Writer spb;
  spb.u32le(static_cast<std::uint32_t>(pkt.size())).bytes(view(pkt));
  Writer file;
  file.bytes(view(pcapng_block(0x0a0d0d0a, shb.take())));
  file.bytes(view(pcapng_block(1, idb.take())));
  file.bytes(view(pcapng_block(6, epb.take())));
  file.bytes(view(pcapng_block(3, spb.take())));
  auto cap = read_capture(view(file.bytes()));
  ASSERT_TRUE(cap) << to_string(cap.error());
  ASSERT_EQ(cap->frames.size(), 2u);
  EXPECT_TRUE(cap->frames[0].is_udp);
  EXPECT_EQ(cap->frames[0].timestamp_ns, ts);
  EXPECT_EQ(cap->frames[0].udp.dst_port, 623);
  EXPECT_TRUE(cap->frames[1].is_udp);
  EXPECT_FALSE(cap->truncated);

  Bytes torn = file.bytes();
  torn.resize(torn.size() - 2);
  auto cut = read_capture(view(torn));
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->frames.size(), 1u);
  EXPECT_TRUE(cut->truncated);
}

}  // namespace
}  // namespace ipmict::capture
