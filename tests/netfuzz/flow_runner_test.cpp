// The flow runner against the built-in simulator over real UDP on loopback: mutated
// in-session requests pass the simulator's integrity check and decryption and reach its
// command handlers; set-up flows leave no session behind; destructive commands are never
// sent; inputs that do not depend on the BMC's answers give the same bytes every time.
#include <utility>  // before Asio: Boost 1.74 under g++ 12 (DESIGN.md §13)

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "fuzz/network/flow_runner.hpp"
#include "fuzz/network/generator.hpp"
#include "fuzz/network/liveness.hpp"
#include "fuzz/network/rng.hpp"
#include "tests/netfuzz/sim_target.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::netfuzz {
namespace {

RunnerOptions fast() {
  RunnerOptions o;
  o.reply_timeout = std::chrono::milliseconds(60);
  o.live_timeout = std::chrono::milliseconds(1000);
  return o;
}

Input request(FlowKind flow, std::uint8_t netfn, std::uint8_t cmd, Bytes data = {}) {
  Input in;
  in.flow = flow;
  in.netfn = netfn;
  in.cmd = cmd;
  in.data = std::move(data);
  return in;
}

bool has_signature(const InputRecord& r, const std::string& part) {
  for (const auto& s : r.signatures) {
    if (s.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(NetfuzzFlowRunner, MutatedInSessionRequestReachesTheCommandHandler) {
  auto t = test::start_sim();
  ASSERT_TRUE(t.simulator);
  auto link = transport::UdpLink::open(t.endpoint.host, t.endpoint.port);
  ASSERT_TRUE(link);
  FlowRunner runner(**link, t.credentials, fast(), nullptr);

  const auto plain = runner.run(request(FlowKind::rmcpplus_request, 0x06, 0x01));
  EXPECT_FALSE(plain.expected_reply_missing) << plain.note;
  EXPECT_TRUE(has_signature(plain, "rmcpplus-request/0 rmcp+ ipmi 07/01 cc=00")) << plain.note;
  EXPECT_EQ(runner.counters().sessions_established, 1u);
  const auto handled = t.simulator->lan_stats().requests_handled;

  // Three bytes inserted into Get Device ID's (empty) data, inside the encrypted, integrity-
  // protected session: only a handler that got the message in clear answers C7h (request
  // data length invalid).
  Input mutated = request(FlowKind::rmcpplus_request, 0x06, 0x01);
  Mutation m;
  m.op = MutationOp::insert_bytes;
  m.layer = Layer::ipmi_data;
  m.value = 0x5a;
  m.count = 3;
  mutated.mutations.push_back(m);
  const auto r = runner.run(mutated);
  EXPECT_TRUE(has_signature(r, "rmcpplus-request/0 rmcp+ ipmi 07/01 cc=c7")) << (r.signatures.empty() ? "" : r.signatures.back());
  EXPECT_EQ(t.simulator->lan_stats().requests_handled, handled + 1);
  EXPECT_EQ(runner.counters().sessions_established, 1u);  // the session was reused
  ASSERT_EQ(r.mutated_datagrams.size(), 1u);
}

TEST(NetfuzzFlowRunner, Ipmi15RequestIsAuthenticatedAndAnswered) {
  auto t = test::start_sim();
  ASSERT_TRUE(t.simulator);
  auto link = transport::UdpLink::open(t.endpoint.host, t.endpoint.port);
  ASSERT_TRUE(link);
  FlowRunner runner(**link, t.credentials, fast(), nullptr);
  const auto r = runner.run(request(FlowKind::ipmi15_request, 0x06, 0x01));
  EXPECT_FALSE(r.expected_reply_missing) << r.note;
  EXPECT_TRUE(has_signature(r, "ipmi15-request/0 ipmi15 07/01 cc=00")) << r.note;
}

TEST(NetfuzzFlowRunner, SetUpFlowsCleanUpTheirSessions) {
  // The simulator has 8 session slots that time out after 60 s: a runner that left half-open
  // sessions behind would make the liveness oracle's session refused within 8 inputs.
  auto t = test::start_sim();
  ASSERT_TRUE(t.simulator);
  auto link = transport::UdpLink::open(t.endpoint.host, t.endpoint.port);
  ASSERT_TRUE(link);
  FlowRunner runner(**link, t.credentials, fast(), nullptr);
  for (const FlowKind f : {FlowKind::open_session, FlowKind::rakp1, FlowKind::rakp3, FlowKind::ipmi15_activate}) {
    for (int i = 0; i < 6; ++i) {
      Input in;
      in.flow = f;
      if (i % 2 == 1) in.mutations.push_back(Mutation{0, MutationOp::repeat_step});
      const auto r = runner.run(in);
      std::string sigs;
      for (const auto& sg : r.signatures) sigs += sg + "; ";
      EXPECT_FALSE(r.expected_reply_missing) << flow_name(f) << " " << i << " " << r.note << " | " << sigs;
    }
  }
  LivenessOptions lo;
  const auto l = probe_liveness(t.endpoint, t.credentials, session::Protocol::lanplus, lo);
  EXPECT_EQ(l.verdict, Verdict::alive) << l.detail;
}

TEST(NetfuzzFlowRunner, DestructiveCommandsAreNeverSent) {
  auto t = test::start_sim();
  ASSERT_TRUE(t.simulator);
  auto link = transport::UdpLink::open(t.endpoint.host, t.endpoint.port);
  ASSERT_TRUE(link);
  FlowRunner runner(**link, t.credentials, fast(), nullptr);
  runner.run(request(FlowKind::rmcpplus_request, 0x06, 0x01));  // the session is up
  const auto handled = t.simulator->lan_stats().requests_handled;

  // Get Device ID turned into Set User Password (06h 47h) by a field mutation.
  Input in = request(FlowKind::rmcpplus_request, 0x06, 0x01);
  Mutation m;
  m.op = MutationOp::set_field;
  m.field = Field::ipmi_cmd;
  m.value = 0x47;
  in.mutations.push_back(m);
  const auto r = runner.run(in);
  EXPECT_TRUE(r.skipped_destructive);
  EXPECT_EQ(r.sent, 0u);
  EXPECT_NE(r.note.find("destructive"), std::string::npos);
  EXPECT_EQ(t.simulator->lan_stats().requests_handled, handled);
  // The login still works: nothing changed the password.
  const auto l = probe_liveness(t.endpoint, t.credentials, session::Protocol::lanplus, LivenessOptions{});
  EXPECT_EQ(l.verdict, Verdict::alive) << l.detail;
}

TEST(NetfuzzFlowRunner, SameSeedSameDatagrams) {
  // Flows whose datagrams do not depend on the BMC's answers: two runs, two simulators,
  // the same bytes.
  GeneratorConfig gc;
  gc.flows = {FlowKind::asf_ping, FlowKind::auth_caps15, FlowKind::auth_caps20, FlowKind::ipmi15_challenge,
              FlowKind::open_session};
  const InputGenerator gen(gc);
  auto run_all = [&] {
    auto t = test::start_sim();
    std::vector<Bytes> sent;
    if (!t.simulator) return sent;
    auto link = transport::UdpLink::open(t.endpoint.host, t.endpoint.port);
    if (!link) return sent;
    RunnerOptions o = fast();
    o.session_seed = 77;
    FlowRunner runner(**link, t.credentials, o, nullptr);
    for (std::uint64_t i = 0; i < 40; ++i) {
      const auto r = runner.run(gen.generate(FuzzRng::derive(42, i)), i);
      // The first datagram of each input: later ones (clean-up) carry the BMC's session IDs.
      for (const auto& p : r.packets) {
        if (p.outbound) {
          sent.push_back(p.bytes);
          break;
        }
      }
    }
    return sent;
  };
  const auto a = run_all();
  const auto b = run_all();
  ASSERT_GE(a.size(), 30u);
  EXPECT_EQ(a, b);
}

TEST(NetfuzzFlowRunner, APortThatClosedIsReported) {
  boost::asio::io_context io;
  std::uint16_t port = 0;
  {
    boost::asio::ip::udp::socket s(io, boost::asio::ip::udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    port = s.local_endpoint().port();
  }  // closed: ICMP port unreachable from now on
  auto link = transport::UdpLink::open("127.0.0.1", port);
  ASSERT_TRUE(link);
  Credentials c;
  FlowRunner runner(**link, c, fast(), nullptr);
  Input in;
  in.flow = FlowKind::asf_ping;
  InputRecord r = runner.run(in);
  for (int i = 0; i < 3 && !r.target_gone; ++i) r = runner.run(in);  // the error surfaces on the next call
  EXPECT_TRUE(r.target_gone);
  const auto l = probe_liveness(TargetEndpoint{"127.0.0.1", port}, c, session::Protocol::lanplus, LivenessOptions{});
  EXPECT_EQ(l.verdict, Verdict::unreachable) << l.detail;
}

}  // namespace
}  // namespace ipmict::netfuzz
