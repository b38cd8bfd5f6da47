// `probe:` steps and `finding:` blocks (docs/case-format.md "Probes", docs/security.md):
// what the loader reads, and the one-line problems `ipmict check` reports for them.
#include <gtest/gtest.h>

#include <string>

#include "harness/cases/loader.hpp"
#include "harness/cases/probe_spec.hpp"

namespace ipmict::cases {
namespace {

const catalog::Catalog& cat() {
  static const catalog::Catalog c = catalog::builtin_catalog();
  return c;
}

std::string problems(const std::string& text) {
  auto r = load_case_text(text, "t.yaml", cat());
  if (r) return "(loaded)";
  std::string out;
  for (const auto& d : r.error()) out += d.to_string() + "\n";
  return out;
}

std::string with_steps(const std::string& steps) { return "cases:\n  - id: security.x\n    steps:\n" + steps; }

TEST(ProbeStep, ReadsNameArgumentsAndFinding) {
  const std::string text =
      "tags: [security]\n"
      "cases:\n"
      "  - id: security.x\n"
      "    steps:\n"
      "      - probe: before-rakp3\n"
      "      - probe: {login: {cipher_suite: 0, password: wrong, user: $admin_user, privilege: user}}\n"
      "      - probe:\n"
      "          default-credentials:\n"
      "            credentials:\n"
      "              - [ADMIN, ADMIN, Supermicro]\n"
      "              - [admin, \"\", generic]\n"
      "            max_attempts: 4\n"
      "      - probe: {malformed-datagrams: {datagrams: [empty, truncated-rmcp]}}\n"
      "    finding:\n"
      "      severity: high\n"
      "      title: A title\n"
      "      remedy: The fix\n"
      "      references: [CVE-2013-4786, \"IPMI 2.0 §13.31\"]\n";
  auto r = load_case_text(text, "t.yaml", cat());
  ASSERT_TRUE(r) << r.error().front().to_string();
  const Case& c = r->cases.at(0);
  ASSERT_EQ(c.steps.size(), 4u);
  EXPECT_EQ(c.steps[0].action, Step::Action::probe);
  EXPECT_EQ(c.steps[0].probe.name, "before-rakp3");
  EXPECT_TRUE(c.steps[0].probe.args.empty());
  const ProbeAction& login = c.steps[1].probe;
  EXPECT_EQ(login.name, "login");
  EXPECT_EQ(probe_number(login, "cipher_suite", 99), 0u);
  EXPECT_EQ(probe_text(login, "password"), "wrong");
  EXPECT_EQ(probe_text(login, "user"), "$admin_user");
  EXPECT_EQ(probe_text(login, "privilege"), "user");
  EXPECT_FALSE(probe_text(login, "auth_type").has_value());
  const auto rows = probe_table(c.steps[2].probe, "credentials");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"ADMIN", "ADMIN", "Supermicro"}));
  EXPECT_EQ(rows[1][1], "");
  EXPECT_EQ(probe_number(c.steps[2].probe, "max_attempts", 16), 4u);
  const auto kinds = probe_table(c.steps[3].probe, "datagrams");
  ASSERT_EQ(kinds.size(), 2u);
  EXPECT_EQ(kinds[1].front(), "truncated-rmcp");
  ASSERT_TRUE(c.finding.has_value());
  EXPECT_EQ(c.finding->severity, "high");
  EXPECT_EQ(c.finding->title, "A title");
  EXPECT_EQ(c.finding->remedy, "The fix");
  EXPECT_EQ(c.finding->references, (std::vector<std::string>{"CVE-2013-4786", "IPMI 2.0 §13.31"}));
}

TEST(ProbeStep, EveryProblemIsOneLineWithItsPlace) {
  EXPECT_EQ(problems(with_steps("      - probe: replai\n")),
            "t.yaml:4:16: unknown probe 'replai' (did you mean 'replay'? expected one of: login, ipmi15-auth-type, "
            "rakp2-disclosure, null-user, default-credentials, session-ids, replay, closed-session, before-rakp3, "
            "malformed-datagrams, session-flood)\n");
  EXPECT_EQ(problems(with_steps("      - probe: {replay: {request: 20}}\n")),
            "t.yaml:4:26: unknown argument 'request' of probe replay (did you mean 'requests'? expected one of: "
            "requests)\n");
  EXPECT_EQ(problems(with_steps("      - probe: {replay: {requests: 5}}\n")),
            "t.yaml:4:36: argument 'requests' of probe replay 5 is too small (expected 17..64)\n");
  EXPECT_EQ(problems(with_steps("      - probe: {closed-session: {sessions: 3}}\n")),
            "t.yaml:4:34: unknown argument 'sessions' of probe closed-session (expected none: it takes no arguments)\n");
  EXPECT_EQ(problems(with_steps("      - probe: default-credentials\n")),
            "t.yaml:4:16: probe default-credentials needs 'credentials' (rows of [user, password, vendor])\n");
  EXPECT_EQ(problems(with_steps("      - probe: {default-credentials: {credentials: [[ADMIN, ADMIN]]}}\n")),
            "t.yaml:4:53: argument 'credentials' of probe default-credentials row has 2 items (expected 3: rows of "
            "[user, password, vendor])\n");
  EXPECT_EQ(problems(with_steps("      - probe: {malformed-datagrams: {datagrams: [empty, zero-lenght-rmcpplus]}}\n")),
            "t.yaml:4:58: unknown datagrams 'zero-lenght-rmcpplus' (did you mean 'zero-length-rmcpplus'? expected "
            "one of: empty, zero-length-rmcpplus, zero-length-ipmi15, oversized-length, oversized-datagram, "
            "truncated-rmcp, truncated-rmcpplus)\n");
  EXPECT_EQ(problems(with_steps("      - probe: {login: {cipher_suite: 0, auth_type: none}}\n")),
            "t.yaml:4:24: probe login with both cipher_suite and auth_type (expected cipher_suite for RMCP+ or "
            "auth_type for IPMI 1.5)\n");
  EXPECT_EQ(problems(with_steps("      - probe: {login: {user: $nobody}}\n")),
            "t.yaml:4:31: undefined variable '$nobody' (expected a capture of it in an earlier step of the case, or "
            "a built-in: $admin_user, $admin_password, $lan_channel, $user_id)\n");
  EXPECT_EQ(problems(with_steps("      - probe: replay\n        expect: {no_response: true}\n")),
            "t.yaml:5:9: 'expect' on a probe step (expected the probe alone: it judges what it sees itself and "
            "records every exchange)\n");
  EXPECT_EQ(problems("cases:\n  - id: a.b\n    finding: {severity: severe, title: t, remedy: r}\n"
                     "    steps: [{sleep_ms: 1}]\n"),
            "t.yaml:3:25: unknown severity 'severe' (expected critical, high, medium, low or info)\n");
  EXPECT_EQ(problems("cases:\n  - id: a.b\n    finding: {severity: low, remedy: r}\n    steps: [{sleep_ms: 1}]\n"),
            "t.yaml:3:14: a finding needs 'title' (expected {severity, title, remedy, references})\n");
}

// Every probe the loader accepts is described for `ipmict check` and docs: a summary, and
// for every argument its meaning.
TEST(ProbeStep, EverySpecIsDescribed) {
  ASSERT_FALSE(probe_specs().empty());
  for (const auto& s : probe_specs()) {
    EXPECT_FALSE(s.summary.empty()) << s.name;
    for (const auto& p : s.params) EXPECT_FALSE(p.meaning.empty()) << s.name << "." << p.name;
    EXPECT_EQ(find_probe_spec(s.name), &s);
  }
  EXPECT_EQ(find_probe_spec("nothing"), nullptr);
}

}  // namespace
}  // namespace ipmict::cases
