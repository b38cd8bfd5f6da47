// `ipmict report diff|merge|render` on real files: exit codes, written files, one-line
// errors naming the file and the JSON path; and the same through the command line parser.
#include "harness/report_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "harness/cli.hpp"
#include "reports/results_json.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict {
namespace {

namespace fs = std::filesystem;
using reports::Outcome;
using reports::RunResults;

// A small run: one target, a PASS and a FAIL with a security finding.
RunResults small_run() {
  RunResults r;
  r.complete = true;
  r.run.version = "0.1.0";
  r.run.started_at = "2026-11-21T10:00:00Z";
  r.run.finished_at = "2026-11-21T10:00:01Z";
  r.run.profile = "core";
  reports::TargetResults t;
  t.name = "sim://";
  reports::CaseResult pass;
  pass.id = "app.get-device-id.basic";
  pass.outcome = Outcome::pass;
  pass.profiles = {"core"};
  reports::CaseResult fail = pass;
  fail.id = "security.cipher-zero.refused";
  fail.outcome = Outcome::fail;
  fail.reason = "step 1 (session open): session: expected a failure at Open Session, seen established";
  fail.finding = reports::Finding{"high", "Cipher suite 0 accepted", "Refuse cipher suite 0", {"CVE-2013-4782"}};
  t.cases = {pass, fail};
  r.targets = {t};
  return r;
}

struct Ran {
  int rc;
  std::string out, err;
};

class ReportCommand : public ::testing::Test {
 protected:
  fs::path save(const std::string& name, const RunResults& r) {
    const auto p = dir_.path() / name;
    test::write_file(p, reports::to_json(r).dump(1));
    return p;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }

  template <typename Options, typename F>
  static Ran call(F f, const Options& o) {
    std::ostringstream out, err;
    const int rc = f(o, out, err);
    return {rc, out.str(), err.str()};
  }

  test::TempDir dir_{"ipmict-report"};
};

TEST_F(ReportCommand, DiffExitsOneOnARegressionAndWritesMarkdown) {
  RunResults base = small_run();
  base.targets[0].cases[1].outcome = Outcome::pass;
  base.targets[0].cases[1].finding.reset();
  const auto b = save("base.json", base);
  const auto n = save("new.json", small_run());
  ReportDiffOptions o{b.string(), n.string(), path("diff.md").string()};
  const Ran r = call(run_report_diff, o);
  EXPECT_EQ(r.rc, 1) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("New failures (regressions) (1):\n  security.cipher-zero.refused [sim://]: PASS -> FAIL"), std::string::npos)
      << r.out;
  EXPECT_NE(test::read_file(path("diff.md")).find("## ipmict diff: 1 regression"), std::string::npos);

  // The other way round it is a fix: exit 0.
  const Ran back = call(run_report_diff, ReportDiffOptions{n.string(), b.string(), ""});
  EXPECT_EQ(back.rc, 0) << back.err;
  EXPECT_NE(back.out.find("Fixes (1):"), std::string::npos);
}

TEST_F(ReportCommand, DiffOfBadInputIsOneLineNamingFileAndJsonPath) {
  const auto good = save("good.json", small_run());
  auto j = reports::to_json(small_run());
  j["targets"][0]["cases"][1]["outcome"] = "MAYBE";
  test::write_file(path("bad.json"), j.dump());
  Ran r = call(run_report_diff, ReportDiffOptions{good.string(), path("bad.json").string(), ""});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ipmict report diff: " + path("bad.json").string() + ": targets[0].cases[1].outcome: unknown outcome \"MAYBE\"\n");
  EXPECT_EQ(r.out, "");

  r = call(run_report_diff, ReportDiffOptions{path("missing.json").string(), good.string(), ""});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ipmict report diff: " + path("missing.json").string() + ": cannot open: No such file or directory\n");

  test::write_file(path("truncated.json"), reports::to_json(small_run()).dump().substr(0, 40));
  r = call(run_report_diff, ReportDiffOptions{good.string(), path("truncated.json").string(), ""});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err.rfind("ipmict report diff: " + path("truncated.json").string() + ": ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(ReportCommand, MergeWritesOneFileThatLoadsBack) {
  RunResults a = small_run(), b = small_run();
  a.targets[0].cases.resize(1);
  b.targets[0].cases.erase(b.targets[0].cases.begin());
  const auto pa = save("a.json", a), pb = save("b.json", b);
  const Ran r = call(run_report_merge, ReportMergeOptions{{pa.string(), pb.string()}, path("merged.json").string()});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.out, "merged 2 files into " + path("merged.json").string() + ": 1 target(s), 2 case results\n");
  const auto m = reports::load_results(path("merged.json").string());
  ASSERT_TRUE(m) << m.error();
  EXPECT_EQ(m->targets.size(), 1u);
  EXPECT_EQ(m->counts().total(), 2u);
  EXPECT_EQ(m->counts()[Outcome::fail], 1u);
  EXPECT_FALSE(fs::exists(path("merged.json.tmp")));
}

TEST_F(ReportCommand, MergeConflictNamesBothFilesAndWritesNothing) {
  RunResults other = small_run();
  other.targets[0].cases[1].outcome = Outcome::error;
  const auto pa = save("a.json", small_run()), pb = save("b.json", other);
  const Ran r = call(run_report_merge, ReportMergeOptions{{pa.string(), pb.string()}, path("merged.json").string()});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ipmict report merge: target sim://, case security.cipher-zero.refused: FAIL in " + pa.string() + ", ERROR in " +
                       pb.string() + "\n");
  EXPECT_FALSE(fs::exists(path("merged.json")));
}

TEST_F(ReportCommand, RenderWritesEveryAskedFormat) {
  const auto in = save("results.json", small_run());
  ReportRenderOptions o{in.string(), path("r.html").string(), path("junit.xml").string(), path("summary.md").string()};
  const Ran r = call(run_report_render, o);
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("wrote JUnit " + path("junit.xml").string() + "\n"), std::string::npos);
  const auto junit = test::read_file(path("junit.xml"));
  EXPECT_NE(junit.find("<testsuite name=\"sim:// / core\" tests=\"2\" failures=\"1\""), std::string::npos) << junit;
  EXPECT_NE(junit.find("security finding (high): Cipher suite 0 accepted"), std::string::npos);
  EXPECT_EQ(test::read_file(path("summary.md")).rfind("## ipmict: FAIL (exit code 1)", 0), 0u);
  EXPECT_NE(test::read_file(path("r.html")).find("<html"), std::string::npos);
}

TEST_F(ReportCommand, RenderNeedsAnOutputAndAWritablePlace) {
  const auto in = save("results.json", small_run());
  Ran r = call(run_report_render, ReportRenderOptions{in.string(), "", "", ""});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ipmict report render: nothing to write: give --html FILE, --junit FILE or --md FILE\n");

  const auto unwritable = (path("no-such-dir") / "junit.xml").string();
  r = call(run_report_render, ReportRenderOptions{in.string(), "", unwritable, path("ok.md").string()});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err.rfind("ipmict report render: cannot write " + unwritable + ".tmp: No such file or directory", 0), 0u) << r.err;
  EXPECT_TRUE(fs::exists(path("ok.md")));  // the other output is still written
}

// --- through the command line ------------------------------------------------------------

int cli(std::vector<std::string> args, std::string& out, std::string& err) {
  std::vector<char*> argv;
  args.insert(args.begin(), "ipmict");
  for (auto& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int rc = cli_main(static_cast<int>(argv.size()), argv.data());
  out = ::testing::internal::GetCapturedStdout();
  err = ::testing::internal::GetCapturedStderr();
  return rc;
}

TEST_F(ReportCommand, CommandLine) {
  RunResults base = small_run();
  base.targets[0].cases[1].outcome = Outcome::pass;
  const auto b = save("base.json", base), n = save("new.json", small_run());
  std::string out, err;
  EXPECT_EQ(cli({"report", "diff", b.string(), n.string(), "--md", path("d.md").string()}, out, err), 1) << err;
  EXPECT_NE(out.find("REGRESSION: exit code 1"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(path("d.md")));
  EXPECT_EQ(cli({"report", "diff", n.string(), n.string()}, out, err), 0) << err;

  EXPECT_EQ(cli({"report", "merge", b.string(), b.string(), "--out", path("m.json").string()}, out, err), 0) << err;
  EXPECT_TRUE(reports::load_results(path("m.json").string()).has_value());
  EXPECT_EQ(cli({"report", "merge", b.string()}, out, err), 2);  // --out is required
  EXPECT_NE(err.find("--out is required"), std::string::npos) << err;

  EXPECT_EQ(cli({"report", "render", n.string(), "--junit", path("j.xml").string(), "--md", path("s.md").string()}, out, err), 0)
      << err;
  EXPECT_TRUE(fs::exists(path("j.xml")));
  EXPECT_TRUE(fs::exists(path("s.md")));
  EXPECT_EQ(cli({"report", "render", path("absent.json").string(), "--md", path("x.md").string()}, out, err), 2);
  EXPECT_EQ(err, "ipmict report render: " + path("absent.json").string() + ": cannot open: No such file or directory\n");
  EXPECT_EQ(cli({"report"}, out, err), 2);  // a report subcommand is required
  EXPECT_EQ(cli({"report", "diff", b.string()}, out, err), 2);
}

}  // namespace
}  // namespace ipmict
