// The BMC side of IPMI LAN sessions: public API, datagram dispatch (RMCP ACKs, ASF
// Presence Ping, IPMI 1.5 and RMCP+), the session table with its limits and idle
// timeouts, and the framing of the BMC model's answers (respond()).
#include <algorithm>
#include <utility>

#include "protocol/session/server_session_impl.hpp"
#include "protocol/wire/asf.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/netfn.hpp"
#include "protocol/wire/rmcp.hpp"

namespace ipmict::session {

crypto::SecureBytes server_padded(ByteView secret, std::size_t length) {
  crypto::SecureBytes out(length);
  for (std::size_t i = 0; i < secret.size() && i < length; ++i) out.data()[i] = secret[i];
  return out;
}

namespace {

const catalog::CommandDescriptor* must_find(const catalog::Catalog& c, std::uint8_t cmd) {
  return c.find(kNetFnApp, cmd);
}

}  // namespace

ServerSessions::Impl::Impl(ServerConfig c, const ServerDirectory& d)
    : config(std::move(c)), directory(d), random(config.random), catalog(catalog::shared_builtin_catalog()) {
  cmd_session_challenge = must_find(catalog, 0x39);
  cmd_activate_session = must_find(catalog, 0x3a);
  cmd_set_privilege = must_find(catalog, 0x3b);
  cmd_close_session = must_find(catalog, 0x3c);
  if (config.kg && !config.kg->empty()) kg = server_padded(view(*config.kg), crypto::kUserKeyLength);
}

// --- the session table ----------------------------------------------------------------

ServerSession* ServerSessions::Impl::find_serial(std::uint64_t serial) {
  for (ServerSession& s : table)
    if (s.serial == serial) return &s;
  return nullptr;
}

ServerSession* ServerSessions::Impl::find_id(std::uint32_t id, bool ipmi20) {
  // With quirks.reuse_session_ids several sessions share an ID: the newest one wins, which
  // is exactly the confusion that quirk models.
  ServerSession* found = nullptr;
  for (ServerSession& s : table)
    if (s.id == id && s.ipmi20 == ipmi20) found = &s;
  return found;
}

void ServerSessions::Impl::erase_serial(std::uint64_t serial) {
  table.remove_if([serial](const ServerSession& s) { return s.serial == serial; });
}

std::uint32_t ServerSessions::Impl::fresh_id() {
  // §13.17 / §22.17: non-zero, and not one a live session or challenge already uses.
  std::uint32_t id = 1;
  for (int attempt = 0; attempt < 16; ++attempt) {  // bounded: a constant random source must not hang us
    id = random.nonzero_u32();
    const bool taken = std::any_of(table.begin(), table.end(), [id](const ServerSession& s) { return s.id == id; }) ||
                       std::any_of(challenges.begin(), challenges.end(),
                                   [id](const PendingChallenge& c) { return c.temporary_id == id; });
    if (!taken) break;
  }
  return id;
}

std::uint32_t ServerSessions::Impl::new_session_id() {
  if (config.quirks.reuse_session_ids && reused_id) return *reused_id;
  if (config.quirks.sequential_session_ids) return id_counter++;
  const std::uint32_t id = fresh_id();
  if (config.quirks.reuse_session_ids) reused_id = id;
  return id;
}

std::uint8_t ServerSessions::Impl::new_handle() {
  // §22.20: handles 01h-FFh identify sessions; reuse the lowest-risk one: the next free.
  for (int i = 0; i < 255; ++i) {
    last_handle = static_cast<std::uint8_t>(last_handle == 0xff ? 1 : last_handle + 1);
    const std::uint8_t h = last_handle;
    if (std::none_of(table.begin(), table.end(), [h](const ServerSession& s) { return s.handle == h; })) return h;
  }
  return 0;
}

ServerSession& ServerSessions::Impl::add_session(bool ipmi20, const Peer& peer, TimePoint now) {
  ServerSession s(ipmi20);
  s.serial = next_serial++;
  s.handle = new_handle();
  s.id = new_session_id();
  s.peer = peer;
  s.last_activity = now;
  table.push_back(std::move(s));
  return table.back();
}

std::size_t ServerSessions::Impl::user_sessions(std::uint8_t user_id) const {
  return static_cast<std::size_t>(std::count_if(table.begin(), table.end(), [user_id](const ServerSession& s) {
    return s.state != ServerSessionState::opened && s.user && s.user->id == user_id;
  }));
}

void ServerSessions::Impl::expire(TimePoint now) {
  const auto timeout = config.session_timeout;
  const bool hold = config.quirks.hold_half_open_sessions;
  table.remove_if([&](const ServerSession& s) {
    if (hold && s.state != ServerSessionState::active) return false;
    return now - s.last_activity >= timeout;
  });
  challenges.erase(std::remove_if(challenges.begin(), challenges.end(),
                                  [&](const PendingChallenge& c) { return now - c.created >= timeout; }),
                   challenges.end());
}

bool ServerSessions::Impl::reclaim_setup_slot() {
  // A flood of Open Session requests (no password needed) must not lock consoles out until
  // the idle timeout (DESIGN.md §12: session tables exhausted until reboot): a session that
  // never finished RAKP gives its slot to a new one, oldest first. Established sessions are
  // never evicted, so the table limit still holds for them (§13.17: status 01h).
  if (config.quirks.hold_half_open_sessions) return false;
  ServerSession* oldest = nullptr;
  for (ServerSession& s : table) {
    if (s.state == ServerSessionState::active) continue;
    if (oldest == nullptr || s.last_activity < oldest->last_activity) oldest = &s;
  }
  if (oldest == nullptr) return false;
  note("session table full: the oldest session still in set-up gives its slot to a new Open Session");
  erase_serial(oldest->serial);
  return true;
}

bool ServerSessions::Impl::offers_suite(std::uint8_t id) const {
  const crypto::CipherSuite* suite = crypto::find_cipher_suite(id);
  if (suite == nullptr || !suite->implemented) return false;
  if (id == 0 && config.quirks.accept_cipher_suite_0) return true;
  return std::any_of(config.cipher_suites.begin(), config.cipher_suites.end(),
                     [id](const ServerConfig::Suite& s) { return s.id == id; });
}

std::optional<Privilege> ServerSessions::Impl::suite_max_privilege(std::uint8_t id) const {
  for (const ServerConfig::Suite& s : config.cipher_suites)
    if (s.id == id) return s.max_privilege;
  if (id == 0 && config.quirks.accept_cipher_suite_0) return Privilege::administrator;
  return std::nullopt;
}

Privilege ServerSessions::Impl::user_limit(const ServerUser& user) const {
  const auto u = static_cast<std::uint8_t>(user.privilege_limit);
  const auto c = static_cast<std::uint8_t>(config.channel_privilege_limit);
  if (user.privilege_limit == Privilege::no_access || config.channel_privilege_limit == Privilege::no_access)
    return Privilege::no_access;
  return static_cast<Privilege>(std::min(u, c));
}

// §6.12.13: RMCP+ outbound numbers start at 1 and skip 0 on wrap. quirks: off by one skips
// a number after every packet; byte-swapped writes the number big endian.
std::uint32_t ServerSessions::Impl::next_outbound_plus(ServerSession& s) {
  ++s.outbound;
  if (s.outbound == 0) s.outbound = 1;
  const std::uint32_t n = s.outbound;
  if (config.quirks.outbound_sequence_off_by_one) {
    ++s.outbound;
    if (s.outbound == 0) s.outbound = 1;
  }
  if (config.quirks.outbound_sequence_byte_swapped) {
    return ((n & 0xffu) << 24) | ((n & 0xff00u) << 8) | ((n >> 8) & 0xff00u) | (n >> 24);
  }
  return n;
}

// §22.17: IPMI 1.5 outbound numbers start at the console's "initial outbound sequence
// number" and increment per message (0 is skipped like the client does).
std::uint32_t ServerSessions::Impl::next_outbound15(ServerSession& s) {
  const std::uint32_t n = s.outbound;
  s.outbound += config.quirks.outbound_sequence_off_by_one ? 2u : 1u;
  if (s.outbound == 0) s.outbound = 1;
  if (config.quirks.outbound_sequence_byte_swapped) {
    return ((n & 0xffu) << 24) | ((n & 0xff00u) << 8) | ((n >> 8) & 0xff00u) | (n >> 24);
  }
  return n;
}

IpmiResponse ServerSessions::Impl::response_to(const IpmiRequest& m, std::uint8_t cc, Bytes data) {
  IpmiResponse r;
  r.rq_addr = m.rq_addr;
  r.netfn = static_cast<std::uint8_t>((m.netfn | 1u) & 0x3fu);
  r.rq_lun = m.rq_lun;
  r.rs_addr = m.rs_addr;
  r.rq_seq = m.rq_seq;
  r.rs_lun = m.rs_lun;
  r.cmd = m.cmd;
  r.completion_code = cc;
  r.data = std::move(data);
  return r;
}

void ServerSessions::Impl::pass_to_bmc(const IpmiRequest& m, ServerFraming framing, ServerSession* s,
                                       const Peer& peer) {
  if (out == nullptr) return;
  InboundRequest in;
  in.context.channel = config.channel;
  in.context.peer = peer;
  if (s != nullptr) {
    in.context.session_id = s->id;
    in.context.privilege = s->privilege;
    in.context.user_id = s->user ? s->user->id : 0;
    in.context.ipmi20 = s->ipmi20;
  } else {
    in.context.ipmi20 = framing == ServerFraming::sessionless_plus;
  }
  in.rs_addr = m.rs_addr;
  in.rq_addr = m.rq_addr;
  in.rq_seq = m.rq_seq;
  in.rq_lun = m.rq_lun;
  in.rs_lun = m.rs_lun;
  in.request = Request{m.netfn, m.cmd, m.data, m.rs_lun, std::nullopt};
  in.token = make_token(framing, s != nullptr ? s->serial : 0);
  out->request = std::move(in);
}

Bytes ServerSessions::Impl::frame(ServerFraming framing, ServerSession* s, const IpmiResponse& r) {
  switch (framing) {
    case ServerFraming::sessionless15: return v15_frame_sessionless(r);
    case ServerFraming::sessionless_plus: return plus_frame_sessionless(r);
    case ServerFraming::in_session:
      if (s == nullptr) return {};
      return s->ipmi20 ? plus_frame_session(*s, r) : v15_frame_session(*s, r);
  }
  return {};
}

// --- the public API ----------------------------------------------------------------------

ServerSessions::ServerSessions(ServerConfig config, const ServerDirectory& directory)
    : impl_(std::make_unique<Impl>(std::move(config), directory)) {}
ServerSessions::~ServerSessions() = default;

ServerSessions::Received ServerSessions::receive(const Peer& peer, ByteView datagram, TimePoint now) {
  Impl& s = *impl_;
  Received received;
  s.out = &received;
  s.expire(now);
  auto rmcp = decode_rmcp(datagram);
  if (!rmcp) {
    s.note("not an RMCP datagram: " + to_string(rmcp.error()));
    s.out = nullptr;
    return received;
  }
  const RmcpHeader& h = rmcp->header;
  if (h.ack) {
    s.note("RMCP ACK (nothing to do)");
    s.out = nullptr;
    return received;
  }
  // ASF 2.0 §3.2.2.3: a message with a sequence number other than FFh asks for an ACK.
  if (h.sequence != kRmcpSequenceNoAck) s.reply(encode_rmcp_ack(h));
  if (h.message_class == kRmcpClassAsf) {
    auto asf = decode_asf(rmcp->body, kRmcpHeaderSize);
    if (!asf) {
      s.note("malformed ASF message: " + to_string(asf.error()));
    } else if (asf->iana != kAsfIana || asf->message_type != kAsfPresencePing) {
      s.note("ASF message other than Presence Ping ignored");
    } else {
      // IPMI 2.0 §13.2.3: the Pong says IPMI is supported (Supported Entities bit 7).
      AsfPong pong;
      RmcpHeader ph;
      ph.message_class = kRmcpClassAsf;
      s.reply(encode_rmcp(ph, view(encode_asf(asf_presence_pong(asf->message_tag, pong)))));
    }
  } else if (h.message_class != kRmcpClassIpmi) {
    s.note("RMCP class " + std::to_string(h.message_class) + " is not handled");
  } else if (rmcp->body.empty()) {
    s.note("IPMI-class datagram without a session header");
  } else if (rmcp->body[0] == static_cast<std::uint8_t>(AuthType::rmcp_plus)) {
    s.plus_receive(datagram, peer, now);
  } else {
    auto v15 = decode_session15(rmcp->body, kRmcpHeaderSize);
    if (!v15) s.note("malformed IPMI 1.5 session header: " + to_string(v15.error()));
    else s.v15_receive(*v15, peer, now);
  }
  s.out = nullptr;
  return received;
}

Bytes ServerSessions::respond(const InboundRequest& request, const Response& response, TimePoint now) {
  Impl& s = *impl_;
  const auto framing = static_cast<ServerFraming>(request.token >> 56);
  const std::uint64_t serial = request.token & 0x00ffffffffffffffu;
  IpmiRequest m;
  m.rs_addr = request.rs_addr;
  m.netfn = request.request.netfn;
  m.rs_lun = request.rs_lun;
  m.rq_addr = request.rq_addr;
  m.rq_seq = request.rq_seq;
  m.rq_lun = request.rq_lun;
  m.cmd = request.request.cmd;
  IpmiResponse r = Impl::response_to(m, response.completion_code, response.data);
  r.netfn = static_cast<std::uint8_t>(response.netfn & 0x3fu);
  r.cmd = response.cmd;
  switch (framing) {
    case ServerFraming::sessionless15:
    case ServerFraming::sessionless_plus: return s.frame(framing, nullptr, r);
    case ServerFraming::in_session: {
      ServerSession* session = s.find_serial(serial);
      if (session == nullptr) return {};  // closed or expired meanwhile
      session->last_activity = std::max(session->last_activity, now);
      return s.frame(framing, session, r);
    }
  }
  return {};
}

void ServerSessions::tick(TimePoint now) { impl_->expire(now); }

std::optional<TimePoint> ServerSessions::next_deadline() const {
  std::optional<TimePoint> next;
  const auto timeout = impl_->config.session_timeout;
  for (const ServerSession& s : impl_->table) {
    const TimePoint t = s.last_activity + timeout;
    if (!next || t < *next) next = t;
  }
  for (const PendingChallenge& c : impl_->challenges) {
    const TimePoint t = c.created + timeout;
    if (!next || t < *next) next = t;
  }
  return next;
}

std::vector<SessionInfo> ServerSessions::sessions() const {
  std::vector<SessionInfo> out;
  for (const ServerSession& s : impl_->table) {
    if (s.state != ServerSessionState::active) continue;
    SessionInfo i;
    i.handle = s.handle;
    i.session_id = s.id;
    i.user_id = s.user ? s.user->id : 0;
    i.privilege = s.privilege;
    i.ipmi20 = s.ipmi20;
    i.channel = impl_->config.channel;
    i.peer = s.peer;
    out.push_back(std::move(i));
  }
  return out;
}

unsigned ServerSessions::max_sessions() const { return impl_->config.max_sessions; }
const ServerConfig& ServerSessions::config() const { return impl_->config; }

}  // namespace ipmict::session
