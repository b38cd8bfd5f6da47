// Every kind of problem `ipmict check` catches gives one exact line with file:line:col.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "harness/cases/loader.hpp"

namespace ipmict::cases {
namespace {

const catalog::Catalog& cat() {
  static const catalog::Catalog c = catalog::builtin_catalog();
  return c;
}

const std::vector<Quirk>& quirks() {
  static const std::vector<Quirk> q = {Quirk{"authcaps-in-session-d5", "D5h in a session", {}}};
  return q;
}

// All diagnostics of a text, one per line.
std::string problems(const std::string& text) {
  auto r = load_case_text(text, "t.yaml", cat(), &quirks());
  if (r) return "(loaded)";
  std::string out;
  for (const auto& d : r.error()) out += d.to_string() + "\n";
  return out;
}

// A file around one case's steps.
std::string with_steps(const std::string& steps) {
  return "command: get-channel-auth-caps\ncases:\n  - id: app.x.y\n    steps:\n" + steps;
}

struct ErrorCase {
  const char* rule;
  std::string text;
  std::string expected;
};
// Test names show the rule, not the object's bytes.
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.rule; }

class CaseErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CaseErrors, GivesTheExactOneLineDiagnostic) {
  EXPECT_EQ(problems(GetParam().text), GetParam().expected) << GetParam().rule;
}

const ErrorCase kErrors[] = {
    {"yaml syntax", "command: x\ncases: [\n  - id: a\n", "t.yaml:3:3: YAML syntax error: illegal block entry (expected well-formed YAML)\n"},
    {"unknown file key", "command: get-device-id\ncasez: []\ncases: []\n",
     "t.yaml:2:1: unknown key 'casez' in the case file (did you mean 'cases'? expected one of: command, spec, tags, "
     "valid_request, generate, cases)\n"},
    {"unknown case key", "cases:\n  - id: a.b\n    titel: x\n    steps: [{sleep_ms: 1}]\n",
     "t.yaml:3:5: unknown key 'titel' in case (did you mean 'title'? expected one of: id, title, spec, tags, mandatory, "
     "privilege, requires, destructive, isolated, interface, setup, steps, teardown, severity, finding, "
     "quirk_alternatives)\n"},
    {"unknown step key", with_steps("      - send: {}\n        expekt: {}\n"),
     "t.yaml:6:9: unknown key 'expekt' in a step (did you mean 'expect'? expected one of: send, raw, session, "
     "sleep_ms, probe, command, as, expect, capture, repeat)\n"},
    {"unknown expect key", with_steps("      - send: {}\n        expect: {completion: 0}\n"),
     "t.yaml:6:18: unknown key 'completion' in expect (expected one of: completion_code, length, fields, session, "
     "no_response, discarded, resent, sequence, integrity_pad)\n"},
    {"unknown matcher key", with_steps("      - send: {}\n        expect: {fields: {oem_id: {equal: 1}}}\n"),
     "t.yaml:6:36: unknown key 'equal' in a matcher of field 'oem_id' of get-channel-auth-caps (did you mean "
     "'equals'? expected one of: equals, not_equal, mask, value, range, one_of, same_as)\n"},
    {"unknown session key", with_steps("      - session: {open: {cipher: 3}}\n"),
     "t.yaml:5:26: unknown key 'cipher' in open (expected one of: cipher_suite, auth_type, user, password, privilege, "
     "kg)\n"},
    {"isolated not a boolean", "command: get-channel-auth-caps\ncases:\n  - id: app.x.y\n    isolated: maybe\n    steps:\n      - send: {}\n",
     "t.yaml:4:15: isolated must be true or false (expected a boolean)\n"},
    {"resent not a number", with_steps("      - send: {}\n        expect: {resent: many}\n"),
     "t.yaml:6:26: resent: 'many' is not a number (expected decimal or 0x hex)\n"},
    {"no action", with_steps("      - expect: {completion_code: 0}\n"),
     "t.yaml:5:9: a step needs exactly one action, found none (expected one of: send, raw, session, sleep_ms, "
     "probe)\n"},
    {"two actions", with_steps("      - send: {}\n        sleep_ms: 5\n"),
     "t.yaml:5:9: a step needs exactly one action, found send, sleep_ms (expected one of: send, raw, session, "
     "sleep_ms, probe)\n"},
    {"unknown command id", "command: get-chanel-auth-caps\ncases: []\n",
     "t.yaml:1:10: unknown command 'get-chanel-auth-caps' (did you mean 'get-channel-auth-caps'? expected a catalog "
     "id or name; `ipmict catalog` lists them)\n"},
    {"unknown step command", with_steps("      - command: get-thing\n        send: {}\n"),
     "t.yaml:5:18: unknown command 'get-thing' (expected a catalog id or name; `ipmict catalog` lists them)\n"},
    {"unknown request field", with_steps("      - send: {chanel_number: 1}\n"),
     "t.yaml:5:16: unknown request field 'chanel_number' of get-channel-auth-caps (did you mean 'channel_number'? "
     "expected one of: channel_number, reserved1, get_ipmi_v20_extended_data, requested_maximum_privilege_level, "
     "reserved2)\n"},
    {"unknown response field", with_steps("      - send: {}\n        expect: {fields: {oem_idd: 0}}\n"),
     "t.yaml:6:27: unknown response field 'oem_idd' of get-channel-auth-caps (did you mean 'oem_id'? expected one of: "
     "channel_number, authentication_type_none, authentication_type_md2, authentication_type_md5, reserved1, "
     "authentication_type_straight_password_key, authentication_type_oem_proprietary, reserved2, "
     "ipmi_v20_extended_capabilities_available, anonymous_login_enabled, null_usernames_enabled, "
     "non_null_usernames_enabled, user_level_authentication_disabled, per_message_authentication_disabled, "
     "kg_status, reserved3, channel_supports_ipmi_v15_connections, channel_supports_ipmi_v20_connections, reserved4, "
     "oem_id, oem_auxiliary_data)\n"},
    {"value too wide", with_steps("      - send: {channel_number: 0x10}\n"),
     "t.yaml:5:32: value 0x10 is too wide for field 'channel_number' of get-channel-auth-caps (expected 4 bits: "
     "0..0xf)\n"},
    {"matcher value too wide", with_steps("      - send: {}\n        expect: {fields: {kg_status: 2}}\n"),
     "t.yaml:6:38: value 2 is too wide for field 'kg_status' of get-channel-auth-caps (expected 1 bit: 0..0x1)\n"},
    {"unknown enum label", with_steps("      - send: {requested_maximum_privilege_level: adminstrator}\n"),
     "t.yaml:5:51: unknown value 'adminstrator' for field 'requested_maximum_privilege_level' of "
     "get-channel-auth-caps (did you mean 'Administrator'? expected a number or one of: reserved, Callback, User, "
     "Operator, Administrator, OEM Proprietary)\n"},
    {"bad hex raw", with_steps("      - raw: \"06 3g\"\n"),
     "t.yaml:5:14: bad hex bytes '06 3g' for raw (expected pairs of hex digits, e.g. \"d8 cb 8a f7\")\n"},
    // Found by the case_loader fuzzer: a quoted value with line breaks broke the one-line rule.
    {"bad hex raw spanning lines", with_steps("      - raw: \"06 31\\n  x\\ty\\x01\"\n"),
     "t.yaml:5:14: bad hex bytes '06 31\\n  x\\ty\\x01' for raw (expected pairs of hex digits, e.g. \"d8 cb 8a f7\")\n"},
    {"bad hex field", "command: get-device-id\ncases:\n  - id: a.b\n    steps:\n      - send: {}\n        expect: "
                      "{fields: {auxiliary_firmware_revision: \"01 2\"}}\n",
     "t.yaml:6:56: bad hex bytes '01 2' for field 'auxiliary_firmware_revision' of get-device-id (expected pairs of "
     "hex digits, e.g. \"d8 cb 8a f7\")\n"},
    {"duplicate id in a file",
     "cases:\n  - id: a.b\n    steps: [{sleep_ms: 1}]\n  - id: a.b\n    steps: [{sleep_ms: 1}]\n",
     "t.yaml:4:5: duplicate case id 'a.b' (first at t.yaml:2:5; expected ids unique across the library)\n"},
    {"bad id", "cases:\n  - id: App_X\n    steps: [{sleep_ms: 1}]\n",
     "t.yaml:2:9: bad case id 'App_X' (expected [a-z0-9.-]+, e.g. app.get-device-id.basic)\n"},
    {"undefined variable", with_steps("      - send: {channel_number: $chan}\n"),
     "t.yaml:5:32: undefined variable '$chan' (expected a capture of it in an earlier step of the case, or a "
     "built-in: $admin_user, $admin_password, $lan_channel, $user_id)\n"},
    {"variable used in the step that captures it",
     with_steps("      - send: {}\n        expect: {fields: {oem_id: {same_as: $oem}}}\n        capture: {oem: oem_id}\n"),
     "t.yaml:6:45: undefined variable '$oem' (expected a capture of it in an earlier step of the case, or a "
     "built-in: $admin_user, $admin_password, $lan_channel, $user_id)\n"},
    {"unknown quirk",
     with_steps("      - send: {}\n    quirk_alternatives:\n      - quirk: authcaps-d5\n        expect: {}\n"),
     "t.yaml:7:16: unknown quirk 'authcaps-d5' (expected a quirk listed in cases/quirks.yaml: authcaps-in-session-d5)\n"},
    {"unknown requires gate", "cases:\n  - id: a.b\n    requires: [ipmi21, cipher-suite:x, command:nope]\n    steps: [{sleep_ms: 1}]\n",
     "t.yaml:3:16: unknown requires gate 'ipmi21' (did you mean 'ipmi20'? expected one of: ipmi15, ipmi20, "
     "interface:system, interface:lan, destructive, cipher-suite:N, not-cipher-suite:N, auth-type:md5, command:<id>)\n"
     "t.yaml:3:24: bad gate 'cipher-suite:x' (expected cipher-suite:N or not-cipher-suite:N with N 0..255)\n"
     "t.yaml:3:40: unknown command 'nope' in gate 'command:nope' (expected command:<catalog id>)\n"},
    {"repeat over 64", with_steps("      - send: {}\n        repeat: 65\n"),
     "t.yaml:6:17: repeat 65 is too large (expected at most 64)\n"},
    {"sleep over 10 s", with_steps("      - sleep_ms: 10001\n"),
     "t.yaml:5:19: sleep_ms 10001 is too large (expected at most 10000)\n"},
    {"fields on a session step", with_steps("      - session: close\n        expect: {fields: {oem_id: 0}}\n"),
     "t.yaml:6:18: 'fields' in the expect of a session step (expected it on send or raw steps)\n"},
    {"absent on a required field", with_steps("      - send: {}\n        expect: {fields: {oem_id: absent}}\n"),
     "t.yaml:6:35: 'absent' for field 'oem_id' of get-channel-auth-caps, which every response has (expected a field "
     "of an optional group)\n"},
    {"cases missing", "command: get-device-id\n",
     "t.yaml:1:1: a case file needs 'cases' (expected a list of cases)\n"},
    {"steps missing", "cases:\n  - id: a.b\n", "t.yaml:2:5: a case needs 'steps' (expected a list of steps)\n"},
    {"variable in valid_request", "command: get-channel-auth-caps\nvalid_request: {channel_number: $lan_channel}\ncases: []\n",
     "t.yaml:2:33: variable '$lan_channel' in valid_request (expected a literal value: generated cases need fixed "
     "bytes)\n"},
    {"duplicate key", "cases: []\ncases: []\n", "t.yaml:2:1: duplicate key 'cases' in the case file (expected each key once)\n"},
};

INSTANTIATE_TEST_SUITE_P(EveryKind, CaseErrors, ::testing::ValuesIn(kErrors));

TEST(CaseErrors, AFileReportsEveryProblemSortedByLine) {
  const std::string text =
      "command: get-channel-auth-caps\n"          // 1
      "cases:\n"                                  // 2
      "  - id: app.b\n"                           // 3
      "    steps:\n"                              // 4
      "      - send: {channel_number: 0x10}\n"    // 5
      "  - id: App\n"                             // 6
      "    bogus: 1\n"                            // 7
      "    steps:\n"                              // 8
      "      - sleep_ms: 20000\n";                // 9
  EXPECT_EQ(problems(text),
            "t.yaml:5:32: value 0x10 is too wide for field 'channel_number' of get-channel-auth-caps (expected 4 bits: "
            "0..0xf)\n"
            "t.yaml:6:9: bad case id 'App' (expected [a-z0-9.-]+, e.g. app.get-device-id.basic)\n"
            "t.yaml:7:5: unknown key 'bogus' in case (expected one of: id, title, spec, tags, mandatory, privilege, "
            "requires, destructive, isolated, interface, setup, steps, teardown, severity, finding, quirk_alternatives)\n"
            "t.yaml:9:19: sleep_ms 20000 is too large (expected at most 10000)\n");
}

TEST(CaseErrors, QuirksAreNotCheckedWithoutAList) {
  auto r = load_case_text(with_steps("      - send: {}\n    quirk_alternatives:\n      - quirk: anything\n        expect: {}\n"),
                          "t.yaml", cat());
  ASSERT_TRUE(r) << r.error().front().to_string();
  EXPECT_EQ(r->cases.at(0).quirk_alternatives.at(0).quirk, "anything");
}

TEST(CaseErrors, AMissingFileIsOneDiagnostic) {
  auto r = load_case_file("/nonexistent/x.yaml", cat());
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().size(), 1u);
  EXPECT_EQ(r.error()[0].to_string(), "/nonexistent/x.yaml: cannot open the case file (expected a readable file)");
}

}  // namespace
}  // namespace ipmict::cases
