// Generic completion codes (IPMI 2.0 Table 5-2) and netFn names (Table 5-1).
#include <gtest/gtest.h>

#include "protocol/wire/completion_code.hpp"
#include "protocol/wire/netfn.hpp"

namespace ipmict {
namespace {

TEST(CompletionCode, GenericCodesHaveTheSpecNames) {
  EXPECT_EQ(generic_completion_code_name(0x00), "Command Completed Normally");
  EXPECT_EQ(generic_completion_code_name(0xc0), "Node Busy");
  EXPECT_EQ(generic_completion_code_name(0xc1), "Invalid Command");
  EXPECT_EQ(generic_completion_code_name(0xc7), "Request data length invalid");
  EXPECT_EQ(generic_completion_code_name(0xcc), "Invalid data field in Request");
  EXPECT_EQ(generic_completion_code_name(0xd4),
            "Cannot execute command due to insufficient privilege level or other security-based restriction");
  EXPECT_EQ(generic_completion_code_name(0xff), "Unspecified error");
  for (int cc = 0xc0; cc <= 0xd6; ++cc) {
    EXPECT_TRUE(generic_completion_code_name(static_cast<std::uint8_t>(cc)).has_value()) << cc;
  }
}

TEST(CompletionCode, CommandSpecificAndOemCodesAreNotGeneric) {
  for (int cc : {0x01, 0x7e, 0x80, 0x81, 0xbe, 0xd7, 0xfe}) {
    EXPECT_EQ(generic_completion_code_name(static_cast<std::uint8_t>(cc)), std::nullopt) << cc;
  }
}

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
