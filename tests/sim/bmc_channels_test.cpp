// Channel commands, Get Channel Authentication Capabilities and Get Channel Cipher
// Suites (IPMI 2.0 §22.13, §22.15, §22.22-22.25) with the seed's exchanges (A12, A16,
// A23-A25).
#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

TEST(BmcChannels, AuthCapsOfTheSecureDefault) {
  BmcHarness h;
  // Extended data, MD5 only, non-null user names, IPMI 1.5 and 2.0.
  EXPECT_EQ(h.ok(0x06, 0x38, hex("81 04")), hex("01 84 04 03 00 00 00 00"));
  // IPMI 1.5 form: no extended bit, byte 4 reserved.
  EXPECT_EQ(h.ok(0x06, 0x38, hex("01 04")), hex("01 04 04 00 00 00 00 00"));
}

TEST(BmcChannels, AuthCapsMatchTheSeedForASeedLikeConfiguration) {
  SimConfig c = default_sim_config(kAdminPassword);
  for (auto& t : c.lan.auth_types) t = 0x37;  // none, MD2, MD5, straight password, OEM
  BmcHarness h(c);
  EXPECT_EQ(h.ok(0x06, 0x38, hex("81 04")), hex("01 b7 04 03 00 00 00 00"));
}

TEST(BmcChannels, AuthCapsFromASessionlessLanRequestForThisChannel) {
  BmcHarness h;
  auto r = h.send(lan_sessionless(), 0x06, 0x38, hex("8e 04"));
  EXPECT_EQ(r.completion_code, 0x00);
  EXPECT_EQ(r.data, hex("01 84 04 03 00 00 00 00"));
}

TEST(BmcChannels, AuthCapsReportsNullUserAnonymousAndKg) {
  SimConfig c = default_sim_config(kAdminPassword);
  c.users[0].enabled = true;
  UserConfig::Access a;
  a.channel = 1;
  a.privilege_limit = Privilege::user;
  c.users[0].access.push_back(a);
  c.lan.kg = Bytes(20, 0x5a);
  BmcHarness h(c);
  EXPECT_EQ(h.ok(0x06, 0x38, hex("81 02")), hex("01 84 25 03 00 00 00 00"));
  h.ok(0x06, 0x47, cat(hex("01 02"), text16("x")));  // the null user gets a password
  EXPECT_EQ(h.ok(0x06, 0x38, hex("81 02")), hex("01 84 26 03 00 00 00 00"));
}

TEST(BmcChannels, AuthCapsRejectsReservedPrivilegeAndSessionlessChannels) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x38, hex("81 00")), 0xcc);
  EXPECT_EQ(h.code(0x06, 0x38, hex("81 06")), 0xcc);
  EXPECT_EQ(h.code(0x06, 0x38, hex("8f 04")), 0xcc);
  EXPECT_EQ(h.code(0x06, 0x38, hex("85 04")), 0xcc);  // no channel 5
}

TEST(BmcChannels, ChannelInfoMatchesTheSeed) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x42, hex("0f")), hex("0f 0c 05 00 f2 1b 00 ff ff"));
  EXPECT_EQ(h.ok(0x06, 0x42, hex("01")), hex("01 04 01 80 f2 1b 00 00 00"));
  EXPECT_EQ(h.ok(0x06, 0x42, hex("00")), hex("00 01 01 00 f2 1b 00 00 00"));
  EXPECT_EQ(h.ok(0x06, 0x42, hex("0e")), hex("0f 0c 05 00 f2 1b 00 ff ff"));  // this channel = system interface
  EXPECT_EQ(h.code(0x06, 0x42, hex("07")), 0xcc);
}

TEST(BmcChannels, ChannelInfoCountsTheLanServersSessions) {
  BmcHarness h;
  h.bmc.set_session_table([] {
    std::vector<session::SessionInfo> t(2);
    t[0].handle = 1;
    t[1].handle = 2;
    return t;
  });
  EXPECT_EQ(h.ok(0x06, 0x42, hex("01")), hex("01 04 01 82 f2 1b 00 00 00"));
}

TEST(BmcChannels, ChannelAccessVolatileAndNonVolatile) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 80")), hex("02 04"));
  h.ok(0x06, 0x40, hex("01 00 04"));  // seed A23: a no-op
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 40")), hex("02 04"));
  h.ok(0x06, 0x40, hex("01 52 43"));  // non-volatile: per-message auth disabled, limit Operator
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 40")), hex("12 03"));
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 80")), hex("02 04"));
}

TEST(BmcChannels, ChannelAccessCodes) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x41, hex("0f 80")), 0x82);  // session-less
  EXPECT_EQ(h.code(0x06, 0x40, hex("0f 82 84")), 0x82);
  EXPECT_EQ(h.code(0x06, 0x41, hex("01 00")), 0xcc);  // [7:6] 00b reserved
  EXPECT_EQ(h.code(0x06, 0x41, hex("01 c0")), 0xcc);
  EXPECT_EQ(h.code(0x06, 0x40, hex("01 81 00")), 0x83);  // pre-boot only
  EXPECT_EQ(h.code(0x06, 0x40, hex("01 00 80")), 0xcc);  // privilege 0 reserved
  EXPECT_EQ(h.code(0x06, 0x40, hex("01 c2 00")), 0xcc);  // set = 11b reserved
}

TEST(BmcChannels, VolatilePrivilegeLimitReachesTheSessionLayer) {
  BmcHarness h;
  EXPECT_EQ(h.bmc.lan_server_config().channel_privilege_limit, Privilege::administrator);
  h.ok(0x06, 0x40, hex("01 00 83"));
  EXPECT_EQ(h.bmc.lan_server_config().channel_privilege_limit, Privilege::operator_);
}

TEST(BmcChannels, CipherSuitesOfTheDefaultInBothListForms) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x54, hex("01 00 00")), hex("01 01 03 41 44 81"));
  EXPECT_EQ(h.ok(0x06, 0x54, hex("01 00 80")), hex("01 c0 03 01 41 81 c0 11 03 44 81"));
  EXPECT_EQ(h.ok(0x06, 0x54, hex("01 00 81")), hex("01"));
  EXPECT_EQ(h.ok(0x06, 0x54, hex("01 01 80")), hex("01"));  // no SOL suites
}

TEST(BmcChannels, CipherSuitesEveryListIndexOfALongList) {
  SimConfig c = default_sim_config(kAdminPassword);
  c.lan.cipher_suites.clear();
  for (int id : {0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17})
    c.lan.cipher_suites.push_back({static_cast<std::uint8_t>(id), Privilege::administrator});
  BmcHarness h(c);
  // The seed's algorithm list (A16).
  EXPECT_EQ(h.ok(0x06, 0x54, hex("01 00 00")), hex("01 00 01 02 03 40 41 42 43 44 80 81"));
  Bytes all;
  for (std::uint8_t index = 0; index < 0x40; ++index) {
    Bytes page = h.ok(0x06, 0x54, Bytes{0x01, 0x00, static_cast<std::uint8_t>(0x80 | index)});
    ASSERT_GE(page.size(), 1u);
    EXPECT_EQ(page[0], 0x01);
    const std::size_t expected = index < 3 ? 17u : index == 3 ? 13u : 1u;
    EXPECT_EQ(page.size(), expected) << "index " << int{index};
    all.insert(all.end(), page.begin() + 1, page.end());
  }
  ASSERT_EQ(all.size(), 60u);
  EXPECT_EQ(Bytes(all.begin(), all.begin() + 10), hex("c0 00 00 40 80 c0 01 01 40 80"));
  EXPECT_EQ(Bytes(all.end() - 5, all.end()), hex("c0 11 03 44 81"));
}

TEST(BmcChannels, CipherSuitesBeforeASessionAndForThisChannel) {
  BmcHarness h;
  auto r = h.send(lan_sessionless(), 0x06, 0x54, hex("0e 00 80"));
  EXPECT_EQ(r.completion_code, 0x00);
  EXPECT_EQ(r.data, hex("01 c0 03 01 41 81 c0 11 03 44 81"));
}

TEST(BmcChannels, SetChannelSecurityKeysKg) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x56, hex("01 00 01")), cat(hex("02"), Bytes(20, 0)));
  EXPECT_EQ(h.code(0x06, 0x56, cat(hex("01 01 01"), Bytes(19, 0x11))), 0x81);
  EXPECT_EQ(h.ok(0x06, 0x56, cat(hex("01 01 01"), Bytes(20, 0x11))), hex("02"));
  ASSERT_TRUE(h.bmc.lan_server_config().kg.has_value());
  EXPECT_EQ(*h.bmc.lan_server_config().kg, Bytes(20, 0x11));
  EXPECT_EQ(h.ok(0x06, 0x38, hex("81 04")), hex("01 84 24 03 00 00 00 00"));
  EXPECT_EQ(h.ok(0x06, 0x56, hex("01 02 01")), hex("01"));
  EXPECT_EQ(h.code(0x06, 0x56, cat(hex("01 01 01"), Bytes(20, 0x22))), 0x80);  // locked
  EXPECT_EQ(h.code(0x06, 0x56, hex("01 00 00")), 0x84);  // K_R not used
}

TEST(BmcChannels, LanServerConfigFollowsTheLanConfiguration) {
  BmcHarness h;
  auto c = h.bmc.lan_server_config();
  EXPECT_EQ(c.channel, 1);
  EXPECT_EQ(c.auth_types[4], 0x04);
  ASSERT_EQ(c.cipher_suites.size(), 2u);
  EXPECT_EQ(c.cipher_suites[0].id, 3);
  EXPECT_EQ(c.cipher_suites[1].id, 17);
  EXPECT_FALSE(c.kg.has_value());
  EXPECT_EQ(c.quirks, session::ServerQuirks{});
}

TEST(BmcChannels, PersonalitySessionQuirksReachTheSessionLayer) {
  SimConfig cfg = default_sim_config(kAdminPassword);
  Personality p;
  p.name = "cipher-0";
  p.session.accept_cipher_suite_0 = true;
  cfg.personalities.push_back(p);
  BmcHarness h(cfg);
  EXPECT_TRUE(h.bmc.lan_server_config().quirks.accept_cipher_suite_0);
  EXPECT_EQ(h.bmc.personalities().size(), 1u);
}

}  // namespace
}  // namespace ipmict::sim::test
