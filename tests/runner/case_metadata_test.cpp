// Case metadata in results: command, netFn/cmd, M/O, privilege, severity, profiles
// (harness/runner/case_metadata.cpp), from the real case library and through `ipmict run`.
#include "harness/runner/case_metadata.hpp"

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/cases/loader.hpp"
#include "harness/runner/run_command.hpp"
#include "reports/results_json.hpp"
#include "tests/runner/runner_test_support.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::runner {
namespace {

using ::testing::ElementsAre;

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

class LibraryMetadataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = cases::load_library(std::string(IPMICT_SOURCE_DIR) + "/cases", catalog());
    ASSERT_TRUE(loaded.has_value()) << "the case library must load";
    library_ = new cases::Library(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete library_;
    library_ = nullptr;
  }
  static const catalog::Catalog& catalog() {
    static const catalog::Catalog c = catalog::builtin_catalog();
    return c;
  }
  static const cases::Case& find(const std::string& id) {
    for (const auto* c : library_->all_cases()) {
      if (c->id == id) return *c;
    }
    throw std::runtime_error("no case " + id);
  }
  static CaseResult filled(const std::string& id) {
    CaseMetadata m(catalog(), library_->profiles);
    CaseResult r;
    m.fill(r, find(id));
    return r;
  }
  static cases::Library* library_;
};
cases::Library* LibraryMetadataTest::library_ = nullptr;

TEST_F(LibraryMetadataTest, AMandatoryCommandsCaseCarriesTheCatalogFactsAndItsProfiles) {
  const CaseResult r = filled("app.get-device-id.basic");
  EXPECT_EQ(r.command, "get-device-id");
  EXPECT_EQ(r.netfn, 0x06);
  EXPECT_EQ(r.cmd, 0x01);
  EXPECT_EQ(r.mandatory, true);
  EXPECT_EQ(r.privilege, "User");
  EXPECT_EQ(r.severity, "must");
  // tags [app, core, windows-provider]: core, windows-provider and full (ids "*") select it,
  // seed (tag seed) does not. (security.yaml has no include list yet: it takes everything.)
  for (const char* p : {"core", "full", "windows-provider"}) EXPECT_TRUE(has(r.profiles, p)) << p;
  EXPECT_FALSE(has(r.profiles, "seed"));
}

TEST_F(LibraryMetadataTest, AnOptionalCommandIsNotMandatoryAndAShouldCaseSaysSo) {
  const CaseResult guid = filled("app.get-system-guid.basic");
  EXPECT_EQ(guid.command, "get-system-guid");
  EXPECT_EQ(guid.netfn, 0x06);
  EXPECT_EQ(guid.cmd, 0x37);
  EXPECT_EQ(guid.mandatory, false);
  EXPECT_EQ(guid.privilege, "any");

  const cases::Case* should = nullptr;
  for (const auto* c : library_->all_cases()) {
    if (c->severity == cases::Case::Severity::should) should = c;
  }
  ASSERT_NE(should, nullptr) << "the library has `severity: should` cases";
  CaseResult r;
  CaseMetadata(catalog(), library_->profiles).fill(r, *should);
  EXPECT_EQ(r.severity, "should");
}

TEST(CaseMetadataTest, TheCasesOwnMandatoryAndPrivilegeWinAndATopicCaseOverOneCommandIsAboutIt) {
  const catalog::Catalog catalog = catalog::builtin_catalog();
  cases::Profile only_x;
  only_x.name = "only-x";
  only_x.include_tags = {"x"};
  cases::Profile all;
  all.name = "all";
  CaseMetadata m(catalog, {only_x, all});

  cases::Case c = test::make_case("topic.one", {test::send("get-sel-info"), test::send("get-sel-info")});
  c.tags = {"x"};
  c.mandatory = false;
  c.privilege = Privilege::operator_;
  CaseResult r;
  m.fill(r, c);
  EXPECT_EQ(r.command, "get-sel-info");
  EXPECT_EQ(r.netfn, 0x0a);
  EXPECT_EQ(r.cmd, 0x40);
  EXPECT_EQ(r.mandatory, false);
  EXPECT_EQ(r.privilege, "Operator");
  EXPECT_THAT(r.profiles, ElementsAre("only-x", "all"));

  // Over two commands: about neither; nothing is made up.
  cases::Case two = test::make_case("topic.two", {test::send("get-sel-info"), test::send("get-device-id")});
  CaseResult r2;
  m.fill(r2, two);
  EXPECT_EQ(r2.command, "");
  EXPECT_FALSE(r2.netfn.has_value());
  EXPECT_FALSE(r2.cmd.has_value());
  EXPECT_FALSE(r2.mandatory.has_value());
  EXPECT_EQ(r2.privilege, "");
  EXPECT_THAT(r2.profiles, ElementsAre("all"));
}

TEST_F(LibraryMetadataTest, IpmictRunWritesTheMetadataIntoResultsJson) {
  ipmict::test::TempDir dir("ipmict-metadata");
  RunCommandOptions o;
  o.targets = {"sim://?interface=system"};
  o.case_globs = {"app.get-device-id.basic"};
  o.out_dir = (dir.path() / "out").string();
  o.cases_dir = std::string(IPMICT_SOURCE_DIR) + "/cases";
  std::ostringstream out, err;
  ASSERT_EQ(run_library(o, *library_, out, err), 0) << err.str() << out.str();
  auto loaded = reports::load_results((dir.path() / "out" / "results.json").string());
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  ASSERT_EQ(loaded->targets.size(), 1u);
  ASSERT_EQ(loaded->targets[0].cases.size(), 1u);
  const auto& c = loaded->targets[0].cases[0];
  EXPECT_EQ(c.command, "get-device-id");
  EXPECT_EQ(c.netfn, 0x06);
  EXPECT_EQ(c.cmd, 0x01);
  EXPECT_EQ(c.mandatory, true);
  EXPECT_EQ(c.privilege, "User");
  EXPECT_EQ(c.severity, "must");
  for (const char* p : {"core", "full", "windows-provider"}) EXPECT_TRUE(has(c.profiles, p)) << p;
}

}  // namespace
}  // namespace ipmict::runner
