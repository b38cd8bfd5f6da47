// sim/lan_server: the simulator's LAN channel against our real LanClient over loopback, and
// every datagram-level personality fault observable from the wire.
#include "sim/lan_server.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "protocol/core/checksum.hpp"
#include "sim/in_memory_transport.hpp"
#include "sim/personality_yaml.hpp"
#include "sim/simulator.hpp"
#include "transports/asf_ping.hpp"
#include "transports/lan_client.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::sim {
namespace {

using namespace std::chrono_literals;
using transport::LanClient;
using transport::UdpLink;

const std::string kPassword = "lan-test-pw";

Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

std::unique_ptr<Simulator> start_sim(std::vector<std::string> personalities = {}, SimConfig config = default_sim_config(bytes_of(kPassword))) {
  for (const auto& name : personalities) {
    auto p = builtin_personality(name);
    EXPECT_TRUE(p) << p.error();
    if (p) config.personalities.push_back(*p);
  }
  SimulatorOptions o;
  o.config = std::move(config);
  auto s = Simulator::start(std::move(o));
  EXPECT_TRUE(s) << s.error();
  return s ? std::move(*s) : nullptr;
}

session::ClientConfig lanplus(std::uint8_t suite, unsigned retries = 2, unsigned timeout_ms = 500) {
  session::ClientConfig c;
  c.protocol = session::Protocol::lanplus;
  c.username = bytes_of("admin");
  c.password = bytes_of(kPassword);
  c.cipher_suite = suite;
  c.retries = retries;
  c.timeout = session::Millis(timeout_ms);
  return c;
}

session::ClientConfig lan15_md5() {
  session::ClientConfig c;
  c.protocol = session::Protocol::lan15;
  c.username = bytes_of("admin");
  c.password = bytes_of(kPassword);
  c.auth_type = AuthType::md5;
  c.timeout = session::Millis(500);
  return c;
}

const session::Request kGetDeviceId{0x06, 0x01, {}, 0, std::nullopt};

// A session-less IPMI 1.5 Get Channel Authentication Capabilities (IPMI 2.0 §22.13), by hand.
Bytes get_channel_auth_caps_datagram() {
  Bytes d{0x06, 0x00, 0xff, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x09};
  Bytes msg{0x20, 0x18, 0x00, 0x81, 0x04, 0x38, 0x8e, 0x04};
  msg[2] = ipmi_checksum(ByteView(msg.data(), 2));
  msg.push_back(ipmi_checksum(ByteView(msg.data() + 3, msg.size() - 3)));
  d.insert(d.end(), msg.begin(), msg.end());
  return d;
}

std::optional<Bytes> round_trip(UdpLink& link, const Bytes& datagram, std::chrono::milliseconds wait = 1000ms) {
  EXPECT_TRUE(link.send(view(datagram)));
  auto r = link.receive(UdpLink::Clock::now() + wait);
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return r ? *r : std::nullopt;
}

// The IPMI message of an IPMI 1.5 session-less reply (auth type none).
ByteView lan15_message(const Bytes& d) {
  if (d.size() < 14) return {};
  const std::size_t len = d[13];
  if (d.size() < 14 + len) return {};
  return ByteView(d.data() + 14, len);
}

TEST(LanServer, BindsAnEphemeralLoopbackPort) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  EXPECT_EQ(sim->address(), "127.0.0.1");
  EXPECT_NE(sim->port(), 0);
  EXPECT_EQ(sim->endpoint(), "127.0.0.1:" + std::to_string(sim->port()));
}

TEST(LanServer, AnswersAsfPresencePing) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  auto pong = transport::asf_ping(**link);
  ASSERT_TRUE(pong) << pong.error().message;
  EXPECT_TRUE(pong->ipmi_supported());
}

class LanServerSuites : public ::testing::TestWithParam<std::uint8_t> {};

TEST_P(LanServerSuites, RmcpPlusSessionAnswersGetDeviceId) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto client = LanClient::connect("127.0.0.1", sim->port(), lanplus(GetParam()));
  ASSERT_TRUE(client) << client.error().message;
  EXPECT_EQ((*client)->established().cipher_suite, std::optional<std::uint8_t>(GetParam()));
  auto r = (*client)->request(kGetDeviceId);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->completion_code, 0x00);
  ASSERT_GE(r->data.size(), 11u);
  EXPECT_EQ(r->data[0], 0x20);  // device ID of the default configuration
  (*client)->close();
}

INSTANTIATE_TEST_SUITE_P(Suites3And17, LanServerSuites, ::testing::Values(3, 17));

TEST(LanServer, Ipmi15Md5SessionAnswersGetDeviceId) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto client = LanClient::connect("127.0.0.1", sim->port(), lan15_md5());
  ASSERT_TRUE(client) << client.error().message;
  auto r = (*client)->request(kGetDeviceId);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->completion_code, 0x00);
}

TEST(LanServer, WrongPasswordIsRefused) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto c = lanplus(17);
  c.password = bytes_of("not-the-password");
  auto client = LanClient::connect("127.0.0.1", sim->port(), std::move(c));
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().kind, transport::TransportError::Kind::session);
}

TEST(LanServer, ManySessionsInParallelThreads) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto client = LanClient::connect("127.0.0.1", sim->port(), lanplus(17));
      if (!client) return;
      for (int i = 0; i < 20; ++i) {
        auto r = (*client)->request(kGetDeviceId);
        if (r && r->completion_code == 0) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
}

// --- datagram-level faults ------------------------------------------------------------------

TEST(LanServerFaults, ConformantChecksumTwoSumsToZero) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  auto reply = round_trip(**link, get_channel_auth_caps_datagram());
  ASSERT_TRUE(reply);
  const ByteView msg = lan15_message(*reply);
  ASSERT_GE(msg.size(), 8u);
  EXPECT_TRUE(checksum_ok(msg.subspan(3)));
}

TEST(LanServerFaults, BadChecksumPersonalityPutsChecksumTwoOffByOne) {
  auto sim = start_sim({"bad-checksum"});
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  auto reply = round_trip(**link, get_channel_auth_caps_datagram());
  ASSERT_TRUE(reply);
  const ByteView msg = lan15_message(*reply);
  ASSERT_GE(msg.size(), 8u);
  EXPECT_TRUE(checksum_ok(msg.subspan(0, 3)));  // checksum 1 untouched
  unsigned sum = 0;
  for (auto b : msg.subspan(3)) sum += b;
  EXPECT_EQ(sum & 0xffu, 1u);  // off by exactly one
  EXPECT_EQ(sim->lan_stats().replies_corrupted, 1u);
  // A real client cannot even start a session.
  auto client = LanClient::connect("127.0.0.1", sim->port(), lanplus(17, 0, 300));
  EXPECT_FALSE(client);
}

TEST(LanServerFaults, DropEveryNthReplyLosesExactlyThoseReplies) {
  auto sim = start_sim({"drop-every-3rd"});
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  int answered = 0;
  for (int i = 0; i < 6; ++i) {
    if (round_trip(**link, get_channel_auth_caps_datagram(), 300ms)) ++answered;
  }
  EXPECT_EQ(answered, 4);
  EXPECT_EQ(sim->lan_stats().replies_dropped, 2u);
  // With retries a session still works.
  auto client = LanClient::connect("127.0.0.1", sim->port(), lanplus(17, 3, 300));
  ASSERT_TRUE(client) << client.error().message;
  for (int i = 0; i < 5; ++i) EXPECT_TRUE((*client)->request(kGetDeviceId));
}

TEST(LanServerFaults, DelayedRepliesArriveLate) {
  Personality slow;
  slow.name = "slow-300";
  slow.breaks = "test";
  slow.delay_ms = 300;
  SimConfig config = default_sim_config(bytes_of(kPassword));
  config.personalities.push_back(slow);
  auto sim = start_sim({}, config);
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  ASSERT_TRUE((*link)->send(view(get_channel_auth_caps_datagram())));
  const auto t0 = UdpLink::Clock::now();
  auto early = (*link)->receive(t0 + 200ms);
  ASSERT_TRUE(early);
  EXPECT_FALSE(early->has_value()) << "answered before the delay";
  auto late = (*link)->receive(t0 + 2000ms);
  ASSERT_TRUE(late);
  EXPECT_TRUE(late->has_value());
  EXPECT_GE(UdpLink::Clock::now() - t0, 290ms);
}

Bytes zero_length_rmcpplus() { return {0x06, 0x00, 0xff, 0x07, 0x06, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00}; }
Bytes oversized_lan15() { return {0x06, 0x00, 0xff, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0x20, 0x18}; }

TEST(LanServerFaults, HangAfterZeroLengthRmcpPlusPayload) {
  auto sim = start_sim({"hang-on-zero-length-payload"});
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  ASSERT_TRUE(round_trip(**link, get_channel_auth_caps_datagram()));  // alive
  ASSERT_TRUE((*link)->send(view(zero_length_rmcpplus())));
  EXPECT_FALSE(round_trip(**link, get_channel_auth_caps_datagram(), 300ms)) << "still answering";
  transport::AsfPingOptions ping;
  ping.timeout = 200ms;
  ping.retries = 0;
  EXPECT_FALSE(transport::asf_ping(**link, ping));
  EXPECT_TRUE(sim->lan_stats().dead);
}

TEST(LanServerFaults, ConformantServerSurvivesZeroLengthAndOversizedDatagrams) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  ASSERT_TRUE((*link)->send(view(zero_length_rmcpplus())));
  ASSERT_TRUE((*link)->send(view(oversized_lan15())));
  ASSERT_TRUE((*link)->send(ByteView{}));
  EXPECT_TRUE(round_trip(**link, get_channel_auth_caps_datagram()));
  EXPECT_FALSE(sim->lan_stats().dead);
}

TEST(LanServerFaults, StopAfterLengthFieldPastTheDatagram) {
  auto sim = start_sim({"stop-on-oversized-length"});
  ASSERT_TRUE(sim);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  ASSERT_TRUE(round_trip(**link, get_channel_auth_caps_datagram()));
  ASSERT_TRUE((*link)->send(view(oversized_lan15())));
  EXPECT_FALSE(round_trip(**link, get_channel_auth_caps_datagram(), 300ms));
  EXPECT_TRUE(sim->lan_stats().dead);
}

TEST(LanDatagram, LengthFieldChecks) {
  EXPECT_TRUE(lan_datagram::is_zero_length_rmcpplus(view(zero_length_rmcpplus())));
  EXPECT_FALSE(lan_datagram::is_zero_length_rmcpplus(view(get_channel_auth_caps_datagram())));
  EXPECT_TRUE(lan_datagram::has_oversized_length(view(oversized_lan15())));
  EXPECT_FALSE(lan_datagram::has_oversized_length(view(get_channel_auth_caps_datagram())));
  Bytes d = get_channel_auth_caps_datagram();
  const Bytes before = d;
  ASSERT_TRUE(lan_datagram::corrupt_checksum2(d));
  EXPECT_EQ(d.back(), static_cast<std::uint8_t>(before.back() + 1));
  Bytes encrypted = zero_length_rmcpplus();
  encrypted[5] = 0xc0;
  EXPECT_FALSE(lan_datagram::corrupt_checksum2(encrypted));
  Bytes asf{0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x00, 0x00, 0x00};
  EXPECT_FALSE(lan_datagram::corrupt_checksum2(asf));
  EXPECT_FALSE(lan_datagram::has_oversized_length(ByteView{}));
}

TEST(LanServer, StopIsIdempotentAndBounded) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(sim->stop());
  EXPECT_TRUE(sim->stop());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  auto link = UdpLink::open("127.0.0.1", sim->port());
  ASSERT_TRUE(link);
  ASSERT_TRUE((*link)->send(view(get_channel_auth_caps_datagram())));
  auto r = (*link)->receive(UdpLink::Clock::now() + 200ms);
  EXPECT_TRUE(!r || !r->has_value()) << "answered after stop()";  // refused (ICMP) or silence
}

// --- in-memory transport ----------------------------------------------------------------------

TEST(InMemoryTransport, SystemInterfaceAnswersWithoutASession) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto t = sim->system_interface();
  auto r = t->request(kGetDeviceId);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->completion_code, 0x00);
  EXPECT_EQ(r->netfn, 0x07);
  EXPECT_EQ(t->describe(), "sim://?interface=system (in-memory)");
  t->close();
  auto after = t->request(kGetDeviceId);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().kind, transport::TransportError::Kind::closed);
}

TEST(InMemoryTransport, LanContextAtUserPrivilegeIsRefusedAdminCommands) {
  auto sim = start_sim();
  ASSERT_TRUE(sim);
  auto t = sim->lan_context(Privilege::user);
  // Set User Name (§22.28) needs Administrator: D4h.
  const session::Request set_name{0x06, 0x45, {0x05, 'x', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, std::nullopt};
  auto r = t->request(set_name);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->completion_code, 0xd4);
}

}  // namespace
}  // namespace ipmict::sim
