// A bounded campaign against OpenIPMI's ipmi_sim, an independent BMC (tests/peers/): it
// must complete within its bounds and report. A finding is not a test failure: ipmi_sim's
// bugs are ipmi_sim's, and the report says what happened (docs/network-fuzzer.md records
// what a longer run found).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "harness/fuzz_command.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict {
namespace {

TEST(FuzzIpmiSim, ABoundedCampaignCompletesAndReports) {
  // The support library finds the start script through __FILE__, which is relative when
  // ccache rewrites paths (base_dir) and then depends on the working directory ctest uses;
  // the test target knows the source directory for sure.
  ::setenv("IPMICT_RUN_IPMI_SIM", IPMICT_SOURCE_DIR "/tests/peers/run-ipmi-sim.sh", 0);
  if (!test::ipmi_sim_available()) GTEST_SKIP() << test::ipmi_sim_unavailable_reason();
  test::IpmiSimPeer peer;
  ::setenv("IPMICT_NETFUZZ_IPMI_SIM_PW", std::string(test::IpmiSimPeer::kAdminPassword).c_str(), 1);
  test::TempDir dir("netfuzz-ipmi-sim");
  FuzzOptions o;
  o.target = "lanplus://" + std::string(test::IpmiSimPeer::kAdminUser) + "@127.0.0.1:" + std::to_string(peer.port());
  o.password.env = "IPMICT_NETFUZZ_IPMI_SIM_PW";
  o.seed = 2026;
  o.max_inputs = 2000;
  o.max_time = 20;
  o.rate = 0;
  o.reply_timeout_ms = 50;
  o.no_shrink = true;  // the test cannot restart ipmi_sim per attempt
  o.out = (dir.path() / "out").string();
  std::ostringstream out, err;
  const auto start = std::chrono::steady_clock::now();
  const int rc = run_fuzz(o, out, err);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << out.str() << err.str();  // the record of the run, in the test log
  ASSERT_NE(rc, 2) << err.str();
  EXPECT_NE(out.str().find("statistics:"), std::string::npos);
  EXPECT_NE(out.str().find("rmcp+ rakp-2"), std::string::npos);  // the set-up flows got through to RAKP
  EXPECT_LT(seconds, 60.0);
  if (rc == 1) RecordProperty("finding", out.str().substr(out.str().find("FINDING")));
}

}  // namespace
}  // namespace ipmict
