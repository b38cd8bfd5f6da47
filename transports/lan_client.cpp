#include "transports/lan_client.hpp"

#include <algorithm>
#include <functional>
#include <utility>
#include <variant>

#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::transport {

using session::Clock;
using session::TimePoint;

namespace {

// A cap on every wait, above the session's own deadlines: a state machine bug or a BMC
// that keeps the handshake alive forever must not hang a CI run.
constexpr std::chrono::seconds kConnectHardCap{60};
// Loop passes per wait; each pass either sends, receives or waits for a deadline.
constexpr int kMaxPumpIterations = 100000;
constexpr std::size_t kMaxDiscardedKept = 1000;
constexpr std::size_t kMaxSequencesKept = 1000;
constexpr std::size_t kMaxPadNotesKept = 100;

std::string printable(const Bytes& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    if (b >= 0x21 && b < 0x7f && b != '@' && b != '\\') {
      out += static_cast<char>(b);
    } else {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0x0f];
    }
  }
  return out;
}

std::string failure_text(const session::Failure& f) {
  return f.step.empty() ? f.message : f.step + ": " + f.message;
}

// A failure while opening the session. "No answer at all" is unreachable (nothing there),
// any other failure after the BMC spoke is about the session.
TransportError setup_error(const session::Failure& f, bool heard_from_bmc) {
  using FK = session::Failure::Kind;
  using TK = TransportError::Kind;
  TK kind = TK::session;
  switch (f.kind) {
    case FK::timeout: kind = heard_from_bmc ? TK::session : TK::unreachable; break;
    case FK::rejected:
    case FK::authentication:
    case FK::unsupported: kind = TK::session; break;
    case FK::malformed: kind = TK::malformed; break;
    case FK::closed: kind = TK::closed; break;
    case FK::bad_request: kind = TK::bad_request; break;
  }
  return TransportError{kind, failure_text(f), f.status};
}

TransportError request_error(const session::Failure& f) {
  using FK = session::Failure::Kind;
  using TK = TransportError::Kind;
  TK kind = TK::session;
  switch (f.kind) {
    case FK::timeout: kind = TK::timeout; break;
    case FK::rejected:
    case FK::authentication: kind = TK::session; break;
    case FK::unsupported:
    case FK::bad_request: kind = TK::bad_request; break;
    case FK::malformed: kind = TK::malformed; break;
    case FK::closed: kind = TK::closed; break;
  }
  return TransportError{kind, failure_text(f), f.status};
}

}  // namespace

struct LanClient::Impl {
  // Declared (so initialized) before `session`, which takes the config.
  session::Protocol protocol;
  std::chrono::milliseconds per_datagram_budget;  // timeout * tries, the session's worst case per exchange
  std::unique_ptr<UdpLink> link;
  session::ClientSession session;
  std::string description_prefix;  // "lanplus://user@host:port"
  session::Established established;
  bool closed = false;
  std::size_t received = 0;
  std::size_t acks_sent = 0;
  LanObservations observed;
  std::size_t sent = 0;              // datagrams sent
  std::size_t in_session_received = 0;  // in-session RMCP+ packets received
  std::optional<std::uint32_t> last_reply_sequence;  // of the previous cleanly answered request

  Impl(std::unique_ptr<UdpLink> l, session::ClientConfig config)
      : protocol(config.protocol),
        per_datagram_budget(config.timeout * (config.retries + 1)),
        link(std::move(l)),
        session(std::move(config)) {}

  // Moves datagrams and time into the session until on_event says done. Errors: the link's
  // (refused, io) or the hard cap.
  tl::expected<void, TransportError> pump(const std::function<bool(session::Event&)>& on_event, TimePoint hard_deadline,
                                          std::string_view what) {
    for (int i = 0; i < kMaxPumpIterations; ++i) {
      for (const Bytes& d : session.take_outgoing()) {
        if (auto ok = link->send(view(d)); !ok) return tl::unexpected(ok.error());
        ++sent;
      }
      bool done = false;
      for (session::Event& e : session.take_events()) {
        if (const auto* d = std::get_if<session::Discarded>(&e); d != nullptr && observed.discarded.size() < kMaxDiscardedKept) {
          observed.discarded.push_back(d->reason);
        }
        if (on_event(e)) done = true;
      }
      if (done) {
        // Whatever the last event queued (e.g. nothing, or a final datagram) still goes out.
        for (const Bytes& d : session.take_outgoing()) (void)link->send(view(d));
        return {};
      }
      TimePoint now = Clock::now();
      if (now >= hard_deadline) break;
      const TimePoint wake = std::min(session.next_deadline().value_or(now + std::chrono::seconds(1)), hard_deadline);
      auto got = link->receive(wake);
      if (!got) return tl::unexpected(got.error());
      now = Clock::now();
      if (*got) {
        ++received;
        answer_rmcp_ack(view(**got));
        observe(view(**got));
        session.receive(view(**got), now);
      }
      session.tick(now);
    }
    return tl::unexpected(TransportError{TransportError::Kind::timeout,
                                         std::string(what) + " did not finish in time with " + link->remote_endpoint().to_string() +
                                             " (the transport's hard cap); the BMC kept the exchange alive without completing it",
                                         {}});
  }

  // ASF 2.0 §3.2.2.3: a message whose RMCP sequence number is not FFh asks for an RMCP ACK.
  // IPMI 2.0 §13.1.3 has BMCs send FFh for IPMI class, so this is for the odd BMC (or an
  // ASF message) that asks anyway; ACKs themselves are never acknowledged.
  void answer_rmcp_ack(ByteView datagram) {
    auto rmcp = decode_rmcp(datagram);
    if (!rmcp || rmcp->header.ack || rmcp->header.sequence == kRmcpSequenceNoAck) return;
    const Bytes ack = encode_rmcp_ack(rmcp->header);
    if (link->send(view(ack))) ++acks_sent;
  }

  // Observations of an in-session RMCP+ packet (LanObservations): its sequence number and,
  // once the cipher suite is known, whether its Integrity PAD is the shortest that aligns.
  void observe(ByteView datagram) {
    if (protocol != session::Protocol::lanplus) return;
    auto rmcp = decode_rmcp(datagram);
    if (!rmcp || rmcp->header.ack || rmcp->body.empty() || rmcp->body[0] != 0x06) return;
    std::size_t auth_code_length = 0;
    const crypto::CipherSuite* suite = established.cipher_suite ? crypto::find_cipher_suite(*established.cipher_suite) : nullptr;
    if (suite != nullptr) auth_code_length = crypto::integrity_auth_code_length(suite->integrity);
    auto p = decode_rmcpplus_session(rmcp->body, kRmcpHeaderSize, auth_code_length);
    if (!p || p->session_id == 0) return;
    ++in_session_received;
    if (observed.inbound_sequences.size() < kMaxSequencesKept) observed.inbound_sequences.push_back(p->session_sequence);
    if (suite == nullptr || !p->trailer || p->oem) return;
    ++observed.authenticated_packets;
    const std::uint8_t minimal = rmcpplus_integrity_pad_length(kRmcpPlusHeaderSize + p->payload.size());
    if (p->trailer->pad_length != minimal && observed.pad_not_minimal.size() < kMaxPadNotesKept) {
      observed.pad_not_minimal.push_back("pad length " + std::to_string(p->trailer->pad_length) + " where " +
                                         std::to_string(minimal) + " aligns (sequence " +
                                         std::to_string(p->session_sequence) + ")");
    }
  }

  TimePoint exchange_deadline() const {
    // The session retries on its own; this is only the outer bound: every try of the
    // datagram twice over, plus slack for a slow machine.
    return Clock::now() + 2 * per_datagram_budget + std::chrono::seconds(5);
  }
};

LanClient::LanClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LanClient::~LanClient() { close(); }

tl::expected<std::unique_ptr<LanClient>, TransportError> LanClient::connect(std::string host, std::uint16_t port,
                                                                            session::ClientConfig config, DatagramTap* tap,
                                                                            LanObservations* observed_on_failure) {
  if (config.timeout.count() <= 0) {
    return tl::unexpected(TransportError{TransportError::Kind::bad_request, "the per-datagram timeout must be positive", {}});
  }
  auto link = UdpLink::open(host, port);
  if (!link) return tl::unexpected(link.error());
  (*link)->set_tap(tap);
  const std::string scheme = config.protocol == session::Protocol::lanplus ? "lanplus://" : "lan://";
  const std::string user = config.username.empty() ? std::string() : printable(config.username) + "@";
  std::string prefix = scheme + user + (*link)->remote_endpoint().to_string();

  auto impl = std::make_unique<Impl>(std::move(*link), std::move(config));
  impl->description_prefix = std::move(prefix);
  Impl& m = *impl;
  m.session.start(Clock::now());
  std::optional<TransportError> failed;
  auto pumped = m.pump(
      [&](session::Event& e) {
        if (auto* est = std::get_if<session::Established>(&e)) {
          m.established = *est;
          return true;
        }
        if (auto* f = std::get_if<session::SessionFailed>(&e)) {
          failed = setup_error(f->failure, m.received > 0);
          return true;
        }
        return false;
      },
      Clock::now() + kConnectHardCap, "session set-up");
  if (!pumped || failed) {
    m.closed = true;  // nothing to close politely: the handshake never finished
    if (observed_on_failure != nullptr) *observed_on_failure = m.observed;
    return tl::unexpected(pumped ? *failed : pumped.error());
  }
  return std::unique_ptr<LanClient>(new LanClient(std::move(impl)));
}

tl::expected<session::Response, TransportError> LanClient::request(const session::Request& request) {
  Impl& m = *impl_;
  if (m.closed || m.session.state() != session::ClientState::established) {
    return tl::unexpected(TransportError{TransportError::Kind::closed,
                                         "request on " + describe() + " after the session was closed or lost; reconnect", {}});
  }
  const session::RequestId id = m.session.submit(request, Clock::now());
  const std::size_t sent_before = m.sent;
  const std::size_t received_before = m.in_session_received;
  std::optional<tl::expected<session::Response, TransportError>> outcome;
  auto pumped = m.pump(
      [&](session::Event& e) {
        if (auto* a = std::get_if<session::Answered>(&e); a != nullptr && a->id == id) {
          outcome = std::move(a->response);
          return true;
        }
        if (auto* f = std::get_if<session::RequestFailed>(&e); f != nullptr && f->id == id) {
          outcome = tl::unexpected(request_error(f->failure));
          return true;
        }
        if (auto* sf = std::get_if<session::SessionFailed>(&e)) {
          TransportError err = request_error(sf->failure);
          if (err.kind != TransportError::Kind::timeout) err.kind = TransportError::Kind::closed;
          outcome = tl::unexpected(std::move(err));
          m.closed = true;
          return true;
        }
        if (std::holds_alternative<session::Closed>(e)) {
          outcome = tl::unexpected(TransportError{TransportError::Kind::closed, "the session was closed during the request", {}});
          m.closed = true;
          return true;
        }
        return false;
      },
      m.exchange_deadline(), "the request");
  if (!pumped) return tl::unexpected(pumped.error());
  if (m.sent - sent_before > 1) ++m.observed.resent_requests;
  // A clean exchange (one datagram out, one in-session packet back) after a clean one: the
  // BMC sent nothing in between, so its sequence number moved by exactly what it added.
  const bool clean = m.sent - sent_before == 1 && m.in_session_received - received_before == 1 && outcome->has_value();
  if (clean && !m.observed.inbound_sequences.empty()) {
    const std::uint32_t now_seq = m.observed.inbound_sequences.back();
    if (m.last_reply_sequence && m.observed.sequence_steps.size() < kMaxSequencesKept) {
      m.observed.sequence_steps.push_back(static_cast<std::int64_t>(now_seq) - static_cast<std::int64_t>(*m.last_reply_sequence));
    }
    m.last_reply_sequence = now_seq;
  } else {
    m.last_reply_sequence.reset();
  }
  return std::move(*outcome);
}

void LanClient::close() {
  Impl& m = *impl_;
  if (m.closed) return;
  m.closed = true;
  if (m.session.state() != session::ClientState::established) return;
  m.session.close(Clock::now());
  // Best effort: a BMC that never answers Close Session costs the session's timeouts, and
  // the session times its slot out anyway (IPMI 2.0 §6.12.15).
  (void)m.pump(
      [](session::Event& e) {
        return std::holds_alternative<session::Closed>(e) || std::holds_alternative<session::SessionFailed>(e);
      },
      m.exchange_deadline(), "Close Session");
}

void LanClient::forget() { impl_->closed = true; }

tl::expected<std::vector<Bytes>, TransportError> LanClient::send_raw(ByteView datagram, std::chrono::milliseconds wait) {
  Impl& m = *impl_;
  if (auto ok = m.link->send(datagram); !ok) return tl::unexpected(ok.error());
  ++m.sent;
  std::vector<Bytes> replies;
  const TimePoint until = Clock::now() + wait;
  // Bounded by count as well as time: a BMC that floods us must not keep this loop busy.
  for (int i = 0; i < 64 && Clock::now() < until; ++i) {
    auto got = m.link->receive(until);
    if (!got) return tl::unexpected(got.error());
    if (!*got) break;
    replies.push_back(std::move(**got));
  }
  return replies;
}

std::string LanClient::describe() const {
  const Impl& m = *impl_;
  std::string out = m.description_prefix;
  if (m.protocol == session::Protocol::lanplus) {
    if (m.established.cipher_suite) out += " cipher suite " + std::to_string(*m.established.cipher_suite);
  } else if (m.established.auth_type) {
    const auto name = auth_type_name(static_cast<std::uint8_t>(*m.established.auth_type));
    out += " auth " + std::string(name ? *name : "reserved");
  }
  if (const auto priv = privilege_name(static_cast<std::uint8_t>(m.established.privilege))) out += ", " + std::string(*priv);
  return out;
}

const session::Established& LanClient::established() const { return impl_->established; }
const std::vector<std::string>& LanClient::discarded() const { return impl_->observed.discarded; }
const LanObservations& LanClient::observations() const { return impl_->observed; }
std::size_t LanClient::rmcp_acks_sent() const { return impl_->acks_sent; }

}  // namespace ipmict::transport
