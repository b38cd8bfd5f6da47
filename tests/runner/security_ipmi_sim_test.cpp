// Issue 8: the security profile against a real, independent BMC: OpenIPMI ipmi_sim with a
// permissive configuration (tests/peers/ipmi_sim/lan-permissive.conf.in: IPMI 1.5 auth
// types none and straight password, user 1 enabled with a password). The findings below
// are what ipmi_sim 2.0.33 really does (docs/security.md "What ipmi_sim shows"); the checks
// it passes are asserted too, so a change either way is noticed. The session flood is left
// out: ipmi_sim recovers only after its ~30 s set-up timeout (docs/security.md).
#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "harness/cases/loader.hpp"
#include "harness/runner/target_runner.hpp"
#include "protocol/catalog/catalog.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::runner {
namespace {

TEST(SecurityIpmiSim, ThePermissiveConfigurationsFindingsAreReported) {
  if (!test::ipmi_sim_available()) GTEST_SKIP() << test::ipmi_sim_unavailable_reason();
  const catalog::Catalog catalog = catalog::builtin_catalog();
  auto library = cases::load_library(std::string(IPMICT_SOURCE_DIR) + "/cases", catalog);
  ASSERT_TRUE(library) << library.error().front().to_string();
  std::vector<const cases::Case*> selected;
  for (const cases::Case* c : library->all_cases()) {
    if (c->id.rfind("security.", 0) == 0 && c->id != "security.session-flood") selected.push_back(c);
  }

  test::IpmiSimPeer peer(test::default_run_ipmi_sim_script(), std::chrono::milliseconds(30000), "lan-permissive.conf.in");
  const std::string user(test::IpmiSimPeer::kAdminUser);
  const std::string password(test::IpmiSimPeer::kAdminPassword);
  TargetSetup target;
  target.name = "ipmi_sim (permissive)";
  LanEndpoint ep;
  ep.host = std::string(test::IpmiSimPeer::kHost);
  ep.port = peer.port();
  ep.config.protocol = session::Protocol::lanplus;
  ep.config.cipher_suite = 3;
  ep.config.username.assign(user.begin(), user.end());
  ep.config.password.assign(password.begin(), password.end());
  ep.config.timeout = session::Millis(500);
  ep.config.retries = 1;
  target.lan = ep;
  target.pool = std::make_unique<SessionPool>(lan_opener(ep));
  target.admin_user = user;
  target.admin_password.assign(password.begin(), password.end());

  ExecOptions options;
  options.allow_destructive = true;  // the malformed datagrams: ipmi_sim survives them
  options.timeout = std::chrono::milliseconds(30000);
  TargetResults results = run_target(target, selected, catalog, options);
  ASSERT_TRUE(results.error.empty()) << results.error;
  std::map<std::string, const CaseResult*> by_id;
  for (const auto& r : results.cases) by_id[r.id] = &r;

  // What ipmi_sim gets wrong, each FAIL with its finding.
  for (const char* id : {"security.cipher-suite-0", "security.ipmi15-auth-none", "security.ipmi15-straight-password",
                         "security.null-user-enabled", "security.session-ids", "security.replay",
                         "security.usable-before-rakp3", "security.privilege-above-limit"}) {
    ASSERT_EQ(by_id.count(id), 1u) << id;
    const CaseResult& r = *by_id[id];
    EXPECT_EQ(r.outcome, Outcome::fail) << id << ": " << r.reason;
    EXPECT_TRUE(r.finding.has_value()) << id;
  }
  // What it gets right with this configuration.
  for (const char* id : {"security.anonymous-login", "security.default-credentials", "security.closed-session",
                         "security.commands-above-privilege", "security.robustness.zero-length",
                         "security.robustness.oversized", "security.robustness.truncated-header"}) {
    ASSERT_EQ(by_id.count(id), 1u) << id;
    EXPECT_EQ(by_id[id]->outcome, Outcome::pass) << id << ": " << by_id[id]->reason;
    EXPECT_FALSE(by_id[id]->finding.has_value()) << id;
  }
  // The inherent risk: an advisory, and ipmi_sim tells unknown user names apart (0Dh).
  const CaseResult& rakp = *by_id.at("security.rakp2-hmac-disclosure");
  EXPECT_EQ(rakp.outcome, Outcome::pass) << rakp.reason;
  ASSERT_TRUE(rakp.finding.has_value());
  EXPECT_EQ(rakp.finding->severity, "info");
  EXPECT_TRUE(std::any_of(rakp.notes.begin(), rakp.notes.end(), [](const std::string& n) {
    return n.find("user names are revealed") != std::string::npos;
  }));
  // Specific evidence: cipher suite 0 gave full control; the IDs are predictable (ipmi_sim
  // 2.0.33 steps them by 80h).
  EXPECT_NE(by_id.at("security.cipher-suite-0")->reason.find("full Administrator control"), std::string::npos);
  EXPECT_NE(by_id.at("security.session-ids")->reason.find("session IDs: expected unpredictable"), std::string::npos)
      << by_id.at("security.session-ids")->reason;
}

}  // namespace
}  // namespace ipmict::runner
