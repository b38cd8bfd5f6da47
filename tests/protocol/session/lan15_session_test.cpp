// ClientSession over IPMI 1.5 against the fake BMC.
#include <gtest/gtest.h>

#include "protocol/wire/datagram.hpp"
#include "tests/protocol/session/session_harness.hpp"

namespace ipmict::session::testing {
namespace {

using Kind = Failure::Kind;

class EveryAuthType : public ::testing::TestWithParam<AuthType> {};

TEST_P(EveryAuthType, EstablishesAndAnswersGetDeviceId) {
  Harness h(lan15_config(GetParam()), bmc_config());
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::established) << (h.session_failure() ? h.session_failure()->message : "");
  auto est = h.all<Established>();
  ASSERT_EQ(est.size(), 1u);
  EXPECT_EQ(est[0].auth_type, GetParam());
  EXPECT_EQ(est[0].privilege, Privilege::administrator);
  EXPECT_FALSE(est[0].cipher_suite.has_value());
  auto a = h.answer(h.submit(get_device_id()));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->completion_code, 0);
  EXPECT_EQ(a->data.size(), 15u);
  EXPECT_EQ(h.bmc.integrity_failures, 0u);
  // Every in-session packet carries the next sequence number, starting where the BMC said.
  ASSERT_GE(h.bmc.inbound_sequences.size(), 2u);
  EXPECT_EQ(h.bmc.inbound_sequences[0], 0x100u);
  EXPECT_EQ(h.bmc.inbound_sequences[1], 0x101u);
}

INSTANTIATE_TEST_SUITE_P(Ipmi15, EveryAuthType,
                         ::testing::Values(AuthType::none, AuthType::md2, AuthType::md5,
                                           AuthType::straight_password));

TEST(Lan15AuthType, StrongestOfferedIsChosen) {
  struct Case {
    std::uint8_t offered;
    AuthType expected;
  };
  for (const Case& c : {Case{0x17, AuthType::md5}, Case{0x13, AuthType::md2}, Case{0x11, AuthType::straight_password},
                        Case{0x01, AuthType::none}}) {
    FakeBmcConfig b = bmc_config();
    b.auth_types_15 = c.offered;
    Harness h(lan15_config(), b);
    h.start();
    ASSERT_EQ(h.client.state(), ClientState::established);
    EXPECT_EQ(h.all<Established>().at(0).auth_type, c.expected);
  }
}

TEST(Lan15AuthType, RequestedTypeNotOfferedIsUnsupported) {
  FakeBmcConfig b = bmc_config();
  b.auth_types_15 = 0x14;  // MD5 and straight password
  Harness h(lan15_config(AuthType::md2), b);
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::unsupported);
  EXPECT_EQ(f->step, "Get Channel Authentication Capabilities");
  EXPECT_NE(f->message.find("MD2"), std::string::npos);
}

TEST(Lan15Handshake, UnknownUserIsRejectedAtGetSessionChallenge) {
  ClientConfig c = lan15_config(AuthType::md5);
  c.username = Bytes{'x'};
  Harness h(c, bmc_config());
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::rejected);
  EXPECT_EQ(f->step, "Get Session Challenge");
  EXPECT_EQ(f->status, 0x81);
  EXPECT_EQ(f->message, "completion code 81h (invalid user name)");
}

TEST(Lan15Handshake, WrongPasswordTimesOutAtActivateSession) {
  // A BMC drops an Activate Session whose AuthCode does not verify (no reply is allowed
  // to reveal which part was wrong), so the client can only time out.
  ClientConfig c = lan15_config(AuthType::md5);
  c.password = Bytes{'n', 'o', 'p', 'e'};
  Harness h(c, bmc_config());
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::timeout);
  EXPECT_EQ(f->step, "Activate Session");
  EXPECT_EQ(h.bmc.integrity_failures, 3u);
}

TEST(Lan15Sequence, DuplicatedResponseIsDiscarded) {
  Harness h(lan15_config(AuthType::md5), bmc_config());
  h.start();
  h.network = Harness::duplicate_every_reply;
  const RequestId id = h.submit(get_device_id());
  h.run();
  EXPECT_TRUE(h.answer(id));
  EXPECT_TRUE(h.discarded_with("duplicate session sequence number"));
}

TEST(Lan15Sequence, TamperedAuthCodeIsDiscarded) {
  Harness h(lan15_config(AuthType::md5), bmc_config());
  h.start();
  h.network = [](const Bytes&, std::vector<Bytes> replies) {
    for (Bytes& r : replies) r[14] ^= 0x01;  // inside the AuthCode (RMCP 4 + type 1 + seq 4 + id 4)
    return replies;
  };
  const RequestId id = h.submit(get_device_id());
  EXPECT_FALSE(h.answer(id));
  EXPECT_TRUE(h.discarded_with("AuthCode does not verify"));
}

TEST(Lan15Reactivation, ForgottenSessionIsReactivatedOnceAndTheRequestResent) {
  ClientConfig c = lan15_config(AuthType::md5);
  c.retries = 1;
  Harness h(c, bmc_config());
  h.start();
  const std::uint32_t first_id = h.all<Established>().at(0).bmc_session_id;
  h.bmc.forget_sessions();
  const RequestId id = h.submit(get_device_id());
  auto a = h.answer(id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->completion_code, 0);
  auto est = h.all<Established>();
  ASSERT_EQ(est.size(), 2u);
  EXPECT_NE(est[1].bmc_session_id, first_id);
  EXPECT_EQ(h.client.state(), ClientState::established);
}

TEST(Lan15Reactivation, RequestFailsWhenTheResendAfterReactivationIsUnanswered) {
  ClientConfig c = lan15_config(AuthType::md5);
  c.retries = 0;
  Harness h(c, bmc_config());
  h.start();
  h.bmc.forget_sessions();
  // Drop every in-session Get Device ID; let the handshake through.
  h.network = [](const Bytes& request, std::vector<Bytes> replies) {
    auto d = decode_datagram(view(request), 0);
    if (d) {
      const auto& s = std::get<Session15>(d->message);
      auto rq = decode_ipmi_request(s.payload);
      if (rq && rq->cmd == 0x01) return std::vector<Bytes>{};
    }
    return replies;
  };
  const RequestId id = h.submit(get_device_id());
  auto f = h.request_failure(id);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::timeout);
  EXPECT_EQ(h.all<Established>().size(), 2u);  // re-activated exactly once
}

TEST(Lan15Privilege, AboveTheUsersLimitReportsCompletionCode81h) {
  ClientConfig c = lan15_config(AuthType::md5);
  c.username = Bytes{'o', 'p'};
  c.password = Bytes{'o', 'p', 'p', 'w'};
  Harness h(c, bmc_config());
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->step, "Set Session Privilege Level");
  EXPECT_EQ(f->status, 0x81);
}

TEST(Lan15Close, SendsCloseSessionThenClosed) {
  Harness h(lan15_config(AuthType::md2), bmc_config());
  h.start();
  h.client.close(h.now);
  h.run();
  EXPECT_EQ(h.client.state(), ClientState::closed);
  EXPECT_EQ(h.bmc.close_sessions, 1u);
  EXPECT_EQ(h.all<Closed>().size(), 1u);
}

TEST(Lan15Bridging, BridgedRequestOverIpmi15) {
  Harness h(lan15_config(AuthType::md5), bmc_config());
  h.start();
  Request r = get_device_id();
  r.bridge = Bridge{0x06, 0x52, std::nullopt, std::nullopt};
  auto a = h.answer(h.submit(r));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->data, (Bytes{0xab, 0x52}));
}

}  // namespace
}  // namespace ipmict::session::testing
