// BMC global enables, message flags, receive message queue, event message buffer, event
// receiver and Platform Event Message (IPMI 2.0 §22.1-22.8, §29.1-29.3; seed A1-A8, C1-C3).
#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

TEST(BmcEvents, GlobalEnablesPowerUpDefaultIsSelLogging) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x2f), hex("08"));
  h.ok(0x06, 0x2e, hex("04"));  // seed A1
  EXPECT_EQ(h.ok(0x06, 0x2f), hex("04"));
  h.ok(0x06, 0x2e, hex("0f"));
  EXPECT_EQ(h.ok(0x06, 0x2f), hex("0f"));
}

TEST(BmcEvents, GlobalEnablesRefuseReservedAndOemBits) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x2e, hex("10")), 0xcc);
  EXPECT_EQ(h.code(0x06, 0x2e, hex("20")), 0xcc);
}

TEST(BmcEvents, MessageFlagsEmptyAndClear) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x31), hex("00"));
  h.ok(0x06, 0x30, hex("eb"));  // seed A3
  EXPECT_EQ(h.code(0x06, 0x30, hex("04")), 0xcc);  // reserved bit 2
}

TEST(BmcEvents, ReadEventMessageBufferEmptyIs80) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x35), 0x80);
}

TEST(BmcEvents, PlatformEventMessageLandsInTheSel) {
  BmcHarness h;
  // ipmitool "event 1" over the system interface: software ID 41h, temperature, upper
  // critical going high.
  h.ok(0x04, 0x02, hex("41 04 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 00 00 00 ff")), hex("ff ff 01 00 02 00 a2 ff 4e 41 00 04 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.code(0x06, 0x35), 0x80);  // the buffer is not enabled by default
}

TEST(BmcEvents, EventMessageBufferProcedureOfTheSeed) {
  BmcHarness h;
  h.ok(0x06, 0x2e, hex("04"));  // buffer on, SEL logging off
  EXPECT_EQ(h.ok(0x06, 0x31), hex("00"));
  h.ok(0x04, 0x02, hex("41 04 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.ok(0x06, 0x31), hex("02"));  // event message buffer full
  EXPECT_EQ(h.ok(0x06, 0x35), hex("00 00 02 00 a2 ff 4e 41 00 04 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.code(0x06, 0x35), 0x80);
  EXPECT_EQ(h.ok(0x06, 0x31), hex("00"));
  EXPECT_EQ(h.ok(0x0a, 0x40)[1], 0x00);  // no SEL entries: logging was disabled
}

TEST(BmcEvents, BufferKeepsTheFirstEventUntilReadOrCleared) {
  BmcHarness h;
  h.ok(0x06, 0x2e, hex("0c"));
  h.ok(0x04, 0x02, hex("41 04 01 30 01 57 5a 5f"));
  h.ok(0x04, 0x02, hex("41 04 02 31 01 52 00 00"));
  const Bytes first = h.ok(0x06, 0x35);
  EXPECT_EQ(first[0], 0x01);  // the SEL record ID of the first event
  EXPECT_EQ(first[11], 0x30);
  h.ok(0x04, 0x02, hex("41 04 02 31 01 52 00 00"));
  h.ok(0x06, 0x30, hex("02"));
  EXPECT_EQ(h.code(0x06, 0x35), 0x80);
}

TEST(BmcEvents, PlatformEventMessageFormMustMatchTheInterface) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x04, 0x02, hex("04 30 17 75 a0 04 07")), 0xc7);  // 7-byte IPMB form over KCS
  auto lan = h.send(lan_session(Privilege::operator_), 0x04, 0x02, hex("04 01 30 01 57 5a 5f"));
  EXPECT_EQ(lan.completion_code, 0x00);
  EXPECT_EQ(h.send(lan_session(Privilege::operator_), 0x04, 0x02, hex("41 04 01 30 01 57 5a 5f")).completion_code, 0xc7);
  // Over LAN the generator is the remote console (81h) on channel 1.
  const Bytes entry = h.ok(0x0a, 0x43, hex("00 00 ff ff 00 ff"));
  EXPECT_EQ(entry[9], 0x81);
  EXPECT_EQ(entry[10], 0x10);
  EXPECT_EQ(h.code(0x04, 0x02, hex("41 30 01 30 01 57 5a 5f")), 0xcc);  // EvMRev 30h
}

TEST(BmcEvents, PlatformEventMessageNeedsOperator) {
  BmcHarness h;
  EXPECT_EQ(h.send(lan_session(Privilege::user), 0x04, 0x02, hex("04 01 30 01 57 5a 5f")).completion_code, 0xd4);
}

TEST(BmcEvents, EventReceiverSetAndGet) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x04, 0x01), hex("20 00"));
  h.ok(0x04, 0x00, hex("20 00"));  // seed C1
  h.ok(0x04, 0x00, hex("ff 00"));
  EXPECT_EQ(h.ok(0x04, 0x01), hex("ff 00"));
  EXPECT_EQ(h.code(0x04, 0x00, hex("21 00")), 0xcc);
  EXPECT_EQ(h.code(0x04, 0x00, hex("20 04")), 0xcc);  // reserved bits of byte 2
}

TEST(BmcEvents, LocalCommandsWorkInBandAndAreRefusedOverLan) {
  BmcHarness h;
  const auto admin = lan_session(Privilege::administrator);
  for (int cmd : {0x2e, 0x30, 0x31, 0x32, 0x33, 0x35}) {
    EXPECT_EQ(h.send(admin, 0x06, static_cast<std::uint8_t>(cmd), {}).completion_code, 0xd4) << "cmd " << int{cmd};
  }
  EXPECT_EQ(h.ok(0x06, 0x32, hex("01 01")), hex("01 01"));  // seed A5
}

TEST(BmcMessaging, GetMessageWhenEmptyIs80) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x33), 0x80);
}

TEST(BmcMessaging, SendMessageToTheSystemInterfaceQueuesIt) {
  BmcHarness h;
  const Bytes msg = hex("20 18 c8 81 04 01 7a");
  auto r = h.send(lan_session(Privilege::user), 0x06, 0x34, cat(hex("0f"), msg));
  EXPECT_EQ(r.completion_code, 0x00);
  EXPECT_EQ(h.ok(0x06, 0x31), hex("01"));
  EXPECT_EQ(h.ok(0x06, 0x33), cat(hex("21"), msg));  // channel 1, privilege User
  EXPECT_EQ(h.code(0x06, 0x33), 0x80);
}

TEST(BmcMessaging, SendMessageToADisabledReceiverIsRefused) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x32, hex("0f 00")), hex("0f 00"));
  EXPECT_EQ(h.send(lan_session(Privilege::user), 0x06, 0x34, hex("0f 20 18 c8 81 04 01 7a")).completion_code, 0xd5);
}

TEST(BmcMessaging, BridgingToAnIpmbAddressWithNobodyThereIsNakOnWrite) {
  BmcHarness h;
  // ipmitool -b 0 -t 0x72: Send Message (track request) to IPMB 72h.
  auto r = h.send(lan_session(Privilege::user), 0x06, 0x34, hex("40 72 18 76 81 08 01 76"));
  EXPECT_EQ(r.completion_code, 0x83);
  EXPECT_EQ(h.code(0x06, 0x34, hex("c0 72 18 76 81 08 01 76")), 0xcc);  // tracking 11b reserved
  EXPECT_EQ(h.code(0x06, 0x34, hex("07 72")), 0xcc);                   // no channel 7
}

TEST(BmcMessaging, SendMessageToAnUnknownLanSessionHandleIs80) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x34, hex("01 05 81 18 67 20 04 01 db")), 0x80);
}

TEST(BmcMessaging, MasterWriteReadOnTheEmptyPublicBusIsNak) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x52, hex("00 a0 04 00 00")), 0x83);
  EXPECT_EQ(h.code(0x06, 0x52, hex("05 a0 04 00 00")), 0xcc);  // private bus 2: not present
  EXPECT_EQ(h.code(0x06, 0x52, hex("00 a1 04")), 0xcc);        // reserved bit 0 of the address byte
}

}  // namespace
}  // namespace ipmict::sim::test
