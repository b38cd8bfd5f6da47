// ServerSessions against the real ClientSession: every cipher suite and IPMI 1.5 auth
// type logs in and gets Get Device ID answered; wrong passwords, unknown users, K_G,
// refused suites, privilege limits, session limits, timeouts, replays and forged
// integrity are refused the way IPMI 2.0 §13 and §22 say.
#include <gtest/gtest.h>

#include "protocol/wire/asf.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rmcp.hpp"
#include "tests/protocol/session/server_test_directory.hpp"

namespace ipmict::session::testing {
namespace {

ClientConfig lanplus(std::optional<std::uint8_t> suite) {
  ClientConfig c = admin_client(Protocol::lanplus);
  c.cipher_suite = suite;
  return c;
}

ClientConfig lan15(AuthType type) {
  ClientConfig c = admin_client(Protocol::lan15);
  c.auth_type = type;
  return c;
}

void expect_device_id(ServerHarness& h) {
  const RequestId id = h.submit(get_device_id_request());
  auto a = h.console.answer(id);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->completion_code, 0x00);
  EXPECT_EQ(a->netfn, 0x07);
  EXPECT_EQ(a->data.size(), 11u);
}

class ServerEverySuite : public ::testing::TestWithParam<std::uint8_t> {};

TEST_P(ServerEverySuite, EstablishesAndAnswersGetDeviceId) {
  ServerConfig sc = server_config();
  if (GetParam() == 0) sc.cipher_suites.push_back({0, Privilege::administrator});
  ServerHarness h(lanplus(GetParam()), sc);
  h.start();
  auto e = h.console.established();
  ASSERT_TRUE(e.has_value()) << (h.console.session_failure() ? h.console.session_failure()->message : "no event");
  EXPECT_EQ(e->cipher_suite, GetParam());
  EXPECT_EQ(e->privilege, Privilege::administrator);
  expect_device_id(h);
  expect_device_id(h);
  ASSERT_EQ(h.server.sessions().size(), 1u);
  EXPECT_EQ(h.server.sessions()[0].session_id, e->bmc_session_id);
  EXPECT_TRUE(h.server.sessions()[0].ipmi20);
  EXPECT_EQ(h.server.sessions()[0].user_id, 2);
  EXPECT_EQ(h.server.sessions()[0].privilege, Privilege::administrator);
  EXPECT_EQ(h.bmc.seen.back().context.privilege, Privilege::administrator);
  h.close();
  EXPECT_EQ(h.client().state(), ClientState::closed);
  EXPECT_TRUE(h.server.sessions().empty());
}

INSTANTIATE_TEST_SUITE_P(ServerSessions, ServerEverySuite,
                         ::testing::Values(0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17));

TEST(ServerSessions, AutomaticSuiteChoiceUsesTheStrongestOffered) {
  ServerHarness h(lanplus(std::nullopt), server_config());
  h.start();
  auto e = h.console.established();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->cipher_suite, 17);
  expect_device_id(h);
}

class ServerEveryAuthType : public ::testing::TestWithParam<AuthType> {};

TEST_P(ServerEveryAuthType, Ipmi15EstablishesAndAnswersGetDeviceId) {
  ServerHarness h(lan15(GetParam()), server_config());
  h.start();
  auto e = h.console.established();
  ASSERT_TRUE(e.has_value()) << (h.console.session_failure() ? h.console.session_failure()->message : "no event");
  EXPECT_EQ(e->auth_type, GetParam());
  EXPECT_EQ(e->privilege, Privilege::administrator);
  expect_device_id(h);
  expect_device_id(h);
  ASSERT_EQ(h.server.sessions().size(), 1u);
  EXPECT_FALSE(h.server.sessions()[0].ipmi20);
  h.close();
  EXPECT_EQ(h.client().state(), ClientState::closed);
  EXPECT_TRUE(h.server.sessions().empty());
}

INSTANTIATE_TEST_SUITE_P(ServerSessions, ServerEveryAuthType,
                         ::testing::Values(AuthType::none, AuthType::md2, AuthType::md5, AuthType::straight_password));

TEST(ServerSessions, WrongPasswordFailsRakp2OnTheClient) {
  ClientConfig c = lanplus(3);
  c.password = Bytes{'w', 'r', 'o', 'n', 'g'};
  ServerHarness h(std::move(c), server_config());
  h.start();
  auto f = h.console.session_failure();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->step, "RAKP 2");
  EXPECT_EQ(f->kind, Failure::Kind::authentication);
  EXPECT_TRUE(h.server.sessions().empty());
}

TEST(ServerSessions, WrongRakp3CodeIsRefusedWith0Fh) {
  // A console that ignores the RAKP 2 mismatch and sends RAKP 3 anyway is modelled by a
  // network that rewrites the key exchange code of the RAKP 3 the client sends.
  ServerHarness h(lanplus(3), server_config());
  h.network = [](Bytes d) {
    if (d.size() > 16 && d[5] == 0x14) d.back() ^= 0x01;  // payload type 14h: RAKP 3
    return std::vector<Bytes>{d};
  };
  h.start();
  auto f = h.console.session_failure();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->step, "RAKP 4");
  EXPECT_EQ(f->status, 0x0f);
  EXPECT_TRUE(h.noted("RAKP 3"));
  EXPECT_TRUE(h.server.sessions().empty());
}

TEST(ServerSessions, Ipmi15WrongPasswordGetsNoActivation) {
  ClientConfig c = lan15(AuthType::md5);
  c.password = Bytes{'w', 'r', 'o', 'n', 'g'};
  ServerHarness h(std::move(c), server_config());
  h.start();
  auto f = h.console.session_failure();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->step, "Activate Session");
  EXPECT_EQ(f->kind, Failure::Kind::timeout);
  EXPECT_TRUE(h.noted("AuthCode does not verify"));
  EXPECT_TRUE(h.server.sessions().empty());
}

TEST(ServerSessions, UnknownUserIsUnauthorizedName0Dh) {
  ClientConfig c = lanplus(17);
  c.username = Bytes{'n', 'o', 'b', 'o', 'd', 'y'};
  ServerHarness h(std::move(c), server_config());
  h.start();
  auto f = h.console.session_failure();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->step, "RAKP 2");
  EXPECT_EQ(f->status, 0x0d);
}

TEST(ServerSessions, Ipmi15UnknownUserIs81hAndDisabledNullUser82h) {
  ClientConfig c = lan15(AuthType::md5);
  c.username = Bytes{'n', 'o', 'b', 'o', 'd', 'y'};
  ServerHarness h(std::move(c), server_config());
  h.start();
  auto f = h.console.session_failure();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->step, "Get Session Challenge");
  EXPECT_EQ(f->status, 0x81);

  TestDirectory d = TestDirectory::standard();
  d.users[0].enabled = false;  // the null user
  ClientConfig n = lan15(AuthType::md5);
  n.username.clear();
  ServerHarness h2(std::move(n), server_config(), d);
  h2.start();
  ASSERT_TRUE(h2.console.session_failure().has_value());
  EXPECT_EQ(h2.console.session_failure()->status, 0x82);
}

TEST(ServerSessions, KgOnBothSidesWorksAndAMismatchFailsRakp4) {
  ServerConfig sc = server_config();
  sc.kg = Bytes{'b', 'm', 'c', 'k', 'e', 'y'};
  {
    ClientConfig c = lanplus(3);
    c.kg = Bytes{'b', 'm', 'c', 'k', 'e', 'y'};
    ServerHarness h(std::move(c), sc);
    h.start();
    ASSERT_TRUE(h.console.established().has_value());
    expect_device_id(h);
  }
  {
    ClientConfig c = lanplus(3);
    c.kg = Bytes{'o', 't', 'h', 'e', 'r'};
    ServerHarness h(std::move(c), sc);
    h.start();
    auto f = h.console.session_failure();
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->step, "RAKP 4");
    EXPECT_EQ(f->kind, Failure::Kind::authentication);
  }
  {
    ServerHarness h(lanplus(17), sc);  // the console has no K_G
    h.start();
    ASSERT_TRUE(h.console.session_failure().has_value());
    EXPECT_EQ(h.console.session_failure()->step, "RAKP 4");
  }
  {
    ServerConfig zero = server_config();
    zero.kg = Bytes(20, 0);  // all zero = unset (I-KG-ZERO)
    ServerHarness h(lanplus(17), zero);
    h.start();
    EXPECT_TRUE(h.console.established().has_value());
  }
}

TEST(ServerSessions, SuiteNotOfferedIsRefusedWithTheAlgorithmStatus) {
  ServerConfig sc = server_config();
  sc.cipher_suites = {{3, Privilege::administrator}};
  struct Case {
    std::uint8_t suite;
    std::uint8_t status;
  };
  // 17: SHA-256 RAKP not offered (04h); 1: integrity none not offered (05h); 2: no
  // confidentiality not offered (10h); 0 without the quirk: RAKP-none (04h).
  for (const Case& k : {Case{17, 0x04}, Case{1, 0x05}, Case{2, 0x10}, Case{0, 0x04}}) {
    ServerHarness h(lanplus(k.suite), sc);
    h.start();
    auto f = h.console.session_failure();
    ASSERT_TRUE(f.has_value()) << int(k.suite);
    EXPECT_EQ(f->step, "Open Session") << int(k.suite);
    EXPECT_EQ(f->status, k.status) << int(k.suite);
    EXPECT_TRUE(h.server.sessions().empty());
  }
  // 11h: every algorithm is offered by some suite, but not in this combination.
  sc.cipher_suites = {{1, Privilege::administrator}, {7, Privilege::administrator}};
  ServerHarness h(lanplus(2), sc);  // SHA1 (from 1) + SHA1-96... not offered: 05h
  h.start();
  ASSERT_TRUE(h.console.session_failure().has_value());
  EXPECT_EQ(h.console.session_failure()->status, 0x05);
  ServerHarness h2(lanplus(6), sc);  // HMAC-MD5 (from 7) + none + none (from 1): 11h
  h2.start();
  ASSERT_TRUE(h2.console.session_failure().has_value());
  EXPECT_EQ(h2.console.session_failure()->status, 0x11);
}

TEST(ServerSessions, PrivilegeAboveTheUsersLimitIsRefused) {
  ClientConfig c = lanplus(3);
  c.username = Bytes{'o', 'p'};
  c.password = Bytes{'o', 'p', 'p', 'w'};
  ServerHarness h(c, server_config());
  h.start();
  ASSERT_TRUE(h.console.session_failure().has_value());
  EXPECT_EQ(h.console.session_failure()->step, "RAKP 2");
  EXPECT_EQ(h.console.session_failure()->status, 0x0a);

  c.privilege = Privilege::operator_;
  ServerHarness ok(c, server_config());
  ok.start();
  ASSERT_TRUE(ok.console.established().has_value());
  EXPECT_EQ(ok.console.established()->privilege, Privilege::operator_);
  // Set Session Privilege Level (§22.18): above the limit 81h, 0 returns the present level,
  // 1h (reserved) CCh, User is allowed.
  auto set = [&ok](std::uint8_t level) {
    const RequestId id = ok.submit(Request{0x06, 0x3b, {level}, 0, std::nullopt});
    return ok.console.answer(id);
  };
  EXPECT_EQ(set(0x04)->completion_code, 0x81);
  auto present = set(0x00);
  ASSERT_TRUE(present.has_value());
  EXPECT_EQ(present->completion_code, 0x00);
  EXPECT_EQ(present->data, Bytes{0x03});
  EXPECT_EQ(set(0x01)->completion_code, 0xcc);
  EXPECT_EQ(set(0x02)->data, Bytes{0x02});
  EXPECT_EQ(ok.server.sessions()[0].privilege, Privilege::user);
  EXPECT_EQ(set(0x03)->data, Bytes{0x03});
}

TEST(ServerSessions, SuitePrivilegeLimitCapsOpenSessionThenRefusesRakp1) {
  ServerConfig sc = server_config();
  sc.cipher_suites = {{3, Privilege::user}};
  ServerHarness h(lanplus(3), sc);
  h.start();
  ASSERT_TRUE(h.console.session_failure().has_value());
  EXPECT_EQ(h.console.session_failure()->step, "RAKP 2");
  EXPECT_EQ(h.console.session_failure()->status, 0x0a);
  // The Open Session Response said User (byte 2 of the payload, after a 16-byte header).
  bool saw = false;
  for (const Bytes& r : h.replies) {
    if (r.size() > 18 && r[5] == 0x11) {
      EXPECT_EQ(r[16 + 2], 0x02);
      saw = true;
    }
  }
  EXPECT_TRUE(saw);
  ClientConfig user = lanplus(3);
  user.privilege = Privilege::user;
  ServerHarness ok(user, sc);
  ok.start();
  EXPECT_TRUE(ok.console.established().has_value());
}

TEST(ServerSessions, Ipmi15PrivilegeAboveLimitIs86h) {
  ClientConfig c = lan15(AuthType::md5);
  c.username = Bytes{'o', 'p'};
  c.password = Bytes{'o', 'p', 'p', 'w'};
  ServerHarness h(std::move(c), server_config());
  h.start();
  ASSERT_TRUE(h.console.session_failure().has_value());
  EXPECT_EQ(h.console.session_failure()->step, "Activate Session");
  EXPECT_EQ(h.console.session_failure()->status, 0x86);
}

TEST(ServerSessions, SessionLimitThenFreedByCloseSession) {
  ServerConfig sc = server_config();
  sc.max_sessions = 1;
  ServerHarness h(lanplus(3), sc);
  h.start();
  ASSERT_TRUE(h.console.established().has_value());
  Console second(lanplus(17));
  h.start(second);
  ASSERT_TRUE(second.session_failure().has_value());
  EXPECT_EQ(second.session_failure()->step, "Open Session");
  EXPECT_EQ(second.session_failure()->status, 0x01);
  h.close();
  EXPECT_TRUE(h.server.sessions().empty());
  Console third(lanplus(17));
  h.start(third);
  EXPECT_TRUE(third.established().has_value());
}

TEST(ServerSessions, Ipmi15SessionLimitIs81hThenFreedByTimeout) {
  ServerConfig sc = server_config();
  sc.max_sessions = 1;
  sc.session_timeout = Millis(30000);
  ServerHarness h(lan15(AuthType::md5), sc);
  h.start();
  ASSERT_TRUE(h.console.established().has_value());
  Console second(lan15(AuthType::md2));
  h.start(second);
  ASSERT_TRUE(second.session_failure().has_value());
  EXPECT_EQ(second.session_failure()->status, 0x81);
  ASSERT_TRUE(h.server.next_deadline().has_value());
  h.now = *h.server.next_deadline();
  h.server.tick(h.now);
  EXPECT_TRUE(h.server.sessions().empty());
  EXPECT_FALSE(h.server.next_deadline().has_value());
  Console third(lan15(AuthType::straight_password));
  h.start(third);
  EXPECT_TRUE(third.established().has_value());
}

TEST(ServerSessions, PerUserSessionLimit) {
  TestDirectory d = TestDirectory::standard();
  d.users[1].session_limit = 1;
  ServerHarness h(lanplus(3), server_config(), d);
  h.start();
  ASSERT_TRUE(h.console.established().has_value());
  Console second(lanplus(3));
  h.start(second);
  ASSERT_TRUE(second.session_failure().has_value());
  EXPECT_EQ(second.session_failure()->step, "RAKP 2");
  EXPECT_EQ(second.session_failure()->status, 0x01);
  Console third(lan15(AuthType::md5));
  h.start(third);
  ASSERT_TRUE(third.session_failure().has_value());
  EXPECT_EQ(third.session_failure()->status, 0x82);
}

TEST(ServerSessions, IdleSessionDoesNotExpireWhileUsed) {
  ServerConfig sc = server_config();
  sc.session_timeout = Millis(10000);
  ServerHarness h(lanplus(3), sc);
  h.start();
  h.now += Millis(9000);
  h.server.tick(h.now);
  expect_device_id(h);
  h.now += Millis(9000);
  h.server.tick(h.now);
  ASSERT_EQ(h.server.sessions().size(), 1u);
  h.now += Millis(10000);
  h.server.tick(h.now);
  EXPECT_TRUE(h.server.sessions().empty());
}

TEST(ServerSessions, ReplayedRequestIsDropped) {
  for (std::uint8_t suite : {std::uint8_t{3}, std::uint8_t{1}}) {
    ServerHarness h(lanplus(suite), server_config());
    h.start();
    expect_device_id(h);
    const std::size_t seen = h.bmc.seen.size();
    auto r = h.deliver(h.console.sent.back());
    EXPECT_TRUE(r.empty());
    EXPECT_EQ(h.bmc.seen.size(), seen);
    EXPECT_TRUE(h.noted("duplicate"));
  }
  ServerHarness h(lan15(AuthType::md5), server_config());
  h.start();
  expect_device_id(h);
  const std::size_t seen = h.bmc.seen.size();
  EXPECT_TRUE(h.deliver(h.console.sent.back()).empty());
  EXPECT_EQ(h.bmc.seen.size(), seen);
  EXPECT_TRUE(h.noted("duplicate"));
}

TEST(ServerSessions, TamperedIntegrityIsDropped) {
  for (std::uint8_t suite : {std::uint8_t{2}, std::uint8_t{3}, std::uint8_t{7}, std::uint8_t{11}, std::uint8_t{17}}) {
    ServerHarness h(lanplus(suite), server_config());
    h.start();
    expect_device_id(h);
    Bytes forged = h.console.sent.back();
    forged[20] ^= 0x01;  // a payload byte
    const std::size_t seen = h.bmc.seen.size();
    EXPECT_TRUE(h.deliver(forged).empty());
    EXPECT_TRUE(h.noted("integrity AuthCode does not verify")) << int(suite);
    EXPECT_EQ(h.bmc.seen.size(), seen);
    // The untampered original is still accepted afterwards: a forgery does not move the window.
    h.notes.clear();
  }
  // IPMI 1.5: the AuthCode covers the message.
  ServerHarness h(lan15(AuthType::md5), server_config());
  h.start();
  expect_device_id(h);
  Bytes forged = h.console.sent.back();
  forged.at(forged.size() - 2) ^= 0x01;
  EXPECT_TRUE(h.deliver(forged).empty());
  EXPECT_TRUE(h.noted("AuthCode does not verify"));
}

TEST(ServerSessions, UnauthenticatedPacketInAnIntegritySessionIsDropped) {
  ServerHarness h(lanplus(2), server_config());
  h.start();
  ASSERT_TRUE(h.console.established().has_value());
  IpmiRequest m;
  m.netfn = 0x06;
  m.cmd = 0x01;
  m.rq_seq = 9;
  const Bytes payload = encode_ipmi_request(m);
  RmcpPlusSession p;
  p.session_id = h.console.established()->bmc_session_id;
  p.session_sequence = 50;
  p.payload = view(payload);
  const Bytes d = encode_rmcp(RmcpHeader{}, view(encode_rmcpplus_session(p)));
  const std::size_t seen = h.bmc.seen.size();
  EXPECT_TRUE(h.deliver(d).empty());
  EXPECT_EQ(h.bmc.seen.size(), seen);
  EXPECT_TRUE(h.noted("unauthenticated packet in a session that negotiated HMAC-SHA1-96"));
}

TEST(ServerSessions, CloseSessionOfAnotherSessionNeedsAdministrator) {
  ServerHarness h(lanplus(3), server_config());
  h.start();
  const std::uint32_t first = h.console.established()->bmc_session_id;
  ClientConfig op = lanplus(3);
  op.username = Bytes{'o', 'p'};
  op.password = Bytes{'o', 'p', 'p', 'w'};
  op.privilege = Privilege::operator_;
  Console second(op);
  h.start(second);
  ASSERT_TRUE(second.established().has_value());
  Bytes by_id{static_cast<std::uint8_t>(first), static_cast<std::uint8_t>(first >> 8),
              static_cast<std::uint8_t>(first >> 16), static_cast<std::uint8_t>(first >> 24)};
  RequestId id = h.submit(second, Request{0x06, 0x3c, by_id, 0, std::nullopt});
  EXPECT_EQ(second.answer(id)->completion_code, 0xd4);
  EXPECT_EQ(h.server.sessions().size(), 2u);
  // Unknown ID 87h, unknown handle 88h, session ID 0 without a handle C7h.
  id = h.submit(second, Request{0x06, 0x3c, {1, 2, 3, 4}, 0, std::nullopt});
  EXPECT_EQ(second.answer(id)->completion_code, 0x87);
  id = h.submit(second, Request{0x06, 0x3c, {0, 0, 0, 0, 0x77}, 0, std::nullopt});
  EXPECT_EQ(second.answer(id)->completion_code, 0x88);
  id = h.submit(second, Request{0x06, 0x3c, {0, 0, 0, 0}, 0, std::nullopt});
  EXPECT_EQ(second.answer(id)->completion_code, 0xc7);
  // The administrator closes the operator's session by handle.
  std::uint8_t handle = 0;
  for (const SessionInfo& i : h.server.sessions())
    if (i.session_id == second.established()->bmc_session_id) handle = i.handle;
  ASSERT_NE(handle, 0);
  id = h.submit(Request{0x06, 0x3c, {0, 0, 0, 0, handle}, 0, std::nullopt});
  EXPECT_EQ(h.console.answer(id)->completion_code, 0x00);
  ASSERT_EQ(h.server.sessions().size(), 1u);
  EXPECT_EQ(h.server.sessions()[0].session_id, first);
}

TEST(ServerSessions, AsfPresencePingGetsPongAndAckRequestsAreAcked) {
  ServerHarness h(lanplus(3), server_config());
  RmcpHeader asf;
  asf.message_class = kRmcpClassAsf;
  const Bytes ping = encode_rmcp(asf, view(encode_asf(asf_presence_ping(0x21))));
  auto r = h.deliver(ping);
  ASSERT_EQ(r.size(), 1u);
  auto d = decode_datagram(view(r[0]), 0);
  ASSERT_TRUE(d.has_value());
  const auto* m = std::get_if<AsfMessage>(&d->message);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->message_tag, 0x21);
  auto pong = decode_asf_pong(*m, kRmcpHeaderSize);
  ASSERT_TRUE(pong.has_value());
  EXPECT_TRUE(pong->ipmi_supported());

  asf.sequence = 0x05;  // asks for an RMCP ACK
  const Bytes acked = encode_rmcp(asf, view(encode_asf(asf_presence_ping(0x22))));
  r = h.deliver(acked);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], (Bytes{0x06, 0x00, 0x05, 0x86}));
  // An ACK itself is not answered.
  EXPECT_TRUE(h.deliver(Bytes{0x06, 0x00, 0x05, 0x86}).empty());
}

TEST(ServerSessions, SessionlessRequestsGoToTheBmcWithoutPrivilege) {
  ServerHarness h(lanplus(3), server_config());
  h.start();
  ASSERT_GE(h.bmc.seen.size(), 1u);
  const InboundRequest& caps = h.bmc.seen.front();
  EXPECT_EQ(caps.request.cmd, 0x38);
  EXPECT_FALSE(caps.context.privilege.has_value());
  EXPECT_EQ(caps.context.session_id, 0u);
  EXPECT_EQ(caps.context.peer, h.peer);
}

TEST(ServerSessions, RespondAfterTheSessionClosedFramesNothing) {
  ServerHarness h(lanplus(3), server_config());
  h.start();
  expect_device_id(h);
  const InboundRequest last = h.bmc.seen.back();
  h.close();
  EXPECT_TRUE(h.server.respond(last, Response{0x07, 0x01, 0, {}}, h.now).empty());
}

}  // namespace
}  // namespace ipmict::session::testing
