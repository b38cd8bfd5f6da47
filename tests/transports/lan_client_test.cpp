// LanClient (UdpLink + protocol/session's ClientSession) against OpenIPMI's ipmi_sim:
// every cipher suite and IPMI 1.5 auth type ipmitool manages with it (tests/peers/README.md)
// opens a session and answers Get Device ID; wrong passwords and unknown users fail with
// the step and status named; a pcap tap records a capture that our Dissector decrypts and
// tshark dissects without malformed packets.
#include "transports/lan_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string_view>

#include "tests/support/ipmi_sim_peer.hpp"
#include "tests/transports/test_sockets.hpp"

#include "protocol/capture/dissector.hpp"
#include "protocol/capture/pcap_reader.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict::transport {
namespace {

using namespace std::chrono_literals;


Bytes bytes_of(std::string_view s) { return Bytes(s.begin(), s.end()); }

session::ClientConfig lanplus(std::uint8_t suite, std::string_view user = test::IpmiSimPeer::kAdminUser,
                              std::string_view password = test::IpmiSimPeer::kAdminPassword) {
  session::ClientConfig c;
  c.protocol = session::Protocol::lanplus;
  c.username = bytes_of(user);
  c.password = bytes_of(password);
  c.cipher_suite = suite;
  c.timeout = 500ms;
  c.retries = 1;
  return c;
}

session::ClientConfig lan15(AuthType auth) {
  session::ClientConfig c;
  c.protocol = session::Protocol::lan15;
  c.username = bytes_of(test::IpmiSimPeer::kAdminUser);
  c.password = bytes_of(test::IpmiSimPeer::kAdminPassword);
  c.auth_type = auth;
  c.timeout = 500ms;
  c.retries = 1;
  return c;
}

// One ipmi_sim for the whole suite: starting it costs about a second.
class LanClientVsIpmiSim : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!test::ipmi_sim_available()) return;
    sim_ = new test::IpmiSimPeer();  // NOLINT: suite-lifetime fixture, deleted in TearDownTestSuite
  }
  static void TearDownTestSuite() {
    delete sim_;
    sim_ = nullptr;
  }
  void SetUp() override {
    if (sim_ == nullptr) GTEST_SKIP() << test::ipmi_sim_unavailable_reason();
  }
  static std::uint16_t port() { return sim_->port(); }

  // Opens a session, checks Get Device ID, closes.
  static void expect_device_id(const session::ClientConfig& config, PcapWriter* tap = nullptr) {
    auto client = LanClient::connect(std::string(test::IpmiSimPeer::kHost), port(), config, tap);
    ASSERT_TRUE(client) << client.error().message;
    const std::string described = (*client)->describe();
    ::testing::Test::RecordProperty("describe", described);
    EXPECT_EQ(described.find("test-password"), std::string::npos) << described;
    EXPECT_NE(described.find("ipmiusr@127.0.0.1:" + std::to_string(port())), std::string::npos) << described;
    auto r = (*client)->request(session::Request{0x06, 0x01, {}, 0, {}});
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->netfn, 0x07);
    EXPECT_EQ(r->cmd, 0x01);
    EXPECT_EQ(r->completion_code, 0x00);
    ASSERT_GE(r->data.size(), 11u);
    EXPECT_EQ(r->data[0], 0x20);  // Device ID of emu.cmd
    EXPECT_EQ(r->data[6], 0x91);  // manufacturer 001291h, LS byte first
    (*client)->close();
    auto after = (*client)->request(session::Request{0x06, 0x01, {}, 0, {}});
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().kind, TransportError::Kind::closed);
  }

  static test::IpmiSimPeer* sim_;
};
test::IpmiSimPeer* LanClientVsIpmiSim::sim_ = nullptr;

class LanplusSuite : public LanClientVsIpmiSim, public ::testing::WithParamInterface<int> {};

TEST_P(LanplusSuite, OpensASessionAndAnswersGetDeviceId) {
  const auto suite = static_cast<std::uint8_t>(GetParam());
  expect_device_id(lanplus(suite));
}
INSTANTIATE_TEST_SUITE_P(IpmitoolSuites, LanplusSuite, ::testing::Values(0, 1, 2, 3, 6));

class Lan15Auth : public LanClientVsIpmiSim, public ::testing::WithParamInterface<AuthType> {};

TEST_P(Lan15Auth, OpensASessionAndAnswersGetDeviceId) { expect_device_id(lan15(GetParam())); }
INSTANTIATE_TEST_SUITE_P(IpmitoolAuthTypes, Lan15Auth,
                         ::testing::Values(AuthType::none, AuthType::straight_password, AuthType::md5),
                         [](const auto& p) {
                           return p.param == AuthType::none ? std::string("none")
                                  : p.param == AuthType::md5 ? std::string("md5")
                                                                : std::string("straight");
                         });

TEST_F(LanClientVsIpmiSim, WrongPasswordFailsAtRakp2) {
  auto client = LanClient::connect(std::string(test::IpmiSimPeer::kHost), port(),
                                   lanplus(3, test::IpmiSimPeer::kAdminUser, "not-the-password"));
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().kind, TransportError::Kind::session);
  EXPECT_NE(client.error().message.find("RAKP 2"), std::string::npos) << client.error().message;
  EXPECT_EQ(client.error().message.find("not-the-password"), std::string::npos);
  RecordProperty("message", client.error().message);
  EXPECT_EQ(client.error().message.find('\n'), std::string::npos);
}

TEST_F(LanClientVsIpmiSim, UnknownUserFailsNamingTheStatus) {
  auto client = LanClient::connect(std::string(test::IpmiSimPeer::kHost), port(), lanplus(3, "nobody", "whatever"));
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().kind, TransportError::Kind::session);
  EXPECT_TRUE(client.error().status.has_value()) << client.error().message;
  EXPECT_NE(client.error().message.find("status"), std::string::npos) << client.error().message;
  RecordProperty("message", client.error().message);
}

TEST_F(LanClientVsIpmiSim, PcapTapRecordsACaptureTheDissectorDecryptsAndTsharkDissects) {
  test::TempDir dir("ipmict-lan-tap");
  const auto path = dir.path() / "session.pcap";
  {
    auto tap = PcapWriter::create(path);
    ASSERT_TRUE(tap) << tap.error().message;
    expect_device_id(lanplus(3), tap->get());
    EXPECT_GE((*tap)->records(), 10u);  // set-up (>= 6 exchanges), request, close
    EXPECT_FALSE((*tap)->error());
  }
  const std::string file = test::read_file(path);
  EXPECT_EQ(file.find("test-password"), std::string::npos);
  const ByteView bytes(reinterpret_cast<const std::uint8_t*>(file.data()), file.size());  // NOLINT: file bytes
  auto cap = capture::read_capture(bytes);
  ASSERT_TRUE(cap);
  const catalog::Catalog catalog = catalog::builtin_catalog();
  capture::Credentials creds;
  creds.password = bytes_of(test::IpmiSimPeer::kAdminPassword);
  capture::Dissector dissector(catalog, std::move(creds));
  std::string text;
  for (const auto& f : cap->frames) {
    ASSERT_TRUE(f.is_udp);
    auto report = dissector.dissect({f.number, f.timestamp_ns, f.udp.src, f.udp.dst}, f.udp.payload);
    EXPECT_FALSE(report.malformed) << report.text;
    EXPECT_FALSE(report.verify_failed) << report.text;
    text += report.text;
  }
  EXPECT_NE(text.find("Get Device ID"), std::string::npos) << text;
  bool decrypted = false;
  for (const auto& s : dissector.summary()) decrypted = decrypted || s.find("decrypted") != std::string::npos;
  EXPECT_TRUE(decrypted);

  if (test::find_in_path("tshark")) {
    const test::RunResult r = test::run_capture({"tshark", "-n", "-r", path.string(), "-d",
                                                 "udp.port==" + std::to_string(port()) + ",rmcp", "-Y", "_ws.malformed"},
                                                {}, 30000ms);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.find("Malformed"), std::string::npos) << r.output;
  }
}

TEST_F(LanClientVsIpmiSim, ForgetDropsTheSessionWithoutSendingCloseSession) {
  test::TempDir dir("ipmict-lan-forget");
  auto tap = PcapWriter::create((dir.path() / "forget.pcap").string());
  ASSERT_TRUE(tap) << tap.error().message;
  auto client = LanClient::connect(std::string(test::IpmiSimPeer::kHost), port(), lanplus(3), tap->get());
  ASSERT_TRUE(client) << client.error().message;
  ASSERT_TRUE((*client)->request(session::Request{0x06, 0x01, {}, 0, {}}));
  const auto before = (*tap)->records();
  (*client)->forget();
  client->reset();  // the destructor would close() a session still open
  EXPECT_EQ((*tap)->records(), before) << "forget() sent a datagram";
}

TEST(LanClient, NothingListeningIsUnreachableQuickly) {
  std::uint16_t dead = 0;
  {
    test::UdpPeerSocket gone;
    dead = gone.port();
  }
  const auto start = std::chrono::steady_clock::now();
  auto client = LanClient::connect("127.0.0.1", dead, lanplus(3));
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().kind, TransportError::Kind::unreachable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(LanClient, SilentPeerIsUnreachableAfterTheSessionsTimeouts) {
  test::UdpPeerSocket silent;
  ASSERT_GE(silent.fd(), 0);
  auto config = lanplus(3);
  config.timeout = 100ms;
  config.retries = 0;
  const auto start = std::chrono::steady_clock::now();
  auto client = LanClient::connect("127.0.0.1", silent.port(), config);
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().kind, TransportError::Kind::unreachable) << client.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

}  // namespace
}  // namespace ipmict::transport
