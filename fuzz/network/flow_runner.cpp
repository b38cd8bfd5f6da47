#include "fuzz/network/flow_runner.hpp"

#include <functional>
#include <optional>

#include "fuzz/network/destructive_commands.hpp"
#include "fuzz/network/lan15_session.hpp"
#include "fuzz/network/mutator.hpp"
#include "fuzz/network/plus_session.hpp"
#include "fuzz/network/rate_limiter.hpp"
#include "fuzz/network/rng.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::netfuzz {
namespace {

constexpr std::uint8_t kNetfnApp = 0x06;
constexpr std::uint8_t kGetChannelAuthCaps = 0x38;
constexpr std::uint8_t kSetSessionPrivilege = 0x3b;
constexpr std::uint8_t kCloseSession = 0x3c;
// §13.22 / Table 13-15: the status a console puts in RAKP 3 when it gives up on the
// exchange ("Invalid integrity check value"); the BMC then discards the session.
constexpr std::uint8_t kRakp3GiveUp = 0x0f;
// Steps that are not the input's own: the live set-up of a shared session (answered by a
// healthy BMC, never mutated) and the clean-up after a set-up flow.
constexpr std::uint8_t kSetupStep = 0xfe;
constexpr std::uint8_t kCleanupStep = 0xff;
// Unanswered requests after which the BMC's window may no longer take our next sequence
// number (RMCP+ accepts up to 16 ahead, IPMI 1.5 up to 8; §6.12.13, §6.12.12).
constexpr std::uint32_t kPlusWindowMargin = 12;
constexpr std::uint32_t kLan15WindowMargin = 6;
// Datagrams read per wait: a bound whatever the target sends.
constexpr int kMaxDatagramsPerWait = 64;
constexpr int kMaxDrained = 256;

using Matcher = std::function<bool(const Reply&)>;

Bytes le32_bytes(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 24)};
}

}  // namespace

struct FlowRunner::Impl {
  Impl(transport::UdpLink& l, const Credentials& c, RunnerOptions o, RateLimiter* r)
      : link(l), creds(c), options(o), rate(r), session_rng(o.session_seed) {}

  transport::UdpLink& link;
  const Credentials& creds;
  RunnerOptions options;
  RateLimiter* rate;
  FuzzRng session_rng;
  PlusSession plus;
  Lan15Session lan15;
  std::uint8_t rq_seq = 0;
  std::uint8_t tag = 0;
  std::uint8_t asf_tag = 0;
  Counters counters;

  // The input being run.
  const Input* input = nullptr;
  InputRecord* rec = nullptr;
  unsigned first_mutated = 0x100;

  std::uint8_t next_rq_seq() {
    rq_seq = static_cast<std::uint8_t>((rq_seq + 1) & 0x3f);
    return rq_seq;
  }
  std::uint8_t next_tag() { return ++tag; }

  std::string step_label(std::uint8_t index) const {
    const std::string flow(flow_name(input->flow));
    if (index == kSetupStep) return flow + "/setup";
    if (index == kCleanupStep) return flow + "/cleanup";
    return flow + "/" + std::to_string(index);
  }

  void record_in(Bytes bytes, const Reply& r) {
    rec->packets.push_back(Packet{false, std::move(bytes)});
    ++rec->received;
    rec->categories.push_back(r.category);
  }

  bool send_bytes(const Bytes& bytes) {
    if (rate != nullptr) rate->wait();
    rec->packets.push_back(Packet{true, bytes});
    ++rec->sent;
    auto sent = link.send(view(bytes));
    if (!sent) {
      if (sent.error().kind == transport::TransportError::Kind::unreachable) rec->target_gone = true;
      rec->note = sent.error().message;
      return false;
    }
    return true;
  }

  // The first datagram `match` accepts (any datagram when `any`), until the timeout.
  std::optional<Reply> await(const Matcher& match, bool any, std::chrono::milliseconds timeout, const StepCrypto* keys) {
    const auto deadline = transport::UdpLink::Clock::now() + timeout;
    for (int n = 0; n < kMaxDatagramsPerWait; ++n) {
      auto got = link.receive(deadline);
      if (!got) {
        if (got.error().kind == transport::TransportError::Kind::unreachable) rec->target_gone = true;
        rec->note = got.error().message;
        return std::nullopt;
      }
      if (!*got) return std::nullopt;
      Reply r = read_reply(view(**got), keys);
      record_in(std::move(**got), r);
      // An RMCP ACK (asked for by a mutated RMCP sequence number) comes before the answer.
      if ((any && r.kind != Reply::Kind::rmcp_ack) || match(r)) return r;
    }
    return std::nullopt;
  }

  // Late answers to earlier inputs: recorded, never taken for this input's.
  void drain() {
    for (int n = 0; n < kMaxDrained; ++n) {
      auto got = link.receive(transport::UdpLink::Clock::now());
      if (!got || !*got) return;
      Reply r = read_reply(view(**got), nullptr);
      record_in(std::move(**got), r);
    }
  }

  struct StepResult {
    bool sent = false;
    bool dropped = false;
    std::optional<Reply> reply;
  };

  StepResult step(std::uint8_t index, StepMessage msg, const Matcher& match, const StepCrypto* reply_keys) {
    StepResult out;
    bool mutated = false, drop = false, repeat = false;
    for (const Mutation& m : input->mutations) {
      if (m.step != index) continue;
      mutated = true;
      if (m.op == MutationOp::drop_step) drop = true;
      if (m.op == MutationOp::repeat_step) repeat = true;
      if (!acts_on_flow(m) && !acts_on_datagram(m)) apply_to_message(m, msg);
    }
    if (drop) {
      out.dropped = true;
      rec->signatures.push_back(step_label(index) + " dropped");
      return out;
    }
    // The final message decides, not the request chosen: a mutation may have turned it into
    // a destructive command.
    if (!options.allow_destructive && msg.ipmi_message && !msg.payload_cleared && msg.payload.size() >= 6) {
      const auto netfn = static_cast<std::uint8_t>(msg.payload[1] >> 2);
      const std::uint8_t cmd = msg.payload[5];
      if (is_destructive_command(netfn, cmd)) {
        rec->skipped_destructive = true;
        rec->note = "step " + std::to_string(index) + " not sent: it became netFn " + std::to_string(netfn) + " cmd " +
                    std::to_string(cmd) + ", a destructive command (--allow-destructive sends it)";
        return out;
      }
    }
    Bytes bytes = serialise(msg, session_rng);
    for (const Mutation& m : input->mutations) {
      if (m.step == index) apply_to_datagram(m, bytes);
    }
    if (mutated) rec->mutated_datagrams.push_back(bytes);
    for (int i = 0; i < (repeat ? 2 : 1); ++i) {
      if (!send_bytes(bytes)) return out;
    }
    out.sent = true;
    // A healthy BMC answers the live steps before the first mutated one; clean-up steps
    // need no answer (a console giving up in RAKP 3 gets none, §13.22).
    const bool expected = !mutated && index != kCleanupStep && (index == kSetupStep || index < first_mutated);
    const auto timeout = expected ? options.live_timeout : options.reply_timeout;
    out.reply = await(match, mutated, timeout, reply_keys);
    if (repeat && out.reply) {
      // A BMC that answers the copy too may have replaced what the first one set up (a
      // second Open Session): the later answer is the one that counts.
      if (auto again = await(match, mutated, timeout, reply_keys)) out.reply = std::move(again);
    }
    if (!out.reply) {
      ++rec->unanswered_steps;
      if (expected) rec->expected_reply_missing = true;
    }
    if (index != kCleanupStep) {
      rec->signatures.push_back(step_label(index) + " " + (out.reply ? out.reply->signature : std::string("no reply")));
    }
    return out;
  }

  // --- shared and transient RMCP+ sessions --------------------------------------------

  std::uint32_t next_sequence(PlusSession& s) {
    ++s.sent_sequence;
    if (s.sent_sequence == 0) s.sent_sequence = 1;  // §6.12.13: 0 is outside a session
    ++s.requests;
    return s.sent_sequence;
  }

  IpmiRequest request(std::uint8_t netfn, std::uint8_t cmd, Bytes data) {
    IpmiRequest r;
    r.netfn = netfn;
    r.cmd = cmd;
    r.rq_seq = next_rq_seq();
    r.data = std::move(data);
    return r;
  }

  // One IPMI request inside an RMCP+ session, its answer remembered for the window.
  StepResult plus_exchange(PlusSession& s, std::uint8_t index, const IpmiRequest& req) {
    const std::uint32_t seq = next_sequence(s);
    const StepCrypto keys = s.crypto();
    auto r = step(index, plus_request(s, req, seq), [&](const Reply& x) { return answers(x, req.netfn, req.cmd, req.rq_seq); },
                  &keys);
    if (r.reply && r.reply->session_id == s.console_id && !r.reply->integrity_failed) s.answered_sequence = seq;
    return r;
  }

  // Leaves no half-open or open session behind on the BMC (best effort, never expected).
  void cleanup(PlusSession& s) {
    if (s.stage == PlusSession::Stage::active) {
      plus_exchange(s, kCleanupStep, request(kNetfnApp, kCloseSession, le32_bytes(s.bmc_id)));
      s.reset();
      return;
    }
    if (s.stage == PlusSession::Stage::opened) {
      auto r = step(kCleanupStep, rakp1(s, creds, next_tag(), session_rng),
                    [&](const Reply& x) { return is_setup_answer(s, x, 0x13); }, nullptr);
      if (!r.reply || !read_rakp2(s, *r.reply, creds)) {
        s.reset();
        return;
      }
    }
    if (s.stage == PlusSession::Stage::rakp2) {
      step(kCleanupStep, rakp3(s, next_tag(), kRakp3GiveUp), [&](const Reply& x) { return is_setup_answer(s, x, 0x15); },
           nullptr);
    }
    s.reset();
  }

  void setup_failed(const std::string& what, const std::optional<Reply>& reply) {
    ++counters.session_failures;
    if (reply) rec->session_refused = true;
    rec->note = what + ": " + (reply ? reply->signature : std::string("no answer"));
  }

  bool ensure_plus() {
    if (plus.stage == PlusSession::Stage::active && plus.requests < options.session_reuse &&
        plus.sent_sequence - plus.answered_sequence < kPlusWindowMargin) {
      return true;
    }
    if (plus.stage != PlusSession::Stage::none) cleanup(plus);
    auto open = open_session_request(plus, creds, next_tag(), session_rng);
    if (!open) {
      rec->session_refused = true;
      rec->note = "cipher suite " + std::to_string(creds.cipher_suite) + " is not one ipmict implements";
      return false;
    }
    auto r0 = step(kSetupStep, *open, [&](const Reply& x) { return is_setup_answer(plus, x, 0x11); }, nullptr);
    if (!r0.reply || !read_open_session_response(plus, *r0.reply)) {
      setup_failed("RMCP+ Open Session", r0.reply);
      plus.reset();
      return false;
    }
    auto r1 = step(kSetupStep, rakp1(plus, creds, next_tag(), session_rng),
                   [&](const Reply& x) { return is_setup_answer(plus, x, 0x13); }, nullptr);
    if (!r1.reply || !read_rakp2(plus, *r1.reply, creds)) {
      setup_failed("RMCP+ RAKP 1", r1.reply);
      cleanup(plus);
      return false;
    }
    auto r2 = step(kSetupStep, rakp3(plus, next_tag(), 0), [&](const Reply& x) { return is_setup_answer(plus, x, 0x15); },
                   nullptr);
    if (!r2.reply || !read_rakp4(plus, *r2.reply)) {
      setup_failed("RMCP+ RAKP 3", r2.reply);
      cleanup(plus);
      return false;
    }
    // §22.18: sessions start at User level; ask for the privilege the credentials have.
    plus_exchange(plus, kSetupStep,
                  request(kNetfnApp, kSetSessionPrivilege, {static_cast<std::uint8_t>(creds.privilege)}));
    ++counters.sessions_established;
    return true;
  }

  // --- IPMI 1.5 ------------------------------------------------------------------------

  std::uint32_t next_sequence(Lan15Session& s) {
    const std::uint32_t seq = s.next_sequence;
    ++s.next_sequence;
    if (s.next_sequence == 0) s.next_sequence = 1;  // §6.12.12
    s.sent_sequence = seq;
    ++s.requests;
    return seq;
  }

  StepResult lan15_exchange(Lan15Session& s, std::uint8_t index, const IpmiRequest& req) {
    const std::uint32_t seq = next_sequence(s);
    auto r = step(index, lan15_request(s, req, seq), [&](const Reply& x) { return answers(x, req.netfn, req.cmd, req.rq_seq); },
                  nullptr);
    if (r.reply && r.reply->kind == Reply::Kind::ipmi15 && r.reply->session_id == s.id) s.answered_sequence = seq;
    return r;
  }

  void cleanup(Lan15Session& s) {
    if (s.stage == Lan15Session::Stage::active) {
      lan15_exchange(s, kCleanupStep, request(kNetfnApp, kCloseSession, le32_bytes(s.id)));
    }
    s.reset();
  }

  // Get Session Challenge then Activate Session; step indexes for the input's own flow,
  // or kSetupStep for the shared session.
  bool activate(Lan15Session& s, std::uint8_t challenge_index, std::uint8_t activate_index) {
    const std::uint8_t rq1 = next_rq_seq();
    auto r0 = step(challenge_index, session_challenge(s, creds, rq1),
                   [&](const Reply& x) { return answers(x, kNetfnApp, 0x39, rq1); }, nullptr);
    const bool challenged = r0.reply && read_session_challenge(s, *r0.reply, rq1);
    if (!challenged && !r0.dropped) {
      if (challenge_index == kSetupStep) setup_failed("IPMI 1.5 Get Session Challenge", r0.reply);
      return false;
    }
    std::uint32_t initial = 0;
    while (initial == 0) initial = session_rng.u32();
    const std::uint8_t rq2 = next_rq_seq();
    auto r1 = step(activate_index, activate_session(s, creds, rq2, initial),
                   [&](const Reply& x) { return answers(x, kNetfnApp, 0x3a, rq2); }, nullptr);
    if (!r1.reply || !read_activate_session(s, *r1.reply)) {
      if (activate_index == kSetupStep) setup_failed("IPMI 1.5 Activate Session", r1.reply);
      return false;
    }
    return true;
  }

  bool ensure_lan15() {
    if (lan15.stage == Lan15Session::Stage::active && lan15.requests < options.session_reuse &&
        lan15.sent_sequence - lan15.answered_sequence < kLan15WindowMargin) {
      return true;
    }
    if (lan15.stage != Lan15Session::Stage::none) cleanup(lan15);
    if (!activate(lan15, kSetupStep, kSetupStep)) {
      lan15.reset();
      return false;
    }
    lan15_exchange(lan15, kSetupStep, request(kNetfnApp, kSetSessionPrivilege, {static_cast<std::uint8_t>(creds.privilege)}));
    ++counters.sessions_established;
    return true;
  }

  // --- the flows -----------------------------------------------------------------------

  void run_asf_ping() {
    StepMessage m;
    m.kind = StepKind::asf;
    m.rmcp_class = 0x06;  // ASF
    m.asf_message_type = 0x80;  // Presence Ping
    asf_tag = static_cast<std::uint8_t>(asf_tag == 0xfe ? 0 : asf_tag + 1);  // FFh means "no reply wanted"
    m.asf_message_tag = asf_tag;
    const std::uint8_t t = asf_tag;
    step(0, m, [t](const Reply& r) { return r.kind == Reply::Kind::asf && r.asf_message_type == 0x40 && r.asf_message_tag == t; },
         nullptr);
  }

  void run_auth_caps(bool ipmi20) {
    // §22.13: channel Eh ("this one") with bit 7 asking for the IPMI 2.0 extended data.
    IpmiRequest req = request(kNetfnApp, kGetChannelAuthCaps,
                              {static_cast<std::uint8_t>(ipmi20 ? 0x8e : 0x0e), static_cast<std::uint8_t>(creds.privilege)});
    StepMessage m = lan15_sessionless(req);
    if (ipmi20) {
      m.kind = StepKind::rmcpplus;  // RMCP+ framing, Session ID 0 (as for Get Channel Cipher Suites)
      m.auth_type = 0x06;
      m.payload_type = 0x00;
    }
    step(0, m, [&](const Reply& r) { return answers(r, kNetfnApp, kGetChannelAuthCaps, req.rq_seq); }, nullptr);
  }

  void run_rmcpplus_setup() {
    PlusSession s;
    auto open = open_session_request(s, creds, next_tag(), session_rng);
    if (!open) {
      rec->note = "cipher suite " + std::to_string(creds.cipher_suite) + " is not one ipmict implements";
      return;
    }
    auto r0 = step(0, *open, [&](const Reply& x) { return is_setup_answer(s, x, 0x11); }, nullptr);
    const bool opened = r0.reply && read_open_session_response(s, *r0.reply);
    if (input->flow == FlowKind::open_session || (!opened && !r0.dropped)) return cleanup(s);
    auto r1 = step(1, rakp1(s, creds, next_tag(), session_rng), [&](const Reply& x) { return is_setup_answer(s, x, 0x13); },
                   nullptr);
    const bool rakp2_ok = r1.reply && read_rakp2(s, *r1.reply, creds);
    if (input->flow == FlowKind::rakp1 || (!rakp2_ok && !r1.dropped)) return cleanup(s);
    auto r2 = step(2, rakp3(s, next_tag(), 0), [&](const Reply& x) { return is_setup_answer(s, x, 0x15); }, nullptr);
    if (r2.reply) read_rakp4(s, *r2.reply);
    cleanup(s);
  }

  void run_ipmi15_challenge() {
    Lan15Session s;
    const std::uint8_t rq = next_rq_seq();
    step(0, session_challenge(s, creds, rq), [&](const Reply& x) { return answers(x, kNetfnApp, 0x39, rq); }, nullptr);
  }

  void run_ipmi15_activate() {
    Lan15Session s;
    activate(s, 0, 1);
    cleanup(s);
  }

  void run_request() {
    if (input->flow == FlowKind::rmcpplus_request) {
      if (!ensure_plus()) return;
      plus_exchange(plus, 0, request(input->netfn, input->cmd, input->data));
    } else {
      if (!ensure_lan15()) return;
      lan15_exchange(lan15, 0, request(input->netfn, input->cmd, input->data));
    }
  }

  void run_raw() {
    for (std::size_t i = 0; i < input->datagrams.size() && i < 0xfe; ++i) {
      const auto index = static_cast<std::uint8_t>(i);
      bool mutated = false, drop = false, repeat = false;
      Bytes bytes = input->datagrams[i];
      for (const Mutation& m : input->mutations) {
        if (m.step != index) continue;
        mutated = true;
        drop = drop || m.op == MutationOp::drop_step;
        repeat = repeat || m.op == MutationOp::repeat_step;
        apply_to_datagram(m, bytes);
      }
      if (drop) continue;
      if (mutated) rec->mutated_datagrams.push_back(bytes);
      bool ok = true;
      for (int n = 0; n < (repeat ? 2 : 1) && ok; ++n) ok = send_bytes(bytes);
      if (!ok) return;
      auto reply = await([](const Reply&) { return true; }, true, options.reply_timeout, nullptr);
      if (!reply) ++rec->unanswered_steps;
      rec->signatures.push_back(step_label(index) + " " + (reply ? reply->signature : std::string("no reply")));
    }
  }

  void run(const Input& in, InputRecord& record) {
    input = &in;
    rec = &record;
    first_mutated = 0x100;
    for (const Mutation& m : in.mutations) first_mutated = std::min<unsigned>(first_mutated, m.step);
    drain();
    switch (in.flow) {
      case FlowKind::asf_ping: run_asf_ping(); break;
      case FlowKind::auth_caps15: run_auth_caps(false); break;
      case FlowKind::auth_caps20: run_auth_caps(true); break;
      case FlowKind::open_session:
      case FlowKind::rakp1:
      case FlowKind::rakp3: run_rmcpplus_setup(); break;
      case FlowKind::ipmi15_challenge: run_ipmi15_challenge(); break;
      case FlowKind::ipmi15_activate: run_ipmi15_activate(); break;
      case FlowKind::ipmi15_request:
      case FlowKind::rmcpplus_request: run_request(); break;
      case FlowKind::raw: run_raw(); break;
    }
    input = nullptr;
    rec = nullptr;
  }
};

FlowRunner::FlowRunner(transport::UdpLink& link, const Credentials& credentials, RunnerOptions options, RateLimiter* rate)
    : impl_(std::make_unique<Impl>(link, credentials, options, rate)) {}
FlowRunner::~FlowRunner() = default;

InputRecord FlowRunner::run(const Input& input, std::uint64_t index) {
  InputRecord record;
  record.index = index;
  record.input = input;
  impl_->run(input, record);
  return record;
}

void FlowRunner::reset_sessions() {
  impl_->plus.reset();
  impl_->lan15.reset();
}

InputRecord FlowRunner::close_sessions() {
  InputRecord record;
  const Input none{FlowKind::raw, 0, 0, {}, {}, {}};
  impl_->input = &none;
  impl_->rec = &record;
  impl_->cleanup(impl_->plus);
  impl_->cleanup(impl_->lan15);
  impl_->input = nullptr;
  impl_->rec = nullptr;
  return record;
}

const FlowRunner::Counters& FlowRunner::counters() const { return impl_->counters; }

}  // namespace ipmict::netfuzz
