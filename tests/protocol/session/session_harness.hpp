#pragma once
// Drives a ClientSession against a FakeBmc with a virtual clock: datagrams flow at once;
// when nothing is in flight the clock jumps to the client's next deadline. `network` sees
// every reply before the client does, so a test can drop, duplicate or hold them back.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "protocol/session/client_session.hpp"
#include "tests/protocol/session/fake_bmc.hpp"

namespace ipmict::session::testing {

inline std::function<void(std::uint8_t*, std::size_t)> counting_random() {
  auto state = std::make_shared<std::uint8_t>(0x40);
  return [state](std::uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = ++*state;
  };
}

inline ClientConfig lanplus_config(std::optional<std::uint8_t> suite = std::nullopt) {
  ClientConfig c;
  c.protocol = Protocol::lanplus;
  c.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  c.password = Bytes{'s', 'e', 'c', 'r', 'e', 't'};
  c.cipher_suite = suite;
  c.random = counting_random();
  return c;
}

inline ClientConfig lan15_config(std::optional<AuthType> auth = std::nullopt) {
  ClientConfig c = lanplus_config();
  c.protocol = Protocol::lan15;
  c.auth_type = auth;
  return c;
}

inline FakeBmcConfig bmc_config() {
  FakeBmcConfig b;
  b.users.push_back(FakeUser{Bytes{'a', 'd', 'm', 'i', 'n'}, Bytes{'s', 'e', 'c', 'r', 'e', 't'},
                             Privilege::administrator});
  b.users.push_back(FakeUser{Bytes{'o', 'p'}, Bytes{'o', 'p', 'p', 'w'}, Privilege::operator_});
  return b;
}

inline Request get_device_id() { return Request{0x06, 0x01, {}, 0, std::nullopt}; }

struct Harness {
  Harness(ClientConfig c, FakeBmcConfig b) : bmc(std::move(b)), client(std::move(c)) {}

  FakeBmc bmc;
  ClientSession client;
  TimePoint now{};
  std::vector<Event> events;
  std::vector<Bytes> sent;  // every datagram the client sent
  std::function<std::vector<Bytes>(const Bytes& request, std::vector<Bytes> replies)> network;

  // A network that delivers every reply twice (duplicates must be discarded).
  static std::vector<Bytes> duplicate_every_reply(const Bytes&, std::vector<Bytes> replies) {
    std::vector<Bytes> out;
    for (const Bytes& r : replies) {
      out.push_back(r);
      out.push_back(r);
    }
    return out;
  }

  void collect() {
    for (Event& e : client.take_events()) events.push_back(std::move(e));
  }

  // Runs until `done` holds or nothing is left to do (bounded in steps).
  void run(const std::function<bool()>& done = [] { return false; }, int max_steps = 5000) {
    for (int step = 0; step < max_steps; ++step) {
      collect();
      if (done()) return;
      std::vector<Bytes> out = client.take_outgoing();
      if (!out.empty()) {
        for (Bytes& d : out) {
          sent.push_back(d);
          std::vector<Bytes> replies = bmc.handle(view(d));
          if (network) replies = network(d, std::move(replies));
          for (const Bytes& r : replies) client.receive(view(r), now);
        }
        continue;
      }
      auto deadline = client.next_deadline();
      if (!deadline) return;
      now = std::max(now, *deadline);
      client.tick(now);
    }
  }

  void start() {
    client.start(now);
    run([this] { return client.state() != ClientState::handshaking; });
  }

  RequestId submit(Request r) {
    const RequestId id = client.submit(std::move(r), now);
    run([this, id] { return finished(id); });
    return id;
  }

  bool finished(RequestId id) const {
    return std::any_of(events.begin(), events.end(), [id](const Event& e) {
      if (auto* a = std::get_if<Answered>(&e)) return a->id == id;
      if (auto* f = std::get_if<RequestFailed>(&e)) return f->id == id;
      return false;
    });
  }

  template <class E>
  std::vector<E> all() const {
    std::vector<E> out;
    for (const Event& e : events)
      if (auto* x = std::get_if<E>(&e)) out.push_back(*x);
    return out;
  }

  std::optional<Response> answer(RequestId id) const {
    for (const Answered& a : all<Answered>())
      if (a.id == id) return a.response;
    return std::nullopt;
  }

  std::optional<Failure> request_failure(RequestId id) const {
    for (const RequestFailed& f : all<RequestFailed>())
      if (f.id == id) return f.failure;
    return std::nullopt;
  }

  std::optional<Failure> session_failure() const {
    auto f = all<SessionFailed>();
    if (f.empty()) return std::nullopt;
    return f.front().failure;
  }

  bool discarded_with(const std::string& needle) const {
    for (const Discarded& d : all<Discarded>())
      if (d.reason.find(needle) != std::string::npos) return true;
    return false;
  }
};

}  // namespace ipmict::session::testing
