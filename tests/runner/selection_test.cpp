// Case selection: globs, tags, netFn/cmd, profiles, shards.
#include "harness/runner/selection.hpp"

#include <deque>
#include <set>

#include <gtest/gtest.h>

#include "tests/runner/runner_test_support.hpp"

namespace ipmict::runner {
namespace {

using namespace test;  // NOLINT(google-build-using-namespace)

class SelectionTest : public ::testing::Test {
 protected:
  SelectionTest() {
    add("app.get-device-id.basic", "get-device-id", {"core", "seed"});
    add("app.get-device-id.negative.short", "get-device-id", {"negative"});
    add("app.get-self-test-results.basic", "get-self-test-results", {"core"});
    add("storage.get-sel-info.basic", "get-sel-info", {"seed"});
    add("session.rakp.wrong-password", "", {"security"});
    storage.back().steps = {raw({0x06, 0x38, 0x8e, 0x04})};
    for (const auto& c : storage) all.push_back(&c);
  }
  void add(std::string id, std::string command, std::vector<std::string> tags) {
    auto c = make_case(std::move(id), {send(command.empty() ? "get-device-id" : command)});
    c.command = std::move(command);
    c.tags = std::move(tags);
    storage.push_back(std::move(c));
  }
  std::vector<std::string> ids(const Selection& s) {
    std::vector<std::string> out;
    for (const auto* c : select_cases(all, s, catalog)) out.push_back(c->id);
    return out;
  }
  std::deque<cases::Case> storage;
  std::vector<const cases::Case*> all;
  catalog::Catalog catalog = catalog::builtin_catalog();
};

TEST_F(SelectionTest, NothingGivenSelectsEverything) { EXPECT_EQ(ids({}).size(), 5u); }

TEST_F(SelectionTest, CaseGlobsAreAlternatives) {
  Selection s;
  s.case_globs = {"app.get-device-id.*", "storage.*"};
  EXPECT_EQ(ids(s), (std::vector<std::string>{"app.get-device-id.basic", "app.get-device-id.negative.short",
                                              "storage.get-sel-info.basic"}));
}

TEST_F(SelectionTest, TagsAreAlternativesAndFiltersCombine) {
  Selection s;
  s.tags = {"seed", "security"};
  EXPECT_EQ(ids(s).size(), 3u);
  s.case_globs = {"app.*"};
  EXPECT_EQ(ids(s), (std::vector<std::string>{"app.get-device-id.basic"}));
}

TEST_F(SelectionTest, NetfnAndCmdMatchTheCaseCommandOrItsRawSteps) {
  Selection s;
  s.netfn = 0x0a;
  EXPECT_EQ(ids(s), (std::vector<std::string>{"storage.get-sel-info.basic"}));
  s = {};
  s.netfn = 0x07;  // a response netFn folds onto its request netFn
  s.cmd = 0x38;
  EXPECT_EQ(ids(s), (std::vector<std::string>{"session.rakp.wrong-password"}));
  s = {};
  s.cmd = 0x01;
  EXPECT_EQ(ids(s).size(), 2u);
}

TEST_F(SelectionTest, ProfileIncludesThenExcludes) {
  cases::Profile p;
  p.include_tags = {"core"};
  p.include_ids = {"storage.*"};
  p.exclude_ids = {"*.get-self-test-results.*"};
  Selection s;
  s.profile = &p;
  EXPECT_EQ(ids(s), (std::vector<std::string>{"app.get-device-id.basic", "storage.get-sel-info.basic"}));
  auto full = builtin_profile("full");
  ASSERT_TRUE(full);
  s.profile = &*full;
  EXPECT_EQ(ids(s).size(), 5u);
  EXPECT_FALSE(builtin_profile("no-such-profile"));
}

TEST(ShardTest, EveryCaseIsInExactlyOneShard) {
  std::vector<cases::Case> storage;
  for (int i = 0; i < 500; ++i) storage.push_back(make_case("case." + std::to_string(i), {}));
  std::vector<const cases::Case*> all;
  for (const auto& c : storage) all.push_back(&c);
  const auto catalog = catalog::builtin_catalog();
  for (unsigned n : {1u, 2u, 3u, 7u}) {
    std::multiset<std::string> seen;
    std::size_t smallest = all.size();
    for (unsigned k = 1; k <= n; ++k) {
      Selection s;
      s.shard = Shard{k, n};
      auto part = select_cases(all, s, catalog);
      smallest = std::min(smallest, part.size());
      for (const auto* c : part) seen.insert(c->id);
    }
    EXPECT_EQ(seen.size(), all.size()) << n;
    for (const auto* c : all) EXPECT_EQ(seen.count(c->id), 1u) << c->id;
    EXPECT_GT(smallest, all.size() / n / 2) << "shards of " << n << " are badly unbalanced";
  }
  // Stable: the same id always lands in the same shard (FNV-1a, no per-process seed).
  EXPECT_EQ(shard_of("app.get-device-id.basic", 4), shard_of("app.get-device-id.basic", 4));
  EXPECT_EQ(shard_of("", 4), static_cast<unsigned>(14695981039346656037ull % 4) + 1);
}

TEST(ShardTest, ParseShard) {
  auto s = parse_shard("2/4");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 4u);
  for (const char* bad : {"0/4", "5/4", "1/0", "2", "a/b", "1/2/3", ""}) EXPECT_FALSE(parse_shard(bad)) << bad;
}

}  // namespace
}  // namespace ipmict::runner
