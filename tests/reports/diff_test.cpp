// `report diff`: targets matched by name, cases by ID; what counts as a regression.
#include "reports/diff.hpp"

#include <gtest/gtest.h>

#include "tests/reports/sample_results.hpp"

namespace ipmict::reports {
namespace {

CaseResult& case_of(RunResults& r, std::size_t target, const std::string& id) {
  for (auto& c : r.targets.at(target).cases) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no case " + id);
}

TEST(Diff, IdenticalRunsHaveNoChange) {
  const RunResults r = test::sample_results();
  const ResultsDiff d = diff_results(r, r);
  EXPECT_FALSE(d.regression());
  EXPECT_TRUE(d.new_failures.empty() && d.fixes.empty() && d.added.empty() && d.removed.empty() && d.changed.empty());
  EXPECT_EQ(d.unchanged, 9u);
  EXPECT_EQ(format_diff(d),
            "ipmict report diff: 0 new failures, 0 fixes, 0 added, 0 removed, 0 changed, 9 unchanged\n\nno regression\n");
}

TEST(Diff, GoodToBadIsARegressionBadToGoodIsAFix) {
  const RunResults base = test::sample_results();
  RunResults now = base;
  case_of(now, 0, "app.get-device-id.basic").outcome = Outcome::error;
  case_of(now, 0, "app.get-device-id.basic").reason = "no answer";
  case_of(now, 0, "security.cipher-zero").outcome = Outcome::pass;
  case_of(now, 1, "app.set-user-password.admin").outcome = Outcome::fail;  // SKIP -> FAIL
  const ResultsDiff d = diff_results(base, now);
  ASSERT_EQ(d.new_failures.size(), 2u);
  EXPECT_EQ(d.new_failures[0].target, "sim://");
  EXPECT_EQ(d.new_failures[0].id, "app.get-device-id.basic");
  EXPECT_EQ(d.new_failures[0].before, Outcome::pass);
  EXPECT_EQ(d.new_failures[0].after, Outcome::error);
  EXPECT_EQ(d.new_failures[0].reason, "no answer");
  EXPECT_EQ(d.new_failures[1].target, "lanplus://admin@127.0.0.1:9623");
  EXPECT_EQ(d.new_failures[1].before, Outcome::skip);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].id, "security.cipher-zero");
  EXPECT_TRUE(d.regression());
  EXPECT_EQ(d.unchanged, 6u);
}

TEST(Diff, OtherChangesAreChangedNotRegressions) {
  const RunResults base = test::sample_results();
  RunResults now = base;
  case_of(now, 0, "app.get-device-id.basic").outcome = Outcome::warn;   // PASS -> WARN
  case_of(now, 0, "security.cipher-zero").outcome = Outcome::error;     // FAIL -> ERROR: still bad
  case_of(now, 1, "app.get-self-test.basic").outcome = Outcome::pass;   // quirk no longer needed
  const ResultsDiff d = diff_results(base, now);
  EXPECT_FALSE(d.regression());
  ASSERT_EQ(d.changed.size(), 3u);
  EXPECT_EQ(d.changed[1].before, Outcome::fail);
  EXPECT_EQ(d.changed[1].after, Outcome::error);
}

TEST(Diff, AddedAndRemovedCases) {
  const RunResults base = test::sample_results();
  RunResults now = base;
  auto& cases = now.targets[0].cases;
  cases.erase(cases.begin());  // app.get-device-id.basic gone
  CaseResult fresh = cases[0];
  fresh.id = "app.new-pass";
  fresh.outcome = Outcome::pass;
  cases.push_back(fresh);
  fresh.id = "app.new-fail";
  fresh.outcome = Outcome::fail;
  fresh.reason = "expected 00h, seen C1h";
  cases.push_back(fresh);
  const ResultsDiff d = diff_results(base, now);
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].id, "app.get-device-id.basic");
  EXPECT_EQ(d.removed[0].before, Outcome::pass);
  EXPECT_FALSE(d.removed[0].after.has_value());
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].id, "app.new-pass");
  // A failing case that BASE did not have is a regression: the gate must not let it in.
  ASSERT_EQ(d.new_failures.size(), 1u);
  EXPECT_EQ(d.new_failures[0].id, "app.new-fail");
  EXPECT_FALSE(d.new_failures[0].before.has_value());
  const std::string text = format_diff(d);
  EXPECT_NE(text.find("New failures (regressions) (1):\n  app.new-fail [sim://]: (new) -> FAIL: expected 00h, seen C1h\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Removed (1):\n  app.get-device-id.basic [sim://]: PASS -> (gone)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nREGRESSION: exit code 1\n"), std::string::npos);
}

TEST(Diff, TargetsMatchedByNameNotPosition) {
  const RunResults base = test::sample_results();
  RunResults now = base;
  std::swap(now.targets[0], now.targets[1]);
  EXPECT_EQ(diff_results(base, now).unchanged, 9u);

  now.targets[0].name = "lanplus://admin@10.0.0.9:623";  // was target 1 of BASE
  now.targets[0].cases[1].outcome = Outcome::fail;
  const ResultsDiff d = diff_results(base, now);
  EXPECT_EQ(d.targets_added, std::vector<std::string>{"lanplus://admin@10.0.0.9:623"});
  EXPECT_EQ(d.targets_removed, std::vector<std::string>{"lanplus://admin@127.0.0.1:9623"});
  EXPECT_EQ(d.added.size(), 4u);          // the new target's good cases
  EXPECT_EQ(d.new_failures.size(), 1u);   // and its failing one
  EXPECT_TRUE(d.removed.empty());         // a removed target is one line, not its cases
  const std::string text = format_diff(d);
  EXPECT_NE(text.find("Targets added: lanplus://admin@10.0.0.9:623\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Targets removed: lanplus://admin@127.0.0.1:9623\n"), std::string::npos) << text;
}

TEST(Diff, TargetNoLongerReachedIsARegression) {
  const RunResults base = test::sample_results();
  RunResults now = base;
  now.targets[1].error = "no answer to Get Channel Authentication Capabilities";
  now.targets[1].cases.clear();
  ResultsDiff d = diff_results(base, now);
  ASSERT_TRUE(d.regression());
  EXPECT_EQ(d.new_failures[0].id, "");
  EXPECT_EQ(d.new_failures[0].after, Outcome::error);
  EXPECT_NE(format_diff(d).find("  target lanplus://admin@127.0.0.1:9623: not reached: no answer"), std::string::npos);
  // And reached again the other way round.
  d = diff_results(now, base);
  EXPECT_FALSE(d.regression());
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_NE(format_diff(d).find("target lanplus://admin@127.0.0.1:9623: reached again"), std::string::npos);
}

TEST(Diff, IncompleteRunsAreNoted) {
  const RunResults base = test::sample_results();
  RunResults now = base;
  now.complete = false;
  now.targets[0].cases.pop_back();
  const ResultsDiff d = diff_results(base, now);
  EXPECT_FALSE(d.now_complete);
  EXPECT_NE(format_diff(d).find("note: NEW is an incomplete run (cut short): cases it lacks show as removed.\n"), std::string::npos);
  EXPECT_NE(format_diff_markdown(d).find("> NEW is an incomplete run"), std::string::npos);
}

TEST(Diff, MarkdownTablesPerSectionEscaped) {
  const RunResults base = test::sample_results();
  RunResults now = base;
  case_of(now, 0, "app.get-device-id.basic").outcome = Outcome::fail;
  case_of(now, 0, "app.get-device-id.basic").reason = "a | b *c*";
  const std::string md = format_diff_markdown(diff_results(base, now));
  EXPECT_EQ(md.rfind("## ipmict diff: 1 regression\n\n1 new failure, 0 fixes, 0 added, 0 removed, 0 changed, 8 unchanged.\n", 0), 0u)
      << md;
  EXPECT_NE(md.find("### New failures (regressions) (1)\n\n| target | case | before | after | reason |\n| --- | --- | --- | --- | --- |\n"
                    "| `sim://` | `app.get-device-id.basic` | PASS | FAIL | a \\| b \\*c\\* |\n"),
            std::string::npos)
      << md;
  const std::string clean = format_diff_markdown(diff_results(base, base));
  EXPECT_EQ(clean.rfind("## ipmict diff: no regression\n", 0), 0u);
}

TEST(Diff, MarkdownListsAreCapped) {
  RunResults base = test::sample_results();
  base.targets.resize(1);
  RunResults now = base;
  for (int i = 0; i < 5000; ++i) {
    CaseResult c = now.targets[0].cases[0];
    c.id = "gen." + std::to_string(i);
    c.outcome = Outcome::fail;
    c.reason = std::string(500, 'r');
    now.targets[0].cases.push_back(std::move(c));
  }
  const std::string md = format_diff_markdown(diff_results(base, now));
  EXPECT_LT(md.size(), 60u * 1024u);
  EXPECT_NE(md.find("\xE2\x80\xA6 and 4900 more\n"), std::string::npos);
}

}  // namespace
}  // namespace ipmict::reports
