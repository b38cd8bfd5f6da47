// Each ServerQuirks flag makes the server break exactly its rule (DESIGN.md §8), and the
// same scenario without the flag keeps the rule: a quirk no test can see is no quirk.
#include <gtest/gtest.h>

#include "protocol/wire/datagram.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "protocol/wire/rmcp.hpp"
#include "tests/protocol/session/server_test_directory.hpp"

namespace ipmict::session::testing {
namespace {

ClientConfig lanplus(std::uint8_t suite) {
  ClientConfig c = admin_client(Protocol::lanplus);
  c.cipher_suite = suite;
  return c;
}

ServerConfig with(void (*set)(ServerQuirks&)) {
  ServerConfig c = server_config();
  set(c.quirks);
  return c;
}

Bytes setup_datagram(PayloadType type, const Bytes& payload) {
  RmcpPlusSession p;
  p.payload_type = type;
  p.payload = view(payload);
  return encode_rmcp(RmcpHeader{}, view(encode_rmcpplus_session(p)));
}

// Drives Open Session (suite 1: RAKP-HMAC-SHA1, no integrity) and RAKP 1 by hand.
struct ManualLogin {
  std::uint32_t bmc_id = 0;
  std::optional<Rakp2> rakp2;
};

ManualLogin open_and_rakp1(ServerHarness& h, const Bytes& username) {
  ManualLogin out;
  OpenSessionRequest o;
  o.message_tag = 1;
  o.requested_max_privilege = 0x04;
  o.console_session_id = 0x11223344;
  o.authentication_payload = algorithm_payload(kAuthenticationPayload, 1);
  o.integrity_payload = algorithm_payload(kIntegrityPayload, 0);
  o.confidentiality_payload = algorithm_payload(kConfidentialityPayload, 0);
  auto r = h.deliver(setup_datagram(PayloadType::open_session_request, encode_open_session_request(o)));
  if (r.size() != 1) return out;
  auto d = decode_datagram(view(r[0]), 0);
  auto os = decode_open_session_response(std::get<RmcpPlusSession>(d->message).payload);
  if (!os || !os->bmc_session_id) return out;
  out.bmc_id = *os->bmc_session_id;
  Rakp1 r1;
  r1.message_tag = 2;
  r1.bmc_session_id = out.bmc_id;
  r1.requested_role = 0x12;  // User, name-only lookup
  r1.username = username;
  r = h.deliver(setup_datagram(PayloadType::rakp1, encode_rakp1(r1)));
  if (r.size() != 1) return out;
  d = decode_datagram(view(r[0]), 0);
  auto m = decode_rakp2(std::get<RmcpPlusSession>(d->message).payload);
  if (m) out.rakp2 = *m;
  return out;
}

std::vector<std::uint32_t> reply_sequences(const ServerHarness& h, std::size_t auth_code_length) {
  std::vector<std::uint32_t> out;
  for (const Bytes& r : h.replies) {
    auto d = decode_datagram(view(r), auth_code_length);
    if (!d) continue;
    if (auto* p = std::get_if<RmcpPlusSession>(&d->message); p && p->session_id != 0 && p->payload_type == PayloadType::ipmi)
      out.push_back(p->session_sequence);
    if (auto* s = std::get_if<Session15>(&d->message); s && s->session_id != 0 && s->session_sequence != 0)
      out.push_back(s->session_sequence);
  }
  return out;
}

TEST(ServerQuirks, AcceptCipherSuite0) {
  ServerConfig sc = server_config();  // suite 0 not offered
  ServerHarness refused(lanplus(0), sc);
  refused.start();
  ASSERT_TRUE(refused.console.session_failure().has_value());
  EXPECT_EQ(refused.console.session_failure()->status, 0x04);

  ServerHarness h(lanplus(0), with([](ServerQuirks& q) { q.accept_cipher_suite_0 = true; }));
  h.start();
  ASSERT_TRUE(h.console.established().has_value());
  EXPECT_EQ(h.console.established()->cipher_suite, 0);
  const RequestId id = h.submit(get_device_id_request());
  EXPECT_EQ(h.console.answer(id)->completion_code, 0x00);
}

TEST(ServerQuirks, Rakp2HmacOverTheWrongPrivilegeByte) {
  auto quirk = [](ServerQuirks& q) { q.rakp2_hmac_wrong_privilege = true; };
  ServerHarness good(lanplus(3), server_config());
  good.start();
  EXPECT_TRUE(good.console.established().has_value());

  ServerHarness h(lanplus(3), with(quirk));  // name-only lookup: role 14h, the BMC hashes 04h
  h.start();
  ASSERT_TRUE(h.console.session_failure().has_value());
  EXPECT_EQ(h.console.session_failure()->step, "RAKP 2");
  EXPECT_EQ(h.console.session_failure()->kind, Failure::Kind::authentication);

  ClientConfig by_privilege = lanplus(3);  // role 04h: nibble and byte agree
  by_privilege.name_only_lookup = false;
  ServerHarness same(by_privilege, with(quirk));
  same.start();
  EXPECT_TRUE(same.console.established().has_value());
}

TEST(ServerQuirks, NullUserAnyPasswordIpmi15) {
  ClientConfig c = admin_client(Protocol::lan15);
  c.auth_type = AuthType::straight_password;
  c.privilege = Privilege::user;
  c.username.clear();
  c.password = Bytes{'a', 'n', 'y'};
  ServerHarness refused(c, server_config());
  refused.start();
  ASSERT_TRUE(refused.console.session_failure().has_value());
  EXPECT_EQ(refused.console.session_failure()->step, "Activate Session");

  ServerHarness h(c, with([](ServerQuirks& q) { q.null_user_any_password = true; }));
  h.start();
  ASSERT_TRUE(h.console.established().has_value());
  const RequestId id = h.submit(get_device_id_request());
  EXPECT_EQ(h.console.answer(id)->completion_code, 0x00);

  // Only the null user: a named user with a wrong password still fails.
  ClientConfig named = c;
  named.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  ServerHarness still(named, with([](ServerQuirks& q) { q.null_user_any_password = true; }));
  still.start();
  EXPECT_TRUE(still.console.session_failure().has_value());
}

TEST(ServerQuirks, NullUserAnyPasswordRakp3) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.null_user_any_password = quirk;
    ServerHarness h(lanplus(1), sc);
    ManualLogin login = open_and_rakp1(h, {});
    ASSERT_TRUE(login.rakp2.has_value());
    ASSERT_EQ(login.rakp2->status_code, 0x00);
    Rakp3 r3;
    r3.message_tag = 3;
    r3.bmc_session_id = login.bmc_id;
    r3.key_exchange_auth_code = Bytes(20, 0xee);  // not HMAC_KUID of anything
    auto r = h.deliver(setup_datagram(PayloadType::rakp3, encode_rakp3(r3)));
    ASSERT_EQ(r.size(), 1u);
    auto d = decode_datagram(view(r[0]), 0);
    auto r4 = decode_rakp4(std::get<RmcpPlusSession>(d->message).payload);
    ASSERT_TRUE(r4.has_value());
    EXPECT_EQ(r4->status_code, quirk ? 0x00 : 0x0f);
    EXPECT_EQ(h.server.sessions().size(), quirk ? 1u : 0u);
  }
}

TEST(ServerQuirks, ReuseSessionIds) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.reuse_session_ids = quirk;
    ServerHarness h(lanplus(3), sc);
    h.start();
    Console second(lanplus(17));
    h.start(second);
    ASSERT_TRUE(h.console.established().has_value());
    ASSERT_TRUE(second.established().has_value());
    if (quirk) {
      EXPECT_EQ(h.console.established()->bmc_session_id, second.established()->bmc_session_id);
    } else {
      EXPECT_NE(h.console.established()->bmc_session_id, second.established()->bmc_session_id);
    }
  }
}

TEST(ServerQuirks, IgnoreReplayWindow) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.ignore_replay_window = quirk;
    ServerHarness h(lanplus(3), sc);
    h.start();
    h.submit(get_device_id_request());
    const std::size_t seen = h.bmc.seen.size();
    auto r = h.deliver(h.console.sent.back());
    EXPECT_EQ(h.bmc.seen.size(), seen + (quirk ? 1u : 0u));
    EXPECT_EQ(r.size(), quirk ? 1u : 0u);
  }
}

TEST(ServerQuirks, OutboundSequenceOffByOne) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.outbound_sequence_off_by_one = quirk;
    ServerHarness h(lanplus(1), sc);
    h.start();
    h.submit(get_device_id_request());
    h.submit(get_device_id_request());
    // Set Session Privilege Level, then two Get Device ID.
    EXPECT_EQ(reply_sequences(h, 0), quirk ? (std::vector<std::uint32_t>{1, 3, 5}) : (std::vector<std::uint32_t>{1, 2, 3}));
    const RequestId id = h.submit(get_device_id_request());
    EXPECT_TRUE(h.console.answer(id).has_value());  // inside the client's window either way
  }
  ServerConfig sc = server_config();
  sc.quirks.outbound_sequence_off_by_one = true;
  ServerHarness v15(admin_client(Protocol::lan15), sc);
  v15.start();
  v15.submit(get_device_id_request());
  // Activate Session (the first outbound number), Set Session Privilege Level, Get Device ID.
  auto seq = reply_sequences(v15, 0);
  ASSERT_EQ(seq.size(), 3u);
  EXPECT_EQ(seq[1] - seq[0], 2u);
  EXPECT_EQ(seq[2] - seq[1], 2u);
}

TEST(ServerQuirks, OutboundSequenceByteSwapped) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.outbound_sequence_byte_swapped = quirk;
    ServerHarness h(lanplus(1), sc);
    h.start();
    auto seq = reply_sequences(h, 0);
    ASSERT_FALSE(seq.empty());
    EXPECT_EQ(seq[0], quirk ? 0x01000000u : 1u);
  }
}

TEST(ServerQuirks, UsableAfterRakp1) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.usable_after_rakp1 = quirk;
    ServerHarness h(lanplus(1), sc);
    ManualLogin login = open_and_rakp1(h, Bytes{'a', 'd', 'm', 'i', 'n'});
    ASSERT_TRUE(login.rakp2.has_value());
    // No RAKP 3: the console never proved it knows the password.
    IpmiRequest m;
    m.netfn = 0x06;
    m.cmd = 0x01;
    const Bytes payload = encode_ipmi_request(m);
    RmcpPlusSession p;
    p.session_id = login.bmc_id;
    p.session_sequence = 1;
    p.payload = view(payload);
    auto r = h.deliver(encode_rmcp(RmcpHeader{}, view(encode_rmcpplus_session(p))));
    EXPECT_EQ(h.bmc.seen.size(), quirk ? 1u : 0u);
    EXPECT_EQ(r.size(), quirk ? 1u : 0u);
    if (!quirk) {
      EXPECT_TRUE(h.noted("before the session is established"));
    }
  }
}

TEST(ServerQuirks, IntegrityPadAlways4) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.integrity_pad_always_4 = quirk;
    ServerHarness h(lanplus(2), sc);  // HMAC-SHA1-96, no AES: the payload length is ours to choose
    h.start();
    bool aligned_case = false;
    for (std::uint8_t n = 0; n < 4; ++n) {
      const std::size_t before = h.replies.size();
      const RequestId id = h.submit(Request{TestBmc::kOemEchoNetFn, 0x01, {n}, 0, std::nullopt});
      ASSERT_TRUE(h.console.answer(id).has_value()) << int(n);  // the client accepts both readings
      ASSERT_EQ(h.replies.size(), before + 1);
      auto d = decode_datagram(view(h.replies.back()), 12);
      ASSERT_TRUE(d.has_value());
      const auto& p = std::get<RmcpPlusSession>(d->message);
      ASSERT_TRUE(p.trailer.has_value());
      const std::uint8_t natural = rmcpplus_integrity_pad_length(kRmcpPlusHeaderSize + p.payload.size());
      if (natural == 0) {
        aligned_case = true;
        EXPECT_EQ(p.trailer->pad_length, quirk ? 4 : 0);
      } else {
        EXPECT_EQ(p.trailer->pad_length, natural);
      }
    }
    EXPECT_TRUE(aligned_case);
  }
}

// Open Session only (suite 1), never continued: a half-open session. Its BMC session ID,
// or 0 when refused (status in `status`).
std::uint32_t open_only(ServerHarness& h, std::uint32_t console_id, std::uint8_t* status = nullptr) {
  OpenSessionRequest o;
  o.message_tag = 1;
  o.requested_max_privilege = 0x04;
  o.console_session_id = console_id;
  o.authentication_payload = algorithm_payload(kAuthenticationPayload, 1);
  o.integrity_payload = algorithm_payload(kIntegrityPayload, 0);
  o.confidentiality_payload = algorithm_payload(kConfidentialityPayload, 0);
  auto r = h.deliver(setup_datagram(PayloadType::open_session_request, encode_open_session_request(o)));
  if (r.size() != 1) return 0;
  auto d = decode_datagram(view(r[0]), 0);
  auto os = decode_open_session_response(std::get<RmcpPlusSession>(d->message).payload);
  if (!os) return 0;
  if (status != nullptr) *status = os->status_code;
  return os->bmc_session_id.value_or(0);
}

// Not a quirk: the secure behaviour the hold_half_open_sessions quirk removes. A table full
// of half-open sessions (a flood of Open Session requests, no password needed) gives the
// oldest one's slot to a new Open Session, so a real console still logs in; established
// sessions are never evicted (SessionLimitThenFreedByCloseSession).
TEST(ServerQuirks, HoldHalfOpenSessions) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.max_sessions = 2;
    sc.quirks.hold_half_open_sessions = quirk;
    ServerHarness h(lanplus(3), sc);
    ASSERT_NE(open_only(h, 0x1001), 0u);
    ASSERT_NE(open_only(h, 0x1002), 0u);
    h.start();
    if (!quirk) {
      EXPECT_TRUE(h.console.established().has_value());
      EXPECT_TRUE(h.noted("oldest session still in set-up"));
      continue;
    }
    ASSERT_TRUE(h.console.session_failure().has_value());
    EXPECT_EQ(h.console.session_failure()->status, 0x01);
    // Held for ever: not even the idle timeout frees them.
    h.now += sc.session_timeout * 10;
    h.server.tick(h.now);
    std::uint8_t status = 0;
    EXPECT_EQ(open_only(h, 0x1003, &status), 0u);
    EXPECT_EQ(status, 0x01);
  }
}

TEST(ServerQuirks, SequentialSessionIds) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.sequential_session_ids = quirk;
    ServerHarness h(lanplus(3), sc);
    const std::uint32_t a = open_only(h, 0x2001), b = open_only(h, 0x2002), c = open_only(h, 0x2003);
    ASSERT_NE(a, 0u);
    if (quirk) {
      EXPECT_EQ(b, a + 1);
      EXPECT_EQ(c, b + 1);
    } else {
      EXPECT_FALSE(b == a + 1 && c == b + 1);
    }
  }
}

TEST(ServerQuirks, KeepClosedSessions) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.keep_closed_sessions = quirk;
    ServerHarness h(lanplus(3), sc);
    h.start();
    ASSERT_TRUE(h.console.established().has_value());
    const std::uint32_t id = h.console.established()->bmc_session_id;
    const RequestId closed = h.submit(Request{0x06, 0x3c, {static_cast<std::uint8_t>(id), static_cast<std::uint8_t>(id >> 8),
                                                           static_cast<std::uint8_t>(id >> 16), static_cast<std::uint8_t>(id >> 24)},
                                              0, std::nullopt});
    ASSERT_TRUE(h.console.answer(closed).has_value());
    EXPECT_EQ(h.console.answer(closed)->completion_code, 0x00);
    const std::size_t seen = h.bmc.seen.size();
    h.submit(get_device_id_request());
    EXPECT_EQ(h.bmc.seen.size(), seen + (quirk ? 1u : 0u));
    EXPECT_EQ(h.server.sessions().size(), quirk ? 1u : 0u);
  }
}

TEST(ServerQuirks, PrivilegeAboveLimit) {
  for (bool quirk : {false, true}) {
    ServerConfig sc = server_config();
    sc.quirks.privilege_above_limit = quirk;
    ClientConfig c = lanplus(3);
    c.privilege = Privilege::user;  // the RAKP 1 role, so the session's maximum
    ServerHarness h(std::move(c), sc);
    h.start();
    ASSERT_TRUE(h.console.established().has_value());
    const RequestId id = h.submit(Request{0x06, 0x3b, {0x04}, 0, std::nullopt});  // to Administrator
    ASSERT_TRUE(h.console.answer(id).has_value());
    EXPECT_EQ(h.console.answer(id)->completion_code, quirk ? 0x00 : 0x80);
  }
}

}  // namespace
}  // namespace ipmict::session::testing
