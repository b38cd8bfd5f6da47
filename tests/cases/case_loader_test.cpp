// A good case file loads into exactly the model docs/case-format.md describes.
#include <gtest/gtest.h>

#include <string>

#include "harness/cases/loader.hpp"

namespace ipmict::cases {
namespace {

const std::string kDir = std::string(IPMICT_TEST_DATA_DIR) + "/cases/good";
const std::string kFile = kDir + "/22-app/get-channel-auth-caps.yaml";

std::uint64_t num(const Value& v) { return std::get<std::uint64_t>(v.value); }
std::string str(const Value& v) { return std::get<std::string>(v.value); }

class GoodFile : public ::testing::Test {
 protected:
  void SetUp() override {
    static const catalog::Catalog cat = catalog::builtin_catalog();
    static const std::vector<Quirk> quirks = {Quirk{"authcaps-in-session-d5", "", {}}};
    auto r = load_case_file(kFile, cat, &quirks);
    ASSERT_TRUE(r) << r.error().front().to_string();
    file = std::move(*r);
  }
  CaseFile file;
};

TEST_F(GoodFile, FileKeys) {
  EXPECT_EQ(file.path, kFile);
  EXPECT_EQ(file.command, "get-channel-auth-caps");
  EXPECT_EQ(file.spec, "IPMI 2.0 §22.13, Table 22-15");
  EXPECT_EQ(file.tags, (std::vector<std::string>{"seed", "session-setup"}));
  ASSERT_TRUE(file.valid_request);
  const Step& v = *file.valid_request;
  EXPECT_EQ(v.action, Step::Action::send);
  EXPECT_EQ(v.command, "get-channel-auth-caps");
  ASSERT_EQ(v.fields.size(), 2u);
  EXPECT_EQ(v.fields[0].first, "channel_number");
  EXPECT_EQ(num(v.fields[0].second), 0x0eu);
  EXPECT_EQ(v.fields[1].first, "requested_maximum_privilege_level");
  EXPECT_EQ(num(v.fields[1].second), 4u) << "enum labels resolve to their numbers";
  EXPECT_EQ(v.where.to_string(), kFile + ":7:3");
  ASSERT_TRUE(file.generate);
  EXPECT_TRUE(file.generate->short_request && file.generate->long_request && file.generate->reserved_bits);
  ASSERT_EQ(file.cases.size(), 2u);
}

TEST_F(GoodFile, CaseKeys) {
  const Case& c = file.cases.at(0);
  EXPECT_EQ(c.id, "app.get-channel-auth-caps.ipmi20-admin");
  EXPECT_EQ(c.title, "IPMI v2.0 extended data for the current channel at Administrator");
  EXPECT_EQ(c.spec, "§22.13, Table 22-15");
  EXPECT_EQ(c.command, "get-channel-auth-caps");
  EXPECT_EQ(c.tags, (std::vector<std::string>{"seed", "session-setup", "core"})) << "file tags first, no repeats";
  EXPECT_EQ(c.mandatory, std::optional<bool>(true));
  EXPECT_EQ(c.privilege, std::optional<Privilege>(Privilege::user));
  EXPECT_EQ(c.requires_, (std::vector<std::string>{"ipmi20", "cipher-suite:3", "auth-type:md5", "command:get-device-id",
                                                  "interface:lan"}));
  EXPECT_FALSE(c.destructive);
  EXPECT_EQ(c.interface, Case::Interface::lan);
  EXPECT_EQ(c.severity, Case::Severity::should);
  EXPECT_FALSE(c.generated);
  EXPECT_EQ(c.where.to_string(), kFile + ":11:5");
  ASSERT_EQ(c.quirk_alternatives.size(), 1u);
  EXPECT_EQ(c.quirk_alternatives[0].quirk, "authcaps-in-session-d5");
  EXPECT_EQ(c.quirk_alternatives[0].expect.completion_codes, (std::vector<std::uint8_t>{0xd5}));
  EXPECT_EQ(c.quirk_alternatives[0].where.line, 63);

  const Case& d = file.cases.at(1);  // the defaults
  EXPECT_EQ(d.spec, file.spec);
  EXPECT_EQ(d.tags, file.tags);
  EXPECT_EQ(d.mandatory, std::nullopt);
  EXPECT_EQ(d.privilege, std::nullopt);
  EXPECT_TRUE(d.requires_.empty());
  EXPECT_EQ(d.severity, Case::Severity::must);
  EXPECT_EQ(d.interface, Case::Interface::lan);
  ASSERT_EQ(d.steps.size(), 1u);
  EXPECT_TRUE(d.steps[0].fields[0].second.is_variable());
  EXPECT_EQ(str(d.steps[0].fields[0].second), "$lan_channel");
  EXPECT_EQ(d.steps[0].expect.completion_codes, std::nullopt) << "the runner's default (00h) applies";
  EXPECT_EQ(d.steps[0].repeat, 1u);
}

TEST_F(GoodFile, SetupSessionOpen) {
  const Case& c = file.cases.at(0);
  ASSERT_EQ(c.setup.size(), 1u);
  const Step& s = c.setup[0];
  EXPECT_EQ(s.action, Step::Action::session);
  EXPECT_EQ(s.command, "");
  EXPECT_EQ(s.session.kind, SessionAction::Kind::open);
  EXPECT_EQ(s.session.cipher_suite, std::optional<std::uint8_t>(3));
  EXPECT_EQ(s.session.auth_type, std::nullopt);
  EXPECT_EQ(s.session.user, "$admin_user");
  EXPECT_EQ(s.session.password, "wrong");
  EXPECT_EQ(s.session.privilege, Privilege::operator_);
  EXPECT_EQ(s.session.kg, std::optional<Bytes>(Bytes{0x01, 0x02}));
  ASSERT_TRUE(s.expect.session);
  EXPECT_FALSE(s.expect.session->established);
  EXPECT_EQ(s.expect.session->failed_at, std::optional<std::string>("RAKP 2"));
  EXPECT_EQ(s.expect.session->status, std::optional<std::uint8_t>(0x0d));
}

TEST_F(GoodFile, SendStepWithEveryMatcherAndCapture) {
  const Step& s = file.cases.at(0).steps.at(0);
  EXPECT_EQ(s.action, Step::Action::send);
  EXPECT_EQ(s.command, "get-channel-auth-caps");
  ASSERT_EQ(s.fields.size(), 3u);
  EXPECT_EQ(s.fields[1].first, "get_ipmi_v20_extended_data");
  EXPECT_EQ(num(s.fields[1].second), 1u);
  EXPECT_EQ(s.fields[2].second.where.to_string(), kFile + ":28:46");
  EXPECT_EQ(s.expect.completion_codes, (std::vector<std::uint8_t>{0x00}));
  EXPECT_EQ(s.expect.length, (std::optional<std::pair<std::size_t, std::size_t>>{{8, 8}}));
  const auto& f = s.expect.fields;
  ASSERT_EQ(f.size(), 7u);
  EXPECT_EQ(f[0].first, "channel_supports_ipmi_v20_connections");
  EXPECT_EQ(f[0].second.kind, Matcher::Kind::equals);
  EXPECT_EQ(num(f[0].second.values.at(0)), 1u);
  EXPECT_EQ(f[1].second.kind, Matcher::Kind::equals);
  EXPECT_EQ(f[2].first, "channel_number");
  EXPECT_EQ(f[2].second.kind, Matcher::Kind::range);
  EXPECT_EQ(num(f[2].second.values.at(0)), 1u);
  EXPECT_EQ(num(f[2].second.values.at(1)), 11u);
  EXPECT_EQ(f[3].second.kind, Matcher::Kind::not_equal);
  EXPECT_EQ(f[4].second.kind, Matcher::Kind::any);
  EXPECT_TRUE(f[4].second.values.empty());
  EXPECT_EQ(f[5].first, "kg_status");
  EXPECT_EQ(f[5].second.kind, Matcher::Kind::one_of);
  ASSERT_EQ(f[5].second.values.size(), 2u);
  EXPECT_EQ(num(f[5].second.values[1]), 1u) << "the label 'non-zero'";
  EXPECT_EQ(f[6].second.kind, Matcher::Kind::mask);
  EXPECT_EQ(f[6].second.mask, 0x0fu);
  EXPECT_EQ(num(f[6].second.values.at(0)), 4u);
  EXPECT_EQ(f[6].second.where.line, 39);
  EXPECT_EQ(s.capture, (std::vector<std::pair<std::string, std::string>>{{"lan_channel", "channel_number"},
                                                                          {"oem", "oem_id"}}));
}

TEST_F(GoodFile, RawSleepAndOtherCommandSteps) {
  const auto& steps = file.cases.at(0).steps;
  ASSERT_EQ(steps.size(), 4u);
  const Step& raw = steps[1];
  EXPECT_EQ(raw.action, Step::Action::raw);
  EXPECT_EQ(raw.raw, (Bytes{0x06, 0x38, 0x8e, 0x04}));
  EXPECT_EQ(raw.as, std::optional<Privilege>(Privilege::operator_));
  EXPECT_EQ(raw.repeat, 3u);
  EXPECT_EQ(raw.expect.completion_codes, (std::vector<std::uint8_t>{0x00, 0xc1}));
  EXPECT_EQ(raw.expect.length, (std::optional<std::pair<std::size_t, std::size_t>>{{8, 9}}));
  ASSERT_EQ(raw.expect.fields.size(), 1u);
  EXPECT_EQ(raw.expect.fields[0].second.kind, Matcher::Kind::same_as);
  EXPECT_EQ(str(raw.expect.fields[0].second.values.at(0)), "$oem");

  const Step& other = steps[2];
  EXPECT_EQ(other.command, "get-device-id") << "a name resolves to the catalog id";
  EXPECT_TRUE(other.fields.empty());
  EXPECT_EQ(other.expect.completion_codes, (std::vector<std::uint8_t>{0x00}));
  ASSERT_EQ(other.expect.fields.size(), 1u);
  EXPECT_EQ(other.expect.fields[0].second.kind, Matcher::Kind::absent);

  EXPECT_EQ(steps[3].action, Step::Action::sleep);
  EXPECT_EQ(steps[3].sleep_ms, 100u);
  EXPECT_EQ(steps[3].where.to_string(), kFile + ":56:9");
}

TEST_F(GoodFile, Teardown) {
  const auto& t = file.cases.at(0).teardown;
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].session.kind, SessionAction::Kind::set_privilege);
  EXPECT_EQ(t[0].session.privilege, Privilege::user);
  EXPECT_EQ(t[1].session.kind, SessionAction::Kind::close);
  EXPECT_EQ(t[2].session.kind, SessionAction::Kind::open);
  EXPECT_EQ(t[2].session.auth_type, std::optional<AuthType>(AuthType::md5));
  EXPECT_EQ(t[2].session.cipher_suite, std::nullopt);
  EXPECT_EQ(t[2].session.password, "$admin_password");
  EXPECT_TRUE(t[2].expect.no_response);
}

TEST(CaseLoader, GenerateFalseTurnsEverythingOff) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  auto r = load_case_text("command: get-device-id\nvalid_request: {}\ngenerate: false\ncases: []\n", "t.yaml", cat);
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->generate);
  EXPECT_FALSE(r->generate->short_request || r->generate->long_request || r->generate->reserved_bits);
}

TEST(CaseLoader, TwentyBytePasswordFitsTheTwentyByteLayout) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  auto r = load_case_text(
      "command: set-user-password\ncases:\n  - id: a.b\n    steps:\n"
      "      - send: {user_id: 2, password_size: 1, operation: 2, password: \"01234567890123456789\"}\n",
      "t.yaml", cat);
  ASSERT_TRUE(r) << r.error().front().to_string();
}

TEST(CaseLoader, ValidRequestAsRawBytes) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  auto r = load_case_text("command: get-channel-auth-caps\nvalid_request: {raw: \"06 38 0e 04\"}\ncases: []\n", "t.yaml",
                          cat);
  ASSERT_TRUE(r) << r.error().front().to_string();
  EXPECT_EQ(r->valid_request->action, Step::Action::raw);
  EXPECT_EQ(r->valid_request->raw, (Bytes{0x06, 0x38, 0x0e, 0x04}));
}

}  // namespace
}  // namespace ipmict::cases
