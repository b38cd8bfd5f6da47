// A real capture made by the test itself: ipmitool (lanplus cipher suite 3, and IPMI 1.5
// MD5) talking to OpenIPMI's ipmi_sim on an ephemeral loopback port, recorded by dumpcap,
// then decoded and decrypted by `ipmict decode`.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "harness/decode_command.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict {
namespace {

using namespace std::chrono_literals;

// dumpcap needs capture rights on lo (root, or the wireshark group); say so when absent.
std::string capture_unavailable_reason() {
  if (!test::find_in_path("dumpcap")) return "dumpcap not installed (package tshark)";
  if (!test::find_in_path("ipmitool")) return "ipmitool not installed";
  return test::ipmi_sim_unavailable_reason();
}

class LiveCapture : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string why = capture_unavailable_reason();
    if (!why.empty()) GTEST_SKIP() << why;
  }

  // Runs `commands` (each an ipmitool argv tail) against a fresh ipmi_sim while dumpcap
  // records the port; returns the capture path.
  std::filesystem::path record(const std::vector<std::vector<std::string>>& commands, const std::string& interface,
                               int cipher, const std::string& auth) {
    test::IpmiSimPeer peer;
    const auto pcap = dir_.path() / "live.pcap";
    const auto log = dir_.path() / "dumpcap.log";
    test::ChildOptions opts;
    opts.stdout_path = log;
    opts.stderr_path = log;
    test::ChildProcess dumpcap({"dumpcap", "-q", "-i", "lo", "-f", "udp port " + std::to_string(peer.port()), "-P",
                                "-w", pcap.string()},
                               opts);
    // dumpcap reports "Capturing on" once packets are being recorded (bounded: 10 s).
    bool capturing = false;
    for (int i = 0; i < 100 && !capturing; ++i) {
      std::this_thread::sleep_for(100ms);
      capturing = std::filesystem::exists(log) && test::read_file(log).find("Capturing on") != std::string::npos;
      if (!dumpcap.running()) break;
    }
    if (!capturing) {
      ADD_FAILURE() << "dumpcap did not start capturing: " << (std::filesystem::exists(log) ? test::read_file(log) : "");
      return pcap;
    }
    for (const auto& tail : commands) {
      auto argv = peer.ipmitool_argv(interface, cipher, auth);
      argv.insert(argv.end(), tail.begin(), tail.end());
      const test::RunResult r = test::run_capture(argv, test::IpmiSimPeer::ipmitool_env(), 30000ms);
      EXPECT_EQ(r.exit_code, 0) << r.output;
    }
    std::this_thread::sleep_for(300ms);  // let the last datagrams reach the capture
    dumpcap.kill_and_wait();             // SIGTERM: dumpcap completes the file
    return pcap;
  }

  std::string decode(const std::filesystem::path& pcap, const char* password, int expect_rc) {
    ::setenv("IPMICT_LIVE_PW", password, 1);
    DecodeOptions o;
    o.input = pcap.string();
    o.password.env = "IPMICT_LIVE_PW";
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(run_decode(o, in, out, err), expect_rc) << err.str() << out.str();
    return out.str();
  }

  test::TempDir dir_{"ipmict-live"};
};

TEST_F(LiveCapture, Lanplus3SessionIsVerifiedDecryptedAndDecoded) {
  const auto pcap = record({{"mc", "info"}, {"raw", "0x06", "0x37"}}, "lanplus", 3, "MD5");
  const std::string out = decode(pcap, std::string(test::IpmiSimPeer::kAdminPassword).c_str(), 0);
  EXPECT_NE(out.find("rakp 2 check: verified; session keys derived"), std::string::npos);
  EXPECT_NE(out.find("rakp 4 check: verified"), std::string::npos);
  EXPECT_NE(out.find("ipmi response: Get Device ID (App 07h, cmd 01h) cc 00h"), std::string::npos) << out;
  EXPECT_NE(out.find("ipmi response: Get System GUID"), std::string::npos);
  EXPECT_NE(out.find(" 0 malformed, 0 failed verification"), std::string::npos);
  EXPECT_EQ(out.find("encrypted payload"), std::string::npos);

  const std::string wrong = decode(pcap, "wrong-password", 1);
  EXPECT_NE(wrong.find("RAKP 2 check failed: wrong password or user name"), std::string::npos) << wrong;
}

TEST_F(LiveCapture, Ipmi15Md5SessionAuthCodesVerify) {
  const auto pcap = record({{"mc", "info"}}, "lan", 0, "MD5");
  const std::string out = decode(pcap, std::string(test::IpmiSimPeer::kAdminPassword).c_str(), 0);
  EXPECT_NE(out.find("ipmi request: Activate Session"), std::string::npos) << out;
  EXPECT_NE(out.find("ipmi response: Get Device ID"), std::string::npos);
  EXPECT_NE(out.find("auth type MD5"), std::string::npos);
  EXPECT_NE(out.find("failed"), std::string::npos);  // the summary line "N verified, 0 failed"
  EXPECT_NE(out.find(", 0 failed\n"), std::string::npos) << out;
  const std::string wrong = decode(pcap, "wrong-password", 1);
  EXPECT_NE(wrong.find("(wrong password?)"), std::string::npos);
}

}  // namespace
}  // namespace ipmict
