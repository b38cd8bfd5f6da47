// Device identity, reset, self test, unknown commands and the personalities' command
// faults (IPMI 2.0 ch. 20, §5.2).
#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

TEST(BmcDevice, GetDeviceIdDescribesTheDefaultIdentity) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x01), hex("20 01 01 00 02 bf 00 00 00 01 00 00 00 00 00"));
}

TEST(BmcDevice, ResponseNetFnIsTheRequestsPlusOne) {
  BmcHarness h;
  auto r = h.local(0x06, 0x01);
  EXPECT_EQ(r.netfn, 0x07);
  EXPECT_EQ(r.cmd, 0x01);
}

TEST(BmcDevice, SystemAndDeviceGuidAreFixedAndDistinct) {
  BmcHarness h;
  const Bytes system = h.ok(0x06, 0x37);
  const Bytes device = h.ok(0x06, 0x08);
  ASSERT_EQ(system.size(), 16u);
  ASSERT_EQ(device.size(), 16u);
  EXPECT_NE(system, device);
  BmcHarness again;
  EXPECT_EQ(again.ok(0x06, 0x37), system);
}

TEST(BmcDevice, SystemGuidIsAnsweredOutsideASession) {
  BmcHarness h;
  EXPECT_EQ(h.send(lan_sessionless(), 0x06, 0x37).completion_code, 0x00);
}

TEST(BmcDevice, SelfTestPasses) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x04), hex("55 00"));
}

TEST(BmcDevice, ColdResetRestoresVolatileChannelAccessAndGlobalEnables) {
  BmcHarness h;
  h.ok(0x06, 0x2e, hex("0c"));
  h.ok(0x06, 0x40, hex("01 8a 83"));  // volatile: always available + user auth disabled; limit Operator
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 80")), hex("0a 03"));
  h.ok(0x06, 0x02);
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 80")), hex("02 04"));
  EXPECT_EQ(h.ok(0x06, 0x2f), hex("08"));
}

TEST(BmcDevice, UnknownCommandIsC1) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0xf0), 0xc1);
  EXPECT_EQ(h.code(0x2e, 0x01), 0xc1);
  EXPECT_EQ(h.code(0x07, 0x01), 0xc1);  // a response netFn is not a request
}

TEST(BmcDevice, SystemInterfaceCapabilities) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x57, hex("01")), hex("00 00 ff"));
  EXPECT_EQ(h.ok(0x06, 0x57, hex("00")), hex("00 88 ff 7d"));
  EXPECT_EQ(h.code(0x06, 0x57, hex("02")), 0xcc);
}

SimConfig with_fault(Personality::CommandFault f) {
  SimConfig c = default_sim_config(kAdminPassword);
  Personality p;
  p.name = "test";
  p.commands.push_back(f);
  c.personalities.push_back(p);
  return c;
}

TEST(BmcPersonality, CompletionCodeOverrideReplacesTheAnswer) {
  Personality::CommandFault f;
  f.netfn = 0x06;
  f.cmd = 0x04;
  f.completion_code = 0xd5;
  BmcHarness h(with_fault(f));
  auto r = h.local(0x06, 0x04);
  EXPECT_EQ(r.completion_code, 0xd5);
  EXPECT_TRUE(r.data.empty());
  EXPECT_EQ(h.code(0x06, 0x01), 0x00);  // other commands unchanged
}

TEST(BmcPersonality, DropLastAndExtraByte) {
  Personality::CommandFault drop;
  drop.netfn = 0x06;
  drop.cmd = 0x01;
  drop.drop_last_byte = true;
  BmcHarness h(with_fault(drop));
  EXPECT_EQ(h.ok(0x06, 0x01).size(), 14u);
  Personality::CommandFault extra;
  extra.netfn = 0x06;
  extra.cmd = 0x04;
  extra.extra_byte = true;
  BmcHarness h2(with_fault(extra));
  EXPECT_EQ(h2.ok(0x06, 0x04), hex("55 00 00"));
}

TEST(BmcPersonality, SetReservedBitsSetsEveryReservedBitOfTheResponseLayout) {
  Personality::CommandFault f;
  f.netfn = 0x06;
  f.cmd = 0x41;  // Get Channel Access: reserved [7:6] of byte 0 and [7:4] of byte 1
  f.set_reserved_bits = true;
  BmcHarness h(with_fault(f));
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 80")), hex("c2 f4"));
}

}  // namespace
}  // namespace ipmict::sim::test
