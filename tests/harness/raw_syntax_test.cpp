#include "harness/raw_syntax.hpp"

#include <gtest/gtest.h>

namespace ipmict {
namespace {

TEST(RawSyntax, BytesReadLikeStrtoulBaseZero) {
  EXPECT_EQ(parse_raw_byte("0x2e"), 0x2e);
  EXPECT_EQ(parse_raw_byte("0X2E"), 0x2e);
  EXPECT_EQ(parse_raw_byte("46"), 46);
  EXPECT_EQ(parse_raw_byte("046"), 046);  // octal, as ipmitool reads it
  EXPECT_EQ(parse_raw_byte("0"), 0);
  EXPECT_EQ(parse_raw_byte("255"), 255);
  EXPECT_EQ(parse_raw_byte("0xff"), 255);
  EXPECT_EQ(parse_raw_byte("0x0"), 0);  // the seed writes zero bytes as 0x0
}

TEST(RawSyntax, BadBytesNameTheToken) {
  EXPECT_EQ(parse_raw_byte("256").error(), "'256' is not a byte (0-255)");
  EXPECT_EQ(parse_raw_byte("0x100").error(), "'0x100' is not a byte (0-255)");
  EXPECT_EQ(parse_raw_byte("08").error(), "'08' is not a number (a leading 0 means octal)");
  EXPECT_EQ(parse_raw_byte("0xzz").error(), "'0xzz' is not a number (hex after 0x)");
  EXPECT_EQ(parse_raw_byte("ab").error(), "'ab' is not a number (decimal)");
  EXPECT_EQ(parse_raw_byte("").error(), "'' is not a number");
}

TEST(RawSyntax, RequestFromTokens) {
  // Seed A31 example 1: Set User Password, 16-byte form, "test".
  auto r = parse_raw_request({"0x06", "0x47", "0x03", "0x02", "0x74", "0x65", "0x73", "0x74", "0x0"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->netfn, 0x06);
  EXPECT_EQ(r->cmd, 0x47);
  EXPECT_EQ(r->data, (Bytes{0x03, 0x02, 0x74, 0x65, 0x73, 0x74, 0x00}));
  EXPECT_EQ(parse_raw_request({"0x06"}).error(), "need NETFN and CMD (e.g. 0x06 0x01)");
  EXPECT_EQ(parse_raw_request({"0x07", "0x01"}).error(),
            "netfn '0x07' is odd: that is a response netfn (requests use even ones)");
  EXPECT_EQ(parse_raw_request({"0x40", "0x01"}).error(), "netfn '0x40' is more than 6 bits (0x00-0x3f)");
  EXPECT_EQ(parse_raw_request({"6", "1", "0x1zz"}).error(), "data byte 1 '0x1zz' is not a number (hex after 0x)");
}

TEST(RawSyntax, BatchLinesAcceptIpmitoolExecFormAndComments) {
  auto a = parse_raw_line("raw 0x06 0x01");
  ASSERT_TRUE(a && *a);
  EXPECT_EQ((*a)->cmd, 0x01);
  auto b = parse_raw_line("  0x04 0x02 0x04 0x30 0x17 0x75 0xa0 0x04 0x07   # Platform Event Message\r");
  ASSERT_TRUE(b && *b);
  EXPECT_EQ((*b)->data.size(), 7u);
  auto blank = parse_raw_line("   # only a comment");
  ASSERT_TRUE(blank);
  EXPECT_FALSE(*blank);
  EXPECT_FALSE(parse_raw_line("raw 0x06"));
}

}  // namespace
}  // namespace ipmict
