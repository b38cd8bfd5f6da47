// Negative cases generated from a valid request and the catalog.
#include <gtest/gtest.h>

#include <string>

#include "harness/cases/generate.hpp"
#include "harness/cases/loader.hpp"

namespace ipmict::cases {
namespace {

const catalog::Catalog& cat() {
  static const catalog::Catalog c = catalog::builtin_catalog();
  return c;
}

std::vector<Case> generate(const std::string& head, const std::string& ids = "  - id: app.x.basic\n") {
  std::string cases;
  std::string rest = ids;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    cases += rest.substr(0, nl + 1) + "    steps: [{sleep_ms: 1}]\n";
    rest.erase(0, nl + 1);
  }
  auto f = load_case_text(head + "cases:\n" + cases, "t.yaml", cat());
  EXPECT_TRUE(f) << (f ? "" : f.error().front().to_string());
  if (!f) return {};
  return generate_negative_cases(*f, cat());
}

// "id: hex request (cc)" per case.
std::vector<std::string> summary(const std::vector<Case>& cases) {
  std::vector<std::string> out;
  for (const auto& c : cases) {
    const Step& s = c.steps.at(0);
    out.push_back(c.id + ": " + to_hex(view(s.raw)) + " (" + to_hex(view(*s.expect.completion_codes)) + ")");
  }
  return out;
}

TEST(Generate, GetChannelAuthCapsShortLongAndEveryReservedBit) {
  const auto cases = generate(
      "command: get-channel-auth-caps\nvalid_request: {channel_number: 0x0e, requested_maximum_privilege_level: 4}\n",
      "  - id: app.get-channel-auth-caps.a\n  - id: app.get-channel-auth-caps.b\n");
  EXPECT_EQ(summary(cases), (std::vector<std::string>{
                                "app.get-channel-auth-caps.negative.short: 06 38 0e (c7)",
                                "app.get-channel-auth-caps.negative.long: 06 38 0e 04 00 (c7)",
                                "app.get-channel-auth-caps.negative.reserved.reserved1.bit4: 06 38 1e 04 (cc)",
                                "app.get-channel-auth-caps.negative.reserved.reserved1.bit5: 06 38 2e 04 (cc)",
                                "app.get-channel-auth-caps.negative.reserved.reserved1.bit6: 06 38 4e 04 (cc)",
                                "app.get-channel-auth-caps.negative.reserved.reserved2.bit4: 06 38 0e 14 (cc)",
                                "app.get-channel-auth-caps.negative.reserved.reserved2.bit5: 06 38 0e 24 (cc)",
                                "app.get-channel-auth-caps.negative.reserved.reserved2.bit6: 06 38 0e 44 (cc)",
                                "app.get-channel-auth-caps.negative.reserved.reserved2.bit7: 06 38 0e 84 (cc)",
                            }));
  const Case& c = cases.at(0);
  EXPECT_TRUE(c.generated);
  EXPECT_EQ(c.tags, (std::vector<std::string>{"negative"}));
  EXPECT_EQ(c.mandatory, std::optional<bool>(false)) << "O in the catalog";
  EXPECT_EQ(c.command, "get-channel-auth-caps");
  EXPECT_EQ(c.spec, "IPMI 2.0 §22.13, Table 22-15") << "the catalog's reference when the file has none";
  EXPECT_EQ(c.where.to_string(), "t.yaml:2:16") << "points at the valid_request";
  EXPECT_EQ(c.steps.at(0).action, Step::Action::raw);
}

TEST(Generate, GetDeviceIdHasNoShortCase) {
  const auto cases = generate("command: get-device-id\ntags: [seed]\nvalid_request: {}\n", "  - id: app.get-device-id.basic\n");
  EXPECT_EQ(summary(cases), (std::vector<std::string>{"app.get-device-id.negative.long: 06 01 00 (c7)"}));
  EXPECT_EQ(cases.at(0).tags, (std::vector<std::string>{"seed", "negative"}));
  EXPECT_EQ(cases.at(0).mandatory, std::optional<bool>(true));
}

TEST(Generate, OptionalGroupIncludedNoShortCaseBecauseThreeBytesIsValid) {
  // Set User Access: 3 bytes, or 4 with the session limit (optional group 1).
  const auto cases = generate("command: set-user-access\nvalid_request: {channel_number: 1, user_id: 2, "
                              "user_privilege_level_limit: 4, user_session_limit: 1}\n");
  const auto s = summary(cases);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "app.set-user-access.negative.long: 06 43 01 02 04 01 00 (c7)");
  EXPECT_TRUE(std::find(s.begin(), s.end(), "app.set-user-access.negative.reserved.reserved3.bit7: 06 43 01 02 04 81 (cc)") !=
              s.end());
  for (const auto& x : s) EXPECT_EQ(x.find(".short"), std::string::npos) << x;
}

TEST(Generate, OptionalGroupLeftOutNoLongCaseBecauseFourBytesIsValid) {
  const auto cases =
      generate("command: set-user-access\nvalid_request: {channel_number: 1, user_id: 2, user_privilege_level_limit: 4}\n");
  const auto s = summary(cases);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "app.set-user-access.negative.short: 06 43 01 02 (c7)");
  for (const auto& x : s) {
    EXPECT_EQ(x.find(".long"), std::string::npos) << x;
    EXPECT_EQ(x.find("reserved3"), std::string::npos) << "group 1 is not in the request: " << x;
  }
}

TEST(Generate, GenerateOptionsAndIdPrefix) {
  EXPECT_TRUE(generate("command: get-device-id\nvalid_request: {}\ngenerate: false\n").empty());
  const auto only_long = generate("command: get-channel-auth-caps\nvalid_request: {channel_number: 1}\n"
                                  "generate: {short: false, reserved_bits: false}\n",
                                  "  - id: a.get-channel-auth-caps.x\n  - id: b.get-channel-auth-caps.y\n");
  EXPECT_EQ(summary(only_long), (std::vector<std::string>{"app.get-channel-auth-caps.negative.long: 06 38 01 00 00 (c7)"}))
      << "ids that disagree on the prefix fall back to the netFn area";
  const auto prefixed = generate("command: get-chassis-status\nvalid_request: {}\n", "  - id: x.y.get-chassis-status.z\n");
  ASSERT_EQ(prefixed.size(), 1u);
  EXPECT_EQ(prefixed[0].id, "x.y.get-chassis-status.negative.long");
  EXPECT_EQ(netfn_area(0x00), "chassis");
  EXPECT_EQ(netfn_area(0x0b), "storage");
}

TEST(Generate, UnboundedTailHasNoLongCase) {
  // Set System Info Parameters ends in a variable tail.
  const auto cases = generate("command: set-system-info-params\nvalid_request: {parameter_selector: 1, "
                              "configuration_parameter_data: \"00\"}\n");
  for (const auto& x : summary(cases)) EXPECT_EQ(x.find(".long"), std::string::npos) << x;
}

}  // namespace
}  // namespace ipmict::cases
