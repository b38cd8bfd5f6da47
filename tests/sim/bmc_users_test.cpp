// User commands (IPMI 2.0 §22.26-22.30) with the seed's exchanges (A27-A31).
#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

TEST(BmcUsers, SetUserNameThenGetUserNameReturnsTest) {
  BmcHarness h;
  h.ok(0x06, 0x45, cat(hex("03"), text16("test")));
  EXPECT_EQ(h.ok(0x06, 0x46, hex("03")), hex("74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00"));
}

TEST(BmcUsers, DefaultUserTwoIsAdminAndUserOneIsNull) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x46, hex("02")), text16("admin"));
  EXPECT_EQ(h.ok(0x06, 0x46, hex("01")), Bytes(16, 0));
  EXPECT_EQ(h.code(0x06, 0x45, cat(hex("01"), text16("x"))), 0xcc);  // the null user's name is fixed
}

TEST(BmcUsers, UserIdZeroIsInvalidAndAboveTheTableOutOfRange) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x46, hex("00")), 0xcc);
  EXPECT_EQ(h.code(0x06, 0x46, hex("11")), 0xc9);  // 17 > 16 users
  EXPECT_EQ(h.code(0x06, 0x46, hex("10")), 0x00);  // user 16 exists
}

TEST(BmcUsers, SetPasswordThenTestMatchesAndWrongPasswordIs80) {
  BmcHarness h;
  h.ok(0x06, 0x47, cat(hex("03 02"), text16("test")));
  EXPECT_EQ(h.code(0x06, 0x47, cat(hex("03 03"), text16("test"))), 0x00);
  EXPECT_EQ(h.code(0x06, 0x47, cat(hex("03 03"), text16("tesu"))), 0x80);
}

TEST(BmcUsers, TestingWithTheOtherPasswordSizeIs81) {
  BmcHarness h;
  h.ok(0x06, 0x47, cat(hex("83 02"), text16("twenty-byte-secret!!", 20)));
  EXPECT_EQ(h.code(0x06, 0x47, cat(hex("83 03"), text16("twenty-byte-secret!!", 20))), 0x00);
  EXPECT_EQ(h.code(0x06, 0x47, cat(hex("03 03"), text16("twenty-byte-secr"))), 0x81);
  h.ok(0x06, 0x47, cat(hex("04 02"), text16("short")));
  EXPECT_EQ(h.code(0x06, 0x47, cat(hex("84 03"), text16("short", 20))), 0x81);
}

TEST(BmcUsers, SetPasswordWithoutThePasswordIsALengthError) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x47, hex("03 02")), 0xc7);
}

TEST(BmcUsers, EnableAndDisableShowInGetUserAccess) {
  BmcHarness h;
  // 16 users, 1 enabled (admin), user 3: disabled status, no access.
  EXPECT_EQ(h.ok(0x06, 0x44, hex("01 03")), hex("10 81 01 0f"));
  h.ok(0x06, 0x47, hex("03 01"));
  EXPECT_EQ(h.ok(0x06, 0x44, hex("01 03")), hex("10 42 01 0f"));
  EXPECT_EQ(h.ok(0x06, 0x44, hex("01 02")), hex("10 42 01 14"));
  h.ok(0x06, 0x47, hex("03 00"));
  EXPECT_EQ(h.ok(0x06, 0x44, hex("01 03")), hex("10 81 01 0f"));
}

TEST(BmcUsers, SetUserAccessChangesBitsOnlyWithTheChangeFlag) {
  BmcHarness h;
  // Seed A27: D[1] bit 7 = 0: only the privilege (User) and session limit are set.
  h.ok(0x06, 0x43, hex("01 02 02 00"));
  EXPECT_EQ(h.ok(0x06, 0x44, hex("01 02")), hex("10 41 01 12"));
  // iuser's "91 3 f": change bits, IPMI messaging on, channel 1; user 3 No Access.
  h.ok(0x06, 0x43, hex("91 03 0f"));
  EXPECT_EQ(h.ok(0x06, 0x44, hex("01 03")), hex("10 81 01 1f"));
}

TEST(BmcUsers, SetUserAccessWithReservedBitOrBadPrivilegeIsCC) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x43, hex("91 03 1f")), 0xcc);  // seed A31: reserved bit 4 of byte 3
  EXPECT_EQ(h.code(0x06, 0x43, hex("91 03 06")), 0xcc);  // privilege 6 is reserved
  EXPECT_EQ(h.code(0x06, 0x43, hex("9f 03 04")), 0xcc);  // no channel Fh users (system interface)
}

TEST(BmcUsers, DirectoryFindsUsersByNameWithLanAccess) {
  BmcHarness h;
  const Bytes name{'a', 'd', 'm', 'i', 'n'};
  auto u = h.bmc.user_by_name(view(name));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->id, 2);
  EXPECT_EQ(u->password, kAdminPassword);
  EXPECT_TRUE(u->enabled);
  EXPECT_EQ(u->privilege_limit, Privilege::administrator);
  EXPECT_TRUE(u->ipmi_messaging);
  const Bytes unknown{'r', 'o', 'o', 't'};
  EXPECT_FALSE(h.bmc.user_by_name(view(unknown)).has_value());
  auto null_user = h.bmc.user_by_name(ByteView{});
  ASSERT_TRUE(null_user.has_value());
  EXPECT_EQ(null_user->id, 1);
  EXPECT_FALSE(null_user->enabled);
}

TEST(BmcUsers, DirectorySeesNewPasswordsAndNames) {
  BmcHarness h;
  h.ok(0x06, 0x45, cat(hex("05"), text16("ops")));
  h.ok(0x06, 0x47, cat(hex("05 02"), text16("pw")));
  h.ok(0x06, 0x47, hex("05 01"));
  h.ok(0x06, 0x43, hex("91 05 03"));
  const Bytes name{'o', 'p', 's'};
  auto u = h.bmc.user_by_name(view(name));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->password, (Bytes{'p', 'w'}));
  EXPECT_EQ(u->privilege_limit, Privilege::operator_);
}

}  // namespace
}  // namespace ipmict::sim::test
