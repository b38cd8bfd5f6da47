// `ipmict run` cut short, end to end: the real binary as a child process against the
// built-in simulator. SIGINT and SIGTERM stop it after the case under way with every report
// written ("complete": false) and exit 128 + the signal; a second SIGINT exits at once; a
// SIGKILL leaves the last results.json whole and an earlier run's files intact. Also: the
// command line stored in the reports keeps secret sources' names, never secrets.
#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "protocol/capture/pcap_reader.hpp"
#include "reports/results_json.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::integration {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

fs::path ipmict_binary() {
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec).parent_path().parent_path() / "harness" / "ipmict";
}

// A case library of `count` cases that each send Get Device ID and then pause `pause_ms`.
void write_slow_library(const fs::path& dir, int count, unsigned pause_ms) {
  std::string text = "command: get-device-id\nspec: \"IPMI 2.0 §20.1\"\ntags: [slow]\ncases:\n";
  for (int i = 1; i <= count; ++i) {
    text += "  - id: slow.case-" + std::to_string(100 + i) + "\n    title: Get Device ID, then a pause\n    steps:\n      - send: {}\n";
    if (pause_ms > 0) text += "      - sleep_ms: " + std::to_string(pause_ms) + "\n";
  }
  fs::create_directories(dir / "20-device");
  test::write_file(dir / "20-device" / "slow.yaml", text);
}

// The number of case results in results.json, or -1 while it is missing or unreadable.
int cases_written(const fs::path& results) {
  std::error_code ec;
  if (!fs::exists(results, ec)) return -1;
  auto r = reports::load_results(results.string());
  if (!r) return -1;
  int n = 0;
  for (const auto& t : r->targets) n += static_cast<int>(t.cases.size());
  return n;
}

bool wait_until(const std::function<bool()>& ready, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return ready();
}

std::vector<fs::path> leftovers(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".tmp") out.push_back(e.path());
  }
  return out;
}

// junit.xml is well formed: xmllint when installed, else the document's frame.
void expect_well_formed_xml(const fs::path& path) {
  if (test::find_in_path("xmllint")) {
    const auto r = test::run_capture({"xmllint", "--noout", path.string()}, {}, 20000ms);
    EXPECT_EQ(r.exit_code, 0) << path << ": " << r.output;
  } else {
    const std::string text = test::read_file(path);
    EXPECT_EQ(text.rfind("<?xml", 0), 0u) << path;
    EXPECT_THAT(text, HasSubstr("</testsuites>")) << path;
  }
}

class RunInterruptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(ipmict_binary())) GTEST_SKIP() << "ipmict not built at " << ipmict_binary();
  }
  // Starts `ipmict run` on the slow library; stdout and stderr into dir/log.
  std::unique_ptr<test::ChildProcess> start(int count, unsigned pause_ms, std::vector<std::string> extra = {}) {
    write_slow_library(cases_, count, pause_ms);
    std::vector<std::string> argv{ipmict_binary().string(), "run", "--cases", cases_.string(), "--out", out_.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    test::ChildOptions o;
    o.stdout_path = log_;
    o.stderr_path = log_;
    return std::make_unique<test::ChildProcess>(argv, o);
  }
  std::string log() const { return fs::exists(log_) ? test::read_file(log_) : std::string(); }
  fs::path results() const { return out_ / "results.json"; }

  // After the signal: the run's reports, all there and readable, and incomplete.
  void expect_incomplete_reports(int at_least_cases, int fewer_than_cases) {
    auto r = reports::load_results(results().string());
    ASSERT_TRUE(r.has_value()) << r.error();
    EXPECT_FALSE(r->complete);
    EXPECT_EQ(r->run.finished_at, "");
    const int n = cases_written(results());
    EXPECT_GE(n, at_least_cases);
    EXPECT_LT(n, fewer_than_cases) << "the run stopped early";
    const std::string summary = test::read_file(out_ / "summary.txt");
    EXPECT_THAT(summary, HasSubstr("INCOMPLETE"));
    expect_well_formed_xml(out_ / "junit.xml");
    EXPECT_GT(fs::file_size(out_ / "report.html"), 0u);
    EXPECT_GT(fs::file_size(out_ / "report.md"), 0u);
    EXPECT_TRUE(leftovers(out_).empty()) << "a temporary file was left behind";
    const std::string pcap = test::read_file(out_ / "run.pcap");
    auto c = capture::read_capture(ByteView(reinterpret_cast<const std::uint8_t*>(pcap.data()), pcap.size()));  // NOLINT
    ASSERT_TRUE(c.has_value());
    EXPECT_FALSE(c->frames.empty());
  }

  test::TempDir dir_{"ipmict-interrupt"};
  fs::path cases_ = dir_.path() / "cases";
  fs::path out_ = dir_.path() / "out";
  fs::path log_ = dir_.path() / "log";
};

TEST_F(RunInterruptTest, SigintStopsAfterTheCaseUnderWayWritesEveryReportAndExits130) {
  constexpr int kCases = 30;
  auto child = start(kCases, 300);
  ASSERT_TRUE(wait_until([&] { return cases_written(results()) >= 2; }, 30s)) << log();
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(::kill(child->pid(), SIGINT), 0);
  const auto rc = child->wait_for(10s);
  ASSERT_TRUE(rc.has_value()) << "ipmict did not stop within 10 s of SIGINT\n" << log();
  EXPECT_EQ(*rc, 130) << log();
  // The case under way pauses 300 ms; nothing else should keep it.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
  EXPECT_THAT(log(), HasSubstr("SIGINT: stopping after the case under way"));
  expect_incomplete_reports(2, kCases);
}

TEST_F(RunInterruptTest, SigtermDoesTheSameAndExits143) {
  constexpr int kCases = 30;
  auto child = start(kCases, 300);
  ASSERT_TRUE(wait_until([&] { return cases_written(results()) >= 1; }, 30s)) << log();
  ASSERT_EQ(::kill(child->pid(), SIGTERM), 0);
  const auto rc = child->wait_for(10s);
  ASSERT_TRUE(rc.has_value()) << log();
  EXPECT_EQ(*rc, 143) << log();
  expect_incomplete_reports(1, kCases);
}

TEST_F(RunInterruptTest, ASecondSigintExitsAtOnceLeavingTheLastResultsJson) {
  // Each case pauses 3 s: after the first SIGINT the run is still inside one.
  auto child = start(10, 3000);
  ASSERT_TRUE(wait_until([&] { return cases_written(results()) >= 1; }, 30s)) << log();
  ASSERT_EQ(::kill(child->pid(), SIGINT), 0);
  // Signals of one kind do not queue: send the second only once the first was taken.
  ASSERT_TRUE(wait_until([&] { return log().find("stopping after the case under way") != std::string::npos; }, 5s)) << log();
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(::kill(child->pid(), SIGINT), 0);
  const auto rc = child->wait_for(10s);
  ASSERT_TRUE(rc.has_value()) << log();
  EXPECT_EQ(*rc, 130) << log();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s) << "it did not wait for the case under way";
  EXPECT_THAT(log(), HasSubstr("SIGINT again: exiting now"));
  auto r = reports::load_results(results().string());
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_FALSE(r->complete);
  EXPECT_GE(cases_written(results()), 1);
}

TEST_F(RunInterruptTest, SigkillLeavesAValidIncompleteResultsJsonAndTheEarlierRunsFiles) {
  // An earlier, complete run in the same folder.
  {
    auto first = start(2, 0);
    const auto rc = first->wait_for(60s);
    ASSERT_TRUE(rc.has_value()) << log();
    ASSERT_EQ(*rc, 0) << log();
  }
  const std::string earlier_junit = test::read_file(out_ / "junit.xml");
  const std::string earlier_html = test::read_file(out_ / "report.html");

  auto child = start(30, 300);
  ASSERT_TRUE(wait_until(
      [&] {
        auto r = reports::load_results(results().string());
        return r && !r->complete && cases_written(results()) >= 3;
      },
      30s))
      << log();
  ASSERT_EQ(::kill(child->pid(), SIGKILL), 0);
  const auto rc = child->wait_for(10s);
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 128 + SIGKILL);

  auto r = reports::load_results(results().string());
  ASSERT_TRUE(r.has_value()) << "results.json after SIGKILL: " << r.error();
  EXPECT_FALSE(r->complete);
  EXPECT_GE(cases_written(results()), 3);
  // The reports written only at the end are the earlier run's, whole.
  EXPECT_EQ(test::read_file(out_ / "junit.xml"), earlier_junit);
  EXPECT_EQ(test::read_file(out_ / "report.html"), earlier_html);
  expect_well_formed_xml(out_ / "junit.xml");
  // The capture is readable up to its last whole record (each record is flushed).
  const std::string pcap = test::read_file(out_ / "run.pcap");
  auto c = capture::read_capture(ByteView(reinterpret_cast<const std::uint8_t*>(pcap.data()), pcap.size()));  // NOLINT
  ASSERT_TRUE(c.has_value());
  EXPECT_GE(c->frames.size(), 6u);
  EXPECT_FALSE(c->truncated.has_value());
}

// --- secrets and the stored command line ---------------------------------------------

// A UDP socket on 127.0.0.1 that never answers: a BMC that is not there, found at once.
class SilentPort {
 public:
  SilentPort() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) != 0 ||           // NOLINT
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {  // NOLINT
      throw std::runtime_error("cannot bind a UDP socket on 127.0.0.1");
    }
    port_ = ntohs(a.sin_port);
  }
  ~SilentPort() {
    if (fd_ >= 0) ::close(fd_);
  }
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

TEST_F(RunInterruptTest, TheStoredCommandLineKeepsSecretSourcesNeverSecrets) {
  SilentPort bmc;
  const std::string target = "lanplus://admin@127.0.0.1:" + std::to_string(bmc.port()) + "?timeout=200&retries=1";
  const fs::path pw_file = dir_.path() / "password-file";
  test::write_file(pw_file, "file-secret-4711\n");
  write_slow_library(cases_, 1, 0);
  auto run = [&](std::vector<std::string> secret_args, std::vector<std::string> env) {
    std::vector<std::string> argv{ipmict_binary().string(), "run", "--cases", cases_.string(), "--out", out_.string(),
                                  "--target", target};
    argv.insert(argv.end(), secret_args.begin(), secret_args.end());
    return test::run_capture(argv, env, 60s);
  };
  auto all_reports = [&] {
    std::string text;
    for (const auto& e : fs::directory_iterator(out_)) text += test::read_file(e.path());
    return text;
  };

  const auto r1 = run({"--password-file", pw_file.string(), "--kg-env", "IPMICT_TEST_KG"}, {"IPMICT_TEST_KG=kg-secret-0815"});
  EXPECT_EQ(r1.exit_code, 2) << r1.output;  // the BMC never answers: a target error
  auto j1 = reports::load_results(results().string());
  ASSERT_TRUE(j1.has_value()) << j1.error();
  EXPECT_THAT(j1->run.command_line, HasSubstr("--password-file " + pw_file.string()));
  EXPECT_THAT(j1->run.command_line, HasSubstr("--kg-env IPMICT_TEST_KG"));
  const std::string text1 = all_reports() + r1.output;
  EXPECT_THAT(text1, Not(HasSubstr("file-secret-4711")));
  EXPECT_THAT(text1, Not(HasSubstr("kg-secret-0815")));

  const auto r2 = run({"--password-env", "IPMICT_TEST_PW"}, {"IPMICT_TEST_PW=env-secret-1234"});
  EXPECT_EQ(r2.exit_code, 2) << r2.output;
  auto j2 = reports::load_results(results().string());
  ASSERT_TRUE(j2.has_value()) << j2.error();
  EXPECT_THAT(j2->run.command_line, HasSubstr("--password-env IPMICT_TEST_PW"));
  const std::string text2 = all_reports() + r2.output;
  EXPECT_THAT(text2, Not(HasSubstr("env-secret-1234")));
}

}  // namespace
}  // namespace ipmict::integration
