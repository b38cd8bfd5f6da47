// ClientSession: the public API and the dispatcher. Datagrams are classified here
// (protocol/wire/datagram.hpp) and handed to the framing layer of their protocol; IPMI
// responses come back through on_message(), which matches them against the one exchange
// in flight (IPMI 2.0 §13.8: by rqSeq, netFn and command) and hands them to the step that
// waits for them. Timers: every exchange has a deadline; tick() resends or gives up.
#include <cstdio>
#include <utility>

#include "protocol/crypto/integrity.hpp"
#include "protocol/session/client_session_impl.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/rmcpplus_status.hpp"

namespace ipmict::session {

ClientConfig::~ClientConfig() {
  // DESIGN.md §11 "keys zeroed": the password and K_G must not outlive the configuration.
  crypto::secure_wipe(password);
  if (kg) crypto::secure_wipe(*kg);
}

std::string_view step_name(Step step) {
  switch (step) {
    case Step::none: return "session";
    case Step::auth_caps: return "Get Channel Authentication Capabilities";
    case Step::cipher_suites: return "Get Channel Cipher Suites";
    case Step::open_session: return "Open Session";
    case Step::rakp2: return "RAKP 2";
    case Step::rakp4: return "RAKP 4";
    case Step::session_challenge: return "Get Session Challenge";
    case Step::activate_session: return "Activate Session";
    case Step::set_privilege: return "Set Session Privilege Level";
    case Step::request: return "request";
    case Step::close_session: return "Close Session";
  }
  return "session";
}

std::string hex_byte(std::uint8_t value) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(value));
  return std::string(buf) + "h";
}

std::string rmcpplus_status_text(std::uint8_t status) {
  std::string out = "status " + hex_byte(status);
  if (auto name = rmcpplus_status_name(status)) out += " (" + std::string(*name) + ")";
  return out;
}

namespace {

std::string key_text(const IpmiResponse& r) {
  return "netFn " + hex_byte(r.netfn) + ", cmd " + hex_byte(r.cmd) + ", rqSeq " + hex_byte(r.rq_seq);
}

// The user name and password limits of the two protocols (IPMI 2.0 §13.31, §22.16).
std::optional<std::string> config_problem(const ClientConfig& c) {
  if (c.username.size() > crypto::kMaxUserNameLength) return "user name longer than 16 bytes";
  const std::size_t max_password = c.protocol == Protocol::lanplus ? crypto::kUserKeyLength : 16;
  if (c.password.size() > max_password) return "password longer than " + std::to_string(max_password) + " bytes";
  if (c.kg && c.kg->size() > crypto::kUserKeyLength) return "K_G longer than 20 bytes";
  return std::nullopt;
}

crypto::SecureBytes padded(ByteView secret, std::size_t length) {
  crypto::SecureBytes out(length);
  for (std::size_t i = 0; i < secret.size() && i < length; ++i) out.data()[i] = secret[i];
  return out;
}

}  // namespace

ClientSession::Impl::Impl(ClientConfig c)
    : config(std::move(c)), random(config.random), commands(SessionCommands::shared()) {
  user_key = padded(view(config.password), crypto::kUserKeyLength);
  password16 = padded(view(config.password), 16);
  if (config.kg) kg = padded(view(*config.kg), crypto::kUserKeyLength);
}

std::string ClientSession::Impl::no_response_text() const {
  const unsigned n = pending ? pending->sends : tries();
  return "no response after " + std::to_string(n) + (n == 1 ? " try" : " tries");
}

void ClientSession::Impl::send_message(Step step, std::uint8_t netfn, std::uint8_t cmd, Bytes data, Framing framing,
                                       unsigned max_sends, TimePoint now) {
  Pending p;
  p.step = step;
  p.framing = framing;
  p.message = wrap_request(Request{netfn, cmd, std::move(data), 0, std::nullopt}, config.rs_addr, config.rq_addr,
                           queue.next_rq_seq());
  p.max_sends = max_sends;
  pending = std::move(p);
  send_pending(now);
}

void ClientSession::Impl::send_command(Step step, const catalog::CommandDescriptor& cmd, Encoded data,
                                       Framing framing, unsigned max_sends, TimePoint now) {
  if (!data) {
    pending.reset();
    fail_session(make_failure(step, Failure::Kind::bad_request, "the request cannot be encoded: " + data.error()));
    return;
  }
  send_message(step, cmd.netfn, cmd.cmd, std::move(*data), framing, max_sends, now);
}

std::optional<ChannelAuthCapabilities> ClientSession::Impl::accept_auth_caps(const IpmiResponse& r,
                                                                             std::size_t data_offset) {
  if (r.completion_code != 0) {
    pending.reset();
    const std::string text = SessionCommands::completion_code_text(commands.get_channel_auth_caps(), r.completion_code);
    fail_session(make_failure(Step::auth_caps, Failure::Kind::rejected, text, r.completion_code));
    return std::nullopt;
  }
  auto caps = commands.decode_channel_auth_caps(view(r.data), data_offset);
  if (!caps) {
    on_malformed("Get Channel Authentication Capabilities response", caps.error());
    return std::nullopt;
  }
  pending.reset();
  return *caps;
}

void ClientSession::Impl::send_pending(TimePoint now) {
  Pending& p = *pending;
  // IPMI messages are framed anew for every try: a retry carries the next session
  // sequence number (and a new AuthCode / IV) but the same rqSeq, so a late answer to an
  // earlier try still matches (IPMI 2.0 §6.12.13, ipmitool and FreeIPMI do the same).
  Bytes datagram = p.message ? frame(p.message->message, p.framing) : p.datagram;
  if (datagram.empty()) {
    Failure f = make_failure(p.step, Failure::Kind::bad_request, "the message cannot be encoded (too long?)");
    if (p.step == Step::request) {
      const RequestId id = p.request_id;
      pending.reset();
      emit(RequestFailed{id, std::move(f)});
      start_next_request(now);
    } else {
      fail_session(std::move(f));
    }
    return;
  }
  ++p.sends;
  p.deadline = now + config.timeout;
  outgoing.push_back(std::move(datagram));
}

void ClientSession::Impl::fail_session(Failure failure) {
  state = ClientState::failed;
  std::optional<Pending> in_flight = std::move(pending);
  pending.reset();
  emit(SessionFailed{failure});
  Failure lost{Failure::Kind::closed, failure.step, "the session failed: " + failure.message, failure.status};
  if (in_flight && in_flight->step == Step::request) emit(RequestFailed{in_flight->request_id, lost});
  if (resume) emit(RequestFailed{resume->request_id, lost});
  resume.reset();
  for (QueuedRequest& q : queue.take_all()) emit(RequestFailed{q.id, lost});
}

void ClientSession::Impl::on_malformed(std::string what, const DecodeError& error) {
  if (!pending) {
    discard(what + " does not decode: " + to_string(error));
    return;
  }
  const Step step = pending->step;
  Failure f = make_failure(step, Failure::Kind::malformed, what + ": " + to_string(error));
  if (step == Step::request) {
    const RequestId id = pending->request_id;
    pending.reset();
    emit(RequestFailed{id, std::move(f)});
    // The next request starts on the next tick/receive: we have no `now` here, and
    // the caller's loop calls tick() at next_deadline(), which is "now" when idle.
    return;
  }
  if (step == Step::close_session) {
    pending.reset();
    state = ClientState::closed;
    emit(Closed{});
    return;
  }
  fail_session(std::move(f));
}

void ClientSession::Impl::on_established(TimePoint now) {
  state = ClientState::established;
  Established e;
  e.bmc_session_id = bmc_session_id;
  e.privilege = granted;
  if (config.protocol == Protocol::lanplus) {
    e.console_session_id = console_session_id;
    e.cipher_suite = suite ? std::optional<std::uint8_t>(suite->id) : std::nullopt;
  } else {
    e.auth_type = session_auth_type;
  }
  emit(e);
  if (resume) {
    // Re-activation (lan15): the request that timed out gets exactly one more try in
    // the new session, then fails.
    pending = std::move(resume);
    resume.reset();
    reactivating = false;
    pending->sends = 0;
    pending->max_sends = 1;
    pending->after_reactivation = true;
    pending->awaiting_separate = false;
    send_pending(now);
    return;
  }
  reactivating = false;
  start_next_request(now);
}

void ClientSession::Impl::start_next_request(TimePoint now) {
  if (pending || state != ClientState::established) return;
  auto next = queue.pop();
  if (!next) return;
  Pending p;
  p.step = Step::request;
  p.framing = Framing::in_session;
  p.request_id = next->id;
  p.message = wrap_request(next->request, config.rs_addr, config.rq_addr, queue.next_rq_seq());
  p.max_sends = tries();
  pending = std::move(p);
  send_pending(now);
}

void ClientSession::Impl::on_message(const IpmiResponse& r, std::size_t data_offset, TimePoint now) {
  if (!pending || !pending->message) {
    discard("response with no request outstanding (" + key_text(r) + ")");
    return;
  }
  const WrappedRequest& w = *pending->message;
  const bool outer = w.outer.matches(r);
  const bool inner = !outer && w.depth > 0 && w.innermost.matches(r);
  if (!outer && !inner) {
    discard("response does not match the outstanding request (" + key_text(r) + ")");
    return;
  }
  switch (pending->step) {
    case Step::auth_caps:
      if (config.protocol == Protocol::lanplus) lanplus_auth_caps(r, data_offset, now);
      else lan15_auth_caps(r, data_offset, now);
      return;
    case Step::cipher_suites: lanplus_cipher_suites(r, data_offset, now); return;
    case Step::session_challenge: lan15_challenge(r, data_offset, now); return;
    case Step::activate_session: lan15_activate(r, data_offset, now); return;
    case Step::set_privilege: set_privilege_response(r, data_offset, now); return;
    case Step::close_session:
      // Whatever the completion code, the session is over for us (§22.19).
      pending.reset();
      state = ClientState::closed;
      emit(Closed{});
      return;
    case Step::request: break;
    default:
      discard("IPMI response while waiting for " + std::string(step_name(pending->step)));
      return;
  }
  const RequestId id = pending->request_id;
  Unwrapped result = inner ? Unwrapped(to_response(r)) : unwrap_response(r, w.depth);
  if (std::holds_alternative<AwaitSeparate>(result)) {
    // The bridged answer follows as its own message; keep the deadline of this try.
    pending->awaiting_separate = true;
    return;
  }
  pending.reset();
  if (auto* response = std::get_if<Response>(&result)) {
    emit(Answered{id, std::move(*response)});
  } else {
    emit(RequestFailed{id, make_failure(Step::request, Failure::Kind::malformed, std::get<std::string>(result))});
  }
  start_next_request(now);
}

Bytes ClientSession::Impl::frame(const IpmiRequest& message, Framing framing) {
  switch (framing) {
    case Framing::sessionless15:
    case Framing::activation: return v15_frame(message, framing);
    case Framing::sessionless_plus: return plus_frame_sessionless(message);
    case Framing::in_session:
      return config.protocol == Protocol::lanplus ? plus_frame_in_session(message) : v15_frame(message, framing);
  }
  return {};
}

// --- the public API ----------------------------------------------------------------------

ClientSession::ClientSession(ClientConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
ClientSession::~ClientSession() = default;

void ClientSession::start(TimePoint now) {
  Impl& s = *impl_;
  if (s.state != ClientState::idle) return;
  s.state = ClientState::handshaking;
  if (auto problem = config_problem(s.config)) {
    s.fail_session(Failure{Failure::Kind::bad_request, "configuration", *problem, std::nullopt});
    return;
  }
  if (const auto& problem = s.commands.problem()) {
    s.fail_session(Failure{Failure::Kind::bad_request, "command catalog", *problem, std::nullopt});
    return;
  }
  if (s.config.protocol == Protocol::lanplus) s.lanplus_start(now);
  else s.lan15_start(now);
}

void ClientSession::receive(ByteView datagram, TimePoint now) {
  Impl& s = *impl_;
  if (s.state == ClientState::idle || s.state == ClientState::closed || s.state == ClientState::failed) {
    s.discard("datagram while no session is active");
    return;
  }
  const std::size_t auth_code_length =
      s.suite != nullptr ? crypto::integrity_auth_code_length(s.suite->integrity) : 0;
  auto d = decode_datagram(datagram, auth_code_length);
  if (!d) {
    s.on_malformed("datagram", d.error());
    if (s.state == ClientState::established) s.start_next_request(now);
    return;
  }
  if (std::holds_alternative<RmcpAck>(d->message)) {
    s.discard("RMCP ACK");
  } else if (std::holds_alternative<AsfMessage>(d->message)) {
    s.discard("ASF message");
  } else if (auto* v15 = std::get_if<Session15>(&d->message)) {
    s.v15_receive(*v15, now);
  } else {
    s.plus_receive(std::get<RmcpPlusSession>(d->message), datagram, now);
  }
  if (s.state == ClientState::established) s.start_next_request(now);
}

void ClientSession::tick(TimePoint now) {
  Impl& s = *impl_;
  if (s.state == ClientState::established) s.start_next_request(now);
  if (!s.pending || now < s.pending->deadline) return;
  Pending& p = *s.pending;
  if (p.sends < p.max_sends) {
    s.send_pending(now);
    return;
  }
  switch (p.step) {
    case Step::cipher_suites:
      // Optional command (DESIGN.md §12: BMCs that never answer it): one timeout, no
      // retries, then fall back to trying suites 17 and 3 in Open Session.
      s.lanplus_cipher_suites_unanswered(now);
      return;
    case Step::close_session:
      s.pending.reset();
      s.state = ClientState::closed;
      s.emit(Closed{});
      return;
    case Step::request: {
      if (s.config.protocol == Protocol::lan15 && s.state == ClientState::established && !p.after_reactivation) {
        // IPMI 1.5 BMCs drop sessions on their own (timeout, reset, table full). A request
        // that goes unanswered after every retry re-activates the session once and is
        // resent once (ipmitool lan.c does the same), then fails.
        s.resume = std::move(s.pending);
        s.pending.reset();
        s.reactivating = true;
        s.state = ClientState::handshaking;
        s.lan15_start(now);
        return;
      }
      const RequestId id = p.request_id;
      Failure f = make_failure(Step::request, Failure::Kind::timeout, s.no_response_text());
      s.pending.reset();
      s.emit(RequestFailed{id, std::move(f)});
      s.start_next_request(now);
      return;
    }
    default:
      s.fail_session(make_failure(p.step, Failure::Kind::timeout, s.no_response_text()));
      return;
  }
}

RequestId ClientSession::submit(Request request, TimePoint now) {
  Impl& s = *impl_;
  const bool accepting = s.state == ClientState::established || (s.state == ClientState::handshaking && s.reactivating);
  if (!accepting || (request.netfn & 1u) != 0 || request.netfn > 0x3f || request.lun > 3) {
    const RequestId id = s.queue.reserve_id();
    std::string why = !accepting ? "the session is not established"
                                 : (request.lun > 3 ? "LUN above 3" : "request netFn must be even and below 40h");
    s.emit(RequestFailed{id, Failure{Failure::Kind::bad_request, "request", why, std::nullopt}});
    return id;
  }
  const RequestId id = s.queue.push(std::move(request));
  s.start_next_request(now);
  return id;
}

void ClientSession::close(TimePoint now) {
  Impl& s = *impl_;
  if (s.state == ClientState::closing || s.state == ClientState::closed) return;
  Failure closed{Failure::Kind::closed, "request", "the session was closed", std::nullopt};
  if (s.pending && s.pending->step == Step::request) s.emit(RequestFailed{s.pending->request_id, closed});
  if (s.resume) s.emit(RequestFailed{s.resume->request_id, closed});
  s.resume.reset();
  for (QueuedRequest& q : s.queue.take_all()) s.emit(RequestFailed{q.id, closed});
  s.pending.reset();
  if (s.state != ClientState::established) {
    s.state = ClientState::closed;
    s.emit(Closed{});
    return;
  }
  // IPMI 2.0 §22.19: Close Session names the session by the BMC's session ID.
  s.state = ClientState::closing;
  s.send_command(Step::close_session, s.commands.close_session(), s.commands.close_session_request(s.bmc_session_id),
                 Framing::in_session, s.tries(), now);
}

std::vector<Bytes> ClientSession::take_outgoing() { return std::exchange(impl_->outgoing, {}); }
std::vector<Event> ClientSession::take_events() { return std::exchange(impl_->events, {}); }

std::optional<TimePoint> ClientSession::next_deadline() const {
  if (!impl_->pending) return std::nullopt;
  return impl_->pending->deadline;
}

ClientState ClientSession::state() const { return impl_->state; }

}  // namespace ipmict::session
