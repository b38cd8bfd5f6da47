// The client and server session state machines (protocol/session ClientSession and
// ServerSessions) driven against each other by a script of network actions taken from the
// input: deliver, drop, duplicate, reorder or corrupt a datagram in either direction,
// advance the clock, submit a request, close. Keys and passwords are fixed per input.
//
// Input: byte 0 configures the pair,
//   bit 0     IPMI 1.5 (set) or RMCP+
//   bits 1-4  RMCP+: the cipher suite (kSuites); IPMI 1.5: the auth type (bits 1-2)
//   bit 5     both sides hold the same K_G (RMCP+; otherwise K_G is unset)
//   bit 6     the client's password or K_G is wrong (K_G when bit 5 is set)
//   bit 7     the client asks for operator rather than administrator privilege
// then one action per byte (bits 0-2 the action, bit 3 the direction, bits 4-7 its argument;
// corrupt takes one more byte, the position).
//
// Properties:
//  - no crash, no hang, bounded memory (queues are capped; every action consumes input);
//  - a wrong password never gives an established session on either side, a wrong K_G none
//    on the client (the server cannot tell: RAKP 3 is keyed by the password); except
//    cipher suite 0, which authenticates nothing, and IPMI 1.5 auth type none;
//  - the server accepts an in-session IPMI message only on an active session, never the
//    same session sequence number twice, and only inside the window of IPMI 2.0 §6.12.13
//    (RMCP+: 15 behind to 16 ahead of the highest accepted) / §6.12.12 (IPMI 1.5: 8 / 8);
//  - with an RMCP+ integrity algorithm, a datagram with a corrupted byte past the RMCP
//    header is never accepted (IPMI 1.5 leaves bytes outside its AuthCode: the auth type,
//    the legacy pad);
//  - keys agree: when the client first reports the session established and the server's
//    table holds it as active, one request over a clean network must reach the server
//    intact and its answer must reach the client intact. That exchange only succeeds
//    when both sides derived the same SIK (RAKP 4's integrity check value, which the
//    client verified, is keyed by the server's SIK), K1 (integrity, checked both ways)
//    and K2 (AES-CBC-128, decrypted both ways). Not asserted once a corrupted datagram
//    reached either side of a session without per-packet protection: a tampered sequence
//    number may legitimately leave the two windows apart.
// SESSION_PAIR_TRACE=1 prints the actions and what the server did with each datagram.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <optional>
#include <variant>
#include <vector>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/session/client_session.hpp"
#include "protocol/session/server_session.hpp"

namespace {

using namespace ipmict;
using namespace ipmict::session;

constexpr std::uint8_t kSuites[] = {3, 17, 1, 2, 6, 7, 8, 11, 12, 15, 16, 0, 3, 17, 3, 17};
constexpr AuthType kAuthTypes[] = {AuthType::md5, AuthType::md2, AuthType::straight_password, AuthType::none};
constexpr std::size_t kMaxQueue = 32;

const Bytes kUser{'a', 'd', 'm', 'i', 'n'};
const Bytes kPassword{'p', 'a', 's', 's', '-', '0', '1', '2', '3'};
const Bytes kWrongPassword{'p', 'a', 's', 's', '-', '0', '1', '2', '4'};
const Bytes kKg{'k', 'g', '-', 'f', 'o', 'r', '-', 'f', 'u', 'z', 'z', 'i', 'n', 'g', '-', '0', '0', '0', '0', '1'};
const Bytes kWrongKg{'k', 'g', '-', 'f', 'o', 'r', '-', 'f', 'u', 'z', 'z', 'i', 'n', 'g', '-', '0', '0', '0', '0', '2'};

class Directory final : public ServerDirectory {
 public:
  std::optional<ServerUser> user_by_name(ByteView name) const override {
    if (!std::equal(name.begin(), name.end(), kUser.begin(), kUser.end())) return std::nullopt;
    ServerUser u;
    u.id = 2;
    u.name = kUser;
    u.password = kPassword;
    return u;
  }
};

// SESSION_PAIR_TRACE=1 prints every action and every datagram the server saw (triage).
bool tracing() {
  static const bool on = std::getenv("SESSION_PAIR_TRACE") != nullptr;
  return on;
}

void trace_datagram(const char* what, ByteView d) {
  if (!tracing()) return;
  std::fprintf(stderr, "  %s %zu bytes:", what, d.size());
  for (std::size_t i = 0; i < d.size() && i < 48; ++i) std::fprintf(stderr, " %02x", d[i]);
  std::fprintf(stderr, "\n");
}

std::function<void(std::uint8_t*, std::size_t)> counter_random(std::uint8_t seed) {
  auto state = std::make_shared<std::uint8_t>(seed);
  return [state](std::uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = *state = static_cast<std::uint8_t>(*state * 13u + 0x71u);
  };
}

std::uint32_t le32(ByteView d, std::size_t at) {
  return static_cast<std::uint32_t>(d[at]) | (static_cast<std::uint32_t>(d[at + 1]) << 8) |
         (static_cast<std::uint32_t>(d[at + 2]) << 16) | (static_cast<std::uint32_t>(d[at + 3]) << 24);
}

// Session ID and sequence number of an in-session IPMI datagram, as the header says.
struct InSession {
  std::uint32_t id = 0;
  std::uint32_t sequence = 0;
  bool activation = false;  // IPMI 1.5 Activate Session: temporary ID, sequence 0 (§22.17)
};
std::optional<InSession> in_session_header(ByteView d, bool plus) {
  if (d.size() < 14 || d[0] != 0x06 || (d[3] & 0x1fu) != 0x07) return std::nullopt;
  if (plus) {
    if (d[4] != 0x06 || (d[5] & 0x3fu) != 0x00) return std::nullopt;
    return InSession{le32(d, 6), le32(d, 10)};
  }
  if (d[4] == 0x06) return std::nullopt;
  InSession h{le32(d, 9), le32(d, 5), false};
  const std::size_t message = 13 + (d[4] != 0x00 ? 16 : 0) + 1;  // after the length byte
  if (d.size() > message + 5) h.activation = (d[message + 1] >> 2) == 0x06 && d[message + 5] == 0x3a;
  return h;
}

struct Datagram {
  Bytes bytes;
  Bytes original;  // as sent, once the script flipped bits (two flips may cancel out)

  // The first byte that differs from what was sent.
  std::optional<std::size_t> corrupted_at() const {
    for (std::size_t i = 0; i < original.size() && i < bytes.size(); ++i)
      if (original[i] != bytes[i]) return i;
    return std::nullopt;
  }
};

class Pair {
 public:
  Pair(ClientConfig client_config, ServerConfig server_config, bool wrong_secret, bool wrong_kg)
      : plus_(client_config.protocol == Protocol::lanplus),
        suite_(client_config.cipher_suite),
        auth_type_(client_config.auth_type),
        wrong_secret_(wrong_secret),
        wrong_kg_(wrong_kg),
        server_(std::move(server_config), directory_),
        client_(std::move(client_config)) {}

  void start() {
    client_.start(now_);
    pump();
  }

  void run(const std::uint8_t* data, std::size_t size) {
    std::size_t at = 0;
    while (at < size) {
      const std::uint8_t op = data[at++];
      const bool to_server = (op & 0x08u) != 0;
      auto& q = to_server ? c2s_ : s2c_;
      const unsigned arg = op >> 4;
      if (tracing())
        std::fprintf(stderr, "action %u %s arg %u (queues c2s %zu, s2c %zu, client state %d)\n", op & 7u,
                     to_server ? "c2s" : "s2c", arg, c2s_.size(), s2c_.size(), static_cast<int>(client_.state()));
      switch (op & 7u) {
        case 0:
        case 1:  // deliver the oldest (the most common action: two codes)
          deliver(to_server);
          break;
        case 2:  // lose it
          if (!q.empty()) q.pop_front();
          break;
        case 3:  // the network duplicates it
          if (!q.empty() && q.size() < kMaxQueue) q.push_back(q.front());
          break;
        case 4:  // reorder: the arg-th datagram overtakes the oldest
          if (q.size() > 1) std::swap(q.front(), q[1 + arg % (q.size() - 1)]);
          break;
        case 5: {  // flip bits of one byte
          const std::size_t pos = at < size ? data[at++] : 0;
          if (!q.empty() && !q.front().bytes.empty()) {
            Datagram& d = q.front();
            if (d.original.empty()) d.original = d.bytes;
            const std::size_t where = pos % d.bytes.size();
            d.bytes[where] = static_cast<std::uint8_t>(d.bytes[where] ^ (arg == 0 ? 0x80u : arg));
          }
          break;
        }
        case 6: {  // time passes: retries, timeouts, idle sessions
          static constexpr std::int64_t kSteps[] = {1, 50, 400, 1000, 3000, 10000, 61000, 120000};
          now_ += Millis(kSteps[arg & 7u]);
          client_.tick(now_);
          server_.tick(now_);
          break;
        }
        default:  // the caller's side
          if (arg < 12) {
            client_.submit(Request{0x06, static_cast<std::uint8_t>(0x01 + arg % 4), Bytes(arg % 3, 0xa5), 0, std::nullopt}, now_);
          } else if (arg < 14) {
            client_.close(now_);
          } else if (auto deadline = client_.next_deadline()) {
            now_ = std::max(now_, *deadline);
            client_.tick(now_);
          }
          break;
      }
      pump();
    }
    // Let every timer run out: both sides must come to rest.
    for (int i = 0; i < 100 && client_.next_deadline(); ++i) {
      now_ = std::max(now_, *client_.next_deadline());
      client_.tick(now_);
      pump();
      while (!c2s_.empty()) deliver(true);
      while (!s2c_.empty()) deliver(false);
    }
  }

 private:
  // Collects what the client wants to send and what it reports.
  void pump() {
    for (Bytes& d : client_.take_outgoing())
      if (c2s_.size() < kMaxQueue) c2s_.push_back(Datagram{std::move(d), {}});
    for (Event& e : client_.take_events()) {
      if (const auto* est = std::get_if<Established>(&e)) on_established(est->bmc_session_id);
    }
    check_authentication();
  }

  // Every in-session packet carries a check over its session header and payload: RMCP+
  // with an integrity algorithm, IPMI 1.5 with an MD2/MD5 AuthCode (straight password and
  // none leave the sequence number open to anyone on the path).
  bool protects_packets() const {
    if (plus_) return suite_.value_or(3) != 0 && suite_ != 1 && suite_ != 6 && suite_ != 15;
    return auth_type_ == AuthType::md5 || auth_type_ == AuthType::md2;
  }

  bool authenticates() const {
    if (plus_) return suite_.value_or(3) != 0;
    return auth_type_.value_or(AuthType::md5) != AuthType::none;
  }

  void check_authentication() {
    if (!wrong_secret_ || !authenticates()) return;
    FUZZ_ASSERT(client_.state() != ClientState::established);
    if (!wrong_kg_) FUZZ_ASSERT(server_.sessions().empty());
  }

  bool server_active(std::uint32_t id) const {
    for (const SessionInfo& s : server_.sessions())
      if (s.session_id == id) return true;
    return false;
  }

  ServerSessions::Received server_receive(const Datagram& d) {
    const auto header = in_session_header(view(d.bytes), plus_);
    const bool was_active = header && header->id != 0 && server_active(header->id);
    if (header && !was_active) forget(header->id);  // a later session may get the same ID
    trace_datagram("to server", view(d.bytes));
    // Without a per-packet check, a corrupted sequence number that the server takes moves
    // its window away from the client's numbers: the session may legitimately go deaf.
    if (d.corrupted_at() && !protects_packets()) tampered_ = true;
    auto got = server_.receive(kPeer, view(d.bytes), now_);
    // An RMCP ACK (class bit 7, sent for any RMCP sequence number but FFh) says nothing about
    // the session layer: accepted means a request for the BMC or an answer of its own.
    const bool accepted = got.request.has_value() || std::any_of(got.replies.begin(), got.replies.end(), [](const Bytes& r) {
                            return r.size() > 4 && (r[3] & 0x80u) == 0;
                          });
    if (tracing()) {
      for (const auto& n : got.notes) std::fprintf(stderr, "  server: %s\n", n.c_str());
      std::fprintf(stderr, "  accepted %d, was active %d, replies %zu\n", accepted, was_active, got.replies.size());
    }
    if (header && header->id != 0 && accepted) {
      if (plus_) {
        FUZZ_ASSERT(was_active);  // no IPMI message before RAKP 3 verified (CVE-2021-39296 class)
        const auto corrupted = d.corrupted_at();
        if (protects_packets()) FUZZ_ASSERT(!corrupted || *corrupted < 4);  // the RMCP header is not covered
      }
      if (was_active && !header->activation) check_window(header->id, header->sequence);
    }
    if (header && header->id != 0 && was_active && !header->activation) note_delivered(header->id, header->sequence);
    return got;
  }

  // The window (IPMI 2.0 §6.12.12/13) as far as the outside can tell: the server's highest
  // number can only have come from a datagram delivered to it, and may have advanced on
  // datagrams that passed the window and failed later (a payload that does not decode), so
  // "ahead" is measured from the highest delivered and "behind" from the highest accepted.
  void check_window(std::uint32_t id, std::uint32_t sequence) {
    auto& seen = accepted_[id];
    FUZZ_ASSERT(std::find(seen.begin(), seen.end(), sequence) == seen.end());  // no replay
    if (plus_) FUZZ_ASSERT(sequence != 0);
    const std::int32_t behind = plus_ ? 15 : 8;
    const std::int32_t ahead = plus_ ? 16 : 8;
    if (!seen.empty()) {
      FUZZ_ASSERT(static_cast<std::int32_t>(sequence - highest_accepted_[id]) >= -behind);
      FUZZ_ASSERT(static_cast<std::int32_t>(sequence - highest_delivered_[id]) <= ahead);
      if (static_cast<std::int32_t>(sequence - highest_accepted_[id]) > 0) highest_accepted_[id] = sequence;
    } else {
      highest_accepted_[id] = sequence;
    }
    seen.push_back(sequence);
    if (seen.size() > 64) seen.erase(seen.begin());  // older ones are far outside the window
  }

  void forget(std::uint32_t id) {
    accepted_.erase(id);
    highest_accepted_.erase(id);
    highest_delivered_.erase(id);
  }

  void note_delivered(std::uint32_t id, std::uint32_t sequence) {
    auto [it, fresh] = highest_delivered_.try_emplace(id, sequence);
    if (!fresh && static_cast<std::int32_t>(sequence - it->second) > 0) it->second = sequence;
  }

  void deliver(bool to_server) {
    auto& q = to_server ? c2s_ : s2c_;
    if (q.empty()) return;
    Datagram d = std::move(q.front());
    q.pop_front();
    if (to_server) {
      auto got = server_receive(d);
      for (Bytes& r : got.replies)
        if (s2c_.size() < kMaxQueue) s2c_.push_back(Datagram{std::move(r), {}});
      if (got.request) {
        Bytes framed = server_.respond(*got.request, answer_to(got.request->request), now_);
        if (!framed.empty() && s2c_.size() < kMaxQueue) s2c_.push_back(Datagram{std::move(framed), {}});
      }
    } else {
      if (d.corrupted_at() && !protects_packets()) tampered_ = true;  // the client's window too
      client_.receive(view(d.bytes), now_);
    }
    pump();
  }

  // The BMC model: the two session-less commands a client asks before a session
  // (answered from the server's configuration), and any other request echoed behind a
  // marker (what the key agreement probe checks).
  Response answer_to(const Request& r) const {
    const ServerConfig& c = server_.config();
    Response out{static_cast<std::uint8_t>(r.netfn | 1u), r.cmd, 0x00, {}};
    if (r.netfn == 0x06 && r.cmd == 0x38 && r.data.size() == 2) {  // Get Channel Auth Caps (§22.13)
      const unsigned priv = r.data[1] & 0x0fu;
      const std::uint8_t types = priv >= 1 && priv <= 5 ? c.auth_types[priv] : 0;
      const bool kg = c.kg && std::any_of(c.kg->begin(), c.kg->end(), [](std::uint8_t b) { return b != 0; });
      out.data = {c.channel, static_cast<std::uint8_t>(types | ((r.data[0] & 0x80u) ? 0x80u : 0u)),
                  static_cast<std::uint8_t>(0x04u | (kg ? 0x20u : 0u)),  // non-null user names; K_G status
                  static_cast<std::uint8_t>((c.ipmi15 ? 1u : 0u) | (c.ipmi20 ? 2u : 0u)), 0, 0, 0, 0};
      return out;
    }
    if (r.netfn == 0x06 && r.cmd == 0x54 && r.data.size() == 3) {  // Get Channel Cipher Suites (§22.15)
      Bytes records;
      for (const ServerConfig::Suite& suite : c.cipher_suites) {
        const crypto::CipherSuite* cs = crypto::find_cipher_suite(suite.id);
        if (cs == nullptr) continue;
        records.insert(records.end(), {0xc0, suite.id, static_cast<std::uint8_t>(cs->auth),
                                       static_cast<std::uint8_t>(0x40u | static_cast<unsigned>(cs->integrity)),
                                       static_cast<std::uint8_t>(0x80u | static_cast<unsigned>(cs->confidentiality))});
      }
      const std::size_t index = r.data[2] & 0x3fu;
      out.data = {c.channel};
      for (std::size_t i = index * 16; i < records.size() && i < index * 16 + 16; ++i) out.data.push_back(records[i]);
      return out;
    }
    // An echo after a marker byte (built by reserve + push_back: g++ 12 -O2 sees a false
    // -Warray-bounds in insert() after a 2-byte list initialisation).
    out.data.clear();
    out.data.reserve(2 + r.data.size());
    out.data.push_back(0x5a);
    out.data.push_back(r.cmd);
    for (const std::uint8_t b : r.data) out.data.push_back(b);
    return out;
  }

  // The key agreement check (see the file comment), once per input.
  void on_established(std::uint32_t bmc_session_id) {
    if (probed_) return;
    probed_ = true;
    FUZZ_ASSERT(!wrong_secret_ || !authenticates());
    const auto sessions = server_.sessions();
    // The server may have dropped it meanwhile (idle timeout, a Close Session of the script).
    if (sessions.size() != 1 || sessions.front().session_id != bmc_session_id) {
      if (tracing()) std::fprintf(stderr, "probe skipped: the server no longer holds the session\n");
      return;
    }
    const Request probe{0x06, 0x01, Bytes{0x11, 0x22, 0x33}, 0, std::nullopt};
    const RequestId id = client_.submit(probe, now_);
    // Clean network: the client's datagrams straight to the server and back. Datagrams
    // queued by the script stay queued. The client may have requests of the script before
    // the probe: answer them all.
    bool seen_by_server = false;
    for (int round = 0; round < 16; ++round) {
      std::vector<Bytes> out = client_.take_outgoing();
      if (out.empty()) break;
      for (Bytes& d : out) {
        auto got = server_receive(Datagram{std::move(d), {}});
        for (Bytes& r : got.replies) client_.receive(view(r), now_);
        if (got.request) {
          if (got.request->request == probe) seen_by_server = true;
          Bytes framed = server_.respond(*got.request, answer_to(got.request->request), now_);
          FUZZ_ASSERT(!framed.empty());
          client_.receive(view(framed), now_);
        }
      }
    }
    bool answered = false;
    for (Event& e : client_.take_events()) {
      if (const auto* a = std::get_if<Answered>(&e); a != nullptr && a->id == id) {
        FUZZ_ASSERT(a->response == answer_to(probe));
        answered = true;
      }
    }
    if (tracing()) std::fprintf(stderr, "probe: seen by the server %d, answered %d\n", seen_by_server, answered);
    if (tampered_) return;  // see server_receive
    FUZZ_ASSERT(seen_by_server);
    FUZZ_ASSERT(answered);
  }

  static inline const Peer kPeer{"127.0.0.1", 50000};
  bool plus_;
  std::optional<std::uint8_t> suite_;
  std::optional<AuthType> auth_type_;
  bool wrong_secret_;
  bool wrong_kg_;  // the server cannot tell (RAKP 3 is keyed by the password): only the client can
  Directory directory_;
  ServerSessions server_;
  ClientSession client_;
  TimePoint now_{std::chrono::hours(2)};
  std::deque<Datagram> c2s_, s2c_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> accepted_;
  std::map<std::uint32_t, std::uint32_t> highest_accepted_;
  std::map<std::uint32_t, std::uint32_t> highest_delivered_;
  bool probed_ = false;
  bool tampered_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t cfg = data[0];
  const bool wrong_secret = (cfg & 0x40u) != 0;
  const bool with_kg = (cfg & 0x20u) != 0;

  ClientConfig c;
  c.protocol = (cfg & 1u) ? Protocol::lan15 : Protocol::lanplus;
  c.username = kUser;
  const bool wrong_kg = wrong_secret && with_kg && !(cfg & 1u);  // K_G is RMCP+ only
  c.password = wrong_secret && !wrong_kg ? kWrongPassword : kPassword;
  c.privilege = (cfg & 0x80u) ? Privilege::operator_ : Privilege::administrator;
  c.random = counter_random(0x33);
  ServerConfig s;
  s.random = counter_random(0x99);
  s.auth_types[1] = s.auth_types[2] = s.auth_types[3] = s.auth_types[4] = 0x17;  // none, MD2, MD5, straight
  s.cipher_suites.clear();
  if (c.protocol == Protocol::lanplus) {
    const std::uint8_t suite = kSuites[(cfg >> 1) & 15u];
    c.cipher_suite = suite;
    s.cipher_suites.push_back({suite, Privilege::administrator});
    if (suite != 3) s.cipher_suites.push_back({3, Privilege::administrator});
    if (with_kg) {
      s.kg = kKg;
      c.kg = wrong_secret ? kWrongKg : kKg;
    }
  } else {
    c.auth_type = kAuthTypes[(cfg >> 1) & 3u];
  }
  Pair pair(std::move(c), std::move(s), wrong_secret, wrong_kg);
  pair.start();
  pair.run(data + 1, size - 1);
  return 0;
}
