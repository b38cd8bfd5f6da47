// Runs one conformance case (docs/case-format.md) against one target.
#include "harness/runner/executor.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include <fmt/format.h>

#include "harness/runner/exchange_record.hpp"
#include "harness/runner/probes/probe.hpp"
#include "transports/lan_client.hpp"

namespace ipmict::runner {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint8_t kInvalidCommand = 0xc1;  // IPMI 2.0 Table 5-2: Invalid Command
constexpr std::uint8_t kAppNetFn = 0x06;
constexpr std::uint8_t kCloseSessionCmd = 0x3c;  // IPMI 2.0 §22.19
constexpr unsigned kMaxSleepMs = 10000;         // docs/case-format.md: sleep_ms is bounded
constexpr unsigned kMaxRepeat = 64;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

struct StepStatus {
  enum class Kind : std::uint8_t { ok, failed, unsupported, error } kind = Kind::ok;
  std::string reason;  // one line, with the step's label
  bool ok() const { return kind == Kind::ok; }
};

std::string action_text(const cases::Step& s, const std::string& case_command) {
  switch (s.action) {
    case cases::Step::Action::send: return "send " + (s.command.empty() ? case_command : s.command);
    case cases::Step::Action::raw: return "raw " + to_hex(view(s.raw));
    case cases::Step::Action::sleep: return fmt::format("sleep {} ms", s.sleep_ms);
    case cases::Step::Action::probe: return "probe " + s.probe.name;
    case cases::Step::Action::session:
      switch (s.session.kind) {
        case cases::SessionAction::Kind::open: return "session open";
        case cases::SessionAction::Kind::close: return "session close";
        case cases::SessionAction::Kind::set_privilege: return "session set_privilege";
      }
  }
  return "?";
}

// "RAKP 2" from "RAKP 2: wrong password or user name (...)": the session's failures name
// their step first (transports/lan_client.cpp).
std::string failed_step_of(const std::string& message) {
  const auto colon = message.find(": ");
  return colon == std::string::npos ? std::string() : message.substr(0, colon);
}

bool requires_lan(const cases::Case& c) {
  auto uses_session = [](const std::vector<cases::Step>& steps) {
    return std::any_of(steps.begin(), steps.end(), [](const cases::Step& s) {
      return s.action == cases::Step::Action::session || s.action == cases::Step::Action::probe;
    });
  };
  return uses_session(c.setup) || uses_session(c.steps) || uses_session(c.teardown);
}

class CaseRun {
 public:
  CaseRun(const cases::Case& c, TargetContext& target, const catalog::Catalog& catalog, const ExecOptions& options,
          CaseResult& result)
      : case_(c), target_(target), catalog_(catalog), options_(options), result_(result), variables_(target.builtins) {}
  ~CaseRun() { close_session(); }
  CaseRun(const CaseRun&) = delete;
  CaseRun& operator=(const CaseRun&) = delete;

  StepStatus run(StepRecord::Phase phase, std::size_t index, const cases::Step& step, Clock::time_point deadline) {
    const std::string label = fmt::format("{} {} ({})", to_string(phase), index + 1, action_text(step, case_.command));
    if (step.action == cases::Step::Action::probe) {
      if (Clock::now() >= deadline) {
        return {StepStatus::Kind::error,
                fmt::format("{}: timed out: the case ran longer than {} ms (--timeout-ms)", label, options_.timeout.count())};
      }
      return run_probe(phase, index, step, deadline, label);
    }
    const unsigned repeat = std::clamp(step.repeat, 1u, kMaxRepeat);
    for (unsigned i = 0; i < repeat; ++i) {
      if (Clock::now() >= deadline) {
        return {StepStatus::Kind::error,
                fmt::format("{}: timed out: the case ran longer than {} ms (--timeout-ms)", label, options_.timeout.count())};
      }
      StepRecord rec;
      rec.phase = phase;
      rec.index = index;
      rec.iteration = i;
      rec.action = action_text(step, case_.command);
      rec.where = where_text(step.where);
      if (step.as) rec.as = describe_privilege(*step.as);
      const auto t0 = Clock::now();
      StepStatus s = run_once(phase, step, rec, deadline);
      rec.duration_ms = ms_since(t0);
      rec.ok = s.ok();
      result_.steps.push_back(std::move(rec));
      if (!s.ok()) {
        const std::string iteration = repeat > 1 ? fmt::format(" (repeat {} of {})", i + 1, repeat) : std::string();
        s.reason = label + iteration + ": " + s.reason;
        return s;
      }
    }
    return {};
  }

  void close_session() {
    if (session_lan_ != nullptr && closed_by_a_step_) {
      session_lan_->forget();
    } else if (session_) {
      session_->close();
    }
    closed_by_a_step_ = false;
    session_.reset();
    session_lan_ = nullptr;
  }

  const std::vector<std::string>& quirks_used() const { return quirks_used_; }
  const std::vector<std::string>& advisories() const { return advisories_; }

 private:
  // --- probe -----------------------------------------------------------------------------

  // A `probe:` step: the probe's transcript becomes one StepRecord per item (iteration 0,
  // 1, ...), then one record with the verdict. Silent is a pass; fired fails the step; an
  // advisory passes and is kept for the case's finding; an error is ERROR.
  StepStatus run_probe(StepRecord::Phase phase, std::size_t index, const cases::Step& step, Clock::time_point deadline,
                       const std::string& label) {
    const auto t0 = Clock::now();
    probes::ProbeResult r;
    std::vector<probes::Evidence> evidence;
    const probes::ProbeFunction fn = probes::find_probe(step.probe.name);
    if (fn == nullptr) {
      r = probes::ProbeResult::error("probe " + step.probe.name + " is not implemented in this ipmict");
    } else if (!target_.lan) {
      r = probes::ProbeResult::error("probe steps need a LAN target (this one has none)");
    } else {
      probes::ProbeRun run(target_, catalog_, step.probe, variables_, deadline);
      try {
        r = fn(run);
      } catch (const std::exception& e) {
        r = probes::ProbeResult::error(std::string("internal error: ") + e.what());
      }
      evidence = std::move(run.evidence());
    }
    unsigned iteration = 0;
    for (auto& e : evidence) {
      StepRecord rec;
      rec.phase = phase;
      rec.index = index;
      rec.iteration = iteration++;
      rec.action = "probe " + step.probe.name + ": " + e.action;
      rec.where = where_text(step.where);
      rec.exchange = std::move(e.exchange);
      rec.session = std::move(e.session);
      result_.steps.push_back(std::move(rec));
    }
    using K = probes::ProbeResult::Kind;
    StepRecord verdict;
    verdict.phase = phase;
    verdict.index = index;
    verdict.iteration = iteration;
    verdict.where = where_text(step.where);
    verdict.duration_ms = ms_since(t0);
    verdict.ok = r.kind == K::silent || r.kind == K::advisory;
    switch (r.kind) {
      case K::silent: verdict.action = "probe " + step.probe.name + ": nothing found"; break;
      case K::advisory: verdict.action = "probe " + step.probe.name + ": advisory: " + join(r.lines, "; "); break;
      case K::fired: verdict.action = "probe " + step.probe.name + ": fired"; verdict.mismatches = r.lines; break;
      case K::error: verdict.action = "probe " + step.probe.name + ": could not judge: " + join(r.lines, "; "); break;
    }
    result_.steps.push_back(std::move(verdict));
    switch (r.kind) {
      case K::silent: return {};
      case K::advisory: advisories_.insert(advisories_.end(), r.lines.begin(), r.lines.end()); return {};
      case K::fired: return {StepStatus::Kind::failed, label + ": " + join(r.lines, "; ")};
      case K::error: break;
    }
    return {StepStatus::Kind::error, label + ": " + join(r.lines, "; ")};
  }

  StepStatus run_once(StepRecord::Phase phase, const cases::Step& step, StepRecord& rec, Clock::time_point deadline) {
    switch (step.action) {
      case cases::Step::Action::send:
      case cases::Step::Action::raw: return send(phase, step, rec);
      case cases::Step::Action::sleep: {
        const auto wake = Clock::now() + std::chrono::milliseconds(std::min(step.sleep_ms, kMaxSleepMs));
        if (wake > deadline) {
          std::this_thread::sleep_until(deadline);
          return {StepStatus::Kind::error,
                  fmt::format("timed out: the case ran longer than {} ms (--timeout-ms)", options_.timeout.count())};
        }
        std::this_thread::sleep_until(wake);
        return {};
      }
      case cases::Step::Action::session: return session_step(phase, step, rec);
      case cases::Step::Action::probe: break;  // run() hands probes to run_probe()
    }
    return {StepStatus::Kind::error, "unknown step action"};
  }

  // --- send / raw ----------------------------------------------------------------------

  StepStatus send(StepRecord::Phase phase, const cases::Step& step, StepRecord& rec) {
    const catalog::CommandDescriptor* cmd = nullptr;
    session::Request rq;
    bool secret = false;
    if (step.action == cases::Step::Action::raw) {
      if (step.raw.size() < 2) return {StepStatus::Kind::error, "raw: needs at least NETFN and CMD bytes"};
      rq.netfn = step.raw[0];
      rq.cmd = step.raw[1];
      rq.data.assign(step.raw.begin() + 2, step.raw.end());
      cmd = catalog_.find(rq.netfn, rq.cmd);
    } else {
      const std::string& id = step.command.empty() ? case_.command : step.command;
      cmd = catalog_.find(id);
      if (cmd == nullptr) return {StepStatus::Kind::error, fmt::format("unknown command '{}' (see `ipmict catalog`)", id)};
      catalog::FieldValues values;
      for (const auto& [name, value] : step.fields) {
        auto v = resolve_value(value, variables_);
        if (!v) return {StepStatus::Kind::error, fmt::format("request field {}: {}", name, v.error())};
        secret = secret || v->secret;
        values.emplace_back(name, std::move(v->input));
      }
      auto data = catalog::encode_request(*cmd, values);
      if (!data) return {StepStatus::Kind::error, data.error()};
      rq.netfn = cmd->netfn;
      rq.cmd = cmd->cmd;
      rq.data = std::move(*data);
    }
    return exchange(phase, step, cmd, rq, secret, step.expect, rec);
  }

  tl::expected<session::Response, transport::TransportError> deliver(const cases::Step& step, const session::Request& rq,
                                                                     std::string& via) {
    if (case_.interface == cases::Case::Interface::system) {
      via = "system interface";
      if (target_.system_interface == nullptr) {
        return tl::unexpected(transport::TransportError{transport::TransportError::Kind::bad_request,
                                                        "this target has no system interface", std::nullopt});
      }
      return target_.system_interface->request(rq);
    }
    if (!step.as && session_) {
      via = "the case's session";
      return session_->request(rq);
    }
    const Privilege p = step.as.value_or(target_.default_privilege);
    via = "session at " + describe_privilege(p);
    if (target_.pool == nullptr) {
      return tl::unexpected(transport::TransportError{transport::TransportError::Kind::bad_request,
                                                      "this target has no LAN sessions", std::nullopt});
    }
    return target_.pool->request(p, rq);
  }

  StepStatus exchange(StepRecord::Phase phase, const cases::Step& step, const catalog::CommandDescriptor* cmd,
                      const session::Request& rq, bool secret, const cases::Expectation& expect, StepRecord& rec) {
    Exchange ex = describe_request(cmd, rq, secret);
    auto r = deliver(step, rq, ex.via);
    describe_answer(ex, catalog_, rq, r);
    std::optional<session::Response> response;
    std::optional<transport::TransportError> error;
    if (r) {
      response = *r;
    } else {
      error = r.error();
    }
    Observation obs = observe(cmd, response);
    if (obs.decoded) ex.findings = obs.decoded->findings;
    rec.exchange = std::move(ex);
    // A Close Session the BMC accepted, sent while the case has its own session open,
    // closed that session in every case that does this (by ID or handle, from it or from
    // another session): at the end it is dropped rather than closed a second time, which
    // would wait out the timeouts for an answer that cannot come.
    if (session_ && response && rq.netfn == kAppNetFn && rq.cmd == kCloseSessionCmd && response->completion_code == 0x00) {
      closed_by_a_step_ = true;
    }

    if (error && error->kind != transport::TransportError::Kind::timeout) {
      if (error->kind == transport::TransportError::Kind::malformed) {
        rec.mismatches.push_back("response: expected a well-formed reply, seen " + error->message);
        return {StepStatus::Kind::failed, "the BMC's reply does not parse: " + error->message};
      }
      return {StepStatus::Kind::error, error->message};
    }

    std::vector<Mismatch> mm = match_expectation(expect, obs, variables_);
    if (auto why = observation_mismatches(expect, step.as.has_value() || session_lan_ == nullptr, mm)) return {StepStatus::Kind::error, *why};
    if (!mm.empty() && phase == StepRecord::Phase::step) {
      for (const auto& alt : case_.quirk_alternatives) {
        if (std::find(target_.quirks.begin(), target_.quirks.end(), alt.quirk) == target_.quirks.end()) continue;
        if (match_expectation(alt.expect, obs, variables_).empty()) {
          rec.quirk = alt.quirk;
          for (const auto& m : mm) rec.mismatches.push_back(m.to_string() + " (accepted: quirk " + alt.quirk + ")");
          if (std::find(quirks_used_.begin(), quirks_used_.end(), alt.quirk) == quirks_used_.end()) {
            quirks_used_.push_back(alt.quirk);
          }
          mm.clear();
          break;
        }
      }
    }
    if (!mm.empty()) {
      std::vector<std::string> texts;
      for (const auto& m : mm) texts.push_back(m.to_string());
      rec.mismatches.insert(rec.mismatches.end(), texts.begin(), texts.end());
      if (!response) {
        return {StepStatus::Kind::error, "no answer: " + (error ? error->message : std::string("none within the timeout"))};
      }
      const auto& ccs = expect.completion_codes;
      const bool c1_expected = ccs && std::find(ccs->begin(), ccs->end(), kInvalidCommand) != ccs->end();
      if (response->completion_code == kInvalidCommand && !c1_expected && !is_mandatory(cmd)) {
        return {StepStatus::Kind::unsupported,
                fmt::format("{} is optional and answered C1h (Invalid Command)", cmd != nullptr ? cmd->name : std::string("the command"))};
      }
      if (response->completion_code == kInvalidCommand && !c1_expected && case_.generated) {
        // A generated negative of a command the BMC does not implement at all: its written
        // cases already judge it (a mandatory command answering C1h FAILs there); failing
        // every generated length and reserved-bit case again would only repeat that.
        return {StepStatus::Kind::unsupported,
                fmt::format("{} answered C1h (Invalid Command): not implemented; its written cases judge M/O",
                            cmd != nullptr ? cmd->name : std::string("the command"))};
      }
      return {StepStatus::Kind::failed, join(texts, "; ")};
    }
    return capture(step, obs, rec);
  }

  // M/O: the case's `mandatory:` for its own command, else the catalog's. A command the
  // catalog does not know counts as mandatory (C1h is then a FAIL, never hidden).
  bool is_mandatory(const catalog::CommandDescriptor* cmd) const {
    if (cmd == nullptr) return case_.mandatory.value_or(true);
    if (case_.mandatory && (case_.command.empty() || case_.command == cmd->id || case_.command == cmd->name)) {
      return *case_.mandatory;
    }
    return cmd->mandatory;
  }

  StepStatus capture(const cases::Step& step, const Observation& obs, StepRecord& rec) {
    for (const auto& [variable, field] : step.capture) {
      const catalog::FieldValue* f = obs.decoded ? obs.decoded->find(field) : nullptr;
      if (f == nullptr) {
        rec.mismatches.push_back(fmt::format("capture {}: expected field '{}' in the response, seen none", variable, field));
        return {StepStatus::Kind::failed, rec.mismatches.back()};
      }
      VariableValue v;
      v.number = f->number;
      v.bytes = f->bytes;
      v.text = f->text;
      rec.captured.push_back(variable + " = " + to_display(v));
      variables_[variable] = std::move(v);
    }
    return {};
  }

  // --- session actions -----------------------------------------------------------------

  tl::expected<Bytes, std::string> text_or_variable(const std::string& text) {
    if (text.empty() || text[0] != '$') return Bytes(text.begin(), text.end());
    auto it = variables_.find(std::string_view(text).substr(1));
    if (it == variables_.end()) return tl::unexpected("undefined variable " + text);
    if (!it->second.text.empty()) return Bytes(it->second.text.begin(), it->second.text.end());
    return it->second.bytes;
  }

  StepStatus session_step(StepRecord::Phase phase, const cases::Step& step, StepRecord& rec) {
    const auto& a = step.session;
    SessionRecord srec;
    switch (a.kind) {
      case cases::SessionAction::Kind::close:
        srec.action = "close";
        srec.detail = session_ ? "closed" : "no session was open";
        close_session();
        rec.session = std::move(srec);
        return {};
      case cases::SessionAction::Kind::set_privilege: {
        srec.action = "set_privilege";
        if (!session_) {
          auto opened = open(cases::SessionAction{}, srec);
          if (!opened) {
            rec.session = std::move(srec);
            return {StepStatus::Kind::error, "cannot open a session for set_privilege: " + opened.error()};
          }
        }
        const auto* cmd = catalog_.find("set-session-privilege-level");
        if (cmd == nullptr) return {StepStatus::Kind::error, "set-session-privilege-level is not in the catalog"};
        auto data = catalog::encode_request(*cmd, {{"requested_privilege_level", static_cast<std::uint8_t>(a.privilege)}});
        if (!data) return {StepStatus::Kind::error, data.error()};
        srec.detail = "requested " + describe_privilege(a.privilege);
        srec.established = true;
        rec.session = std::move(srec);
        cases::Step plain = step;
        plain.as.reset();  // on the case's session
        return exchange(phase, plain, cmd, session::Request{cmd->netfn, cmd->cmd, std::move(*data), 0, std::nullopt}, false,
                        step.expect, rec);
      }
      case cases::SessionAction::Kind::open: {
        srec.action = "open";
        auto opened = open(a, srec);
        auto mm = match_session(step.expect.session, srec);
        rec.session = std::move(srec);
        if (auto why = observation_mismatches(step.expect, false, mm)) return {StepStatus::Kind::error, *why};
        if (mm.empty()) return {};
        for (const auto& m : mm) rec.mismatches.push_back(m.to_string());
        if (!opened && transport_error_kind_ && (*transport_error_kind_ == transport::TransportError::Kind::unreachable ||
                                                 *transport_error_kind_ == transport::TransportError::Kind::io ||
                                                 *transport_error_kind_ == transport::TransportError::Kind::bad_request)) {
          return {StepStatus::Kind::error, "cannot open a session: " + opened.error()};
        }
        if (!opened && !transport_error_kind_) return {StepStatus::Kind::error, opened.error()};
        return {StepStatus::Kind::failed, join(rec.mismatches, "; ")};
      }
    }
    return {StepStatus::Kind::error, "unknown session action"};
  }

  // `discarded`, `resent`, `sequence`, `integrity_pad`: what the LAN client observed of the case's own
  // session (or of the open attempt that just failed). Appends mismatches; an error text
  // when there is nothing to judge.
  std::optional<std::string> observation_mismatches(const cases::Expectation& x, bool other_session,
                                                    std::vector<Mismatch>& mm) const {
    if (!x.discarded && !x.resent && !x.sequence_consecutive && !x.integrity_pad_minimal) return std::nullopt;
    const transport::LanObservations* o = nullptr;
    if (!other_session && session_lan_ != nullptr) o = &session_lan_->observations();
    if (!other_session && session_lan_ == nullptr && failed_open_) o = &*failed_open_;
    if (o == nullptr) {
      return std::string("discarded/resent/sequence/integrity_pad judge the case's own LAN session (expected a `session: open` "
                         "step before, and no `as:` on this step)");
    }
    if (x.discarded && o->discarded.size() != *x.discarded) {
      std::string seen = std::to_string(o->discarded.size());
      if (!o->discarded.empty()) seen += " (first: " + o->discarded.front() + ")";
      mm.push_back({"discarded", std::to_string(*x.discarded) + " datagrams dropped by the client", seen});
    }
    if (x.resent && o->resent_requests != *x.resent) {
      mm.push_back({"resent", std::to_string(*x.resent) + " requests sent again because no answer came in time",
                    std::to_string(o->resent_requests)});
    }
    if (x.sequence_consecutive) {
      if (o->sequence_steps.empty()) {
        mm.push_back({"sequence", "consecutive session sequence numbers",
                      "no two cleanly answered requests in a row to compare (send more requests in the session)"});
      }
      for (std::size_t i = 0; i < o->sequence_steps.size(); ++i) {
        if (o->sequence_steps[i] == 1) continue;
        std::string list;
        for (std::size_t k = 0; k < o->inbound_sequences.size() && k < 8; ++k) {
          list += (list.empty() ? "" : ", ") + std::to_string(o->inbound_sequences[k]);
        }
        mm.push_back({"sequence", "each reply's session sequence number 1 above the previous reply's",
                      fmt::format("a step of {} (sequence numbers seen: {})", o->sequence_steps[i], list)});
        break;
      }
    }
    if (x.integrity_pad_minimal) {
      if (o->authenticated_packets == 0) {
        mm.push_back({"integrity_pad", "authenticated packets to check",
                      "none (the session's cipher suite has no integrity algorithm, or no request was answered)"});
      } else if (!o->pad_not_minimal.empty()) {
        mm.push_back({"integrity_pad", "the shortest Integrity PAD that aligns to 4 bytes (0 when already aligned)",
                      fmt::format("{} of {} packets otherwise (first: {})", o->pad_not_minimal.size(), o->authenticated_packets,
                                  o->pad_not_minimal.front())});
      }
    }
    return std::nullopt;
  }

  // Opens the case's own session (closing one already open). Fills `srec`. The error is the
  // session's one-line message; transport_error_kind_ tells a refusal from a dead target.
  tl::expected<void, std::string> open(const cases::SessionAction& a, SessionRecord& srec) {
    transport_error_kind_.reset();
    failed_open_.reset();
    if (!target_.lan) return tl::unexpected(std::string("session steps need a LAN target (this one has none)"));
    close_session();
    session::ClientConfig config = target_.lan->config;
    if (a.auth_type) {
      config.protocol = session::Protocol::lan15;
      config.auth_type = a.auth_type;
      config.cipher_suite.reset();
    } else {
      config.protocol = session::Protocol::lanplus;
      if (a.cipher_suite) config.cipher_suite = a.cipher_suite;
    }
    auto user = text_or_variable(a.user);
    if (!user) return tl::unexpected(user.error());
    config.username = std::move(*user);
    if (a.password == "wrong") {
      config.password = probes::wrong_password(target_.lan->config.password, a.auth_type ? 16 : 20);  // IPMI 1.5: 16 bytes
    } else if (a.password == "$admin_password") {
      // the endpoint's own copy, already in config
    } else {
      auto pw = text_or_variable(a.password);
      if (!pw) return tl::unexpected(pw.error());
      config.password = std::move(*pw);
    }
    config.privilege = a.privilege;
    if (a.kg) config.kg = *a.kg;
    transport::LanObservations observed;
    auto client = transport::LanClient::connect(target_.lan->host, target_.lan->port, std::move(config), target_.lan->tap, &observed);
    if (!client) {
      failed_open_ = std::move(observed);
      transport_error_kind_ = client.error().kind;
      srec.established = false;
      srec.failed_at = failed_step_of(client.error().message);
      srec.status = client.error().status;
      srec.detail = client.error().message;
      return tl::unexpected(client.error().message);
    }
    srec.established = true;
    srec.detail = (*client)->describe();
    session_lan_ = client->get();
    session_ = std::move(*client);
    return {};
  }

  const cases::Case& case_;
  TargetContext& target_;
  const catalog::Catalog& catalog_;
  const ExecOptions& options_;
  CaseResult& result_;
  Variables variables_;
  std::unique_ptr<transport::Transport> session_;  // opened by a `session: open` step
  transport::LanClient* session_lan_ = nullptr;     // session_, for its observations
  bool closed_by_a_step_ = false;                   // a step's Close Session succeeded
  std::optional<transport::LanObservations> failed_open_;  // of the last open that failed
  std::optional<transport::TransportError::Kind> transport_error_kind_;
  std::vector<std::string> quirks_used_;
  std::vector<std::string> advisories_;  // from probes: risks the specification carries
};

bool has_gate(const std::vector<std::string>& gates, std::string_view g) {
  return std::find(gates.begin(), gates.end(), g) != gates.end();
}

std::string unknown_because(const TargetCapabilities& caps) {
  return caps.notes.empty() ? std::string() : " (probe: " + caps.notes.front() + ")";
}

}  // namespace

std::string where_text(const cases::SourceLocation& w) {
  if (w.file.empty()) return w.line == 0 ? std::string() : fmt::format("line {}", w.line);
  if (w.line == 0) return w.file + " (generated)";
  return fmt::format("{}:{}:{}", w.file, w.line, w.column);
}

CaseResult case_header(const cases::Case& c) {
  CaseResult r;
  r.id = c.id;
  r.title = c.title;
  r.spec = c.spec;
  r.tags = c.tags;
  r.where = c.generated && c.where.file.empty() ? std::string("generated") : where_text(c.where);
  return r;
}

std::optional<std::string> check_gates(const cases::Case& c, TargetContext& target, const catalog::Catalog& catalog,
                                       const ExecOptions& options) {
  if ((c.destructive || has_gate(c.requires_, "destructive")) && !options.allow_destructive) {
    return std::string("destructive: not run without --allow-destructive");
  }
  if (c.interface == cases::Case::Interface::system && target.system_interface == nullptr) {
    return std::string("interface: system needs the built-in simulator (sim:// targets)");
  }
  if (requires_lan(c) && !target.lan) return std::string("session steps need a LAN target");
  const auto& caps = target.capabilities;
  for (const auto& gate : c.requires_) {
    if (gate == "destructive") continue;
    if (gate == "ipmi15" || gate == "ipmi20") {
      const auto& v = gate == "ipmi15" ? caps.ipmi15 : caps.ipmi20;
      if (!v) return fmt::format("requires {}: unknown for this target{}", gate, unknown_because(caps));
      if (!*v) return fmt::format("requires {}: the target does not support {}", gate, gate == "ipmi15" ? "IPMI 1.5" : "IPMI 2.0");
      continue;
    }
    if (gate == "interface:system") {
      if (target.system_interface == nullptr) return std::string("requires interface:system: only sim:// targets have one");
      continue;
    }
    if (gate == "interface:lan") {
      if (!target.lan) return std::string("requires interface:lan: this target has no LAN interface");
      continue;
    }
    if (gate.rfind("not-cipher-suite:", 0) == 0) {
      const std::string n = gate.substr(17);
      if (caps.cipher_suites.empty()) {
        return fmt::format("requires {}: the offered cipher suites are unknown{}", gate, unknown_because(caps));
      }
      const bool offered = std::any_of(caps.cipher_suites.begin(), caps.cipher_suites.end(),
                                       [&](std::uint8_t s) { return std::to_string(s) == n; });
      if (offered) return fmt::format("requires {}: cipher suite {} is offered", gate, n);
      continue;
    }
    if (gate.rfind("cipher-suite:", 0) == 0) {
      const std::string n = gate.substr(13);
      const bool offered = std::any_of(caps.cipher_suites.begin(), caps.cipher_suites.end(),
                                       [&](std::uint8_t s) { return std::to_string(s) == n; });
      if (!offered) {
        std::string list;
        for (auto s : caps.cipher_suites) list += (list.empty() ? "" : ", ") + std::to_string(s);
        return fmt::format("requires {}: not offered (offered: {}){}", gate, list.empty() ? "none known" : list,
                           caps.cipher_suites.empty() ? unknown_because(caps) : std::string());
      }
      continue;
    }
    if (gate.rfind("auth-type:", 0) == 0) {
      std::string t = gate.substr(10);
      if (t == "straight_password" || t == "straight-password") t = "password";
      if (std::find(caps.auth_types.begin(), caps.auth_types.end(), t) == caps.auth_types.end()) {
        return fmt::format("requires {}: IPMI 1.5 auth type not enabled on this channel", gate);
      }
      continue;
    }
    if (gate.rfind("command:", 0) == 0) {
      const std::string id = gate.substr(8);
      auto it = target.command_support.find(id);
      if (it == target.command_support.end()) {
        const auto* cmd = catalog.find(id);
        if (cmd == nullptr) return fmt::format("requires {}: not in the catalog", gate);
        // Probe once: the request with every field zero (its shortest valid form). A command
        // that exists answers anything but C1h.
        bool supported = false;
        auto data = catalog::encode_request(*cmd, {});
        if (data && target.pool != nullptr) {
          auto r = target.pool->request(target.default_privilege, session::Request{cmd->netfn, cmd->cmd, *data, 0, std::nullopt});
          supported = r && r->completion_code != kInvalidCommand;
        }
        it = target.command_support.emplace(id, supported).first;
      }
      if (!it->second) return fmt::format("requires {}: the target answers C1h (Invalid Command) or nothing", gate);
      continue;
    }
    return fmt::format("unknown capability gate '{}'", gate);
  }
  return std::nullopt;
}

CaseResult run_case(const cases::Case& c, TargetContext& target, const catalog::Catalog& catalog, const ExecOptions& options) {
  CaseResult result = case_header(c);
  const auto t0 = Clock::now();
  try {
    if (auto why = check_gates(c, target, catalog, options)) {
      result.outcome = Outcome::skip;
      result.reason = *why;
      result.duration_ms = ms_since(t0);
      return result;
    }
    CaseRun run(c, target, catalog, options, result);
    Outcome outcome = Outcome::pass;
    std::string reason;
    auto deadline = Clock::now() + options.timeout;

    bool setup_ok = true;
    for (std::size_t i = 0; i < c.setup.size() && setup_ok; ++i) {
      auto s = run.run(StepRecord::Phase::setup, i, c.setup[i], deadline);
      if (s.ok()) continue;
      setup_ok = false;
      if (s.kind == StepStatus::Kind::unsupported) {
        outcome = Outcome::unsupported;
        reason = s.reason;
      } else if (s.kind == StepStatus::Kind::failed) {
        // The BMC answered, but not as setup needs (a command it lacks, the first SDR not
        // a sensor): a precondition of the case does not hold, so nothing is judged. The
        // command setup used is judged by its own cases.
        outcome = Outcome::skip;
        reason = "precondition not met: setup " + std::to_string(i + 1) + ": " + s.reason;
      } else {
        outcome = Outcome::error;
        reason = "setup failed: " + s.reason;
      }
    }
    for (std::size_t i = 0; setup_ok && i < c.steps.size(); ++i) {
      auto s = run.run(StepRecord::Phase::step, i, c.steps[i], deadline);
      if (s.ok()) continue;
      reason = s.reason;
      switch (s.kind) {
        case StepStatus::Kind::failed:
          if (c.severity == cases::Case::Severity::should) {
            outcome = options.strict ? Outcome::fail : Outcome::warn;
            reason = "should: " + reason + (options.strict ? " (a WARN, failed under --strict)" : "");
          } else {
            outcome = Outcome::fail;
          }
          break;
        case StepStatus::Kind::unsupported: outcome = Outcome::unsupported; break;
        default: outcome = Outcome::error; break;
      }
      break;
    }
    // Teardown always runs, with its own time budget, every step even after one failed:
    // it restores what setup changed.
    deadline = Clock::now() + options.timeout;
    for (std::size_t i = 0; i < c.teardown.size(); ++i) {
      auto s = run.run(StepRecord::Phase::teardown, i, c.teardown[i], deadline);
      if (s.ok()) continue;
      if (outcome == Outcome::pass) {
        outcome = Outcome::error;
        reason = "teardown failed: " + s.reason;
      } else {
        result.notes.push_back("teardown failed: " + s.reason);
      }
    }
    run.close_session();
    if (outcome == Outcome::pass && !run.quirks_used().empty()) {
      outcome = Outcome::pass_with_quirk;
      reason = "passed with quirk " + join(run.quirks_used(), ", ");
    }
    result.quirks_used = run.quirks_used();
    result.outcome = outcome;
    result.reason = std::move(reason);
    for (const auto& a : run.advisories()) result.notes.push_back("advisory: " + a);
    // The case's security finding: its check fired (FAIL, or WARN for a `should`), or a
    // probe reported a risk the specification itself carries (an advisory on a PASS).
    if (c.finding) {
      const bool fired = outcome == Outcome::fail || outcome == Outcome::warn;
      const bool advised = (outcome == Outcome::pass || outcome == Outcome::pass_with_quirk) && !run.advisories().empty();
      if (fired || advised) {
        result.finding = Finding{c.finding->severity, c.finding->title, c.finding->remedy, c.finding->references};
      }
    }
  } catch (const std::exception& e) {
    result.outcome = Outcome::error;
    result.reason = std::string("internal error: ") + e.what();
  }
  result.duration_ms = ms_since(t0);
  return result;
}

}  // namespace ipmict::runner
