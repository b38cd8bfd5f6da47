// run.pcap (harness/runner/run_capture.cpp): every datagram of every LAN session of a run,
// readable by our own capture reader; IPMI 1.5 straight-password datagrams withheld.
#include "harness/runner/run_capture.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/runner/run_command.hpp"
#include "protocol/capture/pcap_reader.hpp"
#include "reports/results_json.hpp"
#include "tests/runner/runner_test_support.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::runner {
namespace {

namespace fs = std::filesystem;
using namespace test;  // NOLINT(google-build-using-namespace)

struct ReadBack {
  std::string bytes;  // the whole file (the capture's payloads point into it)
  capture::Capture capture;
};

ReadBack read_pcap(const fs::path& path) {
  ReadBack r;
  r.bytes = ipmict::test::read_file(path);
  auto c = capture::read_capture(ByteView(reinterpret_cast<const std::uint8_t*>(r.bytes.data()), r.bytes.size()));  // NOLINT
  EXPECT_TRUE(c.has_value()) << path << " must be a capture file";
  if (c) r.capture = std::move(*c);
  return r;
}

// The RMCP+ payload type of a datagram (IPMI 2.0 §13.6: after the RMCP header and auth type 06h), if it is one.
std::optional<std::uint8_t> rmcpplus_payload_type(ByteView d) {
  if (d.size() < 6 || d[0] != 0x06 || (d[3] & 0x1f) != 0x07 || d[4] != 0x06) return std::nullopt;
  return static_cast<std::uint8_t>(d[5] & 0x3f);
}

TEST(StraightPasswordTest, OnlyIpmi15HeadersWithAuthTypeFourCarryThePassword) {
  // RMCP 06 00 ff 07, then the IPMI 1.5 session header's auth type.
  const Bytes straight{0x06, 0x00, 0xff, 0x07, 0x04, 0x00, 0x00, 0x00, 0x00};
  const Bytes md5{0x06, 0x00, 0xff, 0x07, 0x02, 0x00, 0x00, 0x00, 0x00};
  const Bytes rmcpplus{0x06, 0x00, 0xff, 0x07, 0x06, 0x10, 0x00, 0x00, 0x00};
  const Bytes asf{0x06, 0x00, 0xff, 0x06, 0x04, 0x00};  // class ASF: not an IPMI header
  EXPECT_TRUE(carries_straight_password(view(straight)));
  EXPECT_FALSE(carries_straight_password(view(md5)));
  EXPECT_FALSE(carries_straight_password(view(rmcpplus)));
  EXPECT_FALSE(carries_straight_password(view(asf)));
  EXPECT_FALSE(carries_straight_password(ByteView(straight.data(), 4)));
}

class RunPcapTest : public ::testing::Test {
 protected:
  RunPcapTest() {
    cases::CaseFile f;
    f.path = "hand-built.yaml";
    f.cases.push_back(make_case("app.get-device-id.basic", {with_field(send("get-device-id"), "device_id", eq(0x20))}));
    f.cases.push_back(make_case("session.own", {session_open(), send("get-device-id"), send("get-device-id")}));
    library.files.push_back(std::move(f));
    options.out_dir = (dir.path() / "out").string();
  }
  int run() {
    out.str("");
    err.str("");
    return run_library(options, library, out, err);
  }
  fs::path out_dir() const { return options.out_dir; }
  ipmict::test::TempDir dir{"ipmict-pcap"};
  cases::Library library;
  RunCommandOptions options;
  std::ostringstream out, err;
};

TEST_F(RunPcapTest, ARunOverLanWritesEveryDatagramOfEverySessionIntoRunPcap) {
  ASSERT_EQ(run(), 0) << err.str() << out.str();
  auto results = reports::load_results((out_dir() / "results.json").string());
  ASSERT_TRUE(results.has_value()) << results.error();
  EXPECT_EQ(results->run.pcap, "run.pcap");
  const auto pcap = read_pcap(out_dir() / "run.pcap");
  EXPECT_FALSE(pcap.capture.truncated.has_value());
  ASSERT_FALSE(pcap.capture.frames.empty());

  std::map<std::uint8_t, std::size_t> payload_types;
  std::map<std::uint16_t, std::size_t> ports;
  for (const auto& f : pcap.capture.frames) {
    ASSERT_TRUE(f.is_udp) << "frame " << f.number << ": " << f.skipped;
    EXPECT_EQ(f.udp.src, "127.0.0.1");
    ++ports[f.udp.src_port];
    ++ports[f.udp.dst_port];
    if (auto t = rmcpplus_payload_type(f.udp.payload)) ++payload_types[*t];
  }
  // One BMC port on one side of every datagram.
  const auto bmc = std::max_element(ports.begin(), ports.end(), [](auto& a, auto& b) { return a.second < b.second; });
  EXPECT_EQ(bmc->second, pcap.capture.frames.size());
  // Two sessions (the pool's and the case's own): two RMCP+ handshakes, request and reply.
  EXPECT_EQ(payload_types[0x10], 2u) << "Open Session Requests";
  EXPECT_EQ(payload_types[0x11], 2u) << "Open Session Responses";
  EXPECT_EQ(payload_types[0x12], 2u) << "RAKP 1";
  EXPECT_EQ(payload_types[0x15], 2u) << "RAKP 4";
  // Every exchange in the results went out at least once and came back.
  std::size_t exchanges = 0;
  for (const auto& c : results->targets[0].cases) {
    for (const auto& s : c.steps) exchanges += s.exchange && s.exchange->answered ? 1u : 0u;
  }
  EXPECT_GE(payload_types[0x00], 2 * exchanges) << "IPMI messages in the sessions";
}

TEST_F(RunPcapTest, NoPcapWritesNoneAndSaysSo) {
  options.pcap = false;
  ASSERT_EQ(run(), 0) << err.str();
  EXPECT_FALSE(fs::exists(out_dir() / "run.pcap"));
  auto results = reports::load_results((out_dir() / "results.json").string());
  ASSERT_TRUE(results.has_value()) << results.error();
  EXPECT_EQ(results->run.pcap, "");
}

TEST_F(RunPcapTest, ATargetWithoutANetworkHasNoCapture) {
  options.targets = {"sim://?interface=system"};
  options.case_globs = {"app.*"};
  ASSERT_EQ(run(), 0) << err.str();
  EXPECT_FALSE(fs::exists(out_dir() / "run.pcap"));
}

// A simulator that also accepts IPMI 1.5 straight-password sessions (the default never does).
std::unique_ptr<sim::Simulator> sim_with_straight_password() {
  sim::SimulatorOptions o;
  o.config = sim::default_sim_config(test_password());
  for (auto& bits : o.config.lan.auth_types) bits = static_cast<std::uint8_t>(bits | 0x10u);
  o.listen_address = "127.0.0.1";
  o.port = 0;
  auto s = sim::Simulator::start(std::move(o));
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error());
  return s ? std::move(*s) : nullptr;
}

CaseResult run_in_ipmi15_session(AuthType auth, const fs::path& pcap_path, std::size_t& withheld) {
  auto simulator = sim_with_straight_password();
  if (!simulator) return {};
  auto capture = RunCapture::create(pcap_path);
  EXPECT_TRUE(capture.has_value());
  if (!capture) return {};
  CaseResult r;
  {
    TargetSetup t = sim_lan_target(*simulator, "admin", test_password());
    capture_datagrams(t, capture->get());
    cases::Step open = session_open();
    open.session.auth_type = auth;
    const cases::Case c = make_case("lan15.session", {open, send("get-device-id"), send("get-device-id")});
    const catalog::Catalog catalog = catalog::builtin_catalog();
    auto tr = run_target(t, {&c}, catalog, ExecOptions{});
    if (!tr.cases.empty()) r = tr.cases.front();
  }  // sessions closed (through the capture) before it goes
  withheld = (*capture)->withheld();
  return r;
}

TEST(RunCaptureTest, StraightPasswordDatagramsAreWithheldAndThePasswordIsNowhereInTheFile) {
  ipmict::test::TempDir dir("ipmict-pcap-pw");
  std::size_t withheld = 0;
  const CaseResult r = run_in_ipmi15_session(AuthType::straight_password, dir.path() / "run.pcap", withheld);
  ASSERT_EQ(r.outcome, Outcome::pass) << r.reason;  // the session really used the password
  EXPECT_GE(withheld, 4u) << "Activate Session and two requests, each way";
  const std::string file = ipmict::test::read_file(dir.path() / "run.pcap");
  const Bytes pw = test_password();
  EXPECT_EQ(file.find(std::string(pw.begin(), pw.end())), std::string::npos);
  const auto pcap = read_pcap(dir.path() / "run.pcap");
  EXPECT_FALSE(pcap.capture.frames.empty()) << "the rest of the run is still recorded";
  for (const auto& f : pcap.capture.frames) EXPECT_FALSE(carries_straight_password(f.udp.payload)) << "frame " << f.number;
}

TEST(RunCaptureTest, Md5SessionsAreRecordedWhole) {
  ipmict::test::TempDir dir("ipmict-pcap-md5");
  std::size_t withheld = 0;
  const CaseResult r = run_in_ipmi15_session(AuthType::md5, dir.path() / "run.pcap", withheld);
  ASSERT_EQ(r.outcome, Outcome::pass) << r.reason;
  EXPECT_EQ(withheld, 0u);
  const auto pcap = read_pcap(dir.path() / "run.pcap");
  const auto md5 = std::count_if(pcap.capture.frames.begin(), pcap.capture.frames.end(), [](const capture::CaptureFrame& f) {
    return f.udp.payload.size() > 4 && f.udp.payload[4] == 0x02;  // IPMI 1.5 header, auth type MD5
  });
  EXPECT_GE(md5, 6) << "Activate Session and two requests, each way";
}

}  // namespace
}  // namespace ipmict::runner
