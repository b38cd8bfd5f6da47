// Pairs requests with responses in the sample captures (tests/data/captures/README.md),
// through the Dissector's decryption.
#include "protocol/capture/exchange_extractor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "protocol/catalog/catalog.hpp"

namespace ipmict::capture {
namespace {

Bytes load(const std::string& name) {
  std::ifstream in(std::string(IPMICT_TEST_DATA_DIR) + "/captures/" + name, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Credentials test_credentials() {
  Credentials c;
  const std::string pw = "test-password";  // test-only (tests/data/captures/README.md)
  c.password.assign(pw.begin(), pw.end());
  return c;
}

const Exchange* find(const ExtractedExchanges& x, std::uint8_t netfn, std::uint8_t cmd) {
  auto it = std::find_if(x.exchanges.begin(), x.exchanges.end(),
                         [&](const Exchange& e) { return e.netfn == netfn && e.cmd == cmd; });
  return it == x.exchanges.end() ? nullptr : &*it;
}

TEST(ExtractExchanges, Cs3CaptureWithPasswordYieldsDecryptedPairsInOrder) {
  const Bytes file = load("ipmitool-lanplus-cs3.pcap");
  ASSERT_FALSE(file.empty());
  auto x = extract_exchanges(catalog::builtin_catalog(), view(file), test_credentials());
  ASSERT_TRUE(x) << to_string(x.error());
  EXPECT_EQ(x->unmatched_responses, 0u);
  EXPECT_EQ(x->undecodable_messages, 0u);
  const Exchange* id = find(*x, 0x06, 0x01);
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->response_netfn, 0x07);
  EXPECT_EQ(id->completion_code, 0x00);
  EXPECT_GT(id->response_frame, id->request_frame);
  EXPECT_NE(id->bmc.find(":53873"), std::string::npos) << id->bmc;
  const Exchange* guid = find(*x, 0x06, 0x37);
  ASSERT_NE(guid, nullptr);
  EXPECT_EQ(guid->response_data.size(), 16u);
  // Get Channel Authentication Capabilities outside the session (in the clear) is there
  // too, as is Set Session Privilege Level and Close Session inside it.
  EXPECT_NE(find(*x, 0x06, 0x38), nullptr);
  EXPECT_NE(find(*x, 0x06, 0x3b), nullptr);
  EXPECT_NE(find(*x, 0x06, 0x3c), nullptr);
  for (std::size_t i = 1; i < x->exchanges.size(); ++i) {
    EXPECT_LT(x->exchanges[i - 1].response_frame, x->exchanges[i].response_frame);
  }
}

TEST(ExtractExchanges, WithoutPasswordOnlyTheClearMessagesPair) {
  const Bytes file = load("ipmitool-lanplus-cs3.pcap");
  auto with = extract_exchanges(catalog::builtin_catalog(), view(file), test_credentials());
  auto without = extract_exchanges(catalog::builtin_catalog(), view(file));
  ASSERT_TRUE(with && without);
  EXPECT_LT(without->exchanges.size(), with->exchanges.size());
  EXPECT_EQ(find(*without, 0x06, 0x01), nullptr);
  EXPECT_NE(find(*without, 0x06, 0x38), nullptr);  // before the session: not encrypted
}

TEST(ExtractExchanges, Ipmi15CaptureNeedsNoPasswordToPair) {
  const Bytes file = load("ipmitool-lan-md5.pcap");
  auto x = extract_exchanges(catalog::builtin_catalog(), view(file));
  ASSERT_TRUE(x);
  EXPECT_NE(find(*x, 0x06, 0x01), nullptr);
  EXPECT_NE(find(*x, 0x06, 0x3a), nullptr);  // Activate Session
}

TEST(ExtractExchanges, NotACaptureIsAnErrorAndTruncationKeepsEarlierPairs) {
  const Bytes junk{1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_FALSE(extract_exchanges(catalog::builtin_catalog(), view(junk)));
  const Bytes file = load("ipmitool-lan-md5.pcap");
  auto whole = extract_exchanges(catalog::builtin_catalog(), view(file));
  auto half = extract_exchanges(catalog::builtin_catalog(), ByteView(file.data(), file.size() / 2));
  ASSERT_TRUE(whole && half);
  EXPECT_GT(half->exchanges.size(), 0u);
  EXPECT_LT(half->exchanges.size(), whole->exchanges.size());
  // Every truncation of the file is survived (capture files are untrusted input).
  for (std::size_t n = 0; n < file.size(); n += 97) (void)extract_exchanges(catalog::builtin_catalog(), ByteView(file.data(), n));
}

}  // namespace
}  // namespace ipmict::capture
