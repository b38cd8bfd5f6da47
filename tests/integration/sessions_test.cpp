// Sessions against a real BMC (OpenIPMI ipmi_sim on loopback): every cipher suite and IPMI
// 1.5 auth type it offers, the failures users meet, and datagrams dropped, duplicated,
// reordered and delayed by a proxy, and a BMC restarted mid-session (issue 3).
#include <gtest/gtest.h>

#include <chrono>

#include "tests/integration/ipmi_sim_fixture.hpp"
#include "tests/support/fault_proxy.hpp"

namespace ipmict::integration {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const session::Request kGetDeviceId{0x06, 0x01, {}, 0, std::nullopt};

void expect_get_device_id(Connection& c, const std::string& what) {
  auto r = c.transport->request(kGetDeviceId);
  ASSERT_TRUE(r) << what << ": " << r.error().message;
  EXPECT_EQ(r->completion_code, 0) << what;
  ASSERT_GE(r->data.size(), 11u) << what;
  EXPECT_EQ(r->data[0], 0x20) << what;  // device ID of tests/peers/ipmi_sim/emu.cmd
}

class Sessions : public IpmiSimTest {
 protected:
  std::string admin_pw() const { return std::string(test::IpmiSimPeer::kAdminPassword); }
};

// ipmi_sim offers 0-3 and 6 to ipmitool (tests/peers/README.md); 11 works with FreeIPMI.
TEST_F(Sessions, EveryCipherSuiteTheBmcOffersOpensAndAnswers) {
  for (int suite : {0, 1, 2, 3, 6, 11}) {
    auto c = connect(uri("lanplus", "ipmiusr", "cipher=" + std::to_string(suite)), admin_pw());
    ASSERT_TRUE(c) << "cipher suite " << suite << ": " << c.error();
    expect_get_device_id(*c, "cipher suite " + std::to_string(suite));
    EXPECT_NE(c->transport->describe().find("cipher suite " + std::to_string(suite)), std::string::npos)
        << c->transport->describe();
  }
}

TEST_F(Sessions, WithoutACipherSuiteTheStrongestOfferedIsChosen) {
  auto c = connect(uri("lanplus", "ipmiusr"), admin_pw());
  ASSERT_TRUE(c) << c.error();
  expect_get_device_id(*c, "default suite");
  // ipmi_sim has no SHA-256 suites; 3 (HMAC-SHA1, AES) is the strongest it implements.
  EXPECT_NE(c->transport->describe().find("cipher suite 3"), std::string::npos) << c->transport->describe();
}

TEST_F(Sessions, EveryIpmi15AuthTypeTheBmcAllowsOpensAndAnswers) {
  for (const char* auth : {"none", "password", "md5", "md2"}) {
    auto c = connect(uri("lan", "ipmiusr", std::string("auth=") + auth), admin_pw());
    ASSERT_TRUE(c) << "auth " << auth << ": " << c.error();
    expect_get_device_id(*c, std::string("auth ") + auth);
  }
}

TEST_F(Sessions, WrongPasswordNamesRakp2) {
  auto c = connect(uri("lanplus", "ipmiusr", "cipher=3"), "wrong-password");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().find("RAKP 2"), std::string::npos) << c.error();
  EXPECT_EQ(c.error().find('\n'), std::string::npos);
  EXPECT_EQ(c.error().find("wrong-password"), std::string::npos);
}

TEST_F(Sessions, WrongPasswordOverIpmi15IsRefused) {
  auto c = connect(uri("lan", "ipmiusr", "auth=md5"), "wrong-password");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().find("Activate Session"), std::string::npos) << c.error();
}

TEST_F(Sessions, UnknownUserNamesTheRmcpPlusStatus) {
  auto c = connect(uri("lanplus", "nosuchuser", "cipher=3"), admin_pw());
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().find("RAKP 2"), std::string::npos) << c.error();
  EXPECT_NE(c.error().find("status"), std::string::npos) << c.error();
}

TEST_F(Sessions, CipherSuiteNotOfferedIsUnsupported) {
  auto c = connect(uri("lanplus", "ipmiusr", "cipher=17"), admin_pw());
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().find("Open Session"), std::string::npos) << c.error();
}

TEST_F(Sessions, PrivilegeAboveTheUsersLimitIsRefusedOverIpmi15) {
  auto c = connect(uri("lan", "user", "auth=md5&privilege=admin"), std::string(test::IpmiSimPeer::kUserPassword));
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().find('\n'), std::string::npos);
  auto ok = connect(uri("lan", "user", "auth=md5&privilege=user"), std::string(test::IpmiSimPeer::kUserPassword));
  ASSERT_TRUE(ok) << ok.error();
  expect_get_device_id(*ok, "user at its own limit");
}

TEST_F(Sessions, UnreachablePortFailsFastWithOneLine) {
  test::TempDir dir;
  const auto start = Clock::now();
  // A port nobody listens on: the kernel answers ICMP port unreachable on loopback.
  auto c = connect(uri("lanplus", "ipmiusr", "cipher=3&timeout=500&retries=1", 9), admin_pw());
  ASSERT_FALSE(c);
  EXPECT_LT(Clock::now() - start, 5s);
  EXPECT_EQ(c.error().find('\n'), std::string::npos);
}

class Faults : public Sessions {
 protected:
  tl::expected<Connection, std::string> through(test::FaultProxy& proxy, const std::string& query) {
    return connect(uri("lanplus", "ipmiusr", query, proxy.port()), admin_pw());
  }
};

TEST_F(Faults, DroppedDatagramsAreRetried) {
  test::FaultProxy proxy(peer_->port());
  auto c = through(proxy, "cipher=3&timeout=300&retries=3");
  ASSERT_TRUE(c) << c.error();
  test::FaultPlan plan;
  plan.drop_every_to_console = 2;  // every other answer lost
  proxy.set_plan(plan);
  for (int i = 0; i < 6; ++i) expect_get_device_id(*c, "request " + std::to_string(i));
  EXPECT_GT(proxy.dropped(test::Direction::to_console), 0u);
}

TEST_F(Faults, DuplicatedAnswersAreIgnored) {
  test::FaultProxy proxy(peer_->port());
  auto c = through(proxy, "cipher=3");
  ASSERT_TRUE(c) << c.error();
  test::FaultPlan plan;
  plan.duplicate_every_to_console = 1;
  proxy.set_plan(plan);
  for (int i = 0; i < 5; ++i) expect_get_device_id(*c, "request " + std::to_string(i));
}

TEST_F(Faults, ReorderedAndDelayedAnswersStillMatch) {
  test::FaultProxy proxy(peer_->port());
  auto c = through(proxy, "cipher=3&timeout=1000");
  ASSERT_TRUE(c) << c.error();
  test::FaultPlan plan;
  plan.reorder_to_console = true;
  plan.delay_to_console = 100ms;
  proxy.set_plan(plan);
  for (int i = 0; i < 4; ++i) expect_get_device_id(*c, "request " + std::to_string(i));
}

TEST_F(Faults, AnswersSlowerThanTheTimeoutFailWithinTheBound) {
  test::FaultProxy proxy(peer_->port());
  auto c = through(proxy, "cipher=3&timeout=200&retries=1");
  ASSERT_TRUE(c) << c.error();
  test::FaultPlan plan;
  plan.delay_to_console = 1500ms;
  proxy.set_plan(plan);
  const auto start = Clock::now();
  auto r = c->transport->request(kGetDeviceId);
  EXPECT_FALSE(r);
  EXPECT_LT(Clock::now() - start, 3s);
  if (!r) {
    EXPECT_EQ(r.error().kind, transport::TransportError::Kind::timeout) << r.error().message;
  }
}

TEST_F(Faults, BmcRestartedMidSessionGivesAClearErrorAndANewSessionWorks) {
  test::FaultProxy proxy(peer_->port());
  auto c = through(proxy, "cipher=3&timeout=300&retries=1");
  ASSERT_TRUE(c) << c.error();
  expect_get_device_id(*c, "before the restart");
  // The BMC restarts: a new ipmi_sim that knows nothing of the session.
  peer_ = std::make_unique<test::IpmiSimPeer>();
  proxy.set_upstream(peer_->port());
  const auto start = Clock::now();
  auto r = c->transport->request(kGetDeviceId);
  EXPECT_LT(Clock::now() - start, 10s);
  if (!r) {
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos);
  }
  auto fresh = through(proxy, "cipher=3");
  ASSERT_TRUE(fresh) << fresh.error();
  expect_get_device_id(*fresh, "after the restart");
}

}  // namespace
}  // namespace ipmict::integration
