#include "protocol/core/reader.hpp"

#include <gtest/gtest.h>

#include "protocol/core/checksum.hpp"
#include "protocol/core/writer.hpp"

namespace ipmict {
namespace {

TEST(Reader, ReadsLittleAndBigEndianFields) {
  const Bytes data{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d};
  Reader r(view(data));
  EXPECT_EQ(r.u8("a"), 0x01);
  EXPECT_EQ(r.u16le("b"), 0x0302);
  EXPECT_EQ(r.u32le("c"), 0x07060504u);
  EXPECT_EQ(r.u16be("d"), 0x0809);
  EXPECT_EQ(r.u32be("e"), 0x0a0b0c0du);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());
}

TEST(Reader, FirstShortReadIsStickyAndNamesTheField) {
  const Bytes data{0xaa, 0xbb, 0xcc};
  Reader r(view(data), 10);
  EXPECT_EQ(r.u16le("first"), 0xbbaa);
  EXPECT_EQ(r.u16le("second"), 0);  // only one byte left
  EXPECT_EQ(r.u8("third"), 0);      // would fit, but the error is sticky
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(*r.error(), (DecodeError{DecodeErrc::truncated, 12, "second"}));
  EXPECT_EQ(r.remaining(), 1u);  // a failed read does not advance
}

TEST(Reader, TrailingBytesAreAnErrorAtTheirOffset) {
  const Bytes data{1, 2, 3};
  Reader r(view(data));
  r.u16le("x");
  r.expect_end("end");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error()->code, DecodeErrc::trailing_bytes);
  EXPECT_EQ(r.error()->offset, 2u);
}

TEST(Reader, SubReaderKeepsAbsoluteOffsets) {
  const Bytes data{0, 0, 0, 9, 9};
  Reader r(view(data), 100);
  r.bytes(3, "head");
  Reader inner = r.sub(2, "payload");
  EXPECT_EQ(inner.offset(), 103u);
  inner.u16le("pair");
  inner.u8("beyond");
  EXPECT_EQ(inner.error()->offset, 105u);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());
}

TEST(Reader, SubReaderOfMissingBytesIsTruncated) {
  const Bytes data{1};
  Reader r(view(data));
  Reader inner = r.sub(4, "payload");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(inner.ok());
  EXPECT_EQ(inner.error()->field, "payload");
}

TEST(Reader, FinishReturnsValueOrTheFirstError) {
  const Bytes data{7};
  Reader ok(view(data));
  auto v = ok.finish(ok.u8("x"));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, 7);
  Reader bad(view(data));
  bad.u16le("wide");
  auto e = bad.finish(0);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(to_string(e.error()), "truncated at offset 0 (wide)");
}

TEST(Writer, MirrorsReader) {
  Writer w;
  w.u8(1).u16le(0x0302).u32le(0x07060504).u16be(0x0809).u32be(0x0a0b0c0d);
  const Bytes expect{1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0a, 0x0b, 0x0c, 0x0d};
  EXPECT_EQ(w.bytes(), expect);
  w.patch_u16le(1, 0xbeef);
  EXPECT_EQ(w.bytes()[1], 0xef);
  EXPECT_EQ(w.bytes()[2], 0xbe);
}

TEST(Hex, RoundTripsAndAcceptsCommonSpellings) {
  EXPECT_EQ(to_hex(Bytes{0x0a, 0xff, 0x00}), "0a ff 00");
  EXPECT_EQ(to_hex(Bytes{0x0a, 0xff}, '\0'), "0aff");
  EXPECT_EQ(to_hex(std::uint8_t{0x0a}), "0a");
  EXPECT_EQ(to_hex(std::uint8_t{0xff}), "ff");
  EXPECT_EQ(parse_hex("0a ff 00"), (Bytes{0x0a, 0xff, 0x00}));
  EXPECT_EQ(parse_hex("0x06 0x1 0x0"), (Bytes{0x06, 0x01, 0x00}));
  EXPECT_EQ(parse_hex("0AFF"), (Bytes{0x0a, 0xff}));
  EXPECT_EQ(parse_hex("0a:ff"), (Bytes{0x0a, 0xff}));
  EXPECT_EQ(parse_hex(""), Bytes{});
  EXPECT_FALSE(parse_hex("0a f").has_value());
  EXPECT_FALSE(parse_hex("zz").has_value());
  EXPECT_FALSE(parse_hex("0x").has_value());
  EXPECT_FALSE(parse_hex("0x123").has_value());
}

TEST(Checksum, TwosComplementSumsToZero) {
  // IPMI LAN request header rsAddr=20h netFn/LUN=18h: checksum C8h (ipmitool captures).
  EXPECT_EQ(ipmi_checksum(Bytes{0x20, 0x18}), 0xc8);
  EXPECT_TRUE(checksum_ok(Bytes{0x20, 0x18, 0xc8}));
  EXPECT_FALSE(checksum_ok(Bytes{0x20, 0x18, 0xc9}));
  EXPECT_EQ(ipmi_checksum(Bytes{}), 0);
}

}  // namespace
}  // namespace ipmict
