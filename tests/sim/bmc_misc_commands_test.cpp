// FRU (ch. 34), chassis (ch. 28), watchdog (ch. 27), System Info Parameters (§22.14a/b),
// LAN Configuration Parameters (§23.2) and Get Session Info (§22.20).
#include <numeric>

#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

// ---- FRU ---------------------------------------------------------------------------------

TEST(BmcFru, AreaInfoAndReadsWithOffsetsAndCounts) {
  BmcHarness h;
  const Bytes info = h.ok(0x0a, 0x10, hex("00"));
  ASSERT_EQ(info.size(), 3u);
  const auto size = static_cast<std::size_t>(info[0] | (info[1] << 8));
  EXPECT_EQ(info[2], 0x00);  // by bytes
  ASSERT_GT(size, 16u);
  const Bytes header = h.ok(0x0a, 0x11, hex("00 00 00 08"));
  ASSERT_EQ(header.size(), 9u);
  EXPECT_EQ(header[0], 8);
  EXPECT_EQ(header[1], 0x01);  // common header format version
  EXPECT_EQ(std::accumulate(header.begin() + 1, header.end(), 0u) & 0xffu, 0u);  // zero checksum
  // The last bytes: fewer than asked for at the end of the area.
  const auto at = static_cast<std::uint16_t>(size - 3);
  const Bytes tail = h.ok(0x0a, 0x11, Bytes{0x00, static_cast<std::uint8_t>(at & 0xff), static_cast<std::uint8_t>(at >> 8), 0x10});
  EXPECT_EQ(tail.size(), 4u);
  EXPECT_EQ(tail[0], 3);
  const auto end = static_cast<std::uint16_t>(size);
  EXPECT_EQ(h.code(0x0a, 0x11, Bytes{0x00, static_cast<std::uint8_t>(end & 0xff), static_cast<std::uint8_t>(end >> 8), 0x01}), 0xc9);
  EXPECT_EQ(h.code(0x0a, 0x11, hex("00 00 00 41")), 0xca);
  EXPECT_EQ(h.code(0x0a, 0x11, hex("01 00 00 08")), 0xcb);
  EXPECT_EQ(h.code(0x0a, 0x10, hex("01")), 0xcb);
  EXPECT_EQ(h.code(0x0a, 0x10, hex("ff")), 0xcc);
}

TEST(BmcFru, BoardAreaNamesTheManufacturer) {
  BmcHarness h;
  const Bytes header = h.ok(0x0a, 0x11, hex("00 00 00 08"));
  const std::uint16_t board = static_cast<std::uint16_t>(header[4] * 8);
  const Bytes area = h.ok(0x0a, 0x11, Bytes{0x00, static_cast<std::uint8_t>(board), 0x00, 0x10});
  EXPECT_EQ(area[1], 0x01);  // board area format version
  EXPECT_EQ(area[7], 0xc6);  // 8-bit ASCII, 6 bytes
  EXPECT_EQ(Bytes(area.begin() + 8, area.begin() + 14), (Bytes{'i', 'p', 'm', 'i', 'c', 't'}));
}

// ---- chassis -----------------------------------------------------------------------------

TEST(BmcChassis, StatusFollowsControl) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x00, 0x01), hex("41 00 00"));
  h.ok(0x00, 0x02, hex("00"));
  EXPECT_EQ(h.ok(0x00, 0x01), hex("40 00 00"));
  h.ok(0x00, 0x02, hex("01"));
  EXPECT_EQ(h.ok(0x00, 0x01), hex("41 10 00"));
  EXPECT_EQ(h.code(0x00, 0x02, hex("06")), 0xcc);
  EXPECT_EQ(h.code(0x00, 0x02, hex("10")), 0xcc);  // reserved bits
  EXPECT_EQ(h.send(lan_session(Privilege::user), 0x00, 0x02, hex("00")).completion_code, 0xd4);
}

// ---- watchdog ----------------------------------------------------------------------------

TEST(BmcWatchdog, ResetBeforeSetIs80) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x22), 0x80);
}

TEST(BmcWatchdog, CountsDownWithNowAndExpires) {
  BmcHarness h;
  // SMS/OS, hard reset, no pre-timeout, clear all flags, 10.0 s.
  h.ok(0x06, 0x24, hex("04 01 00 3e 64 00"));
  EXPECT_EQ(h.ok(0x06, 0x25), hex("04 01 00 00 64 00 64 00"));  // set, not started
  h.advance(std::chrono::seconds(5));
  EXPECT_EQ(h.ok(0x06, 0x25), hex("04 01 00 00 64 00 64 00"));  // does not run until reset
  h.ok(0x06, 0x22);
  h.advance(std::chrono::milliseconds(3000));
  EXPECT_EQ(h.ok(0x06, 0x25), hex("44 01 00 00 64 00 46 00"));
  h.ok(0x06, 0x22);  // restart from the initial value
  h.advance(std::chrono::milliseconds(1000));
  EXPECT_EQ(h.ok(0x06, 0x25), hex("44 01 00 00 64 00 5a 00"));
  h.advance(std::chrono::milliseconds(9500));
  // Expired: stopped, SMS/OS expiration flag, logged as Watchdog 2 "hard reset".
  EXPECT_EQ(h.ok(0x06, 0x25), hex("04 01 00 10 64 00 00 00"));
  const Bytes entry = h.ok(0x0a, 0x43, hex("00 00 00 00 00 ff"));
  EXPECT_EQ(Bytes(entry.begin() + 9, entry.end()), hex("20 00 04 23 80 6f c1 04 ff"));
  // Set with the flag-clear bit for SMS/OS clears it.
  h.ok(0x06, 0x24, hex("04 01 00 10 64 00"));
  EXPECT_EQ(h.ok(0x06, 0x25)[3], 0x00);
}

TEST(BmcWatchdog, DontLogAndPreTimeoutFlag) {
  BmcHarness h;
  // OS load, don't log; no action; pre-timeout NMI 1 s before; 2.0 s.
  h.ok(0x06, 0x24, hex("83 20 01 00 14 00"));
  h.ok(0x06, 0x22);
  h.advance(std::chrono::milliseconds(1200));
  EXPECT_EQ(h.ok(0x06, 0x31), hex("08"));  // watchdog pre-timeout interrupt occurred
  h.ok(0x06, 0x30, hex("08"));
  EXPECT_EQ(h.ok(0x06, 0x31), hex("00"));
  h.advance(std::chrono::milliseconds(1000));
  EXPECT_EQ(h.ok(0x06, 0x25)[3], 0x08);  // OS load expired
  EXPECT_EQ(h.ok(0x0a, 0x40)[1], 0x00);  // not logged
}

TEST(BmcWatchdog, SetWatchdogFieldChecks) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x24, hex("00 01 00 00 64 00")), 0xcc);  // timer use 0
  EXPECT_EQ(h.code(0x06, 0x24, hex("04 04 00 00 64 00")), 0xcc);  // action 4
  EXPECT_EQ(h.code(0x06, 0x24, hex("04 10 0b 00 64 00")), 0xcc);  // pre-timeout 11 s > 10 s countdown
  EXPECT_EQ(h.code(0x06, 0x24, hex("04 01 00 01 64 00")), 0xcc);  // reserved bit 0 of byte 4
}

TEST(BmcWatchdog, DontStopKeepsARunningTimerRunning) {
  BmcHarness h;
  h.ok(0x06, 0x24, hex("04 00 00 00 64 00"));
  h.ok(0x06, 0x22);
  h.advance(std::chrono::seconds(2));
  h.ok(0x06, 0x24, hex("44 00 00 00 32 00"));  // don't stop, 5 s
  h.advance(std::chrono::seconds(1));
  EXPECT_EQ(h.ok(0x06, 0x25), hex("44 00 00 00 32 00 28 00"));
  h.ok(0x06, 0x24, hex("04 00 00 00 32 00"));  // without "don't stop": stops
  EXPECT_EQ(h.ok(0x06, 0x25)[0], 0x04);
}

// ---- System Info Parameters ---------------------------------------------------------------

TEST(BmcSystemInfo, StringParametersReadBackAsTheSeedShows) {
  BmcHarness h;
  h.ok(0x06, 0x58, cat(hex("01 00 00 0a"), text16("Version1.0", 14)));
  h.ok(0x06, 0x58, cat(hex("02 00 00 09"), text16("RMManager", 14)));
  EXPECT_EQ(h.ok(0x06, 0x59, hex("00 01 00 00")), hex("11 00 00 0a 56 65 72 73 69 6f 6e 31 2e 30 00 00 00 00"));
  EXPECT_EQ(h.ok(0x06, 0x59, hex("00 02 00 00")), hex("11 00 00 09 52 4d 4d 61 6e 61 67 65 72 00 00 00 00 00"));
  EXPECT_EQ(h.ok(0x06, 0x59, hex("00 04 00 00")), cat(hex("11 00"), Bytes(16, 0)));  // unset: zeros
  EXPECT_EQ(h.ok(0x06, 0x59, hex("00 00 00 00")), hex("11 00"));
  EXPECT_EQ(h.ok(0x06, 0x59, hex("80 01 00 00")), hex("11"));
}

TEST(BmcSystemInfo, UnsupportedParametersAndSetInProgress) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x59, hex("00 08 00 00")), 0x80);
  EXPECT_EQ(h.code(0x06, 0x59, hex("00 c0 00 00")), 0x80);
  EXPECT_EQ(h.code(0x06, 0x58, cat(hex("08 00"), Bytes(16, 0))), 0x80);
  h.ok(0x06, 0x58, hex("00 01"));
  EXPECT_EQ(h.ok(0x06, 0x59, hex("00 00 00 00")), hex("11 01"));
  EXPECT_EQ(h.code(0x06, 0x58, hex("00 01")), 0x81);
  h.ok(0x06, 0x58, hex("00 00"));
  EXPECT_EQ(h.code(0x06, 0x58, hex("00 03")), 0xcc);
  EXPECT_EQ(h.code(0x06, 0x58, hex("01 00 00 0a")), 0xc7);  // a block is 16 bytes
  EXPECT_EQ(h.code(0x06, 0x58, cat(hex("01 10"), Bytes(16, 0))), 0xc9);
  EXPECT_EQ(h.code(0x06, 0x59, hex("01 01 00 00")), 0xcc);  // reserved bits of byte 1
}

// ---- LAN Configuration Parameters ---------------------------------------------------------

TEST(BmcLanConfig, ParametersOfTheSecureDefault) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 00 00 00")), hex("11 00"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 01 00 00")), hex("11 16"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 02 00 00")), hex("11 04 04 04 04 00"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 03 00 00")), hex("11 7f 00 00 01"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 04 00 00")), hex("11 01"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 05 00 00")), hex("11 02 00 00 00 00 01"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 16 00 00")), hex("11 02"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 17 00 00")), hex("11 00 03 11"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("01 18 00 00")), hex("11 00 44 00 00 00 00 00 00 00"));
  EXPECT_EQ(h.ok(0x0c, 0x02, hex("81 17 00 00")), hex("11"));
  EXPECT_EQ(h.code(0x0c, 0x02, hex("01 09 00 00")), 0x80);
  EXPECT_EQ(h.code(0x0c, 0x02, hex("0f 00 00 00")), 0xcc);
  EXPECT_EQ(h.send(lan_session(Privilege::user), 0x0c, 0x02, hex("01 00 00 00")).completion_code, 0xd4);
  EXPECT_EQ(h.send(lan_session(Privilege::operator_), 0x0c, 0x02, hex("0e 17 00 00")).data, hex("11 00 03 11"));
}

// ---- Get Session Info ---------------------------------------------------------------------

TEST(BmcSessionInfo, InBandWithoutSessions) {
  BmcHarness h;
  EXPECT_EQ(h.ok(0x06, 0x3d, hex("00")), hex("00 08 00"));
}

TEST(BmcSessionInfo, ThisSessionOverLanAsTheSeedShows) {
  SimConfig c = default_sim_config(kAdminPassword);
  c.lan.max_sessions = 36;
  BmcHarness h(c);
  h.bmc.set_session_table([] {
    session::SessionInfo other;
    other.handle = 0x12;
    other.session_id = 0x99;
    other.user_id = 3;
    other.privilege = Privilege::user;
    other.ipmi20 = true;
    other.peer = {"::1", 600};
    session::SessionInfo mine;
    mine.handle = 0x37;
    mine.session_id = 0x11223344;
    mine.user_id = 2;
    mine.privilege = Privilege::administrator;
    mine.ipmi20 = false;
    mine.channel = 1;
    mine.peer = {"172.16.98.99", 0x3de9};
    return std::vector<session::SessionInfo>{other, mine};
  });
  const auto ctx = lan_session(Privilege::administrator, 0x11223344);
  // Seed A21 example 2, with this BMC's unknown MAC (zeros) and 2 active sessions.
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("00")).data,
            hex("37 24 02 02 04 01 ac 10 62 63 00 00 00 00 00 00 e9 3d"));
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("01")).data, hex("12 24 02 03 02 11 00 00 00 00 00 00 00 00 00 00 58 02"));
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("fe 37")).data[0], 0x37);
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("ff 99 00 00 00")).data[0], 0x12);
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("03")).data, hex("00 24 02"));
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("25")).completion_code, 0xc9);
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("fe")).completion_code, 0xc7);
  EXPECT_EQ(h.send(ctx, 0x06, 0x3d, hex("ff 99 00")).completion_code, 0xc7);
}

TEST(BmcSessionInfo, SessionCommandsOnTheSystemInterfaceAreNotSupportedThere) {
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x3b, hex("04")), 0xd5);
  EXPECT_EQ(h.code(0x06, 0x3c, hex("00 00 00 00 01")), 0xd5);
}

}  // namespace
}  // namespace ipmict::sim::test
