// Malformed input (DESIGN.md §4): every truncation of every datagram a real console sent
// in a successful login, replayed against a server in the exact state it was in when the
// original arrived, gets no reply or an error (non-zero RMCP+ status or completion code);
// byte flips and odd datagrams never crash it (the asan preset checks memory).
#include <gtest/gtest.h>

#include "protocol/wire/datagram.hpp"
#include "protocol/wire/lan_message.hpp"
#include "tests/protocol/session/server_test_directory.hpp"

namespace ipmict::session::testing {
namespace {

struct Scenario {
  std::string name;
  ClientConfig client;
  ServerConfig server;
};

std::vector<Scenario> scenarios() {
  std::vector<Scenario> out;
  for (std::uint8_t suite : {std::uint8_t{0}, std::uint8_t{1}, std::uint8_t{3}, std::uint8_t{8}, std::uint8_t{12},
                             std::uint8_t{17}}) {
    ClientConfig c = admin_client(Protocol::lanplus);
    if (suite != 17) c.cipher_suite = suite;  // 17: through Get Channel Cipher Suites
    ServerConfig s = server_config();
    s.quirks.accept_cipher_suite_0 = suite == 0;
    out.push_back({"lanplus suite " + std::to_string(suite), c, s});
  }
  for (AuthType t : {AuthType::none, AuthType::md2, AuthType::md5, AuthType::straight_password}) {
    ClientConfig c = admin_client(Protocol::lan15);
    c.auth_type = t;
    out.push_back({"lan15 auth type " + std::to_string(static_cast<int>(t)), c, server_config()});
  }
  return out;
}

// The datagrams of a whole session: login, Get Device ID, close.
std::vector<Bytes> record(const Scenario& s) {
  ServerHarness h(s.client, s.server);
  h.start();
  EXPECT_TRUE(h.console.established().has_value()) << s.name;
  h.submit(get_device_id_request());
  h.close();
  return h.console.sent;
}

// An error answer: an RMCP+ setup payload with a non-zero status, or an IPMI response
// with a non-zero completion code.
bool is_error_reply(const Bytes& reply) {
  for (std::size_t auth : {std::size_t{0}, std::size_t{12}, std::size_t{16}}) {
    auto d = decode_datagram(view(reply), auth);
    if (!d) continue;
    if (auto* p = std::get_if<RmcpPlusSession>(&d->message)) {
      if (is_session_setup_payload(p->payload_type)) return p->payload.size() >= 2 && p->payload[1] != 0;
      if (p->encrypted) return false;  // cannot look inside; only setup errors are expected here
      auto r = decode_ipmi_response(p->payload);
      return r && r->completion_code != 0;
    }
    if (auto* v = std::get_if<Session15>(&d->message)) {
      auto r = decode_ipmi_response(v->payload);
      return r && r->completion_code != 0;
    }
    return false;
  }
  return false;
}

// A truncation that is itself a valid datagram: the IPMI 1.5 legacy pad cut off.
bool only_pad_removed(const Bytes& original, std::size_t length) {
  auto d = decode_datagram(view(original), 0);
  if (!d || length + 1 != original.size()) return false;
  auto* v = std::get_if<Session15>(&d->message);
  return v != nullptr && v->legacy_pad;
}

TEST(ServerMalformed, EveryTruncationOfEveryDatagramGetsNoReplyOrAnError) {
  for (const Scenario& s : scenarios()) {
    const std::vector<Bytes> sent = record(s);
    ASSERT_GE(sent.size(), 5u) << s.name;
    for (std::size_t k = 0; k < sent.size(); ++k) {
      // A fresh server brought to the state it had when datagram k arrived (deterministic
      // randomness: it hands out the same IDs and randoms as in the recording).
      ServerHarness h(s.client, s.server);
      for (std::size_t i = 0; i < k; ++i) h.deliver(sent[i]);
      for (std::size_t length = 0; length < sent[k].size(); ++length) {
        const Bytes cut(sent[k].begin(), sent[k].begin() + static_cast<std::ptrdiff_t>(length));
        const std::size_t seen = h.bmc.seen.size();
        const std::vector<Bytes> replies = h.deliver(cut);
        if (only_pad_removed(sent[k], length)) continue;
        EXPECT_EQ(h.bmc.seen.size(), seen) << s.name << " datagram " << k << " cut to " << length;
        for (const Bytes& r : replies) {
          EXPECT_TRUE(is_error_reply(r)) << s.name << " datagram " << k << " cut to " << length << ": "
                                         << to_hex(view(r));
        }
      }
    }
  }
}

TEST(ServerMalformed, ByteFlipsAndExtensionsNeverCrash) {
  for (const Scenario& s : scenarios()) {
    const std::vector<Bytes> sent = record(s);
    for (std::size_t k = 0; k < sent.size(); ++k) {
      ServerHarness h(s.client, s.server);
      for (std::size_t i = 0; i < k; ++i) h.deliver(sent[i]);
      for (std::size_t at = 0; at < sent[k].size(); ++at) {
        for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xff}}) {
          Bytes flipped = sent[k];
          flipped[at] = static_cast<std::uint8_t>(flipped[at] ^ mask);
          h.deliver(flipped);
        }
      }
      Bytes longer = sent[k];
      longer.push_back(0x00);
      h.deliver(longer);
      longer.insert(longer.end(), 300, 0xff);
      h.deliver(longer);
    }
  }
}

TEST(ServerMalformed, OddDatagramsGetNoReply) {
  ServerHarness h(admin_client(Protocol::lanplus), server_config());
  const std::vector<Bytes> odd = {
      {},
      {0x06},
      {0x06, 0x00, 0xff, 0x07},                    // IPMI class, no session header
      {0x06, 0x00, 0xff, 0x07, 0x06},              // RMCP+ auth type only
      {0x06, 0x00, 0xff, 0x07, 0x06, 0x10},        // Open Session payload type, nothing else
      {0x06, 0x00, 0xff, 0x08, 0x00, 0x00},        // OEM class
      {0x05, 0x00, 0xff, 0x07, 0x00},              // pre-1.0 RMCP
      {0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x00, 0x00, 0x05},  // ping with missing data
      Bytes(1500, 0xff),
      Bytes(1500, 0x00),
  };
  for (const Bytes& d : odd) {
    EXPECT_TRUE(h.deliver(d).empty()) << to_hex(view(d));
  }
  EXPECT_TRUE(h.bmc.seen.empty());
  EXPECT_FALSE(h.notes.empty());
}

}  // namespace
}  // namespace ipmict::session::testing
