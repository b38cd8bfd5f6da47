// SDR repository (IPMI 2.0 ch. 33, records ch. 43) and sensors (ch. 35): partial reads,
// reservations, readings, thresholds and the events a threshold crossing sends.
#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

Bytes le16(std::uint16_t v) { return {static_cast<std::uint8_t>(v & 0xff), static_cast<std::uint8_t>(v >> 8)}; }

std::uint16_t reserve_sdr(BmcHarness& h) {
  const Bytes r = h.ok(0x0a, 0x22);
  return static_cast<std::uint16_t>(r.at(0) | (r.at(1) << 8));
}

TEST(BmcSdr, RepositoryInfoCountsTheGeneratedRecords) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x0a, 0x20), hex("51 05 00 00 00 ff ff ff ff ff ff ff ff 02"));
}

TEST(BmcSdr, FirstRecordIsTheMcDeviceLocator) {
  BmcHarness h;
  const Bytes r = h.ok(0x0a, 0x23, hex("00 00 00 00 00 ff"));
  EXPECT_EQ(r, cat(hex("02 00 01 00 51 12 15 20 00 00 bf 00 00 00 06 01 00 ca"), Bytes{'i', 'p', 'm', 'i', 'c', 't', ' ', 'B', 'M', 'C'}));
}

TEST(BmcSdr, FullSensorRecordOfTheTemperatureSensor) {
  BmcHarness h;
  const Bytes r = h.ok(0x0a, 0x23, hex("00 00 02 00 00 ff"));
  ASSERT_EQ(r.size(), 2u + 56u);
  EXPECT_EQ(Bytes(r.begin(), r.begin() + 9), hex("03 00 02 00 51 01 33 20 00"));
  EXPECT_EQ(r[2 + 7], 0x01);   // sensor number
  EXPECT_EQ(r[2 + 12], 0x01);  // sensor type: temperature
  EXPECT_EQ(r[2 + 13], 0x01);  // threshold
  EXPECT_EQ(r[2 + 18], 0x3b);  // readable thresholds: LNC LCR UNC UCR UNR
  EXPECT_EQ(Bytes(r.begin() + 2 + 36, r.begin() + 2 + 42), hex("64 5a 50 00 05 0a"));  // UNR UCR UNC LNR LCR LNC
  EXPECT_EQ(r[2 + 47], 0xc8);
  EXPECT_EQ(Bytes(r.end() - 8, r.end()), (Bytes{'C', 'P', 'U', ' ', 'T', 'e', 'm', 'p'}));
}

TEST(BmcSdr, PartialReadsAssembleTheWholeRecord) {
  BmcHarness h;
  const Bytes whole = h.ok(0x0a, 0x23, hex("00 00 02 00 00 ff"));
  // Header first (offset 0: no reservation needed), then the rest in pieces of 7.
  const Bytes head = h.ok(0x0a, 0x23, hex("00 00 02 00 00 05"));
  ASSERT_EQ(head, hex("03 00 02 00 51 01 33"));
  const std::uint16_t r = reserve_sdr(h);
  Bytes record(head.begin() + 2, head.end());
  const std::size_t length = 5u + head[6];
  while (record.size() < length) {
    const auto offset = static_cast<std::uint8_t>(record.size());
    const auto n = static_cast<std::uint8_t>(std::min<std::size_t>(7, length - record.size()));
    const Bytes part = h.ok(0x0a, 0x23, cat(le16(r), Bytes{0x02, 0x00, offset, n}));
    ASSERT_EQ(part.size(), 2u + n);
    EXPECT_EQ(Bytes(part.begin(), part.begin() + 2), hex("03 00"));
    record.insert(record.end(), part.begin() + 2, part.end());
  }
  EXPECT_EQ(record, Bytes(whole.begin() + 2, whole.end()));
}

TEST(BmcSdr, PartialReadCodes) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x0a, 0x23, hex("00 00 02 00 05 05")), 0xc5);  // offset without a reservation
  const std::uint16_t r = reserve_sdr(h);
  EXPECT_EQ(h.code(0x0a, 0x23, cat(le16(r), hex("02 00 00 39"))), 0xca);  // 57 bytes of a 56-byte record
  EXPECT_EQ(h.code(0x0a, 0x23, cat(le16(r), hex("02 00 30 10"))), 0xca);
  EXPECT_EQ(h.code(0x0a, 0x23, cat(le16(r), hex("02 00 38 01"))), 0xc9);  // offset past the end
  EXPECT_EQ(h.code(0x0a, 0x23, cat(le16(r), hex("09 00 00 ff"))), 0xcb);
  const std::uint16_t r2 = reserve_sdr(h);
  EXPECT_EQ(h.code(0x0a, 0x23, cat(le16(r), hex("02 00 05 05"))), 0xc5);  // superseded
  EXPECT_EQ(h.code(0x0a, 0x23, cat(le16(r2), hex("02 00 05 05"))), 0x00);
}

TEST(BmcSdr, WalkingTheRepositoryEndsWithFfff) {
  BmcHarness h;
  std::uint16_t id = 0;
  int records = 0;
  while (id != 0xffff && records < 20) {
    const Bytes r = h.ok(0x0a, 0x23, cat(hex("00 00"), cat(le16(id), hex("00 ff"))));
    ASSERT_GE(r.size(), 7u);
    EXPECT_EQ(r[6] + 5u, r.size() - 2);  // record length agrees with the bytes
    id = static_cast<std::uint16_t>(r[0] | (r[1] << 8));
    ++records;
  }
  EXPECT_EQ(records, 5);
}

TEST(BmcSensors, ReadingAndThresholds) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x04, 0x2d, hex("01")), hex("2d c0 00"));
  EXPECT_EQ(h.ok(0x04, 0x27, hex("01")), hex("3b 0a 05 00 50 5a 64"));
  EXPECT_EQ(h.ok(0x04, 0x2d, hex("04")), hex("00 c0 00 80"));  // discrete: two state bytes
  EXPECT_EQ(h.code(0x04, 0x27, hex("04")), 0xcd);
  EXPECT_EQ(h.code(0x04, 0x2d, hex("77")), 0xcb);
}

TEST(BmcSensors, CrossingThresholdsSendsAssertionAndDeassertionEvents) {
  BmcHarness h;
  h.ok(0x04, 0x30, hex("01 01 5b"));  // 91: above UNC (80) and UCR (90)
  EXPECT_EQ(h.ok(0x04, 0x2d, hex("01")), hex("5b c0 18"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 01 00 00 ff")), hex("02 00 01 00 02 00 a2 ff 4e 20 00 04 01 01 01 57 5b 50"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 02 00 00 ff")), hex("ff ff 02 00 02 00 a2 ff 4e 20 00 04 01 01 01 59 5b 5a"));
  h.ok(0x04, 0x30, hex("01 01 55"));  // 85: back below UCR
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 03 00 00 ff")), hex("ff ff 03 00 02 00 a2 ff 4e 20 00 04 01 01 81 59 55 5a"));
}

TEST(BmcSensors, NoEventsWhenEventGenerationIsDisabled) {
  BmcHarness h;
  h.ok(0x04, 0x00, hex("ff 00"));
  h.ok(0x04, 0x30, hex("01 01 5b"));
  EXPECT_EQ(h.ok(0x0a, 0x40)[1], 0x00);
  EXPECT_EQ(h.ok(0x04, 0x2d, hex("01")), hex("5b c0 18"));  // the status still follows the reading
}

TEST(BmcSensors, DiscreteStateChangesSendSensorSpecificEvents) {
  BmcHarness h;
  h.ok(0x04, 0x30, hex("04 20 00 01 00"));  // assert offset 0 (general chassis intrusion)
  EXPECT_EQ(h.ok(0x04, 0x2d, hex("04")), hex("00 c0 01 80"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 01 00 00 ff")), hex("ff ff 01 00 02 00 a2 ff 4e 20 00 04 05 04 6f 00 ff ff"));
}

TEST(BmcSensors, SetSensorReadingNeedsOperatorAndAKnownSensor) {
  BmcHarness h;
  EXPECT_EQ(h.send(lan_session(Privilege::user), 0x04, 0x30, hex("01 01 5b")).completion_code, 0xd4);
  EXPECT_EQ(h.code(0x04, 0x30, hex("77 01 5b")), 0xcb);
  EXPECT_EQ(h.code(0x04, 0x30, hex("01")), 0xc7);
}

}  // namespace
}  // namespace ipmict::sim::test
