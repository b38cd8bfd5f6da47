#pragma once
// Test support for ServerSessions: a ServerDirectory over a plain list of users, a trivial
// BMC model that answers Get Channel Authentication Capabilities, Get Channel Cipher Suites,
// Get Device ID and an "echo n bytes" OEM command from InboundRequests, and a loop that
// runs the real ClientSession against ServerSessions with a virtual clock.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/session/client_session.hpp"
#include "protocol/session/server_session.hpp"

namespace ipmict::session::testing {

class TestDirectory : public ServerDirectory {
 public:
  std::vector<ServerUser> users;

  std::optional<ServerUser> user_by_name(ByteView name) const override {
    for (const ServerUser& u : users)
      if (std::equal(u.name.begin(), u.name.end(), name.begin(), name.end())) return u;
    return std::nullopt;
  }

  static TestDirectory standard() {
    TestDirectory d;
    d.users.push_back(ServerUser{1, {}, Bytes{'n', 'u', 'l', 'l', 'p', 'w'}, true, true, Privilege::user, 0});
    d.users.push_back(ServerUser{2, Bytes{'a', 'd', 'm', 'i', 'n'}, Bytes{'s', 'e', 'c', 'r', 'e', 't'}, true, true,
                                 Privilege::administrator, 0});
    d.users.push_back(ServerUser{3, Bytes{'o', 'p'}, Bytes{'o', 'p', 'p', 'w'}, true, true, Privilege::operator_, 0});
    return d;
  }
};

inline std::function<void(std::uint8_t*, std::size_t)> server_random(std::uint8_t seed = 0x90) {
  auto state = std::make_shared<std::uint8_t>(seed);
  return [state](std::uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(++*state * 7u + 3u);
  };
}

inline ServerConfig server_config() {
  ServerConfig c;
  c.cipher_suites.clear();
  for (int id : {1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17})
    c.cipher_suites.push_back(ServerConfig::Suite{static_cast<std::uint8_t>(id), Privilege::administrator});
  c.auth_types[1] = c.auth_types[2] = c.auth_types[3] = c.auth_types[4] = 0x17;  // none, MD2, MD5, straight
  c.random = server_random();
  for (std::size_t i = 0; i < c.guid.size(); ++i) c.guid[i] = static_cast<std::uint8_t>(0xa0 + i);
  return c;
}

inline std::function<void(std::uint8_t*, std::size_t)> client_random(std::uint8_t seed = 0x40) {
  auto state = std::make_shared<std::uint8_t>(seed);
  return [state](std::uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = ++*state;
  };
}

inline ClientConfig admin_client(Protocol protocol) {
  ClientConfig c;
  c.protocol = protocol;
  c.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  c.password = Bytes{'s', 'e', 'c', 'r', 'e', 't'};
  c.random = client_random();
  c.timeout = Millis(1000);
  c.retries = 0;
  return c;
}

// The BMC model: just enough to log in and ask Get Device ID.
struct TestBmc {
  const ServerConfig* config = nullptr;
  std::vector<InboundRequest> seen;

  static constexpr std::uint8_t kOemEchoNetFn = 0x30;  // cmd 01h: answer data[0] bytes

  Response answer(const InboundRequest& in) {
    seen.push_back(in);
    const Request& r = in.request;
    Response out{static_cast<std::uint8_t>(r.netfn | 1u), r.cmd, 0x00, {}};
    if (r.netfn == 0x06 && r.cmd == 0x01) {  // Get Device ID (§20.1)
      out.data = {0x20, 0x81, 0x02, 0x20, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x34, 0x12};
    } else if (r.netfn == 0x06 && r.cmd == 0x38 && r.data.size() == 2) {
      const unsigned priv = r.data[1] & 0x0fu;
      const std::uint8_t types = priv >= 1 && priv <= 5 ? config->auth_types[priv] : 0;
      const bool v2 = (r.data[0] & 0x80) != 0;
      out.data = {config->channel, static_cast<std::uint8_t>(types | (v2 ? 0x80 : 0x00)), 0x06,
                  static_cast<std::uint8_t>((config->ipmi15 ? 1 : 0) | (config->ipmi20 ? 2 : 0)), 0, 0, 0, 0};
    } else if (r.netfn == 0x06 && r.cmd == 0x54 && r.data.size() == 3) {
      Bytes records;
      auto add = [&records](std::uint8_t id) {
        const crypto::CipherSuite* s = crypto::find_cipher_suite(id);
        if (s == nullptr) return;
        records.insert(records.end(), {0xc0, id, static_cast<std::uint8_t>(s->auth),
                                       static_cast<std::uint8_t>(0x40 | static_cast<std::uint8_t>(s->integrity)),
                                       static_cast<std::uint8_t>(0x80 | static_cast<std::uint8_t>(s->confidentiality))});
      };
      for (const ServerConfig::Suite& s : config->cipher_suites) add(s.id);
      const std::size_t index = r.data[2] & 0x3fu;
      out.data = {config->channel};
      for (std::size_t i = index * 16; i < records.size() && i < index * 16 + 16; ++i) out.data.push_back(records[i]);
    } else if (r.netfn == kOemEchoNetFn && r.cmd == 0x01 && r.data.size() == 1) {
      out.data.assign(r.data[0], 0x5a);
    } else {
      out.completion_code = 0xc1;
    }
    return out;
  }
};

// One remote console: a ClientSession and the events it produced.
struct Console {
  explicit Console(ClientConfig c) : client(std::move(c)) {}
  ClientSession client;
  std::vector<Event> events;
  std::vector<Bytes> sent;  // every datagram this console sent

  std::optional<Response> answer(RequestId id) const {
    for (const Event& e : events)
      if (auto* a = std::get_if<Answered>(&e); a != nullptr && a->id == id) return a->response;
    return std::nullopt;
  }
  std::optional<Established> established() const {
    for (const Event& e : events)
      if (auto* a = std::get_if<Established>(&e)) return *a;
    return std::nullopt;
  }
  std::optional<Failure> session_failure() const {
    for (const Event& e : events)
      if (auto* f = std::get_if<SessionFailed>(&e)) return f->failure;
    return std::nullopt;
  }
  bool finished(RequestId id) const {
    return std::any_of(events.begin(), events.end(), [id](const Event& e) {
      if (auto* a = std::get_if<Answered>(&e)) return a->id == id;
      if (auto* f = std::get_if<RequestFailed>(&e)) return f->id == id;
      return false;
    });
  }
};

// ClientSession ⇄ ServerSessions with a virtual clock. `network` may drop, change or
// duplicate each client datagram before the server sees it.
struct ServerHarness {
  ServerHarness(ClientConfig c, ServerConfig s, TestDirectory d = TestDirectory::standard())
      : directory(std::move(d)), server(std::move(s), directory), console(std::move(c)) {
    bmc.config = &server.config();
  }

  TestDirectory directory;
  ServerSessions server;
  Console console;
  TestBmc bmc;
  Peer peer{"127.0.0.1", 40000};
  TimePoint now{};
  std::vector<Bytes> replies;  // every datagram the server sent
  std::vector<std::string> notes;
  std::function<std::vector<Bytes>(Bytes)> network;

  ClientSession& client() { return console.client; }

  // One datagram to the server; the BMC answers any request; returns the server's replies.
  std::vector<Bytes> deliver(const Bytes& d) {
    ServerSessions::Received r = server.receive(peer, view(d), now);
    notes.insert(notes.end(), r.notes.begin(), r.notes.end());
    std::vector<Bytes> out = std::move(r.replies);
    if (r.request) {
      Bytes framed = server.respond(*r.request, bmc.answer(*r.request), now);
      if (!framed.empty()) out.push_back(std::move(framed));
    }
    replies.insert(replies.end(), out.begin(), out.end());
    return out;
  }

  void run(Console& c, const std::function<bool()>& done, int max_steps = 2000) {
    for (int step = 0; step < max_steps; ++step) {
      for (Event& e : c.client.take_events()) c.events.push_back(std::move(e));
      if (done()) return;
      std::vector<Bytes> out = c.client.take_outgoing();
      if (!out.empty()) {
        for (Bytes& d : out) {
          c.sent.push_back(d);
          std::vector<Bytes> to_server = network ? network(d) : std::vector<Bytes>{d};
          for (const Bytes& x : to_server)
            for (const Bytes& r : deliver(x)) c.client.receive(view(r), now);
        }
        continue;
      }
      auto deadline = c.client.next_deadline();
      if (!deadline) return;
      now = std::max(now, *deadline);
      c.client.tick(now);
    }
  }

  void start(Console& c) {
    c.client.start(now);
    run(c, [&c] { return c.client.state() != ClientState::handshaking; });
  }
  void start() { start(console); }

  RequestId submit(Console& c, Request r) {
    const RequestId id = c.client.submit(std::move(r), now);
    run(c, [&c, id] { return c.finished(id); });
    return id;
  }
  RequestId submit(Request r) { return submit(console, std::move(r)); }

  void close(Console& c) {
    c.client.close(now);
    run(c, [&c] { return c.client.state() == ClientState::closed || c.client.state() == ClientState::failed; });
  }
  void close() { close(console); }

  bool noted(const std::string& needle) const {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const std::string& n) { return n.find(needle) != std::string::npos; });
  }
};

inline Request get_device_id_request() { return Request{0x06, 0x01, {}, 0, std::nullopt}; }

}  // namespace ipmict::session::testing
