#include "protocol/session/cipher_suite_records.hpp"

#include <gtest/gtest.h>

namespace ipmict::session {
namespace {

TEST(CipherSuiteRecords, DecodesStandardAndOemRecords) {
  const Bytes data = {0xc0, 0x03, 0x01, 0x41, 0x81, 0xc1, 0x80, 0x57, 0x01, 0x00, 0x01, 0x41, 0xc0, 0x11, 0x03, 0x44, 0x81};
  auto r = decode_cipher_suite_records(view(data));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].id, 3);
  EXPECT_EQ((*r)[0].authentication, std::vector<std::uint8_t>{1});
  EXPECT_EQ((*r)[0].integrity, std::vector<std::uint8_t>{1});
  EXPECT_EQ((*r)[0].confidentiality, std::vector<std::uint8_t>{1});
  EXPECT_EQ((*r)[1].oem_iana, 0x000157u);
  EXPECT_EQ((*r)[2].id, 17);
}

TEST(CipherSuiteRecords, RejectsTagsBeforeAStartOfRecord) {
  const Bytes data = {0x01, 0xc0, 0x03};
  auto r = decode_cipher_suite_records(view(data), 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset, 100u);
  EXPECT_EQ(r.error().code, DecodeErrc::bad_value);
}

TEST(CipherSuiteRecords, TruncatedRecordIsAnError) {
  for (const Bytes& data : {Bytes{0xc0}, Bytes{0xc1, 0x80, 0x57}}) {
    auto r = decode_cipher_suite_records(view(data));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, DecodeErrc::truncated);
  }
}

TEST(CipherSuiteRecords, ChoiceFollowsThePreferenceAndSkipsOemAndUnimplemented) {
  std::vector<CipherSuiteRecord> offered;
  for (std::uint8_t id : std::initializer_list<std::uint8_t>{0, 1, 2, 4, 8, 16}) offered.push_back(CipherSuiteRecord{id, std::nullopt, {}, {}, {}});
  offered.push_back(CipherSuiteRecord{17, 0x157, {}, {}, {}});  // OEM record numbered 17: not the standard 17
  EXPECT_EQ(choose_cipher_suites(offered), (std::vector<std::uint8_t>{16, 2, 8, 1}));
}

}  // namespace
}  // namespace ipmict::session
