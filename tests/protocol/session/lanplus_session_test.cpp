// ClientSession over RMCP+ against the fake BMC.
#include <gtest/gtest.h>

#include "protocol/wire/datagram.hpp"
#include "tests/protocol/session/session_harness.hpp"

namespace ipmict::session::testing {
namespace {

using Kind = Failure::Kind;

class EverySuite : public ::testing::TestWithParam<std::uint8_t> {};

TEST_P(EverySuite, EstablishesAndAnswersGetDeviceId) {
  Harness h(lanplus_config(GetParam()), bmc_config());
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::established) << (h.session_failure() ? h.session_failure()->message : "");
  auto est = h.all<Established>();
  ASSERT_EQ(est.size(), 1u);
  EXPECT_EQ(est[0].cipher_suite, GetParam());
  EXPECT_EQ(est[0].privilege, Privilege::administrator);
  EXPECT_NE(est[0].console_session_id, 0u);
  const RequestId id = h.submit(get_device_id());
  auto a = h.answer(id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->netfn, 0x07);
  EXPECT_EQ(a->cmd, 0x01);
  EXPECT_EQ(a->completion_code, 0x00);
  EXPECT_EQ(a->data.size(), 15u);
  EXPECT_EQ(h.bmc.integrity_failures, 0u);
  EXPECT_EQ(h.bmc.cipher_suite_requests, 0u);  // explicit suite: the list is not read
}

INSTANTIATE_TEST_SUITE_P(Implemented, EverySuite,
                         ::testing::Values(0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17));

TEST(LanplusSuiteSelection, PicksTheStrongestOfferedSuite) {
  struct Case {
    std::vector<std::uint8_t> offered;
    std::uint8_t expected;
  };
  for (const Case& c : {Case{{0, 1, 2, 3, 16, 17}, 17}, Case{{1, 2, 3, 16}, 3}, Case{{0, 1, 2, 6, 7, 8}, 2}, Case{{0, 1, 6, 7, 8}, 8},
                        Case{{0, 1, 6, 11, 12, 15}, 12}, Case{{0, 15, 6}, 15}}) {
    FakeBmcConfig b = bmc_config();
    b.suites = c.offered;
    Harness h(lanplus_config(), b);
    h.start();
    ASSERT_EQ(h.client.state(), ClientState::established);
    EXPECT_EQ(h.all<Established>().at(0).cipher_suite, c.expected);
    EXPECT_EQ(h.bmc.open_session_suites, std::vector<std::uint8_t>{c.expected});
  }
}

TEST(LanplusSuiteSelection, ReadsEveryListIndexUntilAShortResponse) {
  // 12 suites x 5 bytes = 60 record bytes: indexes 0..3 (16, 16, 16, 12 bytes).
  Harness h(lanplus_config(), bmc_config());
  h.start();
  EXPECT_EQ(h.bmc.cipher_suite_requests, 4u);
  EXPECT_EQ(h.all<Established>().at(0).cipher_suite, 17);
}

TEST(LanplusSuiteSelection, UnansweredCipherSuitesCostsExactlyOneTimeout) {
  FakeBmcConfig b = bmc_config();
  b.answer_cipher_suites = false;
  b.suites = {3};
  ClientConfig c = lanplus_config();
  c.timeout = Millis(700);
  c.retries = 5;
  Harness h(c, b);
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::established);
  EXPECT_EQ(h.bmc.cipher_suite_requests, 1u);      // no retries for the optional command
  EXPECT_EQ(h.now, TimePoint{} + Millis(700));     // one timeout, then straight on
  EXPECT_EQ(h.bmc.open_session_suites, (std::vector<std::uint8_t>{17, 3}));  // fallback order
  EXPECT_EQ(h.all<Established>().at(0).cipher_suite, 3);
}

TEST(LanplusSuiteSelection, CipherSuitesErrorFallsBackTo17Then3) {
  FakeBmcConfig b = bmc_config();
  b.cipher_suites_error = true;
  b.suites = {3};
  Harness h(lanplus_config(), b);
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::established);
  EXPECT_EQ(h.now, TimePoint{});  // an error answer costs no time
  EXPECT_EQ(h.bmc.open_session_suites, (std::vector<std::uint8_t>{17, 3}));
}

TEST(LanplusSuiteSelection, ShortRefusalStillFallsBackToTheNextSuite) {
  // ipmi_sim: no answer to Get Channel Cipher Suites outside a session, and a 2-byte Open
  // Session Response (tag, status) refusing suite 17.
  FakeBmcConfig b = bmc_config();
  b.answer_cipher_suites = false;
  b.short_open_session_refusal = true;
  b.suites = {3};
  Harness h(lanplus_config(), b);
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::established);
  EXPECT_EQ(h.bmc.open_session_suites, (std::vector<std::uint8_t>{17, 3}));
  EXPECT_EQ(h.all<Established>().at(0).cipher_suite, 3);
}

TEST(LanplusSuiteSelection, ShortRefusalOfAnExplicitSuiteNamesTheStatus) {
  FakeBmcConfig b = bmc_config();
  b.short_open_session_refusal = true;
  b.suites = {3};
  ClientConfig c = lanplus_config();
  c.cipher_suite = 17;
  Harness h(c, b);
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::failed);
  const Failure f = h.all<SessionFailed>().at(0).failure;
  EXPECT_EQ(f.kind, Failure::Kind::unsupported);
  EXPECT_EQ(f.status, 0x11);
}

TEST(LanplusSuiteSelection, ExplicitSuiteNotOfferedIsUnsupported) {
  FakeBmcConfig b = bmc_config();
  b.suites = {3};
  Harness h(lanplus_config(17), b);
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::unsupported);
  EXPECT_EQ(f->step, "Open Session");
  EXPECT_EQ(f->status, 0x11);
  EXPECT_NE(f->message.find("cipher suite 17"), std::string::npos);
  EXPECT_EQ(h.bmc.open_session_requests, 1u);  // no other suite tried when one was given
}

TEST(LanplusSuiteSelection, NoCommonSuiteIsUnsupported) {
  FakeBmcConfig b = bmc_config();
  b.suites = {0};
  Harness h(lanplus_config(), b);
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::unsupported);
  EXPECT_EQ(f->step, "Get Channel Cipher Suites");
  EXPECT_EQ(h.bmc.open_session_requests, 0u);
}

TEST(LanplusAuthentication, WrongPasswordFailsAtRakp2) {
  ClientConfig c = lanplus_config(3);
  c.password = Bytes{'w', 'r', 'o', 'n', 'g'};
  Harness h(c, bmc_config());
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::authentication);
  EXPECT_EQ(f->step, "RAKP 2");
  EXPECT_EQ(f->message, "wrong password or user name (RAKP 2 HMAC mismatch)");
  EXPECT_EQ(h.client.state(), ClientState::failed);
}

TEST(LanplusAuthentication, CorruptRakp2HmacIsAnAuthenticationFailure) {
  FakeBmcConfig b = bmc_config();
  b.corrupt_rakp2_hmac = true;
  Harness h(lanplus_config(17), b);
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::authentication);
  EXPECT_EQ(f->step, "RAKP 2");
}

TEST(LanplusAuthentication, UnknownUserIsRejectedWithStatus0DhNamed) {
  ClientConfig c = lanplus_config(3);
  c.username = Bytes{'n', 'o', 'b', 'o', 'd', 'y'};
  Harness h(c, bmc_config());
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::rejected);
  EXPECT_EQ(f->step, "RAKP 2");
  EXPECT_EQ(f->status, 0x0d);
  EXPECT_EQ(f->message, "status 0Dh (Unauthorized name)");
}

TEST(LanplusAuthentication, KgMismatchFailsAtRakp4) {
  FakeBmcConfig b = bmc_config();
  b.kg = Bytes{'b', 'm', 'c', 'k', 'e', 'y'};
  Harness h(lanplus_config(3), b);
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::authentication);
  EXPECT_EQ(f->step, "RAKP 4");
  EXPECT_NE(f->message.find("K_G"), std::string::npos);
}

TEST(LanplusAuthentication, MatchingKgEstablishes) {
  FakeBmcConfig b = bmc_config();
  b.kg = Bytes{'b', 'm', 'c', 'k', 'e', 'y'};
  ClientConfig c = lanplus_config(17);
  c.kg = Bytes{'b', 'm', 'c', 'k', 'e', 'y'};
  Harness h(c, b);
  h.start();
  EXPECT_EQ(h.client.state(), ClientState::established);
  EXPECT_TRUE(h.answer(h.submit(get_device_id())));
}

TEST(LanplusPrivilege, AboveTheUsersLimitReportsCompletionCode81h) {
  ClientConfig c = lanplus_config(3);
  c.username = Bytes{'o', 'p'};
  c.password = Bytes{'o', 'p', 'p', 'w'};
  c.privilege = Privilege::administrator;
  Harness h(c, bmc_config());
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->step, "Set Session Privilege Level");
  EXPECT_EQ(f->status, 0x81);
  EXPECT_EQ(f->kind, Kind::unsupported);
  EXPECT_EQ(f->message, "completion code 81h (Requested level exceeds Channel and/or User Privilege Limit)");
}

TEST(LanplusPrivilege, WithinTheLimitIsGranted) {
  ClientConfig c = lanplus_config(3);
  c.username = Bytes{'o', 'p'};
  c.password = Bytes{'o', 'p', 'p', 'w'};
  c.privilege = Privilege::operator_;
  Harness h(c, bmc_config());
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::established);
  EXPECT_EQ(h.all<Established>().at(0).privilege, Privilege::operator_);
}

TEST(LanplusSequence, DuplicatedResponseIsDiscarded) {
  Harness h(lanplus_config(3), bmc_config());
  h.start();
  h.network = Harness::duplicate_every_reply;
  const RequestId id = h.submit(get_device_id());
  h.run();
  EXPECT_TRUE(h.answer(id));
  EXPECT_EQ(h.all<Answered>().size(), 1u);
  EXPECT_TRUE(h.discarded_with("duplicate session sequence number"));
}

TEST(LanplusSequence, ReplayedSequenceNumbersAreDiscarded) {
  FakeBmcConfig b = bmc_config();
  b.repeat_sequence_number = true;  // every reply carries session sequence number 1
  Harness h(lanplus_config(17), b);
  h.start();
  ASSERT_EQ(h.client.state(), ClientState::established);  // Set Session Privilege got number 1
  const RequestId id = h.submit(get_device_id());
  auto f = h.request_failure(id);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::timeout);
  EXPECT_EQ(f->message, "no response after 3 tries");
  EXPECT_EQ(h.all<Discarded>().size(), 3u);
  EXPECT_TRUE(h.discarded_with("duplicate session sequence number 1"));
}

TEST(LanplusRequests, ReorderedResponsesAreMatchedByRqSeq) {
  Harness h(lanplus_config(17), bmc_config());
  h.start();
  std::vector<Bytes> held;
  bool hold = true;
  h.network = [&](const Bytes&, std::vector<Bytes> replies) {
    if (hold) {
      hold = false;
      held = std::move(replies);  // the first answer to A arrives late
      return std::vector<Bytes>{};
    }
    return replies;
  };
  const RequestId a = h.submit(get_device_id());  // retried once, the retry's answer comes
  ASSERT_TRUE(h.answer(a));
  h.network = nullptr;
  Request b_req{0x06, 0x38, {0x0e, 0x04}, 0, std::nullopt};
  const RequestId b = h.client.submit(b_req, h.now);
  // The stale answer to A (an older sequence number, inside the window) arrives first.
  ASSERT_EQ(held.size(), 1u);
  h.client.receive(view(held[0]), h.now);
  h.run([&] { return h.finished(b); });
  EXPECT_TRUE(h.discarded_with("does not match the outstanding request"));
  auto rb = h.answer(b);
  ASSERT_TRUE(rb);
  EXPECT_EQ(rb->cmd, 0x38);
  EXPECT_EQ(h.all<Answered>().size(), 2u);
}

TEST(LanplusRequests, RetriesWithNewSequenceNumbersThenTimesOut) {
  ClientConfig c = lanplus_config(3);
  c.retries = 2;
  c.timeout = Millis(500);
  Harness h(c, bmc_config());
  h.start();
  const std::size_t before = h.bmc.inbound_sequences.size();
  const TimePoint t0 = h.now;
  h.network = [](const Bytes&, std::vector<Bytes>) { return std::vector<Bytes>{}; };
  const RequestId id = h.submit(get_device_id());
  auto f = h.request_failure(id);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::timeout);
  EXPECT_EQ(f->step, "request");
  EXPECT_EQ(h.now - t0, Millis(1500));
  ASSERT_EQ(h.bmc.inbound_sequences.size(), before + 3);
  for (std::size_t i = before; i + 1 < h.bmc.inbound_sequences.size(); ++i)
    EXPECT_EQ(h.bmc.inbound_sequences[i + 1], h.bmc.inbound_sequences[i] + 1);
  EXPECT_EQ(h.client.state(), ClientState::established);  // the session itself survives
}

TEST(LanplusRequests, SubmitBeforeEstablishedIsABadRequest) {
  Harness h(lanplus_config(3), bmc_config());
  const RequestId id = h.client.submit(get_device_id(), h.now);
  h.collect();
  auto f = h.request_failure(id);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::bad_request);
}

TEST(LanplusMalformed, TruncatedReplyFailsTheWaitingStepWithTheOffset) {
  Harness h(lanplus_config(3), bmc_config());
  h.network = [](const Bytes&, std::vector<Bytes> replies) {
    for (Bytes& r : replies) r.resize(r.size() - 3);
    return replies;
  };
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::malformed);
  EXPECT_EQ(f->step, "Get Channel Authentication Capabilities");
  EXPECT_NE(f->message.find("at offset"), std::string::npos);
}

TEST(LanplusMalformed, StrayDatagramIsDiscarded) {
  Harness h(lanplus_config(3), bmc_config());
  h.start();
  const Bytes ping = encode_rmcp(RmcpHeader{}, Bytes{});
  IpmiResponse stray;
  stray.netfn = 0x07;
  stray.cmd = 0x01;
  stray.rq_seq = 0x3f;
  const Bytes msg = encode_ipmi_response(stray);
  RmcpPlusSession s;
  s.payload = view(msg);
  const Bytes d = encode_rmcp(RmcpHeader{}, view(finish_rmcpplus(encode_rmcpplus_unsigned(s, 0), ByteView())));
  h.client.receive(view(d), h.now);
  h.collect();
  EXPECT_TRUE(h.discarded_with("no request outstanding"));
  EXPECT_EQ(h.client.state(), ClientState::established);
}

TEST(LanplusBridging, SingleBridgeIsWrappedInSendMessageAndAnsweredInline) {
  Harness h(lanplus_config(17), bmc_config());
  h.start();
  Request r = get_device_id();
  r.bridge = Bridge{0x07, 0x72, std::nullopt, std::nullopt};
  const RequestId id = h.submit(r);
  ASSERT_EQ(h.bmc.send_messages.size(), 1u);
  const SendMessageRequest& sm = h.bmc.send_messages[0];
  EXPECT_EQ(sm.channel, 0x07);
  EXPECT_EQ(sm.tracking, SendMessageTracking::track_request);
  EXPECT_EQ(sm.message.rs_addr, 0x72);
  EXPECT_EQ(sm.message.rq_addr, 0x20);
  EXPECT_EQ(sm.message.netfn, 0x06);
  EXPECT_EQ(sm.message.cmd, 0x01);
  auto a = h.answer(id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->netfn, 0x07);
  EXPECT_EQ(a->cmd, 0x01);
  EXPECT_EQ(a->data, (Bytes{0xab, 0x72}));
}

TEST(LanplusBridging, SingleBridgeAnsweredAsASeparateMessage) {
  FakeBmcConfig b = bmc_config();
  b.bridge_answer_inline = false;
  Harness h(lanplus_config(17), b);
  h.start();
  Request r = get_device_id();
  r.bridge = Bridge{0x07, 0x72, std::nullopt, std::nullopt};
  const RequestId id = h.submit(r);
  auto a = h.answer(id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->cmd, 0x01);
  EXPECT_EQ(a->data, (Bytes{0xab, 0x72}));
}

TEST(LanplusBridging, DoubleBridgeWrapsTwiceBothAnswerForms) {
  for (bool inline_answer : {true, false}) {
    FakeBmcConfig b = bmc_config();
    b.bridge_answer_inline = inline_answer;
    Harness h(lanplus_config(3), b);
    h.start();
    Request r = get_device_id();
    r.bridge = Bridge{0x07, 0x72, 0x00, 0x82};
    const RequestId id = h.submit(r);
    ASSERT_EQ(h.bmc.send_messages.size(), 1u);
    const SendMessageRequest& outer = h.bmc.send_messages[0];
    EXPECT_EQ(outer.channel, 0x00);                 // transit channel
    EXPECT_EQ(outer.message.rs_addr, 0x82);         // transit controller
    EXPECT_EQ(outer.message.cmd, kCmdSendMessage);  // which forwards again
    auto inner = decode_send_message_request(view(outer.message.data));
    ASSERT_TRUE(inner);
    EXPECT_EQ(inner->channel, 0x07);
    EXPECT_EQ(inner->message.rs_addr, 0x72);
    EXPECT_EQ(inner->message.cmd, 0x01);
    auto a = h.answer(id);
    ASSERT_TRUE(a) << "inline=" << inline_answer;
    EXPECT_EQ(a->data, (Bytes{0xab, 0x72}));
  }
}

TEST(LanplusClose, SendsCloseSessionThenClosed) {
  Harness h(lanplus_config(17), bmc_config());
  h.start();
  h.client.close(h.now);
  EXPECT_EQ(h.client.state(), ClientState::closing);
  h.run();
  EXPECT_EQ(h.client.state(), ClientState::closed);
  EXPECT_EQ(h.all<Closed>().size(), 1u);
  EXPECT_EQ(h.bmc.close_sessions, 1u);
}

TEST(LanplusClose, ClosedEvenWhenCloseSessionIsNotAnswered) {
  Harness h(lanplus_config(3), bmc_config());
  h.start();
  h.network = [](const Bytes&, std::vector<Bytes>) { return std::vector<Bytes>{}; };
  h.client.close(h.now);
  h.run();
  EXPECT_EQ(h.client.state(), ClientState::closed);
  EXPECT_EQ(h.all<Closed>().size(), 1u);
}

TEST(LanplusWire, ClientDatagramsDecodeWithTheWireDecoders) {
  Harness h(lanplus_config(17), bmc_config());
  h.start();
  h.submit(get_device_id());
  h.client.close(h.now);
  h.run();
  const std::uint32_t bmc_id = h.all<Established>().at(0).bmc_session_id;
  ASSERT_EQ(h.sent.size(), 7u);  // caps, Open Session, RAKP 1, RAKP 3, privilege, request, close
  // 1: Get Channel Authentication Capabilities, IPMI 1.5 framing outside a session.
  auto first = decode_datagram(view(h.sent[0]), 16);
  ASSERT_TRUE(first);
  const auto& v15 = std::get<Session15>(first->message);
  EXPECT_EQ(v15.auth_type, AuthType::none);
  EXPECT_EQ(v15.session_id, 0u);
  auto caps = decode_ipmi_request(v15.payload);
  ASSERT_TRUE(caps);
  EXPECT_EQ(caps->cmd, 0x38);
  EXPECT_EQ(caps->data, (Bytes{0x8e, 0x04}));
  std::uint32_t expected_sequence = 1;
  for (std::size_t i = 1; i < h.sent.size(); ++i) {
    auto d = decode_datagram(view(h.sent[i]), 16);
    ASSERT_TRUE(d) << i << ": " << to_string(d.error());
    const auto& p = std::get<RmcpPlusSession>(d->message);
    if (p.session_id == 0) {
      EXPECT_FALSE(p.encrypted);
      EXPECT_FALSE(p.trailer.has_value());
      continue;
    }
    EXPECT_EQ(p.session_id, bmc_id);
    EXPECT_TRUE(p.encrypted);
    EXPECT_TRUE(p.authenticated);
    ASSERT_TRUE(p.trailer);
    EXPECT_EQ(p.trailer->auth_code.size(), 16u);
    EXPECT_EQ((p.covered_end - p.covered_begin) % 4, 0u);
    EXPECT_EQ(p.payload.size() % 16, 0u);
    EXPECT_GE(p.payload.size(), 32u);  // IV + at least one block
    EXPECT_EQ(p.session_sequence, expected_sequence++);
  }
  EXPECT_EQ(expected_sequence, 4u);  // Set Session Privilege, Get Device ID, Close Session
  EXPECT_EQ(h.bmc.integrity_failures, 0u);
}

TEST(LanplusConfig, OverlongUserNameIsABadRequest) {
  ClientConfig c = lanplus_config(3);
  c.username = Bytes(17, 'u');
  Harness h(c, bmc_config());
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::bad_request);
  EXPECT_TRUE(h.sent.empty());
}

TEST(LanplusCapabilities, BmcWithoutIpmi20IsUnsupported) {
  FakeBmcConfig b = bmc_config();
  b.ipmi20 = false;
  Harness h(lanplus_config(), b);
  h.start();
  auto f = h.session_failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, Kind::unsupported);
  EXPECT_EQ(f->step, "Get Channel Authentication Capabilities");
}

}  // namespace
}  // namespace ipmict::session::testing
