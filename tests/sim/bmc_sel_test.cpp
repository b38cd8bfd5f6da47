// SEL device commands (IPMI 2.0 ch. 31): info, allocation, reservations, entries, clear,
// time, full SEL.
#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

const Bytes kEvent = hex("41 04 01 30 01 57 5a 5f");

std::uint16_t reserve(BmcHarness& h) {
  const Bytes r = h.ok(0x0a, 0x42);
  return static_cast<std::uint16_t>(r.at(0) | (r.at(1) << 8));
}
Bytes le16(std::uint16_t v) { return {static_cast<std::uint8_t>(v & 0xff), static_cast<std::uint8_t>(v >> 8)}; }

TEST(BmcSel, InfoOfAnEmptySel) {
  BmcHarness h;
  // Version 51h, 0 entries, 512 * 16 = 8192 bytes free, no addition/erase yet,
  // allocation info + reserve + delete supported.
  EXPECT_EQ(h.ok(0x0a, 0x40), hex("51 00 00 00 20 ff ff ff ff ff ff ff ff 0b"));
}

TEST(BmcSel, AllocationInfo) {
  BmcHarness h;
  h.ok(0x04, 0x02, kEvent);
  EXPECT_EQ(h.ok(0x0a, 0x41), hex("00 02 10 00 ff 01 ff 01 01"));
}

TEST(BmcSel, ReservationIsCancelledByDeleteAndByANewReservation) {
  BmcHarness h;
  h.ok(0x04, 0x02, kEvent);
  h.ok(0x04, 0x02, kEvent);
  const std::uint16_t r1 = reserve(h);
  const std::uint16_t r2 = reserve(h);
  EXPECT_NE(r1, r2);
  EXPECT_NE(r1, 0);
  EXPECT_EQ(h.code(0x0a, 0x46, cat(le16(r1), hex("01 00"))), 0xc5);  // superseded
  EXPECT_EQ(h.ok(0x0a, 0x46, cat(le16(r2), hex("01 00"))), hex("01 00"));
  EXPECT_EQ(h.code(0x0a, 0x46, cat(le16(r2), hex("02 00"))), 0xc5);  // the delete cancelled it
  EXPECT_EQ(h.code(0x0a, 0x43, cat(le16(r2), hex("02 00 00 ff"))), 0xc5);  // a non-zero stale ID is refused
  EXPECT_EQ(h.code(0x0a, 0x46, hex("00 00 02 00")), 0xc5);
}

TEST(BmcSel, AddingAnEventDoesNotCancelTheReservation) {
  BmcHarness h;
  const std::uint16_t r = reserve(h);
  h.ok(0x04, 0x02, kEvent);
  EXPECT_EQ(h.code(0x0a, 0x43, cat(le16(r), hex("00 00 04 04"))), 0x00);
}

TEST(BmcSel, GetEntryWholeAndPartialAndNextIds) {
  BmcHarness h;
  h.ok(0x04, 0x02, kEvent);
  h.advance(std::chrono::seconds(5));
  h.ok(0x04, 0x02, hex("41 04 02 31 01 52 00 00"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 00 00 00 ff")), hex("02 00 01 00 02 00 a2 ff 4e 41 00 04 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 02 00 00 ff")), hex("ff ff 02 00 02 05 a2 ff 4e 41 00 04 02 31 01 52 00 00"));
  EXPECT_EQ(h.code(0x0a, 0x43, hex("00 00 01 00 04 04")), 0xc5);  // a partial read needs a reservation
  const std::uint16_t r = reserve(h);
  EXPECT_EQ(h.ok(0x0a, 0x43, cat(le16(r), hex("01 00 0a 06"))), hex("02 00 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.code(0x0a, 0x43, cat(le16(r), hex("01 00 0a 07"))), 0xca);  // past the record's end
  EXPECT_EQ(h.code(0x0a, 0x43, cat(le16(r), hex("01 00 10 01"))), 0xc9);
  EXPECT_EQ(h.code(0x0a, 0x43, hex("00 00 07 00 00 ff")), 0xcb);
}

TEST(BmcSel, AddSelEntryAssignsIdAndTimestamp) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x0a, 0x44, hex("00 00 02 00 00 00 00 20 00 04 01 30 01 57 5a 5f")), hex("01 00"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 01 00 00 ff")), hex("ff ff 01 00 02 00 a2 ff 4e 20 00 04 01 30 01 57 5a 5f"));
  // OEM non-timestamped records keep their bytes.
  EXPECT_EQ(h.ok(0x0a, 0x44, hex("00 00 e0 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d")), hex("02 00"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 02 00 00 ff")), hex("ff ff 02 00 e0 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d"));
  EXPECT_EQ(h.code(0x0a, 0x44, hex("00 00 10 00 00 00 00 20 00 04 01 30 01 57 5a 5f")), 0x80);  // type 10h
  EXPECT_EQ(h.code(0x0a, 0x44, hex("00 00 02 00 00 00 00 20 00 04 01 30 01 57 5a")), 0xc7);
}

TEST(BmcSel, FullSelRefusesAddsAndFlagsOverflowForEvents) {
  SimConfig c = default_sim_config(kAdminPassword);
  c.sel_capacity = 2;
  BmcHarness h(c);
  h.ok(0x04, 0x02, kEvent);
  h.ok(0x0a, 0x44, hex("00 00 02 00 00 00 00 20 00 04 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.code(0x0a, 0x44, hex("00 00 02 00 00 00 00 20 00 04 01 30 01 57 5a 5f")), 0xc4);
  EXPECT_EQ(h.ok(0x0a, 0x40)[13] & 0x80, 0x00);  // an Add SEL Entry refused is not an overflow
  h.ok(0x04, 0x02, kEvent);                     // the event is accepted and dropped
  const Bytes info = h.ok(0x0a, 0x40);
  EXPECT_EQ(info[1], 0x02);
  EXPECT_EQ(info[3], 0x00);  // no free space
  EXPECT_EQ(info[4], 0x00);
  EXPECT_EQ(info[13], 0x8b);  // overflow
}

TEST(BmcSel, ClearSelProtocol) {
  BmcHarness h;
  h.ok(0x04, 0x02, kEvent);
  EXPECT_EQ(h.code(0x0a, 0x47, hex("00 00 43 4c 52 aa")), 0xc5);
  const std::uint16_t r = reserve(h);
  EXPECT_EQ(h.code(0x0a, 0x47, cat(le16(r), hex("43 4c 51 aa"))), 0xcc);  // not "CLR"
  EXPECT_EQ(h.code(0x0a, 0x47, cat(le16(r), hex("43 4c 52 55"))), 0xcc);  // neither AAh nor 00h
  h.advance(std::chrono::seconds(30));
  EXPECT_EQ(h.ok(0x0a, 0x47, cat(le16(r), hex("43 4c 52 aa"))), hex("01"));
  EXPECT_EQ(h.ok(0x0a, 0x47, cat(le16(r), hex("43 4c 52 00"))), hex("01"));  // status poll
  EXPECT_EQ(h.code(0x0a, 0x47, cat(le16(r), hex("43 4c 52 aa"))), 0xc5);  // the erase cancelled it
  const Bytes info = h.ok(0x0a, 0x40);
  EXPECT_EQ(info[1], 0x00);
  EXPECT_EQ(Bytes(info.begin() + 9, info.begin() + 13), hex("1e a2 ff 4e"));  // erase time
  EXPECT_EQ(h.code(0x0a, 0x43, hex("00 00 00 00 00 ff")), 0xcb);
}

TEST(BmcSel, TimeAdvancesWithNowAndCanBeSet) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x0a, 0x48), hex("00 a2 ff 4e"));
  h.advance(std::chrono::milliseconds(2500));
  EXPECT_EQ(h.ok(0x0a, 0x48), hex("02 a2 ff 4e"));
  h.ok(0x0a, 0x49, hex("00 00 00 60"));
  h.advance(std::chrono::seconds(10));
  EXPECT_EQ(h.ok(0x0a, 0x48), hex("0a 00 00 60"));
  h.ok(0x04, 0x02, kEvent);
  const Bytes info = h.ok(0x0a, 0x40);
  EXPECT_EQ(Bytes(info.begin() + 5, info.begin() + 9), hex("0a 00 00 60"));  // most recent addition
}

TEST(BmcSel, SelCommandsNeedTheirPrivilege) {
  BmcHarness h;
  EXPECT_EQ(h.send(lan_session(Privilege::user), 0x0a, 0x40).completion_code, 0x00);
  EXPECT_EQ(h.send(lan_session(Privilege::user), 0x0a, 0x49, hex("00 00 00 60")).completion_code, 0xd4);
  EXPECT_EQ(h.send(lan_session(Privilege::callback), 0x0a, 0x41).completion_code, 0xd4);
  EXPECT_EQ(h.code(0x0a, 0x41, hex("00")), 0xc7);
}

}  // namespace
}  // namespace ipmict::sim::test
