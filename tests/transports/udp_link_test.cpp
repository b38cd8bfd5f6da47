// UdpLink against a hand-driven loopback peer on an ephemeral port: round trips, bounded
// timeouts, ICMP refused reported fast, datagrams from other peers ignored, the tap.
#include "transports/udp_link.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "tests/transports/test_sockets.hpp"

namespace ipmict::transport {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Seen {
  IpEndpoint source;
  IpEndpoint destination;
  Bytes payload;
};
class RecordingTap : public DatagramTap {
 public:
  void datagram(const IpEndpoint& s, const IpEndpoint& d, ByteView p) override { seen.push_back({s, d, Bytes(p.begin(), p.end())}); }
  std::vector<Seen> seen;
};

TEST(UdpLink, RoundTripIpv4AndTapSeesBothDirections) {
  test::UdpPeerSocket peer;
  ASSERT_GE(peer.fd(), 0);
  auto link = UdpLink::open("127.0.0.1", peer.port());
  ASSERT_TRUE(link) << link.error().message;
  RecordingTap tap;
  (*link)->set_tap(&tap);
  EXPECT_EQ((*link)->remote_endpoint(), (IpEndpoint{"127.0.0.1", peer.port()}));
  EXPECT_EQ((*link)->local_endpoint().address, "127.0.0.1");
  EXPECT_NE((*link)->local_endpoint().port, 0);

  const Bytes ping{0x06, 0x00, 0xff, 0x06, 1, 2, 3};
  ASSERT_TRUE((*link)->send(view(ping)));
  auto got = peer.receive();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->first, ping);
  EXPECT_EQ(got->second, (*link)->local_endpoint().port);
  const Bytes pong{9, 8, 7};
  ASSERT_TRUE(peer.send_to(got->second, view(pong)));
  auto reply = (*link)->receive(Clock::now() + 2s);
  ASSERT_TRUE(reply) << reply.error().message;
  ASSERT_TRUE(*reply);
  EXPECT_EQ(**reply, pong);

  ASSERT_EQ(tap.seen.size(), 2u);
  EXPECT_EQ(tap.seen[0].payload, ping);
  EXPECT_EQ(tap.seen[0].source, (*link)->local_endpoint());
  EXPECT_EQ(tap.seen[0].destination, (*link)->remote_endpoint());
  EXPECT_EQ(tap.seen[1].payload, pong);
  EXPECT_EQ(tap.seen[1].source, (*link)->remote_endpoint());
}

TEST(UdpLink, RoundTripIpv6WithBracketedTarget) {
  test::UdpPeerSocket peer(/*v6=*/true);
  if (peer.fd() < 0) GTEST_SKIP() << "no IPv6 loopback here";
  auto link = UdpLink::open_target("[::1]:" + std::to_string(peer.port()));
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ((*link)->remote_endpoint().to_string(), "[::1]:" + std::to_string(peer.port()));
  const Bytes hello{1, 2, 3, 4};
  ASSERT_TRUE((*link)->send(view(hello)));
  auto got = peer.receive();
  ASSERT_TRUE(got);
  ASSERT_TRUE(peer.send_to(got->second, view(hello)));
  auto reply = (*link)->receive(Clock::now() + 2s);
  ASSERT_TRUE(reply && *reply);
  EXPECT_EQ(**reply, hello);
}

TEST(UdpLink, ReceiveReturnsNothingAtTheDeadlineNotBeforeAndNotMuchAfter) {
  test::UdpPeerSocket peer;
  ASSERT_GE(peer.fd(), 0);
  auto link = UdpLink::open("127.0.0.1", peer.port());
  ASSERT_TRUE(link);
  const auto start = Clock::now();
  auto r = (*link)->receive(start + 200ms);
  const auto took = Clock::now() - start;
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(*r);
  EXPECT_GE(took, 195ms);
  EXPECT_LT(took, 1s);
  // A deadline already past returns at once.
  const auto start2 = Clock::now();
  auto r2 = (*link)->receive(start2 - 1s);
  ASSERT_TRUE(r2);
  EXPECT_FALSE(*r2);
  EXPECT_LT(Clock::now() - start2, 100ms);
}

TEST(UdpLink, DatagramAlreadyQueuedIsReturnedEvenWithAPastDeadline) {
  test::UdpPeerSocket peer;
  ASSERT_GE(peer.fd(), 0);
  auto link = UdpLink::open("127.0.0.1", peer.port());
  ASSERT_TRUE(link);
  const Bytes x{0x42};
  ASSERT_TRUE((*link)->send(view(x)));
  auto got = peer.receive();
  ASSERT_TRUE(got);
  ASSERT_TRUE(peer.send_to(got->second, view(x)));
  // Give loopback delivery a moment, then poll with a deadline in the past.
  auto first = (*link)->receive(Clock::now() + 1s);
  ASSERT_TRUE(first && *first);
  ASSERT_TRUE(peer.send_to(got->second, view(x)));
  ::usleep(50000);
  auto polled = (*link)->receive(Clock::now());
  ASSERT_TRUE(polled);
  EXPECT_TRUE(*polled) << "a queued datagram must not be lost to a zero wait";
}

TEST(UdpLink, PortWithNoListenerFailsFastAsRefusedNotAsTimeout) {
  std::uint16_t dead_port = 0;
  {
    test::UdpPeerSocket gone;
    ASSERT_GE(gone.fd(), 0);
    dead_port = gone.port();
  }  // closed: nothing listens there now
  auto link = UdpLink::open("127.0.0.1", dead_port);
  ASSERT_TRUE(link);
  const Bytes ping{0x06, 0x00, 0xff, 0x06};
  const auto start = Clock::now();
  ASSERT_TRUE((*link)->send(view(ping)));
  auto r = (*link)->receive(start + 3s);
  const auto took = Clock::now() - start;
  ASSERT_FALSE(r) << "expected ECONNREFUSED, got " << (*r ? "a datagram" : "a timeout");
  EXPECT_EQ(r.error().kind, TransportError::Kind::unreachable);
  EXPECT_NE(r.error().message.find("refused"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(std::to_string(dead_port)), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find('\n'), std::string::npos);
  EXPECT_LT(took, 1s);
}

TEST(UdpLink, DatagramsFromOtherPeersAreIgnored) {
  test::UdpPeerSocket peer;
  test::UdpPeerSocket stranger;
  ASSERT_GE(peer.fd(), 0);
  ASSERT_GE(stranger.fd(), 0);
  auto link = UdpLink::open("127.0.0.1", peer.port());
  ASSERT_TRUE(link);
  const std::uint16_t local = (*link)->local_endpoint().port;
  const Bytes forged{0xde, 0xad};
  const Bytes real{0x06, 0x00, 0xff, 0x07};
  ASSERT_TRUE(stranger.send_to(local, view(forged)));
  ASSERT_TRUE(peer.send_to(local, view(real)));
  auto r = (*link)->receive(Clock::now() + 2s);
  ASSERT_TRUE(r && *r);
  EXPECT_EQ(**r, real);
  // Only the stranger talks now: nothing arrives.
  ASSERT_TRUE(stranger.send_to(local, view(forged)));
  auto quiet = (*link)->receive(Clock::now() + 200ms);
  ASSERT_TRUE(quiet);
  EXPECT_FALSE(*quiet);
}

TEST(UdpLink, BadTargetsGiveOneLineErrors) {
  for (const char* bad : {"127.0.0.1:notaport", "[::1", "", "127.0.0.1:0"}) {
    auto r = UdpLink::open_target(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, TransportError::Kind::unreachable) << bad;
    EXPECT_FALSE(r.error().message.empty());
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos);
  }
  auto zero = UdpLink::open("127.0.0.1", 0);
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().message.find("port 0"), std::string::npos);
}

TEST(UdpLink, ResolvesLocalhostByName) {
  test::UdpPeerSocket peer;
  ASSERT_GE(peer.fd(), 0);
  auto link = UdpLink::open_target("localhost:" + std::to_string(peer.port()));
  ASSERT_TRUE(link) << link.error().message;
  const std::string addr = (*link)->remote_endpoint().address;
  EXPECT_TRUE(addr == "127.0.0.1" || addr == "::1") << addr;
}

}  // namespace
}  // namespace ipmict::transport
