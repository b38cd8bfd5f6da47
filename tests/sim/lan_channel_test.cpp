// sim/lan_channel: the LAN channel's datagram path without sockets (what LanServer wraps
// and the sim_datagram fuzz target drives): a real client session through it, answers from
// the Bmc model, the session table the model sees, and state across datagrams.
#include "sim/lan_channel.hpp"

#include <gtest/gtest.h>

#include <variant>

#include "protocol/session/client_session.hpp"

namespace ipmict::sim {
namespace {

using namespace ipmict::session;

const Bytes kPassword{'c', 'h', 'a', 'n', '-', 'p', 'w'};
const Peer kPeer{"127.0.0.1", 40000};

ClientConfig lanplus17() {
  ClientConfig c;
  c.protocol = Protocol::lanplus;
  c.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  c.password = kPassword;
  c.cipher_suite = 17;
  return c;
}

// Moves datagrams between the client and the channel until the client has nothing to send.
void exchange(ClientSession& client, LanChannel& channel, TimePoint now, int* handled = nullptr) {
  for (int round = 0; round < 32; ++round) {
    auto out = client.take_outgoing();
    if (out.empty()) return;
    for (const Bytes& d : out) {
      auto r = channel.handle(kPeer, view(d), now);
      if (handled != nullptr && r.handled) ++*handled;
      for (const Bytes& reply : r.replies) client.receive(view(reply), now);
    }
  }
}

TEST(LanChannel, ARealClientSessionIsEstablishedAndAnsweredWithoutSockets) {
  Bmc bmc(default_sim_config(kPassword));
  int seen_by_callback = 0;
  LanChannel channel(bmc, bmc.lan_server_config(), [&](const Context& ctx, const Request& rq, const Response& rs) {
    EXPECT_EQ(ctx.interface, Context::Interface::lan);
    EXPECT_EQ(rs.netfn, rq.netfn | 1);
    ++seen_by_callback;
  });
  ClientSession client(lanplus17());
  const TimePoint now{};
  client.start(now);
  int handled = 0;
  exchange(client, channel, now, &handled);
  ASSERT_EQ(client.state(), ClientState::established);
  ASSERT_EQ(channel.sessions().sessions().size(), 1u);

  const RequestId id = client.submit(Request{0x06, 0x01, {}, 0, std::nullopt}, now);  // Get Device ID
  exchange(client, channel, now, &handled);
  bool answered = false;
  for (const Event& e : client.take_events()) {
    if (const auto* a = std::get_if<Answered>(&e); a != nullptr && a->id == id) {
      EXPECT_EQ(a->response.completion_code, 0x00);
      EXPECT_GE(a->response.data.size(), 11u);
      answered = true;
    }
  }
  EXPECT_TRUE(answered);
  // Get Channel Auth Caps and Get Device ID reach the Bmc; the session commands (Set Session
  // Privilege Level) are answered by the session layer itself.
  EXPECT_GE(handled, 2);
  EXPECT_EQ(seen_by_callback, handled);
}

TEST(LanChannel, TheBmcSeesTheChannelsSessionTableAndLosesItWithTheChannel) {
  Bmc bmc(default_sim_config(kPassword));
  const TimePoint now{};
  auto session_count = [&] {
    // Get Session Info for the first active session: data byte 3 is the active count (§22.20).
    const Context system{Context::Interface::system, {}};
    return bmc.handle(system, Request{0x06, 0x3d, {0x01}, 0, std::nullopt}, now);
  };
  {
    LanChannel channel(bmc, bmc.lan_server_config());
    ClientSession client(lanplus17());
    client.start(now);
    exchange(client, channel, now);
    ASSERT_EQ(client.state(), ClientState::established);
    const Response r = session_count();
    ASSERT_EQ(r.completion_code, 0x00);
    ASSERT_GE(r.data.size(), 3u);
    EXPECT_EQ(r.data[2] & 0x3f, 1);  // active sessions
  }
  const Response after = session_count();
  ASSERT_EQ(after.completion_code, 0x00);
  ASSERT_GE(after.data.size(), 3u);
  EXPECT_EQ(after.data[2] & 0x3f, 0);
}

TEST(LanChannel, IdleSessionsExpireOnTick) {
  Bmc bmc(default_sim_config(kPassword));
  LanChannel channel(bmc, bmc.lan_server_config());
  ClientSession client(lanplus17());
  TimePoint now{};
  client.start(now);
  exchange(client, channel, now);
  ASSERT_EQ(channel.sessions().sessions().size(), 1u);
  channel.tick(now + Millis(1000));
  EXPECT_EQ(channel.sessions().sessions().size(), 1u);
  channel.tick(now + Millis(61000));  // past the default 60 s session timeout
  EXPECT_TRUE(channel.sessions().sessions().empty());
}

TEST(LanChannel, GarbageIsDroppedWithAReasonAndNoReply) {
  Bmc bmc(default_sim_config(kPassword));
  LanChannel channel(bmc, bmc.lan_server_config());
  const Bytes junk{0x06, 0x00, 0xff, 0x07, 0x06, 0x00, 0x01};
  auto r = channel.handle(kPeer, view(junk), TimePoint{});
  EXPECT_TRUE(r.replies.empty());
  EXPECT_FALSE(r.handled);
  EXPECT_FALSE(r.notes.empty());
}

}  // namespace
}  // namespace ipmict::sim
