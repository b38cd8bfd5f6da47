// Issue 8, the security profile (docs/security.md): every check is silent against the
// simulator's secure default (PASS; the one check of a risk the specification itself
// carries, RAKP 2's HMAC, PASSes with its info advisory), and each check FAILs with its
// finding set and the transcript as evidence on a personality that breaks its rule. The
// run's own password appears in no result.
#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "harness/cases/loader.hpp"
#include "harness/cases/probe_spec.hpp"
#include "harness/runner/target_runner.hpp"
#include "protocol/catalog/catalog.hpp"
#include "reports/summary.hpp"
#include "sim/personality_yaml.hpp"
#include "tests/runner/runner_test_support.hpp"

namespace ipmict::runner {
namespace {

constexpr std::string_view kInherent = "security.rakp2-hmac-disclosure";

const catalog::Catalog& cat() { return test::builtin(); }
const cases::Library& library() { return test::case_library(); }
const cases::Case* find_case(std::string_view id) { return test::library_case(id); }

// The security checks: the cases cases/profiles/security.yaml selects that are ours (id
// security.*), in library order.
std::vector<const cases::Case*> security_cases() {
  std::vector<const cases::Case*> out;
  for (const cases::Case* c : library().all_cases()) {
    if (c->id.rfind("security.", 0) == 0) out.push_back(c);
  }
  return out;
}

// Every text and byte string a result holds, for the secret check.
void each_text(const CaseResult& r, const std::function<void(std::string_view what, std::string_view text)>& f) {
  f("reason", r.reason);
  for (const auto& n : r.notes) f("note", n);
  for (const auto& s : r.steps) {
    f("action", s.action);
    for (const auto& m : s.mismatches) f("mismatch", m);
    for (const auto& c : s.captured) f("captured", c);
    if (s.session) f("session detail", s.session->detail);
    if (s.exchange) {
      const auto& e = *s.exchange;
      f("request text", e.request_text);
      f("response text", e.response_text);
      f("error", e.error);
      f("request bytes", std::string(e.request.begin(), e.request.end()));
      f("response bytes", std::string(e.response.begin(), e.response.end()));
    }
  }
}

void expect_no_password(const CaseResult& r, const Bytes& password) {
  ASSERT_GE(password.size(), 8u);
  const std::string pw(password.begin(), password.end());
  each_text(r, [&](std::string_view what, std::string_view text) {
    EXPECT_EQ(text.find(pw), std::string_view::npos) << r.id << ": the run's password is in a " << what;
  });
}

TEST(SecurityProfile, EveryCheckHasAFindingAndTheProfileSelectsThem) {
  const auto cases = security_cases();
  ASSERT_GE(cases.size(), 14u);
  for (const cases::Case* c : cases) {
    ASSERT_TRUE(c->finding.has_value()) << c->id << " has no finding: block";
    EXPECT_FALSE(c->finding->remedy.empty()) << c->id;
    EXPECT_NE(std::find(c->tags.begin(), c->tags.end(), "security"), c->tags.end()) << c->id;
  }
  const auto profile = std::find_if(library().profiles.begin(), library().profiles.end(),
                                    [](const cases::Profile& p) { return p.name == "security"; });
  ASSERT_NE(profile, library().profiles.end());
  EXPECT_NE(std::find(profile->include_tags.begin(), profile->include_tags.end(), "security"), profile->include_tags.end());
}

TEST(SecurityProfile, TheSecureDefaultIsSilent) {
  auto target = start_sim_target(SimTargetOptions{});
  ASSERT_TRUE(target.has_value()) << target.error();
  const Bytes password = target->admin_password;
  ExecOptions options;
  options.allow_destructive = true;  // the robustness checks and the flood too
  options.timeout = std::chrono::milliseconds(20000);
  const auto t0 = std::chrono::steady_clock::now();
  const auto cases = security_cases();
  TargetResults results = run_target(*target, cases, cat(), options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(results.cases.size(), cases.size());
  for (const CaseResult& r : results.cases) {
    EXPECT_EQ(r.outcome, Outcome::pass) << r.id << ": " << r.reason;
    if (r.id == kInherent) {
      // The risk the protocol itself carries: reported (info), never a failure.
      ASSERT_TRUE(r.finding.has_value()) << r.id;
      EXPECT_EQ(r.finding->severity, "info");
      EXPECT_TRUE(std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
        return n.find("advisory: RAKP 2 for \"admin\"") != std::string::npos && n.find("CVE-2013-4786") != std::string::npos;
      })) << r.id;
      // The simulator answers an unknown name with 0Dh, as the spec says: names are revealed.
      EXPECT_TRUE(std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
        return n.find("user names are revealed") != std::string::npos && n.find("0Dh") != std::string::npos;
      })) << r.id;
    } else {
      EXPECT_FALSE(r.finding.has_value()) << r.id << " reported a finding against the secure default";
    }
    expect_no_password(r, password);
  }
  EXPECT_LT(seconds, 30.0) << "the security profile against the simulator should stay under 30 s";
}

// Each check and a personality that breaks its rule. `recovery_wait_ms`: the flood case's
// wait, shortened here (the personality never recovers, so the wait always runs out).
struct Fires {
  std::string_view personality;
  std::string_view case_id;
  std::string_view seen;  // a piece of the reason that names what the check saw
  std::uint64_t recovery_wait_ms = 0;
};

constexpr Fires kFires[] = {
    {"cipher-suite-0-accepted", "security.cipher-suite-0", "Set Channel Access completed (00h): full Administrator control"},
    {"ipmi15-auth-none-enabled", "security.ipmi15-auth-none", "a session activated with a wrong password"},
    {"ipmi15-straight-password-enabled", "security.ipmi15-straight-password", "send the password in clear text"},
    {"anonymous-login", "security.anonymous-login", "as the null user (no name) with an empty password"},
    {"user1-enabled", "security.null-user-enabled", "RAKP 2 status 00h"},
    {"default-credentials", "security.default-credentials", "ADMIN / ADMIN (Supermicro)"},
    {"sequential-session-ids", "security.session-ids", "a constant step of 1"},
    {"session-ids-reused", "security.session-ids", "one repeated"},
    {"session-ids-reused", "security.closed-session", "handed out again"},
    {"replay-window-ignored", "security.replay", "answered in the session"},
    {"closed-session-id-reusable", "security.closed-session", "the session is still usable"},
    {"usable-after-rakp1", "security.usable-before-rakp3", "before RAKP 3 was sent"},
    {"privilege-above-limit", "security.privilege-above-limit", "seen 00h"},
    {"commands-above-privilege", "security.commands-above-privilege", "seen 00h"},
    {"hang-on-zero-length-payload", "security.robustness.zero-length", "payload length 0"},
    {"stop-on-oversized-length", "security.robustness.oversized", "points past the end of the datagram"},
    {"hang-on-truncated-header", "security.robustness.truncated-header", "cut after 1 to 11 bytes"},
    {"session-table-exhaustion-without-recovery", "security.session-flood", "still refused", 1500},
};

TEST(SecurityProfile, EachCheckFiresOnItsPersonality) {
  std::set<std::string_view> covered;
  for (const Fires& f : kFires) {
    SCOPED_TRACE(std::string(f.personality) + " -> " + std::string(f.case_id));
    const cases::Case* original = find_case(f.case_id);
    ASSERT_NE(original, nullptr) << "no case " << f.case_id;
    cases::Case c = *original;
    if (f.recovery_wait_ms != 0) {
      bool set = false;
      for (auto& step : c.steps) {
        for (auto& [name, arg] : step.probe.args) {
          if (name == "recovery_wait_ms") {
            arg.value = f.recovery_wait_ms;
            set = true;
          }
        }
      }
      ASSERT_TRUE(set) << "the case has no recovery_wait_ms to shorten";
    }
    auto personality = sim::builtin_personality(f.personality);
    ASSERT_TRUE(personality.has_value()) << personality.error();
    SimTargetOptions sim;
    sim.personalities.push_back(std::move(*personality));
    auto target = start_sim_target(sim);
    ASSERT_TRUE(target.has_value()) << target.error();
    const Bytes password = target->admin_password;
    ExecOptions options;
    options.allow_destructive = true;
    options.timeout = std::chrono::milliseconds(15000);
    TargetResults results = run_target(*target, {&c}, cat(), options);
    ASSERT_EQ(results.cases.size(), 1u);
    const CaseResult& r = results.cases.front();
    EXPECT_EQ(r.outcome, Outcome::fail) << r.reason;
    EXPECT_NE(r.reason.find(f.seen), std::string::npos) << "expected the reason to say '" << f.seen << "': " << r.reason;
    ASSERT_TRUE(r.finding.has_value()) << "no finding on a check that fired";
    EXPECT_EQ(r.finding->severity, c.finding->severity);
    EXPECT_EQ(r.finding->title, c.finding->title);
    EXPECT_EQ(r.finding->remedy, c.finding->remedy);
    // The evidence: exchanges or sessions, and a step that failed with what it saw.
    EXPECT_TRUE(std::any_of(r.steps.begin(), r.steps.end(), [](const StepRecord& s) { return s.exchange || s.session; }));
    EXPECT_TRUE(std::any_of(r.steps.begin(), r.steps.end(), [](const StepRecord& s) { return !s.ok && !s.mismatches.empty(); }));
    expect_no_password(r, password);
    covered.insert(f.case_id);
  }
  for (const cases::Case* c : security_cases()) {
    if (c->id == kInherent) continue;  // fires on every IPMI 2.0 BMC: the secure default test shows it
    EXPECT_EQ(covered.count(c->id), 1u) << c->id << " has no personality shown to make it fire";
  }
}

// summary.txt names each finding with its severity and fix, advisories included.
TEST(SecurityProfile, TheSummaryListsFindingsWithTheirFix) {
  RunResults run;
  run.complete = true;
  TargetResults t;
  t.name = "sim://";
  CaseResult fired;
  fired.id = "security.cipher-suite-0";
  fired.outcome = Outcome::fail;
  fired.reason = "step 1 (probe login): login: expected ..., seen ...";
  fired.finding = Finding{"critical", "Cipher suite 0 accepted", "Refuse suite 0", {"CVE-2013-4782"}};
  CaseResult advised;
  advised.id = "security.rakp2-hmac-disclosure";
  advised.outcome = Outcome::pass;
  advised.finding = Finding{"info", "RAKP 2 hands out a password HMAC", "Inherent", {}};
  advised.notes = {"advisory: RAKP 2 for \"admin\" carries ..."};
  CaseResult quiet;
  quiet.id = "security.replay";
  quiet.outcome = Outcome::pass;
  t.cases = {fired, advised, quiet};
  run.targets.push_back(t);
  const std::string s = reports::format_summary(run);
  EXPECT_NE(s.find("FAIL security.cipher-suite-0: step 1"), std::string::npos) << s;
  EXPECT_NE(s.find("    finding [critical] Cipher suite 0 accepted\n      fix: Refuse suite 0\n      references: CVE-2013-4782\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("PASS security.rakp2-hmac-disclosure\n    finding [info] RAKP 2 hands out a password HMAC"), std::string::npos) << s;
  EXPECT_NE(s.find("      advisory: RAKP 2 for \"admin\""), std::string::npos) << s;
  EXPECT_EQ(s.find("security.replay"), std::string::npos) << "a plain PASS is not listed";
}

}  // namespace
}  // namespace ipmict::runner
