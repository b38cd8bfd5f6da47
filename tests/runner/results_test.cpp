// results.json after every case (valid, "complete": false until the end), summary.txt,
// `ipmict run` end to end on the built-in simulator, exit codes, progress, masking.
#include "harness/runner/results_writer.hpp"
#include "reports/results_json.hpp"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "harness/runner/progress.hpp"
#include "harness/runner/run_command.hpp"
#include "tests/runner/runner_test_support.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::runner {
namespace {

using namespace test;  // NOLINT(google-build-using-namespace)
using ::testing::HasSubstr;
using ::testing::Not;

nlohmann::json read_json(const std::filesystem::path& p) { return nlohmann::json::parse(ipmict::test::read_file(p)); }

CaseResult result(std::string id, Outcome o, std::string reason = {}) {
  CaseResult r;
  r.id = std::move(id);
  r.outcome = o;
  r.reason = std::move(reason);
  return r;
}

TEST(ResultsWriterTest, ValidJsonAfterEveryCaseAndCompleteAtTheEnd) {
  ipmict::test::TempDir dir("ipmict-results");
  RunResults initial;
  initial.run.command_line = "ipmict run";
  initial.targets.resize(2);
  initial.targets[0].name = "sim://";
  initial.targets[1].name = "lanplus://admin@10.0.0.5:623";
  ResultsWriter w(dir.path() / "out", initial, std::chrono::milliseconds(0));
  ASSERT_TRUE(w.start());
  auto j = read_json(w.results_path());
  EXPECT_EQ(j["schema"], "ipmict-results/1");
  EXPECT_EQ(j["complete"], false);
  const Outcome outcomes[] = {Outcome::pass, Outcome::fail, Outcome::skip};
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(w.add_case(i % 2, i, result("c." + std::to_string(i), outcomes[i], "why")));
    j = read_json(w.results_path());  // throws on invalid JSON
    EXPECT_EQ(j["complete"], false);
    std::size_t n = 0;
    for (const auto& t : j["targets"]) n += t["cases"].size();
    EXPECT_EQ(n, i + 1);
    EXPECT_EQ(j, reports::to_json(w.snapshot())) << "the spliced file and to_json() must agree";
  }
  EXPECT_FALSE(std::filesystem::exists(w.results_path().string() + ".tmp"));
  ASSERT_TRUE(w.finish("2024-01-01T00:00:00Z"));
  j = read_json(w.results_path());
  EXPECT_EQ(j["complete"], true);
  EXPECT_EQ(j["counts"]["PASS"], 1);
  EXPECT_EQ(j["counts"]["FAIL"], 1);
  EXPECT_EQ(j["exit_code"], 1);
  EXPECT_EQ(j["targets"][1]["cases"][0]["outcome"], "FAIL");
  const auto summary = ipmict::test::read_file(w.summary_path());
  EXPECT_THAT(summary, HasSubstr("FAIL c.1: why"));
  EXPECT_THAT(summary, HasSubstr("exit code 1"));
}

TEST(ExitCodeTest, FromOutcomes) {
  OutcomeCounts c;
  for (Outcome o : {Outcome::pass, Outcome::pass_with_quirk, Outcome::skip, Outcome::unsupported, Outcome::warn}) c.add(o);
  EXPECT_EQ(c.exit_code(false), 0);
  EXPECT_EQ(c.exit_code(true), 1);  // WARN under --strict
  c.add(Outcome::fail);
  EXPECT_EQ(c.exit_code(false), 1);
  c.add(Outcome::error);
  EXPECT_EQ(c.exit_code(false), 2);
}

// --- ipmict run on a hand-built library -------------------------------------------------

class RunLibraryTest : public ::testing::Test {
 protected:
  RunLibraryTest() {
    cases::CaseFile f;
    f.path = "hand-built.yaml";
    f.cases.push_back(make_case("app.get-device-id.basic", {with_field(send("get-device-id"), "device_id", eq(0x20))}));
    f.cases.push_back(make_case("app.get-device-id.wrong", {with_field(send("get-device-id"), "device_id", eq(0x21))}));
    auto should = make_case("app.get-device-id.should", {with_field(send("get-device-id"), "device_id", eq(0x21))});
    should.severity = cases::Case::Severity::should;
    f.cases.push_back(should);
    auto setup_error = make_case("app.get-device-id.setup-error", {send("get-device-id")});
    setup_error.setup = {with_cc(send("get-device-id"), {0xcc})};
    f.cases.push_back(setup_error);
    auto destructive = make_case("app.cold-reset.basic", {send("cold-reset")});
    destructive.destructive = true;
    f.cases.push_back(destructive);
    library.files.push_back(std::move(f));
    options.out_dir = (dir.path() / "ipmict-out").string();
    options.command_line = "ipmict run --out x";
  }
  int run(std::vector<std::string> globs) {
    options.case_globs = std::move(globs);
    out.str("");
    err.str("");
    return run_library(options, library, out, err);
  }
  ipmict::test::TempDir dir{"ipmict-run"};
  cases::Library library;
  RunCommandOptions options;
  std::ostringstream out, err;
};

TEST_F(RunLibraryTest, AllPassingIsExitZeroWithPlainProgressLinesAndResults) {
  EXPECT_EQ(run({"*.basic"}), 0) << err.str() << out.str();
  EXPECT_THAT(out.str(), HasSubstr("PASS app.get-device-id.basic\n"));
  EXPECT_THAT(out.str(), HasSubstr("SKIP app.cold-reset.basic: destructive"));
  auto j = read_json(std::filesystem::path(options.out_dir) / "results.json");
  EXPECT_EQ(j["complete"], true);
  EXPECT_EQ(j["targets"][0]["name"], "sim://");
  EXPECT_EQ(j["targets"][0]["identity"]["device_id"], 0x20);
  EXPECT_EQ(j["run"]["command_line"], "ipmict run --out x");
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(options.out_dir) / "summary.txt"));
}

TEST_F(RunLibraryTest, AFailIsExitOneAndTheSummaryShowsTheDecodedExchange) {
  EXPECT_EQ(run({"*.basic", "*.wrong"}), 1);
  EXPECT_THAT(out.str(), HasSubstr("FAIL app.get-device-id.wrong: step 1 (send get-device-id): fields.device_id: expected 0x21, seen 0x20"));
  EXPECT_THAT(out.str(), HasSubstr("Get Device ID (App 06h, cmd 01h): cc 00h"));
}

TEST_F(RunLibraryTest, WarnIsExitZeroAndOneUnderStrict) {
  EXPECT_EQ(run({"*.should"}), 0);
  EXPECT_THAT(out.str(), HasSubstr("WARN app.get-device-id.should"));
  options.strict = true;
  EXPECT_EQ(run({"*.should"}), 1);
}

TEST_F(RunLibraryTest, ASetupPreconditionIsASkip) {
  EXPECT_EQ(run({"*.setup-error", "*.basic"}), 0);
  EXPECT_THAT(out.str(), HasSubstr("SKIP app.get-device-id.setup-error: precondition not met: setup 1"));
}

TEST_F(RunLibraryTest, AnErrorIsExitTwo) {
  // A target nobody answers (port 9, discard, is closed on loopback): every case is ERROR.
  options.targets = {"sim://", "lan://nobody@127.0.0.1:9?timeout=100&retries=0"};
  EXPECT_EQ(run({"*.basic"}), 2) << out.str() << err.str();
}

TEST_F(RunLibraryTest, BadUsageIsExitTwo) {
  options.shard = "5/4";
  EXPECT_EQ(run({}), 2);
  EXPECT_THAT(err.str(), HasSubstr("--shard"));
  options.shard.clear();
  options.profile = "no-such-profile";
  EXPECT_EQ(run({}), 2);
  options.profile.clear();
  options.targets = {"lanplus://user:secret@host"};
  EXPECT_EQ(run({}), 2);
  EXPECT_THAT(err.str(), Not(HasSubstr("secret@")));
}

TEST_F(RunLibraryTest, ListAndDryRunSendNothing) {
  options.list = true;
  EXPECT_EQ(run({"app.get-device-id.*"}), 0);
  EXPECT_EQ(out.str(),
            "app.get-device-id.basic  test case\napp.get-device-id.wrong  test case\napp.get-device-id.should  test case\n"
            "app.get-device-id.setup-error  test case\n");
  options.list = false;
  options.dry_run = true;
  EXPECT_EQ(run({}), 0);
  EXPECT_THAT(out.str(), HasSubstr("would run 5 of 5 cases on 1 target(s)"));
  EXPECT_THAT(out.str(), HasSubstr("app.cold-reset.basic  (SKIP: destructive"));
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(options.out_dir) / "results.json"));
}

TEST_F(RunLibraryTest, TwoTargetsRunInParallelWithResultsPerTarget) {
  options.targets = {"sim://", "sim://?interface=system"};
  EXPECT_EQ(run({"*.basic"}), 0) << err.str();
  auto j = read_json(std::filesystem::path(options.out_dir) / "results.json");
  ASSERT_EQ(j["targets"].size(), 2u);
  EXPECT_EQ(j["targets"][1]["name"], "sim://?interface=system");
  for (const auto& t : j["targets"]) {
    EXPECT_EQ(t["cases"].size(), 2u);
    EXPECT_EQ(t["counts"]["PASS"], 1);
  }
}

TEST_F(RunLibraryTest, NoSecretInResults) {
  auto& f = library.files.front();
  // sim://'s admin password is 20 random characters: the 20-byte form of Set User Password.
  auto s = send("set-user-password",
                {{"user_id", num(2)}, {"password_size", num(1)}, {"operation", num(3)}, {"password", text("$admin_password")}});
  f.cases.push_back(make_case("app.set-user-password.test", {s}));
  EXPECT_EQ(run({"app.set-user-password.test"}), 0) << out.str();
  const auto text_of_results = ipmict::test::read_file(std::filesystem::path(options.out_dir) / "results.json");
  EXPECT_THAT(text_of_results, HasSubstr("\"redacted\":true"));
  // The password of sim:// is random; the request carrying it has neither bytes nor fields.
  EXPECT_THAT(text_of_results, Not(HasSubstr("\"password\"")));
}

TEST(ProgressTest, PlainLinesWithoutATerminal) {
  std::ostringstream o;
  Progress p(o, false, 2, false);
  p.started("sim://", "a.b");
  p.finished("sim://", result("a.b", Outcome::pass));
  p.finished("sim://", result("a.c", Outcome::fail, "expected 1, seen 2"));
  EXPECT_EQ(o.str(), "PASS a.b\nFAIL a.c: expected 1, seen 2\n");
}

TEST(ProgressTest, OneLiveLineOnATerminal) {
  std::ostringstream o;
  Progress p(o, true, 456, false);
  p.started("sim://", "x.y");
  EXPECT_EQ(p.status_line(), "[0/456] 0 pass 0 fail 0 skip  current: x.y");
  p.finished("sim://", result("x.y", Outcome::skip));
  EXPECT_EQ(p.status_line(), "[1/456] 0 pass 0 fail 1 skip  current: x.y");
  EXPECT_THAT(o.str(), HasSubstr("\r[0/456]"));
  EXPECT_THAT(o.str(), Not(HasSubstr("\n")));  // SKIP does not scroll; FAIL would
}

TEST(MaskTest, SecretValuesAreMaskedNamesAreKept) {
  const char* argv[] = {"ipmict", "run", "--password", "hunter2", "--kg=abc", "--password-env", "PW", "--target", "sim://"};
  EXPECT_EQ(masked_command_line(9, argv), "ipmict run --password *** --kg=*** --password-env PW --target sim://");
}

}  // namespace
}  // namespace ipmict::runner
