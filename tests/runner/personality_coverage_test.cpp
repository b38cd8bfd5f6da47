// Issue 5: every simulator personality makes at least one named case FAIL. Enumerates the
// built-in personalities; for each, runs the one case of the real library (cases/) that is
// shown to catch it, against a sim target playing that personality, and checks the outcome.
// A personality without a row fails the test unless kNotYetDetected lists it with a reason
// (an empty list today).
#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "harness/cases/loader.hpp"
#include "harness/runner/target_runner.hpp"
#include "protocol/catalog/catalog.hpp"
#include "sim/personality_yaml.hpp"
#include "tests/runner/runner_test_support.hpp"

namespace ipmict::runner {
namespace {

struct Row {
  std::string_view personality;
  std::string_view case_id;
  // Empty: the case must FAIL. Otherwise the target is unreachable under this personality:
  // the case must be ERROR with a reason naming the broken rule (this text).
  std::string_view unreachable_reason;
  bool destructive = false;  // the case needs --allow-destructive
  // Non-zero: the session-flood case's recovery_wait_ms, shortened for the test (a
  // personality that never recovers makes the probe wait it out in full).
  std::uint64_t recovery_wait_ms = 0;
  // The case is a SHOULD (WARN): run it under --strict, where a miss is a FAIL.
  bool strict = false;
  // Non-zero: the simulator also offers this cipher suite (the secure default offers 3 and 17).
  std::uint8_t extra_cipher_suite = 0;
};

constexpr Row kCoverage[] = {
    {"wrong-completion-code", "app.get-device-id.basic", {}, false},
    {"missing-response-byte", "app.get-device-id.basic", {}, false},
    {"extra-response-byte", "app.get-self-test-results.format", {}, false},
    {"reserved-bits-set", "app.get-device-id.basic", {}, false},
    {"cipher-suite-0-accepted", "session.rmcpplus.suite-0-refused-when-not-offered", {}, false},
    {"sequence-off-by-one", "session.rmcpplus.sequence-consecutive", {}, false},
    {"null-user-any-password", "session.lan15.null-user-wrong-password", {}, true},
    // The security profile's checks (cases/security/, docs/security.md).
    {"replay-window-ignored", "security.replay", {}, false},
    {"usable-after-rakp1", "security.usable-before-rakp3", {}, false},
    {"session-ids-reused", "security.session-ids", {}, false},
    {"hang-on-zero-length-payload", "security.robustness.zero-length", {}, true},
    {"stop-on-oversized-length", "security.robustness.oversized", {}, true},
    {"hang-on-truncated-header", "security.robustness.truncated-header", {}, true},
    {"ipmi15-auth-none-enabled", "security.ipmi15-auth-none", {}, false},
    {"ipmi15-straight-password-enabled", "security.ipmi15-straight-password", {}, false},
    {"anonymous-login", "security.anonymous-login", {}, false},
    {"user1-enabled", "security.null-user-enabled", {}, false},
    {"default-credentials", "security.default-credentials", {}, false},
    {"sequential-session-ids", "security.session-ids", {}, false},
    {"closed-session-id-reusable", "security.closed-session", {}, false},
    {"privilege-above-limit", "security.privilege-above-limit", {}, false},
    {"commands-above-privilege", "security.commands-above-privilege", {}, false},
    {"session-table-exhaustion-without-recovery", "security.session-flood", {}, true, 1500},
    // SHOULD cases, under --strict.
    {"drop-every-3rd", "session.rmcpplus.every-request-answered-at-once", {}, false, 0, true},
    {"integrity-pad-always-4", "session.rmcpplus.integrity-pad-minimal", {}, false, 0, true, 16},
    // The whole target is unreachable: every case is ERROR, naming what broke.
    {"bad-checksum", "app.get-device-id.basic", "bad checksum", false},
    {"rakp2-wrong-privilege", "app.get-device-id.basic", "RAKP 2 HMAC mismatch", false},
    {"sequence-byte-swapped", "app.get-device-id.basic", "the capability probe got no answer", false},
    {"slow-responses", "app.get-device-id.basic", "no response after", false},
};

// Personalities no case catches yet, each with why (none today: keep it that way).
constexpr std::array<std::pair<std::string_view, std::string_view>, 0> kNotYetDetected{};

const catalog::Catalog& cat() { return test::builtin(); }
const cases::Case* find_case(std::string_view id) { return test::library_case(id); }

TEST(PersonalityCoverage, EveryPersonalityHasARowOrAReason) {
  for (const auto& p : sim::builtin_personalities()) {
    const bool row = std::any_of(std::begin(kCoverage), std::end(kCoverage), [&](const Row& r) { return r.personality == p.name; });
    const bool gap = std::any_of(std::begin(kNotYetDetected), std::end(kNotYetDetected),
                                 [&](const auto& g) { return g.first == p.name; });
    if (!row && !gap) ADD_FAILURE() << "no case shown to fail for personality " << p.name;
    EXPECT_FALSE(row && gap) << p.name << " has a case: remove it from kNotYetDetected";
  }
  for (const Row& r : kCoverage) {
    EXPECT_TRUE(sim::builtin_personality(r.personality).has_value()) << "unknown personality " << r.personality;
  }
}

TEST(PersonalityCoverage, EachRowsCaseCatchesItsPersonality) {
  for (const Row& r : kCoverage) {
    SCOPED_TRACE(std::string(r.personality) + " -> " + std::string(r.case_id));
    const cases::Case* found = find_case(r.case_id);
    ASSERT_NE(found, nullptr) << "no case " << r.case_id << " in cases/";
    cases::Case shortened = *found;
    if (r.recovery_wait_ms != 0) {
      for (auto& step : shortened.steps)
        for (auto& [name, arg] : step.probe.args)
          if (name == "recovery_wait_ms") arg.value = r.recovery_wait_ms;
    }
    const cases::Case* c = &shortened;
    auto personality = sim::builtin_personality(r.personality);
    ASSERT_TRUE(personality.has_value()) << personality.error();
    SimTargetOptions sim;
    sim.personalities.push_back(std::move(*personality));
    if (r.extra_cipher_suite != 0) sim.extra_cipher_suites.push_back(r.extra_cipher_suite);
    auto target = start_sim_target(sim);
    ASSERT_TRUE(target.has_value()) << target.error();
    ExecOptions options;
    options.allow_destructive = r.destructive;
    options.strict = r.strict;
    options.timeout = std::chrono::milliseconds(15000);
    TargetResults results = run_target(*target, {c}, cat(), options);
    ASSERT_EQ(results.cases.size(), 1u);
    const CaseResult& got = results.cases.front();
    if (r.unreachable_reason.empty()) {
      EXPECT_EQ(got.outcome, Outcome::fail) << got.reason;
    } else {
      EXPECT_EQ(got.outcome, Outcome::error) << got.reason;
      EXPECT_NE(got.reason.find(r.unreachable_reason), std::string::npos)
          << "expected the reason to name '" << r.unreachable_reason << "', got: " << got.reason;
    }
  }
}

// The same cases on the conformant simulator: they PASS (a case that fails everywhere
// would prove nothing).
TEST(PersonalityCoverage, TheRowsCasesPassOnTheConformantSimulator) {
  SimTargetOptions conformant;
  for (const Row& r : kCoverage) {
    if (r.extra_cipher_suite != 0) conformant.extra_cipher_suites.push_back(r.extra_cipher_suite);
  }
  auto target = start_sim_target(conformant);
  ASSERT_TRUE(target.has_value()) << target.error();
  std::vector<const cases::Case*> selected;
  for (const Row& r : kCoverage) {
    const cases::Case* c = find_case(r.case_id);
    ASSERT_NE(c, nullptr) << r.case_id;
    if (std::find(selected.begin(), selected.end(), c) == selected.end()) selected.push_back(c);
  }
  ExecOptions options;
  options.allow_destructive = true;
  options.strict = true;
  TargetResults results = run_target(*target, selected, cat(), options);
  ASSERT_EQ(results.cases.size(), selected.size());
  for (const CaseResult& got : results.cases) EXPECT_EQ(got.outcome, Outcome::pass) << got.id << ": " << got.reason;
}

}  // namespace
}  // namespace ipmict::runner
