// Reproducer files: the text round trip (raw datagrams and the record of the run), errors
// with FILE:LINE, and the pcap beside the text, read back with the capture reader.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fuzz/network/reproducer.hpp"
#include "protocol/capture/pcap_reader.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::netfuzz {
namespace {

std::vector<InputRecord> sample_records() {
  InputRecord a;
  a.input.flow = FlowKind::open_session;
  Mutation m;
  m.op = MutationOp::set_length;
  m.value = 0;
  a.input.mutations.push_back(m);
  a.packets = {{true, {0x06, 0x00, 0xff, 0x07, 0x06, 0x10}}, {false, {0x06, 0x00, 0xff, 0x07, 0x06, 0x11}}};
  InputRecord b;
  b.input.flow = FlowKind::raw;
  b.input.datagrams = {{0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x01, 0x00, 0x00}, {0x01, 0x02}};
  b.packets = {{true, b.input.datagrams[0]}, {false, {0xaa}}, {true, b.input.datagrams[1]}};
  InputRecord c;
  c.input.flow = FlowKind::rmcpplus_request;
  c.input.netfn = 0x06;
  c.input.cmd = 0x01;
  return {a, b, c};
}

TEST(NetfuzzReproducer, TextRoundTripKeepsInputsAndRawDatagrams) {
  const auto records = sample_records();
  const std::vector<std::string> comments{"target: sim://", "seed: 7"};
  const std::string text = format_reproducer(records, comments);
  EXPECT_NE(text.find("# seed: 7\n"), std::string::npos);
  EXPECT_NE(text.find("input flow=open-session m=0:set-length:session:value=0x0\n  > 06 00 ff 07 06 10\n  < 06 00 ff 07 06 11\n"),
            std::string::npos);
  auto back = parse_reproducer(text, "r.txt");
  ASSERT_TRUE(back) << back.error();
  ASSERT_EQ(back->size(), records.size());
  for (std::size_t i = 0; i < records.size(); ++i) EXPECT_EQ((*back)[i], records[i].input) << i;
}

TEST(NetfuzzReproducer, HandWrittenRawInputReadsItsDatagrams) {
  auto back = parse_reproducer("input flow=raw\n> 06 00 ff 07\n> 0a0b\n", "hand.txt");
  ASSERT_TRUE(back) << back.error();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].datagrams, (std::vector<Bytes>{{0x06, 0x00, 0xff, 0x07}, {0x0a, 0x0b}}));
}

TEST(NetfuzzReproducer, ErrorsNameFileAndLine) {
  auto not_hex = parse_reproducer("# c\ninput flow=raw\n> 06 zz\n", "bad.txt");
  ASSERT_FALSE(not_hex);
  EXPECT_EQ(not_hex.error(), "bad.txt:3: the datagram is not hex bytes");

  auto stray = parse_reproducer("input flow=asf-ping\n> 06 00\n", "stray.txt");
  ASSERT_FALSE(stray);
  EXPECT_NE(stray.error().find("stray.txt:2:"), std::string::npos);

  auto garbage = parse_reproducer("hello\n", "g.txt");
  ASSERT_FALSE(garbage);
  EXPECT_NE(garbage.error().find("g.txt:1: expected 'input flow=...'"), std::string::npos);

  auto empty = parse_reproducer("# nothing\n", "e.txt");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().find("no 'input' line"), std::string::npos);

  auto raw_without = parse_reproducer("input flow=raw\n", "r.txt");
  ASSERT_FALSE(raw_without);
  EXPECT_NE(raw_without.error().find("no '> HEX' datagram"), std::string::npos);

  auto bad_input = parse_reproducer("input flow=raw m=1:nope\n", "m.txt");
  ASSERT_FALSE(bad_input);
  EXPECT_NE(bad_input.error().find("m.txt:1: mutation '1:nope'"), std::string::npos);
}

TEST(NetfuzzReproducer, WritesTextAndAPcapOfTheSameDatagrams) {
  test::TempDir dir("netfuzz-repro");
  const auto records = sample_records();
  const transport::IpEndpoint local{"127.0.0.1", 40000}, remote{"127.0.0.1", 623};
  auto written = write_reproducer(dir.path() / "crash-1", "reproducer", records, {}, local, remote);
  ASSERT_TRUE(written) << written.error();
  auto read = read_reproducer(dir.path() / "crash-1" / "reproducer.txt");
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->size(), 3u);

  const std::string pcap = test::read_file(dir.path() / "crash-1" / "reproducer.pcap");
  auto capture = capture::read_capture(ByteView(reinterpret_cast<const std::uint8_t*>(pcap.data()), pcap.size()));
  ASSERT_TRUE(capture);
  EXPECT_EQ(capture->link_type, capture::kLinkTypeRaw);
  ASSERT_EQ(capture->frames.size(), 5u);  // 2 of the first input, 3 of the raw one
  EXPECT_EQ(capture->frames[0].udp.dst_port, 623);
  EXPECT_EQ(capture->frames[1].udp.src_port, 623);  // the answer goes the other way
  EXPECT_EQ(Bytes(capture->frames[2].udp.payload.begin(), capture->frames[2].udp.payload.end()),
            records[1].input.datagrams[0]);
}

TEST(NetfuzzReproducer, UnreadableFileIsAOneLineError) {
  auto r = read_reproducer("/nonexistent/ipmict/reproducer.txt");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("/nonexistent/ipmict/reproducer.txt: cannot open"), std::string::npos);
  EXPECT_EQ(r.error().find('\n'), std::string::npos);
}

}  // namespace
}  // namespace ipmict::netfuzz
