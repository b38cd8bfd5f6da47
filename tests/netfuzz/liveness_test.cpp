// The liveness oracle's verdicts against the built-in simulator: alive, a session refused
// (wrong password) is not "down", and a simulator that stopped answering is.
#include <gtest/gtest.h>

#include "fuzz/network/liveness.hpp"
#include "fuzz/network/step_message.hpp"
#include "fuzz/network/rng.hpp"
#include "tests/netfuzz/sim_target.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::netfuzz {
namespace {

LivenessOptions quick() {
  LivenessOptions o;
  o.timeout = std::chrono::milliseconds(300);
  return o;
}

TEST(NetfuzzLiveness, AHealthyTargetIsAlive) {
  auto t = test::start_sim();
  ASSERT_TRUE(t.simulator);
  const auto plus = probe_liveness(t.endpoint, t.credentials, session::Protocol::lanplus, quick());
  EXPECT_EQ(plus.verdict, Verdict::alive) << plus.detail;
  EXPECT_TRUE(plus.asf_answered);
  const auto lan15 = probe_liveness(t.endpoint, t.credentials, session::Protocol::lan15, quick());
  EXPECT_EQ(lan15.verdict, Verdict::alive) << lan15.detail;
}

TEST(NetfuzzLiveness, ARefusedSessionIsNotDown) {
  auto t = test::start_sim();
  ASSERT_TRUE(t.simulator);
  Credentials wrong = t.credentials;
  wrong.password = crypto::SecureBytes(view(Bytes{'n', 'o', 'p', 'e'}));
  const auto l = probe_liveness(t.endpoint, wrong, session::Protocol::lanplus, quick());
  EXPECT_EQ(l.verdict, Verdict::refused) << l.detail;
  EXPECT_FALSE(is_down(l.verdict));
  EXPECT_NE(l.detail.find("RAKP 2"), std::string::npos) << l.detail;
}

TEST(NetfuzzLiveness, ATargetThatStoppedAnsweringIsSilent) {
  auto t = test::start_sim({"hang-on-zero-length-payload"});
  ASSERT_TRUE(t.simulator);
  auto link = transport::UdpLink::open(t.endpoint.host, t.endpoint.port);
  ASSERT_TRUE(link);
  StepMessage zero;
  zero.kind = StepKind::rmcpplus;
  zero.payload_type = 0x10;
  FuzzRng rng(1);
  ASSERT_TRUE((*link)->send(view(serialise(zero, rng))));  // RMCP+ with payload length 0
  const auto l = probe_liveness(t.endpoint, t.credentials, session::Protocol::lanplus, quick());
  EXPECT_EQ(l.verdict, Verdict::silent) << l.detail;
  EXPECT_TRUE(is_down(l.verdict));
  EXPECT_TRUE(t.simulator->lan_stats().dead);
}

}  // namespace
}  // namespace ipmict::netfuzz
