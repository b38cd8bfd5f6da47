// save()/load(): the mutable state survives a restart; a missing state file is a first
// start; a damaged one is an error that changes nothing.
#include <filesystem>
#include <fstream>
#include <random>

#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

struct TempDir {
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("ipmict-bmc-state-" + std::to_string(rd()) + std::to_string(rd()));
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path path;
};

TEST(BmcPersistence, SaveThenLoadRestoresTheMutableState) {
  TempDir dir;
  {
    BmcHarness h;
    h.ok(0x06, 0x45, cat(hex("03"), text16("test")));
    h.ok(0x06, 0x47, cat(hex("03 02"), text16("test")));
    h.ok(0x06, 0x47, hex("03 01"));
    h.ok(0x06, 0x43, hex("91 03 03"));
    h.ok(0x06, 0x40, hex("01 52 43"));
    h.ok(0x06, 0x58, cat(hex("01 00 00 0a"), text16("Version1.0", 14)));
    h.ok(0x04, 0x02, hex("41 04 01 30 01 57 5a 5f"));
    h.ok(0x04, 0x00, hex("ff 00"));
    h.ok(0x06, 0x56, cat(hex("01 01 01"), Bytes(20, 0x11)));
    ASSERT_TRUE(h.bmc.save(dir.path).has_value());
    EXPECT_TRUE(std::filesystem::exists(dir.path / "bmc-state.yaml"));
    EXPECT_FALSE(std::filesystem::exists(dir.path / "bmc-state.yaml.tmp"));
    const auto perms = std::filesystem::status(dir.path / "bmc-state.yaml").permissions();
    EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
  }
  BmcHarness h;
  auto loaded = h.bmc.load(dir.path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(h.ok(0x06, 0x46, hex("03")), text16("test"));
  EXPECT_EQ(h.code(0x06, 0x47, cat(hex("03 03"), text16("test"))), 0x00);
  EXPECT_EQ(h.ok(0x06, 0x44, hex("01 03")), hex("10 42 01 13"));
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 40")), hex("12 03"));
  EXPECT_EQ(h.ok(0x06, 0x41, hex("01 80")), hex("12 03"));  // volatile = non-volatile after a restart
  EXPECT_EQ(h.ok(0x06, 0x59, hex("00 01 00 00")), hex("11 00 00 0a 56 65 72 73 69 6f 6e 31 2e 30 00 00 00 00"));
  EXPECT_EQ(h.ok(0x0a, 0x43, hex("00 00 00 00 00 ff")), hex("ff ff 01 00 02 00 a2 ff 4e 41 00 04 01 30 01 57 5a 5f"));
  EXPECT_EQ(h.ok(0x04, 0x01), hex("ff 00"));
  EXPECT_EQ(*h.bmc.lan_server_config().kg, Bytes(20, 0x11));
  // New records continue after the saved ones.
  EXPECT_EQ(h.ok(0x0a, 0x44, hex("00 00 02 00 00 00 00 20 00 04 01 30 01 57 5a 5f")), hex("02 00"));
}

TEST(BmcPersistence, LoadWithoutAStateFileIsAFirstStart) {
  TempDir dir;
  BmcHarness h;
  EXPECT_TRUE(h.bmc.load(dir.path).has_value());
  EXPECT_EQ(h.ok(0x06, 0x46, hex("02")), text16("admin"));
}

TEST(BmcPersistence, DamagedStateIsAnErrorAndChangesNothing) {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  {
    std::ofstream f(dir.path / "bmc-state.yaml");
    f << "version: 1\nusers:\n  - {id: 2, name: \"x\", password_hex: \"zz\", password_20: false, enabled: true, access: []}\n";
  }
  BmcHarness h;
  auto r = h.bmc.load(dir.path);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().find("bmc-state.yaml"), std::string::npos);
  EXPECT_EQ(h.ok(0x06, 0x46, hex("02")), text16("admin"));
}

}  // namespace
}  // namespace ipmict::sim::test
