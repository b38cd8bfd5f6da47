// The case library: files, profiles, targets, the quirk list, checks across files, `ipmict check`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/cases/check_command.hpp"
#include "harness/cases/loader.hpp"

namespace ipmict::cases {
namespace {

namespace fs = std::filesystem;
const std::string kData = std::string(IPMICT_TEST_DATA_DIR) + "/cases";

const catalog::Catalog& cat() {
  static const catalog::Catalog c = catalog::builtin_catalog();
  return c;
}

// A scratch library folder, removed afterwards.
class ScratchLibrary : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("ipmict-cases-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                       "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  }
  std::vector<std::string> problems() {
    auto r = load_library(dir.string(), cat());
    std::vector<std::string> out;
    if (!r) {
      for (const auto& d : r.error()) {
        std::string s = d.to_string();
        out.push_back(s.substr(s.find(dir.string()) == 0 ? dir.string().size() + 1 : 0));
      }
    }
    return out;
  }
  fs::path dir;
};

TEST(Library, GoodLibraryLoadsFilesProfilesTargetsQuirksAndGenerated) {
  auto r = load_library(kData + "/good", cat());
  ASSERT_TRUE(r) << r.error().front().to_string();
  ASSERT_EQ(r->files.size(), 2u);
  EXPECT_EQ(r->files[0].path, kData + "/good/20-device/get-device-id.yaml") << "sorted by path";
  ASSERT_EQ(r->quirks.size(), 1u);
  EXPECT_EQ(r->quirks[0].name, "authcaps-in-session-d5");
  EXPECT_EQ(r->quirks[0].relaxes, "IPMI 2.0 §22.13: D5h inside a session");
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].name, "openipmi-ipmi_sim");
  EXPECT_EQ(r->targets[0].quirks, (std::vector<std::string>{"authcaps-in-session-d5"}));
  ASSERT_EQ(r->profiles.size(), 1u);
  EXPECT_EQ(r->profiles[0].name, "core");
  EXPECT_EQ(r->profiles[0].include_tags, (std::vector<std::string>{"core", "seed"}));
  EXPECT_EQ(r->profiles[0].include_ids, (std::vector<std::string>{"app.get-device-id.*"}));
  EXPECT_EQ(r->profiles[0].exclude_tags, (std::vector<std::string>{"negative"}));
  // get-device-id: long; get-channel-auth-caps: short, long, 7 reserved bits.
  EXPECT_EQ(r->generated.size(), 10u);
  const auto all = r->all_cases();
  ASSERT_EQ(all.size(), 13u);
  EXPECT_EQ(all[0]->id, "app.get-device-id.basic");
  EXPECT_FALSE(all[2]->generated);
  EXPECT_TRUE(all[3]->generated) << "files' cases first, then the generated ones";
  EXPECT_EQ(all[3]->id, "app.get-device-id.negative.long");
}

TEST(Library, DuplicateIdsAcrossFilesNameBothPlaces) {
  auto r = load_library(kData + "/dup", cat());
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().size(), 1u);
  EXPECT_EQ(r.error()[0].to_string(), kData + "/dup/b.yaml:7:5: duplicate case id 'app.get-device-id.basic' (first at " +
                                          kData + "/dup/a.yaml:3:5; expected ids unique across the library)");
}

TEST_F(ScratchLibrary, ProfilesNamingNothingAndUnknownTargetQuirks) {
  write("quirks.yaml", "quirks:\n  - name: q-one\n    relaxes: x\n");
  write("20/a.yaml", "command: get-device-id\ntags: [seed]\ncases:\n  - id: app.get-device-id.a\n    steps: [{send: {}}]\n");
  write("profiles/p.yaml", "include: {tags: [sed], ids: [\"app.nothing.*\", \"app.get-device-id.*\"]}\n");
  write("targets/t.yaml", "target: t\nquirks: [q-one, q-two]\n");
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "profiles/p.yaml:1:18: profile 'p' includes tag 'sed' that no case has (did you mean 'seed'? "
                            "expected a tag of some case)",
                            "profiles/p.yaml:1:30: profile 'p' includes ids 'app.nothing.*' that match no case (expected "
                            "a glob over case ids, e.g. app.get-device-id.*)",
                            "targets/t.yaml:2:17: unknown quirk 'q-two' (expected a quirk listed in cases/quirks.yaml: q-one)",
                        }));
}

TEST_F(ScratchLibrary, GeneratedIdClashingWithAWrittenCase) {
  write("a.yaml", "command: get-device-id\nvalid_request: {}\ncases:\n  - id: app.get-device-id.negative.long\n"
                  "    steps: [{send: {}}]\n");
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "a.yaml:2:16: generated case id 'app.get-device-id.negative.long' is also defined at " +
                            (dir / "a.yaml").string() +
                            ":4:5 (expected unique ids; rename that case or turn generation off)"}));
}

TEST_F(ScratchLibrary, ProblemsOfSeveralFilesAllReportedSortedByFileThenLine) {
  write("b.yaml", "cases:\n  - id: B\n    steps: [{sleep_ms: 1}]\n");
  write("a.yaml", "cases:\n  - id: a.x\n    steps: [{sleep_ms: 1, repeat: 99}]\n  - id: A\n    steps: [{sleep_ms: 1}]\n");
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "a.yaml:3:35: repeat 99 is too large (expected at most 64)",
                            "a.yaml:4:9: bad case id 'A' (expected [a-z0-9.-]+, e.g. app.get-device-id.basic)",
                            "b.yaml:2:9: bad case id 'B' (expected [a-z0-9.-]+, e.g. app.get-device-id.basic)",
                        }));
}

TEST(Library, GlobMatch) {
  EXPECT_TRUE(glob_match("app.*", "app.get-device-id.basic"));
  EXPECT_TRUE(glob_match("*.negative.*", "app.x.negative.short"));
  EXPECT_TRUE(glob_match("app.?et-*", "app.get-x"));
  EXPECT_FALSE(glob_match("app.*", "chassis.x"));
  EXPECT_FALSE(glob_match("app", "app.x"));
}

TEST(CheckCommand, CleanLibraryExitsZeroWithSummary) {
  std::ostringstream out, err;
  EXPECT_EQ(run_check(CheckOptions{{kData + "/good"}, {}}, out, err), 0);
  EXPECT_EQ(out.str(), "2 files, 13 cases (10 generated), 0 problems\n");
}

TEST(CheckCommand, ProblemsExitTwoOneLineEach) {
  std::ostringstream out, err;
  EXPECT_EQ(run_check(CheckOptions{{kData + "/dup"}, {}}, out, err), 2);
  EXPECT_EQ(out.str(), kData + "/dup/b.yaml:7:5: duplicate case id 'app.get-device-id.basic' (first at " + kData +
                           "/dup/a.yaml:3:5; expected ids unique across the library)\n"
                           "2 files, 3 cases (0 generated), 1 problem\n");
}

TEST(CheckCommand, SingleFileFindsTheQuirkListAbove) {
  std::ostringstream out, err;
  EXPECT_EQ(run_check(CheckOptions{{kData + "/good/22-app/get-channel-auth-caps.yaml"}, {}}, out, err), 0);
  EXPECT_EQ(out.str(), "1 file, 11 cases (9 generated), 0 problems\n");
  std::ostringstream out2;
  EXPECT_EQ(run_check(CheckOptions{{kData + "/bad/many-problems.yaml"}, {}}, out2, err), 2);
  EXPECT_NE(out2.str().find("many-problems.yaml:4:5: unknown key 'titel' in case"), std::string::npos) << out2.str();
  EXPECT_NE(out2.str().find("1 file, 0 cases (0 generated), 7 problems\n"), std::string::npos) << out2.str();
}

TEST(CheckCommand, MissingPathIsAProblem) {
  std::ostringstream out, err;
  EXPECT_EQ(run_check(CheckOptions{{"/nonexistent/cases"}, {}}, out, err), 2);
  EXPECT_EQ(out.str(), "/nonexistent/cases: no such file or folder (expected a case file or the case library folder)\n"
                       "0 files, 0 cases (0 generated), 1 problem\n");
}

TEST(CheckCommand, TheProjectCaseLibraryIsClean) {
  std::ostringstream out, err;
  const int rc = run_check(CheckOptions{{std::string(IPMICT_SOURCE_DIR) + "/cases"}, {}}, out, err);
  EXPECT_EQ(rc, 0) << out.str();
}

}  // namespace
}  // namespace ipmict::cases
