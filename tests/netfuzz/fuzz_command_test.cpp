// `ipmict fuzz` end to end on loopback, through the same function the CLI calls: against
// the built-in simulator with a planted bug it finds the bug within a bounded time, shrinks
// the reproducer to at most 3 datagrams, and --replay reproduces it; against the secure
// default a bounded run finds nothing; a corpus makes a campaign resumable; usage errors
// exit 2 with one line.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>

#include "harness/fuzz_command.hpp"
#include "harness/restart_command.hpp"
#include "harness/split_words.hpp"
#include "tests/netfuzz/sim_target.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int rc = -1;
  std::string out, err;
  double seconds = 0;
};

Outcome fuzz(const FuzzOptions& o) {
  std::ostringstream out, err;
  const auto start = std::chrono::steady_clock::now();
  Outcome r;
  r.rc = run_fuzz(o, out, err);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.out = out.str();
  r.err = err.str();
  return r;
}

FuzzOptions loopback(const std::string& target, const fs::path& out) {
  FuzzOptions o;
  o.target = target;
  o.out = out.string();
  o.rate = 0;  // loopback, and the simulator is ours
  o.reply_timeout_ms = 50;
  o.liveness_timeout_ms = 300;
  o.liveness_every = 25;
  o.max_time = 50;
  o.max_inputs = 5000;
  o.shrink_time = 40;
  return o;
}

// The datagrams a reproducer sends: its "  > " record lines.
std::size_t datagrams_in(const fs::path& reproducer) {
  std::istringstream text(test::read_file(reproducer));
  std::size_t n = 0;
  for (std::string line; std::getline(text, line);) n += line.starts_with("  > ") ? 1u : 0u;
  return n;
}

std::uint64_t finding_input(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("FINDING after input ([0-9]+)"))) return ~0ull;
  return std::stoull(m[1]);
}

void finds_shrinks_and_replays(const std::string& personality, std::uint64_t seed) {
  test::TempDir dir("netfuzz-cli");
  FuzzOptions o = loopback("sim://?personality=" + personality, dir.path() / "out");
  o.seed = seed;
  const Outcome run = fuzz(o);
  ASSERT_EQ(run.rc, 1) << run.out << run.err;
  EXPECT_LT(run.seconds, 60.0) << run.out;
  EXPECT_LT(finding_input(run.out), 1000u) << run.out;
  const fs::path crash = dir.path() / "out" / "crash-1";
  for (const char* f : {"reproducer.txt", "reproducer.pcap", "last-inputs.txt", "last-inputs.pcap", "finding.txt"}) {
    EXPECT_TRUE(fs::exists(crash / f)) << f;
  }
  EXPECT_NE(run.out.find("shrunk from"), std::string::npos) << run.out;
  const std::size_t datagrams = datagrams_in(crash / "reproducer.txt");
  EXPECT_GE(datagrams, 1u);
  EXPECT_LE(datagrams, 3u) << test::read_file(crash / "reproducer.txt");

  // --replay on a fresh simulator with the bug: reproduced (exit 1).
  FuzzOptions replay = loopback("sim://?personality=" + personality, dir.path() / "replay");
  replay.replay = (crash / "reproducer.txt").string();
  const Outcome again = fuzz(replay);
  EXPECT_EQ(again.rc, 1) << again.out << again.err;
  EXPECT_NE(again.out.find("reproduced: after"), std::string::npos) << again.out;

  // ... and on the secure default: not reproduced (exit 0).
  replay.target = "sim://";
  const Outcome clean = fuzz(replay);
  EXPECT_EQ(clean.rc, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("not reproduced"), std::string::npos) << clean.out;
}

TEST(FuzzCommand, FindsTheHangOnAZeroLengthPayloadShrinksAndReplaysIt) {
  finds_shrinks_and_replays("hang-on-zero-length-payload", 1);
}

TEST(FuzzCommand, FindsTheStopOnAnOversizedLengthShrinksAndReplaysIt) {
  finds_shrinks_and_replays("stop-on-oversized-length", 2);
}

TEST(FuzzCommand, TheSecureDefaultSurvivesABoundedRun) {
  test::TempDir dir("netfuzz-cli");
  FuzzOptions o = loopback("sim://", dir.path() / "out");
  o.seed = 3;
  o.max_inputs = 600;
  o.max_time = 25;
  const Outcome run = fuzz(o);
  EXPECT_EQ(run.rc, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("findings: 0"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("rmcp+ ipmi response"), std::string::npos) << run.out;  // requests got in
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "crash-1"));
  EXPECT_LT(run.seconds, 40.0);
}

TEST(FuzzCommand, ACorpusMakesTheCampaignResumable) {
  test::TempDir dir("netfuzz-cli");
  FuzzOptions o = loopback("sim://", dir.path() / "out");
  o.seed = 5;
  o.max_inputs = 60;
  o.corpus = (dir.path() / "corpus").string();
  const Outcome first = fuzz(o);
  ASSERT_EQ(first.rc, 0) << first.out << first.err;
  EXPECT_EQ(test::read_file(dir.path() / "corpus" / "progress.txt"), "seed=5 next=60\n");
  std::size_t inputs = 0;
  for (const auto& e : fs::directory_iterator(dir.path() / "corpus")) inputs += e.path().extension() == ".input" ? 1u : 0u;
  EXPECT_GT(inputs, 5u);
  EXPECT_TRUE(fs::exists(dir.path() / "corpus" / "signatures.txt"));

  o.max_inputs = 40;
  const Outcome second = fuzz(o);
  ASSERT_EQ(second.rc, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("resuming at input 60"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("corpus: " + std::to_string(inputs) + " inputs"), std::string::npos) << second.out;
  EXPECT_EQ(test::read_file(dir.path() / "corpus" / "progress.txt"), "seed=5 next=100\n");
}

TEST(FuzzCommand, AnExternalTargetWithoutRestartIsReportedUnshrunk) {
  // A lanplus:// target (the simulator, started by the test) with the password from the
  // environment: the finding is reported with the last inputs, and says why it was not shrunk.
  auto t = netfuzz::test::start_sim({"stop-on-oversized-length"});
  ASSERT_TRUE(t.simulator);
  ::setenv("IPMICT_NETFUZZ_PW", "fuzz-test-pass16", 1);
  test::TempDir dir("netfuzz-cli");
  FuzzOptions o = loopback("lanplus://admin@127.0.0.1:" + std::to_string(t.endpoint.port), dir.path() / "out");
  o.password.env = "IPMICT_NETFUZZ_PW";
  o.seed = 2;
  const Outcome run = fuzz(o);
  ASSERT_EQ(run.rc, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("not shrunk: ipmict cannot restart this target"), std::string::npos) << run.out;
  EXPECT_TRUE(fs::exists(dir.path() / "out" / "crash-1" / "reproducer.txt"));
  EXPECT_TRUE(t.simulator->lan_stats().dead);
  EXPECT_EQ(run.out.find("fuzz-test-pass16"), std::string::npos);  // never the secret
}

TEST(FuzzCommand, NonLoopbackTargetsNeedAllowRemote) {
  FuzzOptions o;
  o.target = "lanplus://admin@192.0.2.1";
  const Outcome run = fuzz(o);
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("--allow-remote"), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1);
}

TEST(FuzzCommand, UsageErrorsExitTwoWithOneLine) {
  test::TempDir dir("netfuzz-cli");
  FuzzOptions flows = loopback("sim://", dir.path() / "out");
  flows.flows = "pre-session,bogus";
  const Outcome a = fuzz(flows);
  EXPECT_EQ(a.rc, 2);
  EXPECT_NE(a.err.find("unknown flow or group 'bogus'"), std::string::npos) << a.err;

  test::write_file(dir.path() / "broken.txt", "input flow=raw\n> 06 zz\n");
  FuzzOptions replay = loopback("sim://", dir.path() / "out");
  replay.replay = (dir.path() / "broken.txt").string();
  const Outcome b = fuzz(replay);
  EXPECT_EQ(b.rc, 2);
  EXPECT_NE(b.err.find("broken.txt:2: the datagram is not hex bytes"), std::string::npos) << b.err;

  FuzzOptions personality = loopback("sim://?personality=no-such-thing", dir.path() / "out");
  const Outcome c = fuzz(personality);
  EXPECT_EQ(c.rc, 2);
  EXPECT_EQ(std::count(c.err.begin(), c.err.end(), '\n'), 1) << c.err;

  FuzzOptions unbounded = loopback("sim://", dir.path() / "out");
  unbounded.max_time = 0;
  EXPECT_EQ(fuzz(unbounded).rc, 2);
}

TEST(FuzzCommand, ATargetDownBeforeTheFirstInputIsAnError) {
  // Nothing listens on this port: the baseline liveness check fails, nothing is fuzzed.
  auto t = netfuzz::test::start_sim();
  ASSERT_TRUE(t.simulator);
  const std::uint16_t port = t.endpoint.port;
  (void)t.simulator->stop();
  ::setenv("IPMICT_NETFUZZ_PW", "fuzz-test-pass16", 1);
  test::TempDir dir("netfuzz-cli");
  FuzzOptions o = loopback("lanplus://admin@127.0.0.1:" + std::to_string(port), dir.path() / "out");
  o.password.env = "IPMICT_NETFUZZ_PW";
  const Outcome run = fuzz(o);
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("not usable before fuzzing"), std::string::npos) << run.err;
}

TEST(RestartCommand, RunsWithoutAShellAndBoundsTheWait) {
  EXPECT_EQ(split_words("  systemctl  restart\tbmc  "), (std::vector<std::string>{"systemctl", "restart", "bmc"}));
  EXPECT_TRUE(split_words("   ").empty());
  EXPECT_TRUE(run_restart_command({"true"}, std::chrono::seconds(10)));
  auto failed = run_restart_command({"false"}, std::chrono::seconds(10));
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().find("exit status 1"), std::string::npos) << failed.error();
  auto missing = run_restart_command({"/nonexistent/restart-bmc"}, std::chrono::seconds(10));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("cannot run it"), std::string::npos) << missing.error();
  // "$HOME" reaches the program as those five characters: no shell expands it.
  auto literal = run_restart_command(split_words("test $HOME = $HOME"), std::chrono::seconds(10));
  EXPECT_TRUE(literal);
  const auto start = std::chrono::steady_clock::now();
  auto slow = run_restart_command({"sleep", "30"}, std::chrono::seconds(1));
  ASSERT_FALSE(slow);
  EXPECT_NE(slow.error().find("killed"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace ipmict
