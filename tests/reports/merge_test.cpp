// `report merge`: shards of one target join; different targets stay apart; conflicts are
// errors naming both inputs; the run information spans the inputs.
#include "reports/merge.hpp"

#include <gtest/gtest.h>

#include "tests/reports/sample_results.hpp"

namespace ipmict::reports {
namespace {

// The sample's first target split into two shards of one run.
std::pair<RunResults, RunResults> two_shards() {
  RunResults a = test::sample_results();
  a.targets.resize(1);
  RunResults b = a;
  a.targets[0].cases.resize(2);  // cases 0, 1
  b.targets[0].cases.erase(b.targets[0].cases.begin(), b.targets[0].cases.begin() + 2);  // cases 2, 3
  a.run.shard = "1/2";
  b.run.shard = "2/2";
  a.run.cases_selected = 2;
  b.run.cases_selected = 2;
  a.run.started_at = "2026-11-21T10:00:05Z";
  a.run.finished_at = "2026-11-21T10:00:09Z";
  b.run.started_at = "2026-11-21T10:00:01Z";
  b.run.finished_at = "2026-11-21T10:00:07Z";
  a.targets[0].duration_ms = 100;
  b.targets[0].duration_ms = 50;
  return {a, b};
}

TEST(Merge, ShardsOfOneTargetBecomeOneTarget) {
  auto [a, b] = two_shards();
  const auto m = merge_results({a, b});
  ASSERT_TRUE(m) << m.error();
  ASSERT_EQ(m->targets.size(), 1u);
  const auto& cases = m->targets[0].cases;
  ASSERT_EQ(cases.size(), 4u);
  EXPECT_EQ(cases[0].id, "app.get-device-id.basic");
  EXPECT_EQ(cases[2].id, "app.get-self-test.basic");
  EXPECT_EQ(m->targets[0].counts().total(), 4u);
  EXPECT_EQ(m->counts()[Outcome::fail], 1u);
  EXPECT_DOUBLE_EQ(m->targets[0].duration_ms, 150.0);
  EXPECT_EQ(m->run.started_at, "2026-11-21T10:00:01Z");   // earliest start
  EXPECT_EQ(m->run.finished_at, "2026-11-21T10:00:09Z");  // latest finish
  EXPECT_TRUE(m->complete);
  EXPECT_EQ(m->run.shard, "1/2,2/2");
  EXPECT_EQ(m->run.cases_selected, 4u);
  EXPECT_EQ(m->exit_code(), 1);
}

TEST(Merge, CompleteOnlyWhenEveryInputIs) {
  auto [a, b] = two_shards();
  b.complete = false;
  b.run.finished_at.clear();
  const auto m = merge_results({a, b});
  ASSERT_TRUE(m) << m.error();
  EXPECT_FALSE(m->complete);
  EXPECT_EQ(m->run.finished_at, "");
}

TEST(Merge, DuplicateCaseWithTheSameOutcomeIsKeptOnce) {
  auto [a, b] = two_shards();
  b.targets[0].cases.push_back(a.targets[0].cases[1]);
  const auto m = merge_results({a, b});
  ASSERT_TRUE(m) << m.error();
  EXPECT_EQ(m->targets[0].cases.size(), 4u);
}

TEST(Merge, DuplicateCaseWithDifferentOutcomesIsAnErrorNamingBothFiles) {
  auto [a, b] = two_shards();
  CaseResult dup = a.targets[0].cases[1];
  dup.outcome = Outcome::pass;
  b.targets[0].cases.push_back(dup);
  const auto m = merge_results({a, b}, {"shard1.json", "shard2.json"});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error(), "target sim://, case security.cipher-zero: FAIL in shard1.json, PASS in shard2.json");
  const auto unnamed = merge_results({a, b});
  ASSERT_FALSE(unnamed);
  EXPECT_EQ(unnamed.error(), "target sim://, case security.cipher-zero: FAIL in input 1, PASS in input 2");
}

TEST(Merge, DifferentTargetsStaySeparateInOrderOfFirstAppearance) {
  const RunResults full = test::sample_results();
  RunResults first = full, second = full;
  first.targets = {full.targets[1]};
  second.targets = {full.targets[0], full.targets[1]};
  second.targets[1].cases.clear();  // nothing new for the shared target
  const auto m = merge_results({first, second});
  ASSERT_TRUE(m) << m.error();
  ASSERT_EQ(m->targets.size(), 2u);
  EXPECT_EQ(m->targets[0].name, "lanplus://admin@127.0.0.1:9623");
  EXPECT_EQ(m->targets[1].name, "sim://");
  EXPECT_EQ(m->targets[0].cases.size(), 5u);
  EXPECT_EQ(m->targets[1].cases.size(), 4u);
  EXPECT_EQ(m->counts().total(), 9u);
}

TEST(Merge, RunInformationThatDiffersIsKeptNotLost) {
  auto [a, b] = two_shards();
  b.run.case_library_revision = "git:fedcba987654";
  b.run.profile = "core";
  b.run.strict = true;
  b.run.tags = {"seed", "extra"};
  a.run.tags = {"seed"};
  b.targets[0].identity.guid.clear();
  a.targets[0].identity.firmware.clear();
  const auto m = merge_results({a, b});
  ASSERT_TRUE(m) << m.error();
  EXPECT_EQ(m->run.case_library_revision, "git:0123456789ab, git:fedcba987654");
  EXPECT_EQ(m->run.profile, "");  // then each case's own profiles group it
  EXPECT_TRUE(m->run.strict);
  EXPECT_EQ(m->run.tags, (std::vector<std::string>{"seed", "extra"}));
  EXPECT_EQ(m->targets[0].identity.firmware, "1.00");  // filled from the shard that knew it
  EXPECT_EQ(m->targets[0].identity.guid, "01234567-89ab-cdef-0123-456789abcdef");
}

TEST(Merge, NothingToMergeIsAnError) {
  const auto m = merge_results({});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error(), "nothing to merge: no results given");
}

TEST(Merge, OneInputIsItself) {
  const RunResults r = test::sample_results();
  const auto m = merge_results({r});
  ASSERT_TRUE(m) << m.error();
  EXPECT_EQ(m->targets.size(), 2u);
  EXPECT_EQ(m->counts().total(), r.counts().total());
  EXPECT_EQ(m->run.started_at, r.run.started_at);
  EXPECT_EQ(m->run.finished_at, r.run.finished_at);
  EXPECT_EQ(m->run.profile, "full");
}

}  // namespace
}  // namespace ipmict::reports
