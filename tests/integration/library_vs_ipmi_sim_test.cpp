// The whole case library against OpenIPMI ipmi_sim (docs/ipmi-sim-results.md): the run
// completes, logins keep working to the end (no generated negative harms the account in
// use), and the deviations it finds are FAILs with their reasons, not ERRORs.
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/runner/run_command.hpp"
#include "reports/results_json.hpp"
#include "tests/integration/ipmi_sim_fixture.hpp"

namespace ipmict::integration {
namespace {

using ::testing::HasSubstr;

class LibraryVsIpmiSim : public IpmiSimTest {};

TEST_F(LibraryVsIpmiSim, CompletesWithEveryDeviationAFailNotAnError) {
  test::TempDir dir{"ipmict-lib-ipmi-sim"};
  ::setenv("IPMICT_IT_PASSWORD", "test-password", 1);
  runner::RunCommandOptions o;
  o.targets = {uri("lanplus", "ipmiusr", "timeout=500&retries=2")};
  o.cases_dir = std::string(IPMICT_SOURCE_DIR) + "/cases";
  o.target_profile = "openipmi-ipmi_sim";
  o.password.env = "IPMICT_IT_PASSWORD";
  o.out_dir = (dir.path() / "out").string();
  std::ostringstream out, err;
  const int rc = runner::run_run(o, out, err);
  EXPECT_EQ(rc, 1) << err.str();  // FAILs (real deviations), no ERROR

  auto results = reports::load_results((dir.path() / "out" / "results.json").string());
  ASSERT_TRUE(results) << results.error();
  ASSERT_TRUE(results->complete);
  ASSERT_EQ(results->targets.size(), 1u);
  std::map<std::string, const reports::CaseResult*> by_id;
  for (const auto& c : results->targets[0].cases) by_id[c.id] = &c;
  auto outcome_of = [&](const std::string& id) {
    auto it = by_id.find(id);
    return it == by_id.end() ? std::string("(absent)") : std::string(reports::to_string(it->second->outcome));
  };

  const auto counts = results->targets[0].counts();
  EXPECT_EQ(counts[reports::Outcome::error], 0u) << out.str();
  EXPECT_GT(counts[reports::Outcome::pass], 150u);

  // The Set User Name negatives used to rename the account in use (I-NEGATIVE-HARMLESS):
  // the last cases of the run still log in.
  EXPECT_EQ(outcome_of("app.get-device-id.basic"), "PASS");
  EXPECT_EQ(outcome_of("storage.get-sel-info.basic"), "PASS");
  // ipmi_sim executes a Set User Name one byte long: a FAIL, and harmless.
  EXPECT_EQ(outcome_of("app.set-user-name.negative.long"), "FAIL");
  // ipmi_sim ignores an over-long Activate Session inside an RMCP+ session (I-NO-ANSWER).
  ASSERT_EQ(outcome_of("session.activate-session.negative.long"), "FAIL");
  EXPECT_THAT(by_id["session.activate-session.negative.long"]->reason, HasSubstr("it ignored this request"));
  // It has no Get Event Receiver: Set Event Receiver's cases cannot save and restore the
  // receiver (a precondition, SKIP), and their generated negatives are UNSUPPORTED.
  EXPECT_EQ(outcome_of("se.get-event-receiver.basic"), "FAIL");
  EXPECT_EQ(outcome_of("se.set-event-receiver.seed-bmc"), "SKIP");
  EXPECT_EQ(outcome_of("se.set-event-receiver.negative.long"), "UNSUPPORTED");
  // Its Set Watchdog Timer answer carries 35 bytes of stale memory after the completion code.
  EXPECT_EQ(outcome_of("app.reset-watchdog-timer.starts"), "FAIL");
}

}  // namespace
}  // namespace ipmict::integration
