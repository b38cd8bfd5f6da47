// The probes the loader accepts (harness/cases/probe_spec.cpp), the ones the runner
// implements (harness/runner/probes/), and the names the JSON Schema lists are the same set.
#include <algorithm>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/probe.hpp"

namespace ipmict::runner {
namespace {

TEST(ProbeRegistry, EverySpecHasAnImplementationAndBack) {
  std::set<std::string> specs, implemented;
  for (const auto& s : cases::probe_specs()) {
    specs.insert(s.name);
    EXPECT_NE(probes::find_probe(s.name), nullptr) << "probe " << s.name << " is described but not implemented";
  }
  for (auto name : probes::implemented_probes()) implemented.insert(std::string(name));
  EXPECT_EQ(specs, implemented);
  EXPECT_EQ(probes::find_probe("no-such-probe"), nullptr);
}

TEST(ProbeRegistry, TheSchemaListsTheSameProbes) {
  std::ifstream in(std::string(IPMICT_SOURCE_DIR) + "/cases/case-schema.json");
  ASSERT_TRUE(in) << "cases/case-schema.json";
  const auto schema = nlohmann::json::parse(in);
  std::set<std::string> listed, specs;
  for (const auto& n : schema.at("$defs").at("probe_name").at("enum")) listed.insert(n.get<std::string>());
  for (const auto& s : cases::probe_specs()) specs.insert(s.name);
  EXPECT_EQ(listed, specs) << "update $defs.probe_name in cases/case-schema.json";
}

TEST(ProbeRegistry, AWrongPasswordIsNeverTheRealOne) {
  const Bytes real{'s', 'e', 'c', 'r', 'e', 't', 'x'};
  EXPECT_NE(probes::wrong_password(real), real);
  EXPECT_EQ(probes::wrong_password(real).size(), real.size());
  const Bytes long_pw(20, 'a');
  const Bytes w16 = probes::wrong_password(long_pw, 16);
  EXPECT_EQ(w16.size(), 16u);  // IPMI 1.5 passwords are at most 16 bytes
  EXPECT_NE(Bytes(long_pw.begin(), long_pw.begin() + 16), w16);
  EXPECT_FALSE(probes::wrong_password(Bytes{}).empty());
}

}  // namespace
}  // namespace ipmict::runner
