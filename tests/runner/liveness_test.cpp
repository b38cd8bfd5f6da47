// The liveness probe: once the target stops answering, every remaining case is ERROR
// "target stopped answering after <case>", quickly.
#include "harness/runner/liveness.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runner/runner_test_support.hpp"

namespace ipmict::runner {
namespace {

using namespace test;  // NOLINT(google-build-using-namespace)
using ::testing::HasSubstr;

// One UDP datagram to 127.0.0.1:port: the RMCP+ "packet of death", an IPMI v2.0 session
// header (auth type 06h) whose payload length is 0 (IPMI 2.0 §13.6; CVE-2021-39295).
void send_zero_length_rmcpplus(std::uint16_t port) {
  const std::uint8_t datagram[] = {0x06, 0x00, 0xff, 0x07,  // RMCP: version, reserved, seq, class IPMI
                                   0x06, 0x00,              // auth type RMCP+, payload type IPMI
                                   0, 0, 0, 0, 0, 0, 0, 0,  // session ID, sequence number
                                   0x00, 0x00};             // payload length 0
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const auto sent = ::sendto(fd, datagram, sizeof datagram, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);  // NOLINT
  ::close(fd);
  ASSERT_EQ(sent, static_cast<ssize_t>(sizeof datagram));
}

TEST(LivenessTest, AliveTargetPassesTheProbe) {
  auto f = Fixture::lan({}, 150, 0);
  ASSERT_TRUE(f->simulator);
  auto l = probe_liveness(f->setup.pool.get(), Privilege::administrator, nullptr);
  EXPECT_TRUE(l.alive) << l.error;
}

TEST(LivenessTest, StoppedLanServerTurnsTheRestIntoErrorQuickly) {
  auto f = Fixture::lan({}, 150, 0);
  ASSERT_TRUE(f->simulator);
  std::vector<cases::Case> storage;
  for (int i = 0; i < 5; ++i) storage.push_back(make_case("live." + std::to_string(i), {send("get-device-id")}));
  std::vector<const cases::Case*> list;
  for (const auto& c : storage) list.push_back(&c);
  TargetEvents ev;
  ev.finished = [&](std::size_t, const CaseResult& r) {
    if (r.id == "live.1") {
      EXPECT_TRUE(f->simulator->stop());  // the BMC dies after the second case
    }
  };
  const auto t0 = std::chrono::steady_clock::now();
  auto tr = run_target(f->setup, list, f->catalog, ExecOptions{}, ev);
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(tr.cases.size(), 5u);
  EXPECT_EQ(tr.cases[0].outcome, Outcome::pass);
  EXPECT_EQ(tr.cases[1].outcome, Outcome::pass);
  // The first case after the BMC died finds it out itself (no answer: ERROR), and the
  // liveness probe after it stops the target.
  EXPECT_EQ(tr.cases[2].outcome, Outcome::error) << tr.cases[2].reason;
  EXPECT_THAT(tr.cases[2].notes, ::testing::Contains(HasSubstr("target stopped answering after live.2")));
  for (std::size_t i = 3; i < 5; ++i) {
    EXPECT_EQ(tr.cases[i].outcome, Outcome::error);
    EXPECT_THAT(tr.cases[i].reason, HasSubstr("target stopped answering after live.2"));
    EXPECT_TRUE(tr.cases[i].steps.empty());  // nothing was sent
  }
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1500);
}

TEST(LivenessTest, HangingPersonalityAfterAZeroLengthPayload) {
  sim::Personality hang;
  hang.name = "hang-on-zero-length-payload";
  hang.breaks = "test";
  hang.hang_on_zero_length_rmcpplus = true;
  auto f = Fixture::lan({hang}, 150, 0);
  ASSERT_TRUE(f->simulator);
  auto l1 = probe_liveness(f->setup.pool.get(), Privilege::administrator, nullptr);
  EXPECT_TRUE(l1.alive);
  // The packet of death: an RMCP+ header (auth type 06h) with payload length 0.
  send_zero_length_rmcpplus(f->simulator->port());
  for (int i = 0; i < 100 && !f->simulator->lan_stats().dead; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto l2 = probe_liveness(f->setup.pool.get(), Privilege::administrator, nullptr);
  EXPECT_FALSE(l2.alive);
  EXPECT_TRUE(f->simulator->lan_stats().dead);
}

}  // namespace
}  // namespace ipmict::runner
