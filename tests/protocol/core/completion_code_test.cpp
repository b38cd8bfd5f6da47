// Generic completion codes (IPMI 2.0 §5.2, Table 5-2).
#include "protocol/core/completion_code.hpp"

#include <gtest/gtest.h>

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

TEST(CompletionCode, ExactlyTheGenericRangesAreNamed) {
  int named = 0;
  for (unsigned cc = 0; cc < 256; ++cc) named += generic_completion_code_name(static_cast<std::uint8_t>(cc)) ? 1 : 0;
  EXPECT_EQ(named, 25);  // 00h, C0h-D6h (23), FFh
}

}  // namespace
}  // namespace ipmict
