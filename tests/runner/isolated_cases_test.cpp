// `isolated:` cases: they run after the others, up to --jobs at a time, each on sessions of
// its own; results stay in selection order; one liveness probe follows them.
#include <mutex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runner/runner_test_support.hpp"

namespace ipmict::runner {
namespace {

using namespace test;  // NOLINT(google-build-using-namespace)
using ::testing::HasSubstr;

cases::Step sleep_for(unsigned ms) {
  cases::Step s;
  s.action = cases::Step::Action::sleep;
  s.sleep_ms = ms;
  return s;
}

// Opens the case's session (Get Device ID), holds it for a while, asks Get Session Info for
// the active session count (at least `active` sessions at once, or FAIL), and holds the
// session as long again: cases whose lanes started up to 600 ms apart (threads under
// ASan on a loaded machine) still see each other's sessions.
cases::Case holds_a_session(std::string id, std::uint64_t active) {
  auto c = make_case(std::move(id), {send("get-device-id"), sleep_for(600),
                                     with_field(send("get-session-info", {{"session_index", num(0)}}), "active_sessions",
                                                matcher(cases::Matcher::Kind::range, {num(active), num(63)})),
                                     sleep_for(600)});
  c.isolated = true;
  return c;
}

std::vector<const cases::Case*> pointers(const std::vector<cases::Case>& storage) {
  std::vector<const cases::Case*> list;
  for (const auto& c : storage) list.push_back(&c);
  return list;
}

std::vector<std::string> ids(const TargetResults& tr) {
  std::vector<std::string> v;
  for (const auto& r : tr.cases) v.push_back(r.id);
  return v;
}

TEST(IsolatedCases, RunTogetherOnSessionsOfTheirOwn) {
  auto f = Fixture::lan({}, 300, 1);
  ASSERT_TRUE(f->simulator);
  // Three isolated cases that each see the three sessions at once only if they overlap.
  std::vector<cases::Case> storage{holds_a_session("iso.a", 3), make_case("plain.b", {send("get-device-id")}),
                                   holds_a_session("iso.c", 3), holds_a_session("iso.d", 3)};
  ExecOptions o;
  o.jobs = 3;
  std::vector<std::size_t> positions;
  std::mutex m;
  TargetEvents ev;
  ev.finished = [&](std::size_t position, const CaseResult&) {
    std::lock_guard<std::mutex> lock(m);
    positions.push_back(position);
  };
  auto tr = run_target(f->setup, pointers(storage), f->catalog, o, ev);
  ASSERT_EQ(tr.cases.size(), 4u);
  // Results in selection order; the plain case was reported first (it ran first).
  EXPECT_EQ(ids(tr), (std::vector<std::string>{"iso.a", "plain.b", "iso.c", "iso.d"}));
  EXPECT_EQ(positions, (std::vector<std::size_t>{1, 0, 2, 3}));
  for (const auto& r : tr.cases) EXPECT_EQ(r.outcome, Outcome::pass) << r.id << ": " << r.reason;
}

TEST(IsolatedCases, OneJobRunsThemOneAfterAnother) {
  auto f = Fixture::lan({}, 300, 1);
  ASSERT_TRUE(f->simulator);
  std::vector<cases::Case> storage{holds_a_session("iso.a", 2), holds_a_session("iso.b", 2)};
  ExecOptions o;
  o.jobs = 1;
  auto tr = run_target(f->setup, pointers(storage), f->catalog, o);
  ASSERT_EQ(tr.cases.size(), 2u);
  // One at a time, on the shared session alone: never two active sessions.
  for (const auto& r : tr.cases) {
    EXPECT_EQ(r.outcome, Outcome::fail) << r.id;
    EXPECT_THAT(r.reason, HasSubstr("active_sessions")) << r.id;
  }
}

TEST(IsolatedCases, ATargetThatDiesDuringThemIsNamedInEachOnesNotes) {
  auto f = Fixture::lan({}, 150, 0);
  ASSERT_TRUE(f->simulator);
  auto a = make_case("iso.a", {send("get-device-id")});
  a.isolated = true;
  auto b = make_case("iso.b", {sleep_for(300), send("get-device-id")});
  b.isolated = true;
  std::vector<cases::Case> storage{make_case("plain.x", {send("get-device-id")}), a, b};
  ExecOptions o;
  o.jobs = 2;
  TargetEvents ev;
  ev.started = [&](const std::string& id) {
    if (id == "iso.a") {
      EXPECT_TRUE(f->simulator->stop());  // the BMC dies as the isolated cases start
    }
  };
  auto tr = run_target(f->setup, pointers(storage), f->catalog, o, ev);
  ASSERT_EQ(tr.cases.size(), 3u);
  EXPECT_EQ(tr.cases[0].outcome, Outcome::pass);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(tr.cases[i].outcome, Outcome::error) << tr.cases[i].id;
    EXPECT_THAT(tr.cases[i].notes,
                ::testing::Contains(HasSubstr("target stopped answering after the isolated cases iso.a, iso.b")));
  }
}

TEST(IsolatedCases, ASystemInterfaceCaseRunsInOrder) {
  auto f = Fixture::in_memory();
  ASSERT_TRUE(f->simulator);
  auto a = make_case("sys.a", {send("get-device-id")});
  a.isolated = true;
  a.interface = cases::Case::Interface::system;
  std::vector<cases::Case> storage{a, make_case("plain.b", {send("get-device-id")})};
  std::vector<std::size_t> positions;
  TargetEvents ev;
  ev.finished = [&](std::size_t position, const CaseResult&) { positions.push_back(position); };
  auto tr = run_target(f->setup, pointers(storage), f->catalog, ExecOptions{}, ev);
  ASSERT_EQ(tr.cases.size(), 2u);
  EXPECT_EQ(positions, (std::vector<std::size_t>{0, 1}));
  for (const auto& r : tr.cases) EXPECT_EQ(r.outcome, Outcome::pass) << r.id << ": " << r.reason;
}

}  // namespace
}  // namespace ipmict::runner
