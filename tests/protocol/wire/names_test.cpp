// NetFn names (IPMI 2.0 Table 5-1).
#include <gtest/gtest.h>

#include "protocol/wire/netfn.hpp"

namespace ipmict {
namespace {

TEST(NetFn, RequestAndResponseShareAName) {
  EXPECT_EQ(netfn_name(0x00), "Chassis");
  EXPECT_EQ(netfn_name(0x01), "Chassis");
  EXPECT_EQ(netfn_name(0x02), "Bridge");
  EXPECT_EQ(netfn_name(0x04), "Sensor/Event");
  EXPECT_EQ(netfn_name(kNetFnApp), "App");
  EXPECT_EQ(netfn_name(0x07), "App");
  EXPECT_EQ(netfn_name(0x08), "Firmware");
  EXPECT_EQ(netfn_name(0x0a), "Storage");
  EXPECT_EQ(netfn_name(0x0d), "Transport");
  EXPECT_EQ(netfn_name(0x2c), "Group Extension");
  EXPECT_EQ(netfn_name(0x2f), "OEM/Group");
  EXPECT_EQ(netfn_name(0x30), "Controller-specific OEM/Group");
  EXPECT_EQ(netfn_name(0x3f), "Controller-specific OEM/Group");
}

TEST(NetFn, ReservedAndOutOfRangeValuesHaveNoName) {
  for (int n : {0x0e, 0x10, 0x2b, 0x40, 0xff}) EXPECT_EQ(netfn_name(static_cast<std::uint8_t>(n)), std::nullopt) << n;
}

}  // namespace
}  // namespace ipmict
