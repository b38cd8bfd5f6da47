// RMCP Presence Ping against OpenIPMI's ipmi_sim (it answers pings, tests/peers/README.md
// item 11), plus the typed failures: timeout, refused, malformed, bad tag.
#include "transports/asf_ping.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "protocol/wire/rmcp.hpp"
#include "tests/support/ipmi_sim_peer.hpp"
#include "tests/transports/test_sockets.hpp"

namespace ipmict::transport {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(AsfPing, IpmiSimAnswersWithAPongThatSaysIpmiIsSupported) {
  if (!test::ipmi_sim_available()) GTEST_SKIP() << test::ipmi_sim_unavailable_reason();
  test::IpmiSimPeer sim;
  auto link = UdpLink::open(test::IpmiSimPeer::kHost, sim.port());
  ASSERT_TRUE(link) << link.error().message;
  AsfPingOptions options;
  options.message_tag = 0x21;
  auto pong = asf_ping(**link, options);
  ASSERT_TRUE(pong) << pong.error().message;
  EXPECT_EQ(pong->iana, kAsfIana);
  EXPECT_TRUE(pong->ipmi_supported());
}

TEST(AsfPing, SilentPeerTimesOutAfterEveryTryAndNoLater) {
  test::UdpPeerSocket silent;
  ASSERT_GE(silent.fd(), 0);
  auto link = UdpLink::open("127.0.0.1", silent.port());
  ASSERT_TRUE(link);
  AsfPingOptions options;
  options.timeout = 100ms;
  options.retries = 2;
  const auto start = Clock::now();
  auto r = asf_ping(**link, options);
  const auto took = Clock::now() - start;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, AsfPingError::Kind::timeout);
  EXPECT_NE(r.error().message.find("3 tries"), std::string::npos) << r.error().message;
  EXPECT_GE(took, 295ms);
  EXPECT_LT(took, 2s);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(silent.receive()) << "ping " << i + 1 << " was not sent";
}

TEST(AsfPing, ClosedPortIsUnreachableAtOnce) {
  std::uint16_t port = 0;
  {
    test::UdpPeerSocket gone;
    port = gone.port();
  }
  auto link = UdpLink::open("127.0.0.1", port);
  ASSERT_TRUE(link);
  const auto start = Clock::now();
  auto r = asf_ping(**link, AsfPingOptions{2000ms, 2, 0});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, AsfPingError::Kind::unreachable);
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST(AsfPing, MalformedAsfReplyIsAFindingNotATimeout) {
  test::UdpPeerSocket bmc;
  ASSERT_GE(bmc.fd(), 0);
  auto link = UdpLink::open("127.0.0.1", bmc.port());
  ASSERT_TRUE(link);
  const std::uint16_t console = (*link)->local_endpoint().port;
  // The answer is queued before the ping is sent; the link reads it after sending.
  // First something that is not ASF (ignored), then an ASF message whose Data Length
  // claims more than is there.
  const Bytes ipmi{0x06, 0x00, 0xff, 0x07, 0x00};
  const Bytes short_asf{0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x40, 0x00, 0x00, 0x10, 0x00};
  ASSERT_TRUE(bmc.send_to(console, view(ipmi)));
  ASSERT_TRUE(bmc.send_to(console, view(short_asf)));
  auto r = asf_ping(**link, AsfPingOptions{1000ms, 0, 0});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, AsfPingError::Kind::malformed) << r.error().message;
  EXPECT_NE(r.error().message.find("asf"), std::string::npos) << r.error().message;
}

TEST(AsfPing, PongForAnotherTagIsIgnored) {
  test::UdpPeerSocket bmc;
  ASSERT_GE(bmc.fd(), 0);
  auto link = UdpLink::open("127.0.0.1", bmc.port());
  ASSERT_TRUE(link);
  const std::uint16_t console = (*link)->local_endpoint().port;
  const RmcpHeader h{kRmcpVersion1, 0, kRmcpSequenceNoAck, false, kRmcpClassAsf};
  const Bytes other = encode_rmcp(h, view(encode_asf(asf_presence_pong(0x05, AsfPong{}))));
  AsfPong mine_pong;
  mine_pong.oem_defined = 0x01020304;
  const Bytes mine = encode_rmcp(h, view(encode_asf(asf_presence_pong(0x06, mine_pong))));
  ASSERT_TRUE(bmc.send_to(console, view(other)));
  ASSERT_TRUE(bmc.send_to(console, view(mine)));
  auto r = asf_ping(**link, AsfPingOptions{1000ms, 0, 0x06});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->oem_defined, 0x01020304u);
}

TEST(AsfPing, TagFFhIsRefusedBeforeSending) {
  test::UdpPeerSocket bmc;
  auto link = UdpLink::open("127.0.0.1", bmc.port());
  ASSERT_TRUE(link);
  auto r = asf_ping(**link, AsfPingOptions{100ms, 0, 0xff});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, AsfPingError::Kind::bad_request);
}

}  // namespace
}  // namespace ipmict::transport
