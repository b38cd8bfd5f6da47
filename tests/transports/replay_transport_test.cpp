// ReplayTransport answers from tests/data/captures/ipmitool-lanplus-cs3.pcap (ipmitool
// against ipmi_sim, cipher suite 3: every answer is AES-encrypted, so the password is
// needed; test-only credential, see tests/data/captures/README.md).
#include "transports/replay_transport.hpp"

#include <gtest/gtest.h>

namespace ipmict::transport {
namespace {

const std::string kCapture = std::string(IPMICT_TEST_DATA_DIR) + "/captures/ipmitool-lanplus-cs3.pcap";

capture::Credentials test_credentials() {
  capture::Credentials c;
  const std::string pw = "test-password";
  c.password.assign(pw.begin(), pw.end());
  return c;
}

TEST(ReplayTransport, AnswersGetDeviceIdAndGetSystemGuidWithTheCapturedBytes) {
  auto replay = ReplayTransport::from_capture(kCapture, test_credentials());
  ASSERT_TRUE(replay) << replay.error().message;
  auto id = (*replay)->request(session::Request{0x06, 0x01, {}, 0, {}});
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(id->netfn, 0x07);
  EXPECT_EQ(id->cmd, 0x01);
  EXPECT_EQ(id->completion_code, 0x00);
  // ipmi_sim's Device ID (tests/peers/README.md): ID 20h, revision 1, firmware 2.15 (BCD 15h),
  // IPMI 2.0, support 9fh, manufacturer 001291h, product 0c01h.
  ASSERT_GE(id->data.size(), 11u);
  EXPECT_EQ((Bytes(id->data.begin(), id->data.begin() + 11)),
            (Bytes{0x20, 0x01, 0x02, 0x15, 0x02, 0x9f, 0x91, 0x12, 0x00, 0x01, 0x0c}));

  auto guid = (*replay)->request(session::Request{0x06, 0x37, {}, 0, {}});
  ASSERT_TRUE(guid) << guid.error().message;
  EXPECT_EQ(guid->completion_code, 0x00);
  ASSERT_EQ(guid->data.size(), 16u);
  // lan.conf's guid 69706d69...21 ("ipmict-test-bmc!"), in the order ipmi_sim sent it.
  const std::string text(guid->data.begin(), guid->data.end());
  EXPECT_EQ(text, "ipmict-test-bmc!") << to_hex(view(guid->data));
}

TEST(ReplayTransport, ExchangesAnswerInCaptureOrderWithTheirCompletionCodes) {
  auto replay = ReplayTransport::from_capture(kCapture, test_credentials());
  ASSERT_TRUE(replay);
  // Get Channel Authentication Capabilities 8e 04 was sent twice: by ipmitool before the
  // session (answered 00h), and as `raw 0x06 0x38 0x8e 0x04` inside it, which ipmi_sim
  // answered D5h (tests/data/captures/README.md, command 6).
  const session::Request caps{0x06, 0x38, {0x8e, 0x04}, 0, {}};
  auto first = (*replay)->request(caps);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->completion_code, 0x00);
  auto second = (*replay)->request(caps);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->completion_code, 0xd5);
}

TEST(ReplayTransport, SameCommandWithOtherDataFallsBackToTheFirstUnusedOne) {
  auto replay = ReplayTransport::from_capture(kCapture, test_credentials());
  ASSERT_TRUE(replay);
  auto id = (*replay)->request(session::Request{0x06, 0x01, {0x99}, 0, {}});
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(id->cmd, 0x01);
  EXPECT_EQ(id->completion_code, 0x00);
}

TEST(ReplayTransport, EachExchangeAnswersOnceThenNoRecordedAnswer) {
  auto replay = ReplayTransport::from_capture(kCapture, test_credentials());
  ASSERT_TRUE(replay);
  const session::Request guid{0x06, 0x37, {}, 0, {}};
  int answered = 0;
  for (int i = 0; i < 50; ++i) {
    auto r = (*replay)->request(guid);
    if (!r) {
      EXPECT_EQ(r.error().kind, TransportError::Kind::unreachable);
      EXPECT_NE(r.error().message.find("no recorded answer for netFn 06h cmd 37h"), std::string::npos) << r.error().message;
      break;
    }
    ++answered;
  }
  EXPECT_GE(answered, 1);
  EXPECT_LT(answered, 50);
}

TEST(ReplayTransport, WithoutThePasswordEncryptedAnswersAreNotSeen) {
  auto replay = ReplayTransport::from_capture(kCapture);
  ASSERT_TRUE(replay);
  auto id = (*replay)->request(session::Request{0x06, 0x01, {}, 0, {}});
  ASSERT_FALSE(id);
  EXPECT_NE(id.error().message.find("no recorded answer"), std::string::npos);
}

TEST(ReplayTransport, UnknownCommandAfterCloseAndMissingFile) {
  auto replay = ReplayTransport::from_capture(kCapture, test_credentials());
  ASSERT_TRUE(replay);
  EXPECT_NE((*replay)->describe().find("replay://ipmitool-lanplus-cs3.pcap"), std::string::npos);
  auto none = (*replay)->request(session::Request{0x2e, 0x99, {}, 0, {}});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, TransportError::Kind::unreachable);
  (*replay)->close();
  auto after = (*replay)->request(session::Request{0x06, 0x01, {}, 0, {}});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().kind, TransportError::Kind::closed);
  auto missing = ReplayTransport::from_capture("/nonexistent/x.pcap");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, TransportError::Kind::io);
}

TEST(ReplayTransport, BridgedRequestsAreRefused) {
  ReplayTransport replay({}, "empty");
  session::Request r{0x06, 0x01, {}, 0, session::Bridge{0, 0x72, {}, {}}};
  auto out = replay.request(r);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, TransportError::Kind::bad_request);
}

}  // namespace
}  // namespace ipmict::transport
