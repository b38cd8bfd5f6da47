// The built-in personality library (sim/personalities/*.yaml, embedded in
// sim/personality_library.cpp) and the personality schema's errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "sim/personality_yaml.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::sim {
namespace {

const std::filesystem::path kLibraryDir = std::filesystem::path(IPMICT_SOURCE_DIR) / "sim/personalities";

bool does_something(const Personality& p) {
  return !p.commands.empty() || !(p.session == session::ServerQuirks{}) || p.bad_checksum || p.drop_every != 0 ||
         p.delay_ms != 0 || p.hang_on_zero_length_rmcpplus || p.stop_on_oversized_length ||
         p.hang_on_truncated_header || !p.accounts.empty() || p.enable_auth_types != 0 || p.ignore_command_privilege;
}

TEST(PersonalityLibrary, EveryBuiltInLoadsNamesItsRuleAndChangesSomething) {
  ASSERT_GE(builtin_personalities().size(), 16u);
  for (const auto& b : builtin_personalities()) {
    auto p = builtin_personality(b.name);
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->name, b.name) << "the file name and the name: field differ";
    EXPECT_NE(p->breaks.find("§"), std::string::npos) << b.name << ": 'breaks' must cite the spec section";
    EXPECT_TRUE(does_something(*p)) << b.name << " breaks nothing";
  }
}

// The embedded text is the files' text, byte for byte, and every file is embedded.
TEST(PersonalityLibrary, EmbeddedTextMatchesTheYamlFiles) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(kLibraryDir)) {
    if (entry.path().extension() == ".yaml") files.insert(entry.path().stem().string());
  }
  std::set<std::string> embedded;
  for (const auto& b : builtin_personalities()) {
    embedded.insert(std::string(b.name));
    const auto path = kLibraryDir / (std::string(b.name) + ".yaml");
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " is embedded but the file is gone";
    EXPECT_EQ(test::read_file(path), std::string(b.yaml))
        << path << " differs from its copy in sim/personality_library.cpp: regenerate it (docs/simulator.md, "
                   "\"How the library is embedded\")";
  }
  EXPECT_EQ(files, embedded) << "sim/personalities/*.yaml and sim/personality_library.cpp list different personalities";
}

TEST(PersonalityLibrary, TheIssueFourNonConformancesAreAllThere) {
  for (const char* name :
       {"wrong-completion-code", "missing-response-byte", "extra-response-byte", "reserved-bits-set", "bad-checksum",
        "sequence-off-by-one", "sequence-byte-swapped", "rakp2-wrong-privilege", "cipher-suite-0-accepted",
        "null-user-any-password", "session-ids-reused", "replay-window-ignored", "drop-every-3rd", "slow-responses",
        "hang-on-zero-length-payload", "stop-on-oversized-length"}) {
    EXPECT_TRUE(builtin_personality(name)) << name;
  }
  EXPECT_TRUE(builtin_personality("wrong-completion-code")->commands.at(0).completion_code.has_value());
  EXPECT_TRUE(builtin_personality("cipher-suite-0-accepted")->session.accept_cipher_suite_0);
  EXPECT_EQ(builtin_personality("drop-every-3rd")->drop_every, 3u);
  EXPECT_TRUE(builtin_personality("hang-on-zero-length-payload")->hang_on_zero_length_rmcpplus);
}

TEST(PersonalityLibrary, UnknownNameListsTheLibrary) {
  auto p = builtin_personality("nope");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().rfind("unknown personality 'nope' (built-in: anonymous-login, bad-checksum, cipher-suite-0-accepted, ", 0), 0u);
}

TEST(PersonalityYaml, ErrorsAreOneLineWithPosition) {
  EXPECT_EQ(parse_personality("name: x\nbreaks: \"§1\"\nsesion: {}\n", "p.yaml").error(),
            "p.yaml:3:1: unknown key 'sesion' in personality (expected one of: name, breaks, description, commands, "
            "session, datagram, accounts, lan, model)");
  EXPECT_EQ(parse_personality("name: x\n", "p.yaml").error(), "p.yaml:1:1: personality 'x' needs 'breaks'");
  EXPECT_EQ(parse_personality("name: x\nbreaks: b\ncommands:\n  - {netfn: 0x07, cmd: 1, extra_byte: true}\n", "p.yaml")
                .error(),
            "p.yaml:4:13: commands[0].netfn: expected a request netFn (even), got an odd one");
  EXPECT_EQ(parse_personality("name: x\nbreaks: b\ncommands:\n  - {netfn: 6, cmd: 1}\n", "p.yaml").error(),
            "p.yaml:4:5: commands[0] changes nothing (expected completion_code, drop_last_byte, extra_byte or "
            "set_reserved_bits)");
  EXPECT_EQ(parse_personality("name: x\nbreaks: b\ndatagram: {drop_every: 1}\n", "p.yaml").error(),
            "p.yaml:3:24: datagram.drop_every: 1 would drop every reply (expected 0 = never, or 2 or more)");
  EXPECT_EQ(parse_personality("name: x\nbreaks: b\nsession: {reuse_session_ids: maybe}\n", "p.yaml").error(),
            "p.yaml:3:30: session.reuse_session_ids: expected true or false, got 'maybe'");
}

// The security profile's weak configurations: accounts, IPMI 1.5 auth types, the command model.
TEST(PersonalityYaml, AccountsLanAndModelSections) {
  auto p = parse_personality(
      "name: weak\nbreaks: \"§22.13\"\n"
      "accounts:\n  - {id: 1, password: \"\", privilege: admin}\n  - {id: 3, name: ADMIN, password: ADMIN, enabled: false}\n"
      "lan: {enable_auth_types: [none, password]}\nmodel: {ignore_command_privilege: true}\n"
      "datagram: {hang_on_truncated_header: true}\n",
      "p.yaml");
  ASSERT_TRUE(p) << p.error();
  ASSERT_EQ(p->accounts.size(), 2u);
  EXPECT_EQ(p->accounts[0].id, 1);
  EXPECT_TRUE(p->accounts[0].name.empty());
  EXPECT_TRUE(p->accounts[0].password.empty());
  EXPECT_TRUE(p->accounts[0].enabled);
  ASSERT_EQ(p->accounts[0].access.size(), 1u);
  EXPECT_EQ(p->accounts[0].access[0].privilege_limit, Privilege::administrator);
  EXPECT_TRUE(p->accounts[0].access[0].ipmi_messaging);
  EXPECT_EQ(p->accounts[1].name, "ADMIN");
  EXPECT_EQ(p->accounts[1].password, (Bytes{'A', 'D', 'M', 'I', 'N'}));
  EXPECT_FALSE(p->accounts[1].enabled);
  EXPECT_EQ(p->enable_auth_types, 0x11);  // Get Channel Auth Caps bits: none 0, password 4
  EXPECT_TRUE(p->ignore_command_privilege);
  EXPECT_TRUE(p->hang_on_truncated_header);

  EXPECT_EQ(parse_personality("name: x\nbreaks: b\naccounts:\n  - {id: 1, name: anon}\n", "p.yaml").error(),
            "p.yaml:4:19: accounts[0].name: user 1 is the null user and has no name (§22.28)");
  EXPECT_EQ(parse_personality("name: x\nbreaks: b\naccounts:\n  - {id: 4}\n", "p.yaml").error(),
            "p.yaml:4:5: accounts[0] needs 'name' (only user 1, the null user, has none)");
  EXPECT_EQ(parse_personality("name: x\nbreaks: b\nlan: {enable_auth_types: [nothing]}\n", "p.yaml").error(),
            "p.yaml:3:27: lan.enable_auth_types: expected none, md2, md5, password or oem, got 'nothing'");
}

TEST(PersonalityYaml, CombineUnitesFlagsTakesSmallestDropAndLargestDelay) {
  Personality a = *builtin_personality("drop-every-3rd");
  Personality b = *builtin_personality("slow-responses");
  Personality c = *builtin_personality("wrong-completion-code");
  Personality d = *builtin_personality("cipher-suite-0-accepted");
  Personality e;
  e.name = "e";
  e.drop_every = 2;
  e.delay_ms = 10;
  const Personality all = combine_personalities({a, b, c, d, e});
  EXPECT_EQ(all.drop_every, 2u);
  EXPECT_EQ(all.delay_ms, 1500u);
  EXPECT_EQ(all.commands.size(), 1u);
  EXPECT_TRUE(all.session.accept_cipher_suite_0);
  EXPECT_EQ(all.name, "drop-every-3rd+slow-responses+wrong-completion-code+cipher-suite-0-accepted+e");
}

TEST(PersonalityYaml, LoadsFromAFile) {
  test::TempDir dir;
  test::write_file(dir.path() / "mine.yaml", "name: mine\nbreaks: \"§20.1\"\ndatagram: {delay_ms: 5}\n");
  auto p = load_personality_file(dir.path() / "mine.yaml");
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->delay_ms, 5u);
  EXPECT_FALSE(load_personality_file(dir.path() / "none.yaml"));
}

}  // namespace
}  // namespace ipmict::sim
