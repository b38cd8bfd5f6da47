// The nightly job's committed baselines (ci/baselines/, docs/ci.md) are results files that
// `ipmict report` reads: one target each, named as ci/nightly.sh names it, unique case IDs,
// and the case library's size at the time.
#include <set>

#include <gtest/gtest.h>

#include "reports/results_json.hpp"

namespace ipmict::runner {
namespace {

void expect_baseline(const std::string& file, const std::string& target) {
  auto r = reports::load_results(std::string(IPMICT_SOURCE_DIR) + "/ci/baselines/" + file);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_TRUE(r->complete) << file << " must come from a run that finished";
  EXPECT_EQ(r->run.profile, "full");
  EXPECT_TRUE(r->run.allow_destructive);
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].name, target);
  EXPECT_EQ(r->targets[0].cases.size(), r->run.cases_selected) << file << ": every selected case has a result";
  std::set<std::string> ids;
  for (const auto& c : r->targets[0].cases) {
    EXPECT_TRUE(ids.insert(c.id).second) << file << ": case " << c.id << " twice";
    EXPECT_TRUE(c.steps.empty()) << file << ": baselines keep no transcripts";
  }
}

TEST(BaselinesTest, TheSimulatorBaselineIsAFullRunOfSim) { expect_baseline("sim.json", "sim://"); }

TEST(BaselinesTest, TheIpmiSimBaselineIsAFullRunUnderItsStableName) { expect_baseline("ipmi_sim.json", "ipmi_sim"); }

}  // namespace
}  // namespace ipmict::runner
