// sim/config_yaml: the configuration schema of docs/simulator.md, and its one-line errors.
#include "sim/config_yaml.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "protocol/core/checksum.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::sim {
namespace {

SimConfigOptions env_options(std::map<std::string, std::string> vars) {
  SimConfigOptions o;
  o.getenv = [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

tl::expected<LoadedSimConfig, std::string> parse(const std::string& text,
                                                 std::map<std::string, std::string> vars = {{"PW", "secret-pw"}}) {
  return parse_sim_config(text, "bmc.yaml", env_options(std::move(vars)));
}

std::string error_of(const std::string& text, std::map<std::string, std::string> vars = {{"PW", "secret-pw"}}) {
  auto r = parse(text, std::move(vars));
  if (r) return "(parsed without error)";
  return r.error();
}

const UserConfig* user(const SimConfig& c, unsigned id) {
  for (const auto& u : c.users) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

TEST(ConfigYaml, MinimalConfigurationGetsDefaultChannelsAndEmptyUserSlots) {
  auto r = parse("users:\n  - {id: 2, name: admin, password_env: PW, privilege: admin}\n");
  ASSERT_TRUE(r) << r.error();
  const SimConfig& c = r->config;
  ASSERT_EQ(c.channels.size(), 3u);
  EXPECT_EQ(c.channels[0].number, 1);
  EXPECT_EQ(c.channels[0].medium, ChannelConfig::Medium::lan);
  EXPECT_EQ(c.channels[1].number, 0x0f);
  ASSERT_EQ(c.users.size(), 16u);  // 1..max_users, sorted
  const UserConfig* admin = user(c, 2);
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->name, "admin");
  EXPECT_EQ(admin->password, Bytes({'s', 'e', 'c', 'r', 'e', 't', '-', 'p', 'w'}));
  EXPECT_TRUE(admin->enabled);
  ASSERT_EQ(admin->access.size(), 1u);
  EXPECT_EQ(admin->access[0].channel, 1);
  EXPECT_EQ(admin->access[0].privilege_limit, Privilege::administrator);
  EXPECT_TRUE(admin->access[0].ipmi_messaging);
  EXPECT_FALSE(user(c, 1)->enabled);
  EXPECT_FALSE(user(c, 3)->enabled);
  EXPECT_TRUE(r->warnings.empty());
  // The secure LAN defaults stay: MD5 only, suites 3 and 17.
  EXPECT_EQ(c.lan.auth_types[4], 0x04);
  ASSERT_EQ(c.lan.cipher_suites.size(), 2u);
  EXPECT_EQ(c.lan.cipher_suites[0].id, 3);
  EXPECT_EQ(c.lan.cipher_suites[1].id, 17);
}

TEST(ConfigYaml, IdentityFirmwareIsMajorDotDecimalMinor) {
  auto r = parse(
      "identity:\n  device_id: 0x21\n  firmware: \"2.17\"\n  manufacturer_id: 0x1a2b3\n  product_id: 0x0042\n"
      "  aux_firmware: \"01 02 03 04\"\n");
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->config.identity.device_id, 0x21);
  EXPECT_EQ(r->config.identity.firmware_major, 2);
  EXPECT_EQ(r->config.identity.firmware_minor, 17);  // sent as BCD 17h
  EXPECT_EQ(r->config.identity.manufacturer_id, 0x1a2b3u);
  EXPECT_EQ(r->config.identity.product_id, 0x42);
  EXPECT_EQ(r->config.identity.aux_firmware[3], 0x04);
}

TEST(ConfigYaml, PasswordFromFileDropsOneTrailingNewlineAndIsRelativeToTheConfig) {
  test::TempDir dir;
  test::write_file(dir.path() / "pw.txt", "file-password\n");
  test::write_file(dir.path() / "bmc.yaml",
                   "users:\n  - {id: 3, name: op, password_file: pw.txt, password_20: true, privilege: operator}\n");
  auto r = load_sim_config(dir.path() / "bmc.yaml");
  ASSERT_TRUE(r) << r.error();
  const UserConfig* op = user(r->config, 3);
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(std::string(op->password.begin(), op->password.end()), "file-password");
  EXPECT_TRUE(op->password_20);
  EXPECT_EQ(op->access[0].privilege_limit, Privilege::operator_);
}

TEST(ConfigYaml, LiteralPasswordIsAcceptedWithAWarning) {
  auto r = parse("users:\n  - {id: 2, name: admin, password: test-only}\n");
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "bmc.yaml:2:36: warning: users[0].password is a literal secret in the configuration file: use "
            "password_env or password_file outside of tests");
}

TEST(ConfigYaml, LanSectionAuthTypesSuitesKgAndLimits) {
  auto r = parse(
      "lan:\n"
      "  ipmi15: false\n"
      "  auth_types: {admin: [md5, md2], user: []}\n"
      "  cipher_suites: [{id: 17, max_privilege: operator}, 3]\n"
      "  kg_env: KG\n"
      "  max_sessions: 4\n"
      "  session_timeout_ms: 30000\n",
      {{"KG", "0123456789abcdefghij"}});
  ASSERT_TRUE(r) << r.error();
  const LanConfig& lan = r->config.lan;
  EXPECT_FALSE(lan.ipmi15);
  EXPECT_TRUE(lan.ipmi20);
  EXPECT_EQ(lan.auth_types[4], 0x06);
  EXPECT_EQ(lan.auth_types[2], 0x00);
  EXPECT_EQ(lan.auth_types[3], 0x04);  // not given: default kept
  ASSERT_EQ(lan.cipher_suites.size(), 2u);
  EXPECT_EQ(lan.cipher_suites[0].id, 17);
  EXPECT_EQ(lan.cipher_suites[0].max_privilege, Privilege::operator_);
  EXPECT_EQ(lan.cipher_suites[1].id, 3);
  EXPECT_EQ(lan.cipher_suites[1].max_privilege, Privilege::administrator);
  EXPECT_EQ(lan.kg.size(), 20u);
  EXPECT_EQ(lan.max_sessions, 4u);
  EXPECT_EQ(lan.session_timeout_ms, 30000u);
}

TEST(ConfigYaml, SensorsWithThresholdsAndNamedTypes) {
  auto r = parse(
      "sensors:\n"
      "  - number: 0x10\n"
      "    name: Inlet Temp\n"
      "    type: temperature\n"
      "    units: degrees_c\n"
      "    m: 2\n"
      "    r_exp: -1\n"
      "    raw_reading: 120\n"
      "    thresholds: {lcr: 10, unc: 200, ucr: 220}\n"
      "  - {number: 0x11, name: Intrusion, type: physical_security, event_reading_type: sensor_specific, "
      "discrete_state: 0x0001}\n");
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->config.sensors.size(), 2u);
  const SensorConfig& t = r->config.sensors[0];
  EXPECT_EQ(t.number, 0x10);
  EXPECT_EQ(t.name, "Inlet Temp");
  EXPECT_EQ(t.sensor_type, 0x01);
  EXPECT_EQ(t.m, 2);
  EXPECT_EQ(t.r_exp, -1);
  EXPECT_EQ(t.thresholds[1], std::optional<std::uint8_t>(10));
  EXPECT_FALSE(t.thresholds[0].has_value());
  EXPECT_EQ(t.thresholds[4], std::optional<std::uint8_t>(220));
  EXPECT_EQ(r->config.sensors[1].event_reading_type, 0x6f);
  EXPECT_EQ(r->config.sensors[1].discrete_state, 1);
}

TEST(ConfigYaml, StructuredFruIsAValidInventoryArea) {
  auto r = parse("fru:\n  - device_id: 0\n    board: {manufacturer: ACME, product_name: Board X}\n"
                 "    product: {name: Server X, serial_number: S123}\n  - {device_id: 1, data: \"01 00 00 00 00 00 00 ff\"}\n");
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->config.fru.size(), 2u);
  const Bytes& d = r->config.fru[0].data;
  ASSERT_GE(d.size(), 16u);
  EXPECT_TRUE(checksum_ok(ByteView(d.data(), 8)));  // common header
  const std::size_t board = d[3] * 8u, board_len = d[board + 1] * 8u;
  EXPECT_TRUE(checksum_ok(ByteView(d.data() + board, board_len)));
  const std::size_t product = d[4] * 8u, product_len = d[product + 1] * 8u;
  ASSERT_EQ(product + product_len, d.size());
  EXPECT_TRUE(checksum_ok(ByteView(d.data() + product, product_len)));
  const std::string text(d.begin(), d.end());
  EXPECT_NE(text.find("ACME"), std::string::npos);
  EXPECT_NE(text.find("Server X"), std::string::npos);
  EXPECT_EQ(r->config.fru[1].data.size(), 8u);
}

TEST(ConfigYaml, SelRecordsAndPersonalitiesByNameAndInline) {
  auto r = parse(
      "sel:\n  - \"00 00 02 00 00 00 00 20 00 04 01 10 6f 01 ff ff\"\n"
      "personalities:\n  - bad-checksum\n  - name: mine\n    breaks: \"IPMI 2.0 §20.1: test\"\n"
      "    commands: [{netfn: 0x06, cmd: 0x01, completion_code: 0xd5}]\n"
      "state_dir: /tmp/x\n");
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->config.sel.size(), 1u);
  EXPECT_EQ(r->config.sel[0].record.size(), 16u);
  ASSERT_EQ(r->config.personalities.size(), 2u);
  EXPECT_EQ(r->config.personalities[0].name, "bad-checksum");
  EXPECT_TRUE(r->config.personalities[0].bad_checksum);
  EXPECT_EQ(r->config.personalities[1].name, "mine");
  ASSERT_EQ(r->config.personalities[1].commands.size(), 1u);
  EXPECT_EQ(r->config.personalities[1].commands[0].completion_code, std::optional<std::uint8_t>(0xd5));
  EXPECT_EQ(r->config.state_dir, "/tmp/x");
}

// --- errors: one line, file:line:col, what was expected -------------------------------------

TEST(ConfigYamlErrors, UnknownTopLevelKey) {
  EXPECT_EQ(error_of("identity: {}\nuser: []\n"),
            "bmc.yaml:2:1: unknown key 'user' in the configuration (expected one of: identity, max_users, users, "
            "channels, lan, sensors, fru, sel, sel_capacity, sel_time, watchdog_sensor_number, personalities, state_dir)");
}

TEST(ConfigYamlErrors, UnknownKeyInAUser) {
  EXPECT_EQ(error_of("users:\n  - id: 2\n    name: admin\n    pasword_env: PW\n"),
            "bmc.yaml:4:5: unknown key 'pasword_env' in users[0] (expected one of: id, name, password_env, "
            "password_file, password, password_20, enabled, privilege, access)");
}

TEST(ConfigYamlErrors, YamlSyntaxErrorKeepsItsPosition) {
  const std::string e = error_of("users:\n  - {id: 2, name: admin\n");
  EXPECT_EQ(e.rfind("bmc.yaml:3:1: YAML syntax error: ", 0), 0u) << e;
}

TEST(ConfigYamlErrors, EnvironmentVariableNotSet) {
  EXPECT_EQ(error_of("users:\n  - {id: 2, name: admin, password_env: NOPE}\n"),
            "bmc.yaml:2:40: users[0].password_env: environment variable NOPE is not set");
}

TEST(ConfigYamlErrors, EnabledUserWithoutPassword) {
  EXPECT_EQ(error_of("users:\n  - {id: 2, name: admin}\n"),
            "bmc.yaml:2:5: users[0] is enabled but has no password: give password_env or password_file (or "
            "enabled: false)");
}

TEST(ConfigYamlErrors, SixteenBytePasswordLimitUnlessPassword20) {
  EXPECT_EQ(error_of("users:\n  - {id: 2, name: admin, password_env: PW}\n", {{"PW", "01234567890123456"}}),
            "bmc.yaml:2:40: users[0]: the secret is 17 bytes, more than 16");
  EXPECT_TRUE(parse("users:\n  - {id: 2, name: admin, password_env: PW, password_20: true}\n", {{"PW", "01234567890123456"}}));
  EXPECT_EQ(error_of("users:\n  - {id: 2, name: admin, password_env: PW, password_20: true}\n",
                     {{"PW", "012345678901234567890"}}),
            "bmc.yaml:2:40: users[0]: the secret is 21 bytes, more than 20");
}

TEST(ConfigYamlErrors, NumbersOutOfRangeAndNotNumbers) {
  EXPECT_EQ(error_of("identity:\n  device_id: 256\n"), "bmc.yaml:2:14: identity.device_id: 256 is larger than 255");
  EXPECT_EQ(error_of("identity:\n  product_id: twelve\n"),
            "bmc.yaml:2:15: identity.product_id: expected a number (decimal or 0x hex), got 'twelve'");
  EXPECT_EQ(error_of("identity:\n  firmware: \"1.234\"\n"),
            "bmc.yaml:2:13: identity.firmware: expected \"MAJOR.MINOR\" (0-127 . 00-99), got '1.234'");
}

TEST(ConfigYamlErrors, UserIdsAndNames) {
  EXPECT_EQ(error_of("users:\n  - {id: 0, name: a, enabled: false}\n"),
            "bmc.yaml:2:10: users[0].id: expected 1..16 (max_users), got 0");
  EXPECT_EQ(error_of("users:\n  - {id: 2, name: a, enabled: false}\n  - {id: 2, name: b, enabled: false}\n"),
            "bmc.yaml:3:10: users[1].id: user 2 is listed twice");
  EXPECT_EQ(error_of("users:\n  - {id: 1, name: x, enabled: false}\n"),
            "bmc.yaml:2:19: users[0].name: user 1 is the null user and has no name (§22.28)");
}

TEST(ConfigYamlErrors, UnknownPrivilegeAndCipherSuite) {
  EXPECT_EQ(error_of("users:\n  - {id: 2, name: a, password_env: PW, privilege: root}\n"),
            "bmc.yaml:2:51: users[0].privilege: expected callback, user, operator, admin or oem (or no_access), got "
            "'root'");
  EXPECT_EQ(error_of("lan:\n  cipher_suites: [3, 4]\n"),
            "bmc.yaml:2:22: lan.cipher_suites[1]: cipher suite 4 is not implemented (expected one of 0, 1, 2, 3, 6, "
            "7, 8, 11, 12, 15, 16, 17)");
}

TEST(ConfigYamlErrors, UnknownPersonalityListsTheLibrary) {
  const std::string e = error_of("personalities: [no-such-thing]\n");
  EXPECT_EQ(e.rfind("bmc.yaml:1:17: personalities[0]: unknown personality 'no-such-thing' (built-in: anonymous-login, bad-checksum, ", 0), 0u)
      << e;
}

TEST(ConfigYamlErrors, ThresholdsOutOfOrderAndOnDiscreteSensors) {
  EXPECT_EQ(error_of("sensors:\n  - {number: 1, name: T, thresholds: {lcr: 50, unc: 40}}\n"),
            "bmc.yaml:2:53: sensors[0].thresholds.unc: expected lnr <= lcr <= lnc <= unc <= ucr <= unr");
  EXPECT_EQ(error_of("sensors:\n  - {number: 1, name: D, event_reading_type: 0x6f, thresholds: {lcr: 5}}\n"),
            "bmc.yaml:2:64: sensors[0].thresholds: only threshold sensors (event_reading_type 0x01) have thresholds");
}

TEST(ConfigYamlErrors, SelRecordLength) {
  EXPECT_EQ(error_of("sel: [\"01 02\"]\n"),
            "bmc.yaml:1:7: sel[0]: a SEL record is 16 bytes (IPMI 2.0 §32.1; the record ID is assigned), got 2");
}

TEST(ConfigYamlErrors, MissingFileAndEmptyDocument) {
  auto r = load_sim_config("/nonexistent/bmc.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "/nonexistent/bmc.yaml: cannot open the configuration file");
  EXPECT_EQ(error_of(""), "bmc.yaml:1:1: empty configuration (expected a mapping; see docs/simulator.md)");
  EXPECT_EQ(error_of("- a\n"), "bmc.yaml:1:1: the configuration must be a mapping");
}

// The full example of docs/simulator.md loads: the documentation cannot drift from the loader.
TEST(ConfigYaml, DocumentedFullExampleLoads) {
  const std::string doc = test::read_file(std::filesystem::path(IPMICT_SOURCE_DIR) / "docs/simulator.md");
  const std::string marker = "<!-- full-example -->\n```yaml\n";
  const auto start = doc.find(marker);
  ASSERT_NE(start, std::string::npos) << "docs/simulator.md lost its full example marker";
  const auto end = doc.find("```\n", start + marker.size());
  ASSERT_NE(end, std::string::npos);
  const std::string example = doc.substr(start + marker.size(), end - start - marker.size());
  test::TempDir dir;
  test::write_file(dir.path() / "admin.pw", "from-a-file\n");
  SimConfigOptions o = env_options({{"IPMICT_SIM_ADMIN_PASSWORD", "admin-pw"}, {"IPMICT_SIM_OPERATOR_PASSWORD", "op-pw"},
                                    {"IPMICT_SIM_KG", "0x0102030405060708090a0b0c0d0e0f1011121314"}});
  o.base_dir = dir.path();
  auto r = parse_sim_config(example, "docs/simulator.md", o);
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->config.users.empty());
  EXPECT_FALSE(r->config.sensors.empty());
  EXPECT_FALSE(r->config.fru.empty());
}

}  // namespace
}  // namespace ipmict::sim
