// The executor against the built-in simulator: in memory (sim/in_memory_transport) and over
// RMCP+ on the loopback (sim:// LAN).
#include "harness/runner/executor.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runner/runner_test_support.hpp"

namespace ipmict::runner {
namespace {

using namespace test;  // NOLINT(google-build-using-namespace): builders
using ::testing::HasSubstr;
using K = cases::Matcher::Kind;

bool has_phase(const CaseResult& r, StepRecord::Phase p) {
  return std::any_of(r.steps.begin(), r.steps.end(), [&](const StepRecord& s) { return s.phase == p; });
}

// --- in memory ---------------------------------------------------------------------------

TEST(ExecutorInMemoryTest, ProbeFindsIdentityChannelAndSuites) {
  auto f = Fixture::in_memory();
  ASSERT_TRUE(f->simulator);
  EXPECT_TRUE(f->header.error.empty()) << f->header.error;
  EXPECT_EQ(f->header.identity.device_id, 0x20);
  EXPECT_EQ(f->header.capabilities.ipmi20, true);
  EXPECT_THAT(f->header.capabilities.cipher_suites, ::testing::ElementsAre(3, 17));
  EXPECT_EQ(f->header.capabilities.lan_channel, 1);
}

TEST(ExecutorInMemoryTest, PassingCase) {
  auto f = Fixture::in_memory();
  auto r = f->run(make_case("t.pass", {with_field(send("get-device-id"), "device_id", eq(0x20))}));
  EXPECT_EQ(r.outcome, Outcome::pass) << r.reason;
  EXPECT_TRUE(r.reason.empty());
  ASSERT_EQ(r.steps.size(), 1u);
  ASSERT_TRUE(r.steps[0].exchange);
  EXPECT_EQ(r.steps[0].exchange->request, (std::vector<std::uint8_t>{0x06, 0x01}));
  EXPECT_EQ(r.steps[0].exchange->response.at(0), 0x00);
}

TEST(ExecutorInMemoryTest, FailNamesTheExpectationWithExpectedSeenAndTheDecodedExchange) {
  auto f = Fixture::in_memory();
  auto r = f->run(make_case("t.fail", {with_field(send("get-device-id"), "device_id", eq(0x21))}));
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_THAT(r.reason, HasSubstr("step 1 (send get-device-id): fields.device_id: expected 0x21, seen 0x20"));
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_FALSE(r.steps[0].ok);
  ASSERT_TRUE(r.steps[0].exchange);
  EXPECT_THAT(r.steps[0].exchange->request_text, HasSubstr("Get Device ID request"));
  EXPECT_THAT(r.steps[0].exchange->response_text, HasSubstr("device_id: 0x20"));
}

TEST(ExecutorInMemoryTest, InvalidCommandOnAnOptionalCommandIsUnsupportedOnAMandatoryOneFail) {
  auto f = Fixture::in_memory({answers_cc(0x06, 0x08, 0xc1), answers_cc(0x06, 0x04, 0xc1)});
  auto optional = f->run(make_case("t.guid", {send("get-device-guid")}));
  EXPECT_EQ(optional.outcome, Outcome::unsupported) << optional.reason;
  EXPECT_THAT(optional.reason, HasSubstr("optional and answered C1h"));
  auto mandatory = f->run(make_case("t.selftest", {send("get-self-test-results")}));
  EXPECT_EQ(mandatory.outcome, Outcome::fail) << mandatory.reason;
  EXPECT_THAT(mandatory.reason, HasSubstr("C1h"));
  // The case's own `mandatory: M` overrides the catalog's O.
  auto c = make_case("t.guid.m", {send("get-device-guid")});
  c.command = "get-device-guid";
  c.mandatory = true;
  EXPECT_EQ(f->run(c).outcome, Outcome::fail);
}

TEST(ExecutorInMemoryTest, GatesSkipWithAReason) {
  auto f = Fixture::in_memory();
  auto c = make_case("t.gate", {send("get-device-id")});
  c.requires_ = {"cipher-suite:99"};
  auto r = f->run(c);
  EXPECT_EQ(r.outcome, Outcome::skip);
  EXPECT_THAT(r.reason, HasSubstr("cipher-suite:99: not offered (offered: 3, 17)"));
  EXPECT_TRUE(r.steps.empty());
  c.requires_ = {"ipmi20", "cipher-suite:17", "auth-type:md5", "command:get-device-id", "interface:system"};
  EXPECT_EQ(f->run(c).outcome, Outcome::pass);
  c.requires_ = {"auth-type:none"};
  EXPECT_EQ(f->run(c).outcome, Outcome::skip);
  c.requires_ = {"interface:lan"};  // the in-memory target has no network
  EXPECT_EQ(f->run(c).outcome, Outcome::skip);
}

TEST(ExecutorInMemoryTest, CommandGateIsProbedOnceAndSkipsAbsentCommands) {
  auto f = Fixture::in_memory({answers_cc(0x06, 0x08, 0xc1)});
  auto c = make_case("t.cmdgate", {send("get-device-id")});
  c.requires_ = {"command:get-device-guid"};
  auto r = f->run(c);
  EXPECT_EQ(r.outcome, Outcome::skip);
  EXPECT_THAT(r.reason, HasSubstr("C1h"));
  ASSERT_EQ(f->ctx.command_support.count("get-device-guid"), 1u);
  EXPECT_FALSE(f->ctx.command_support["get-device-guid"]);
}

TEST(ExecutorInMemoryTest, DestructiveIsSkippedUnlessAllowed) {
  auto f = Fixture::in_memory();
  auto c = make_case("t.destructive", {send("get-device-id")});
  c.destructive = true;
  auto r = f->run(c);
  EXPECT_EQ(r.outcome, Outcome::skip);
  EXPECT_THAT(r.reason, HasSubstr("--allow-destructive"));
  ExecOptions allow;
  allow.allow_destructive = true;
  EXPECT_EQ(f->run(c, allow).outcome, Outcome::pass);
}

TEST(ExecutorInMemoryTest, AnsweredSetupMismatchIsAPreconditionSkipNotFail) {
  auto f = Fixture::in_memory();
  auto c = make_case("t.setup", {send("get-device-id")});
  c.setup = {with_cc(send("get-device-id"), {0xcc})};
  auto r = f->run(c);
  EXPECT_EQ(r.outcome, Outcome::skip);
  EXPECT_THAT(r.reason, HasSubstr("precondition not met: setup 1: setup 1 (send get-device-id): completion_code"));
  EXPECT_FALSE(has_phase(r, StepRecord::Phase::step));  // the steps did not run
}

TEST(ExecutorInMemoryTest, GeneratedNegativeOfAMissingCommandIsUnsupported) {
  auto f = Fixture::in_memory();
  // NetFn 06h command 7Fh is unassigned: the simulator answers C1h. A written case of an
  // unknown command FAILs on C1h (it counts as mandatory); a generated one is UNSUPPORTED.
  cases::Step step;
  step.action = cases::Step::Action::raw;
  step.raw = {0x06, 0x7f, 0x00};
  step.expect.completion_codes = std::vector<std::uint8_t>{0xc7};
  auto written = make_case("t.written", {step});
  EXPECT_EQ(f->run(written).outcome, Outcome::fail);
  auto generated = written;
  generated.id = "t.generated";
  generated.generated = true;
  auto r = f->run(generated);
  EXPECT_EQ(r.outcome, Outcome::unsupported);
  EXPECT_THAT(r.reason, HasSubstr("answered C1h (Invalid Command): not implemented"));
}

TEST(ExecutorInMemoryTest, TeardownRunsAfterAFailure) {
  auto f = Fixture::in_memory();
  auto c = make_case("t.teardown", {with_field(send("get-device-id"), "device_id", eq(0x99)), send("get-device-id")});
  // The teardown sets the SEL time; the system interface reads it back below.
  c.teardown = {send("set-sel-time", {{"time", num(0x12345678)}})};
  auto r = f->run(c);
  EXPECT_EQ(r.outcome, Outcome::fail);
  ASSERT_TRUE(has_phase(r, StepRecord::Phase::teardown));
  EXPECT_TRUE(r.steps.back().ok);
  EXPECT_EQ(std::count_if(r.steps.begin(), r.steps.end(), [](const StepRecord& s) { return s.phase == StepRecord::Phase::step; }),
            1);  // the second step did not run after the first failed
  auto t = f->simulator->system_interface();
  auto time = t->request(session::Request{0x0a, 0x48, {}, 0, std::nullopt});
  ASSERT_TRUE(time);
  ASSERT_GE(time->data.size(), 4u);
  const std::uint32_t seen = std::uint32_t{time->data[0]} | (std::uint32_t{time->data[1]} << 8) |
                             (std::uint32_t{time->data[2]} << 16) | (std::uint32_t{time->data[3]} << 24);
  EXPECT_GE(seen, 0x12345678u);
  EXPECT_LT(seen, 0x12345678u + 60u);
}

TEST(ExecutorInMemoryTest, FailedTeardownMakesAPassingCaseError) {
  auto f = Fixture::in_memory();
  auto c = make_case("t.teardown.fail", {send("get-device-id")});
  c.teardown = {with_cc(send("get-device-id"), {0xc1})};
  auto r = f->run(c);
  EXPECT_EQ(r.outcome, Outcome::error);
  EXPECT_THAT(r.reason, HasSubstr("teardown failed"));
}

TEST(ExecutorInMemoryTest, PassWithQuirkOnlyWhenTheTargetDeclaresTheQuirk) {
  auto f = Fixture::in_memory({answers_cc(0x06, 0x04, 0xd5)});
  auto c = make_case("t.quirk", {send("get-self-test-results")});
  cases::QuirkAlternative alt;
  alt.quirk = "selftest-d5";
  alt.expect.completion_codes = std::vector<std::uint8_t>{0xd5};
  c.quirk_alternatives = {alt};
  auto without = f->run(c);
  EXPECT_EQ(without.outcome, Outcome::fail);
  f->ctx.quirks = {"selftest-d5"};
  auto with = f->run(c);
  EXPECT_EQ(with.outcome, Outcome::pass_with_quirk) << with.reason;
  EXPECT_THAT(with.quirks_used, ::testing::ElementsAre("selftest-d5"));
  EXPECT_THAT(with.reason, HasSubstr("selftest-d5"));
  EXPECT_EQ(with.steps.at(0).quirk, "selftest-d5");
}

TEST(ExecutorInMemoryTest, ShouldCaseIsWarnAndFailUnderStrict) {
  auto f = Fixture::in_memory();
  auto c = make_case("t.should", {with_field(send("get-device-id"), "device_id", eq(0x01))});
  c.severity = cases::Case::Severity::should;
  auto warn = f->run(c);
  EXPECT_EQ(warn.outcome, Outcome::warn);
  EXPECT_THAT(warn.reason, HasSubstr("should: "));
  ExecOptions strict;
  strict.strict = true;
  auto fail = f->run(c, strict);
  EXPECT_EQ(fail.outcome, Outcome::fail);
  EXPECT_THAT(fail.reason, HasSubstr("--strict"));
}

TEST(ExecutorInMemoryTest, AsUserGetsInsufficientPrivilegeOnAnAdministratorCommand) {
  auto f = Fixture::in_memory();
  auto step = with_cc(send("set-user-name", {{"user_id", num(5)}, {"user_name", text("nobody")}}), {0xd4});
  step.as = Privilege::user;
  auto r = f->run(make_case("t.priv", {step}));
  EXPECT_EQ(r.outcome, Outcome::pass) << r.reason;
  EXPECT_EQ(r.steps.at(0).as, "User");
  step.expect.completion_codes.reset();  // expects 00h: a FAIL that names D4h
  auto fail = f->run(make_case("t.priv.fail", {step}));
  EXPECT_EQ(fail.outcome, Outcome::fail);
  EXPECT_THAT(fail.reason, HasSubstr("seen D4h"));
}

TEST(ExecutorInMemoryTest, CapturesAndBuiltinVariables) {
  auto f = Fixture::in_memory();
  auto first = send("get-device-id");
  first.capture = {{"dev", "device_id"}};
  auto second = with_field(send("get-device-id"), "device_id", matcher(K::same_as, {text("$dev")}));
  auto access = send("get-user-access", {{"channel_number", text("$lan_channel")}, {"user_id", text("$user_id")}});
  access = with_field(access, "user_privilege_level_limit", eq(text("administrator")));
  auto r = f->run(make_case("t.vars", {first, second, access}));
  EXPECT_EQ(r.outcome, Outcome::pass) << r.reason;
  EXPECT_THAT(r.steps.at(0).captured, ::testing::ElementsAre("dev = 0x20"));
  // An undefined variable is the case's fault: ERROR.
  auto bad = f->run(make_case("t.vars.bad", {send("get-user-access", {{"channel_number", text("$nope")}})}));
  EXPECT_EQ(bad.outcome, Outcome::error);
  EXPECT_THAT(bad.reason, HasSubstr("undefined variable $nope"));
}

TEST(ExecutorInMemoryTest, RepeatRunsTheStepNTimes) {
  auto f = Fixture::in_memory();
  auto s = send("get-device-id");
  s.repeat = 3;
  auto r = f->run(make_case("t.repeat", {s}));
  EXPECT_EQ(r.outcome, Outcome::pass);
  ASSERT_EQ(r.steps.size(), 3u);
  EXPECT_EQ(r.steps[2].iteration, 2u);
}

TEST(ExecutorInMemoryTest, RequestsCarryingThePasswordAreRedacted) {
  auto f = Fixture::in_memory();
  auto s = send("set-user-password", {{"user_id", num(2)}, {"operation", num(3)}, {"password", text("$admin_password")}});
  s.expect.completion_codes = std::vector<std::uint8_t>{0x00, 0x80};
  auto r = f->run(make_case("t.secret", {s}));
  ASSERT_EQ(r.steps.size(), 1u);
  ASSERT_TRUE(r.steps[0].exchange);
  EXPECT_TRUE(r.steps[0].exchange->redacted);
  EXPECT_TRUE(r.steps[0].exchange->request.empty());
  EXPECT_TRUE(r.steps[0].exchange->request_text.empty());
}

TEST(ExecutorInMemoryTest, PerCaseTimeoutIsAnError) {
  auto f = Fixture::in_memory();
  cases::Step nap;
  nap.action = cases::Step::Action::sleep;
  nap.sleep_ms = 300;
  ExecOptions quick;
  quick.timeout = std::chrono::milliseconds(50);
  auto r = f->run(make_case("t.timeout", {nap, send("get-device-id")}), quick);
  EXPECT_EQ(r.outcome, Outcome::error);
  EXPECT_THAT(r.reason, HasSubstr("timed out"));
  EXPECT_LT(r.duration_ms, 250.0);  // the sleep is cut at the deadline
}

TEST(ExecutorInMemoryTest, SystemInterfaceCase) {
  auto f = Fixture::in_memory();
  // Get Message Flags is Local-privilege: fine on the system interface, D4h over LAN.
  auto c = make_case("t.system", {send("get-message-flags")});
  c.interface = cases::Case::Interface::system;
  EXPECT_EQ(f->run(c).outcome, Outcome::pass);
  auto lan = make_case("t.system.lan", {with_cc(send("get-message-flags"), {0xd4})});
  EXPECT_EQ(f->run(lan).outcome, Outcome::pass);
}

// --- over RMCP+ (sim:// on the loopback) ------------------------------------------------

TEST(ExecutorLanTest, PassingCaseAndProbe) {
  auto f = Fixture::lan();
  ASSERT_TRUE(f->simulator);
  EXPECT_TRUE(f->header.error.empty()) << f->header.error;
  EXPECT_THAT(f->header.description, HasSubstr("cipher suite 17"));
  EXPECT_EQ(f->header.capabilities.ipmi15, true);
  auto r = f->run(make_case("t.lan.pass", {with_field(send("get-device-id"), "device_id", eq(0x20))}));
  EXPECT_EQ(r.outcome, Outcome::pass) << r.reason;
  auto fail = f->run(make_case("t.lan.fail", {with_field(send("get-device-id"), "device_id", eq(0x21))}));
  EXPECT_EQ(fail.outcome, Outcome::fail);
  EXPECT_THAT(fail.reason, HasSubstr("expected 0x21, seen 0x20"));
}

TEST(ExecutorLanTest, AsUserSessionGetsD4hOnAnAdministratorCommandAndSessionsAreReused) {
  auto f = Fixture::lan();
  auto step = with_cc(send("set-user-name", {{"user_id", num(5)}, {"user_name", text("nobody")}}), {0xd4});
  step.as = Privilege::user;
  EXPECT_EQ(f->run(make_case("t.lan.priv", {step})).outcome, Outcome::pass);
  EXPECT_EQ(f->run(make_case("t.lan.priv2", {step})).outcome, Outcome::pass);
  EXPECT_EQ(f->setup.pool->opened(), 2u);  // Administrator (probe) + User, each once
}

TEST(ExecutorLanTest, SessionOpenWithAWrongPasswordFailsAtRakp2) {
  auto f = Fixture::lan();
  auto open = session_open("wrong");
  cases::SessionExpectation e;
  e.established = false;
  e.failed_at = "RAKP 2";
  open.expect.session = e;
  auto r = f->run(make_case("t.lan.wrongpw", {open}));
  EXPECT_EQ(r.outcome, Outcome::pass) << r.reason;
  ASSERT_TRUE(r.steps.at(0).session);
  EXPECT_EQ(r.steps[0].session->failed_at, "RAKP 2");
  // Expecting an established session with the wrong password: FAIL naming the step.
  auto fail = f->run(make_case("t.lan.wrongpw.fail", {session_open("wrong")}));
  EXPECT_EQ(fail.outcome, Outcome::fail);
  EXPECT_THAT(fail.reason, HasSubstr("session: expected established, seen failed at RAKP 2"));
}

TEST(ExecutorLanTest, SessionOpenThenStepsRunInThatSession) {
  auto f = Fixture::lan();
  auto open = session_open();
  open.session.cipher_suite = 3;
  open.session.privilege = Privilege::operator_;
  auto info = with_field(send("get-session-info", {{"session_index", num(0)}}), "operating_privilege_level",
                         eq(text("operator")));
  cases::Step close;
  close.action = cases::Step::Action::session;
  close.session.kind = cases::SessionAction::Kind::close;
  auto r = f->run(make_case("t.lan.session", {open, info, close}));
  EXPECT_EQ(r.outcome, Outcome::pass) << r.reason;
  EXPECT_THAT(r.steps.at(0).session->detail, HasSubstr("cipher suite 3"));
  EXPECT_EQ(r.steps.at(1).exchange->via, "the case's session");
}

TEST(ExecutorLanTest, SystemInterfaceCaseOnASimLanTarget) {
  auto f = Fixture::lan();
  auto c = make_case("t.lan.system", {send("get-message-flags")});
  c.interface = cases::Case::Interface::system;
  auto r = f->run(c);
  EXPECT_EQ(r.outcome, Outcome::pass) << r.reason;
  EXPECT_EQ(r.steps.at(0).exchange->via, "system interface");
}

}  // namespace
}  // namespace ipmict::runner
