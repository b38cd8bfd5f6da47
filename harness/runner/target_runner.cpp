// One target: setup, capability probe, cases, liveness.
#include "harness/runner/target_runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "harness/connect.hpp"
#include "harness/runner/capabilities.hpp"
#include "harness/runner/liveness.hpp"
#include "sim/personality_yaml.hpp"

namespace ipmict::runner {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

}  // namespace

TargetSetup::~TargetSetup() {
  // Sessions close before the simulator that answers them stops.
  if (pool) pool->close_all();
  pool.reset();
  system_interface.reset();
  std::fill(admin_password.begin(), admin_password.end(), std::uint8_t{0});
}

TargetSetup sim_lan_target(sim::Simulator& simulator, const std::string& user, const Bytes& password, unsigned timeout_ms,
                           unsigned retries) {
  TargetSetup t;
  t.name = "sim:// (" + simulator.endpoint() + ")";
  LanEndpoint ep;
  ep.host = simulator.address();
  ep.port = simulator.port();
  ep.config.protocol = session::Protocol::lanplus;
  ep.config.username.assign(user.begin(), user.end());
  ep.config.password = password;
  ep.config.timeout = session::Millis(timeout_ms);
  ep.config.retries = retries;
  t.lan = ep;
  t.pool = std::make_unique<SessionPool>(lan_opener(std::move(ep)));
  t.system_interface = simulator.system_interface();
  t.admin_user = user;
  t.admin_password = password;
  return t;
}

TargetSetup sim_in_memory_target(sim::Simulator& simulator) {
  TargetSetup t;
  t.name = "sim://?interface=system";
  t.pool = std::make_unique<SessionPool>(in_memory_opener(simulator));
  t.system_interface = simulator.system_interface();
  t.admin_user = "admin";
  t.user_id = 2;  // InMemoryTransport::lan_session's default user: the default configuration's admin
  return t;
}

tl::expected<TargetSetup, std::string> start_sim_target(const SimTargetOptions& options) {
  Bytes password = random_sim_password();
  sim::SimulatorOptions so;
  so.config = sim::default_sim_config(password);
  so.config.personalities = options.personalities;
  for (const std::uint8_t suite : options.extra_cipher_suites) {
    so.config.lan.cipher_suites.push_back({suite, Privilege::administrator});
  }
  so.lan = !options.system_only;
  so.listen_address = "127.0.0.1";
  so.port = 0;
  auto simulator = sim::Simulator::start(std::move(so));
  if (!simulator) return tl::unexpected("sim://: cannot start the simulator: " + simulator.error());
  TargetSetup t = options.system_only ? sim_in_memory_target(**simulator)
                                      : sim_lan_target(**simulator, "admin", password, options.timeout_ms, options.retries);
  t.name = options.system_only ? "sim://?interface=system" : "sim://";
  t.admin_password = std::move(password);
  t.user_id = 2;
  t.isolated_jobs = 6;
  t.simulator = std::move(*simulator);
  return t;
}

tl::expected<TargetSetup, std::string> make_target(const Target& target, const SecretSource& password, const SecretSource& kg) {
  if (target.scheme == Target::Scheme::sim) {
    SimTargetOptions so;
    so.system_only = target.interface == "system";
    for (const auto& name : target.personalities) {
      auto p = sim::builtin_personality(name);
      if (!p) return tl::unexpected(target.to_string() + ": " + p.error());
      so.personalities.push_back(std::move(*p));
    }
    if (target.timeout_ms) so.timeout_ms = *target.timeout_ms;
    if (target.retries) so.retries = *target.retries;
    auto t = start_sim_target(so);
    if (t) t->privilege = target.privilege;
    return t;
  }
  LanEndpoint ep;
  ep.host = target.host;
  ep.port = target.port;
  auto config = client_config(target, password, kg);
  if (!config) return tl::unexpected(config.error());
  ep.config = std::move(*config);

  TargetSetup t;
  t.name = target.to_string();
  t.privilege = target.privilege;
  t.admin_user = target.user;
  t.admin_password = ep.config.password;  // for $admin_password and session steps
  t.lan = ep;
  t.pool = std::make_unique<SessionPool>(lan_opener(std::move(ep)));
  return t;
}

void capture_datagrams(TargetSetup& target, transport::DatagramTap* tap) {
  if (!target.lan) return;
  target.lan->tap = tap;
  // The pool's opener holds its own copy of the endpoint: a new pool (no session is open
  // yet) opens every session with the tap.
  if (target.pool) target.pool->close_all();
  target.pool = std::make_unique<SessionPool>(lan_opener(*target.lan));
}

TargetContext prepare_target(TargetSetup& target, const catalog::Catalog& catalog, TargetResults& tr) {
  tr.name = target.name;
  tr.target_profile = target.target_profile;
  tr.quirks = target.quirks;

  TargetContext ctx;
  ctx.name = target.name;
  ctx.pool = target.pool.get();
  ctx.system_interface = target.system_interface.get();
  ctx.lan = target.lan;
  ctx.default_privilege = target.privilege;
  ctx.quirks = target.quirks;
  ctx.builtins["admin_user"] = VariableValue{std::nullopt, Bytes(target.admin_user.begin(), target.admin_user.end()),
                                             target.admin_user, false};
  ctx.builtins["admin_password"] = VariableValue{std::nullopt, target.admin_password, {}, true};

  // The capability probe, on the session every step without `as:` uses.
  auto session = target.pool ? target.pool->get(target.privilege)
                             : tl::expected<transport::Transport*, transport::TransportError>(target.system_interface.get());
  if (!session || *session == nullptr) {
    tr.error = "cannot reach the target: " + (session ? std::string("no transport") : session.error().message);
  } else {
    tr.description = (*session)->describe();
    auto probe = probe_target(**session, catalog, 0x0e);
    tr.identity = probe.identity;
    tr.capabilities = probe.capabilities;
    if (!probe.answered) tr.error = "the capability probe got no answer: " + probe.error;
    const auto user_id = probe.user_id ? probe.user_id : target.user_id;
    if (user_id) ctx.builtins["user_id"] = VariableValue{*user_id, {*user_id}, {}, false};
    if (probe.capabilities.lan_channel) {
      const auto ch = *probe.capabilities.lan_channel;
      ctx.builtins["lan_channel"] = VariableValue{ch, {ch}, {}, false};
    }
  }
  ctx.capabilities = tr.capabilities;
  return ctx;
}

namespace {

// An ERROR whose cause is a case step the BMC never answered (not setup or teardown, not a
// session step): the last step record ran, sent a request and got nothing back.
bool ignored_a_request(const CaseResult& r) {
  if (r.outcome != Outcome::error || r.steps.empty()) return false;
  const StepRecord& last = r.steps.back();
  return last.phase == StepRecord::Phase::step && last.exchange && !last.exchange->answered && !last.exchange->redacted;
}

}  // namespace

namespace {

// Milliseconds a case sleeps on purpose: the isolated phase starts the longest waits first.
unsigned planned_sleep_ms(const cases::Case& c) {
  unsigned ms = 0;
  for (const auto* steps : {&c.setup, &c.steps, &c.teardown}) {
    for (const auto& step : *steps) ms += step.sleep_ms;
  }
  return ms;
}

// A fresh pool for one isolated case: the same sessions as the shared pool would open.
std::unique_ptr<SessionPool> own_pool(const TargetSetup& target) {
  if (target.lan) return std::make_unique<SessionPool>(lan_opener(*target.lan));
  if (target.simulator) return std::make_unique<SessionPool>(in_memory_opener(*target.simulator));
  return nullptr;
}

}  // namespace

TargetResults run_target(TargetSetup& target, const std::vector<const cases::Case*>& cases, const catalog::Catalog& catalog,
                         const ExecOptions& options, const TargetEvents& events, const RunControl& control) {
  auto stopping = [&] { return control.stop != nullptr && control.stop->load(); };
  const auto t0 = Clock::now();
  TargetResults tr;
  TargetContext ctx = prepare_target(target, catalog, tr);
  const std::string dead = tr.error;  // set: the target cannot be reached, every case is ERROR
  std::string stopped_after;         // set: the target stopped answering, every later case is ERROR
  std::vector<std::optional<CaseResult>> results(cases.size());
  if (events.probed) events.probed(tr);

  // Reports a case (from one thread at a time: the caller's).
  auto finish = [&](std::size_t position, CaseResult r) {
    if (control.metadata != nullptr) control.metadata->fill(r, *cases[position]);
    if (events.finished) events.finished(position, r);
    results[position] = std::move(r);
  };
  // The case, or (nullopt) nothing sent: the target is dead, ERROR.
  auto run_unless_dead = [&](const cases::Case& c, TargetContext& on) -> std::optional<CaseResult> {
    if (events.started) events.started(c.id);
    if (!dead.empty() || !stopped_after.empty()) return std::nullopt;
    return run_case(c, on, catalog, options);
  };
  auto dead_case = [&](const cases::Case& c) {
    CaseResult r = case_header(c);
    r.outcome = Outcome::error;
    r.reason = dead.empty() ? stopped_after : dead;
    return r;
  };
  // After a liveness probe that got an answer: a request of the case that went unanswered
  // through every retry was ignored rather than lost, which is the BMC's fault, not the
  // run's (docs/interpretations.md I-NO-ANSWER).
  auto blame_ignored_request = [](CaseResult& r) {
    if (!ignored_a_request(r)) return;
    r.outcome = Outcome::fail;
    r.reason += " (the BMC answered the liveness probe right after: it ignored this request)";
  };

  std::vector<std::size_t> isolated;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    // (The system interface is one transport for the whole target: a case on it runs in order.)
    if (cases[i]->isolated && cases[i]->interface != cases::Case::Interface::system) {
      isolated.push_back(i);
      continue;
    }
    if (stopping()) break;
    auto ran = run_unless_dead(*cases[i], ctx);
    if (!ran) {
      finish(i, dead_case(*cases[i]));
      continue;
    }
    CaseResult& r = *ran;
    // A SKIP sent nothing worth checking for; everything else may have hurt the BMC.
    if (r.outcome != Outcome::skip && !stopping()) {
      auto l = probe_liveness(ctx.pool, ctx.default_privilege, ctx.system_interface);
      if (!l.alive) {
        stopped_after = stopped_answering_reason(cases[i]->id, l.error);
        r.notes.push_back(stopped_after);
      } else {
        blame_ignored_request(r);
      }
    }
    finish(i, std::move(r));
  }

  // The isolated phase. The shared sessions are closed first: their slots in the BMC's
  // session table are the isolated cases' to use.
  if (!isolated.empty() && !stopping()) {
    // (A dead target: the lanes send nothing and every isolated case is ERROR.)
    std::stable_sort(isolated.begin(), isolated.end(), [&](std::size_t a, std::size_t b) {
      return planned_sleep_ms(*cases[a]) > planned_sleep_ms(*cases[b]);
    });
    if (ctx.pool != nullptr) ctx.pool->close_all();
    // Lanes need sessions of their own; without a way to open them, one lane on the shared ones.
    const bool own_pools = target.lan || target.simulator;
    const unsigned jobs = own_pools ? std::max(1u, options.jobs.value_or(target.isolated_jobs)) : 1u;
    std::atomic<std::size_t> next{0};
    // Each lane takes the next case; results wait in `results` (each slot written by one
    // lane only) for the liveness probe after the phase, then are reported in order.
    auto lane = [&] {
      for (std::size_t k = next++; k < isolated.size() && !stopping(); k = next++) {
        const std::size_t i = isolated[k];
        TargetContext own = ctx;
        auto pool = jobs > 1 ? own_pool(target) : nullptr;
        if (pool) own.pool = pool.get();
        if (auto r = run_unless_dead(*cases[i], own)) results[i] = std::move(*r);
        if (pool) pool->close_all();
      }
    };
    std::vector<std::thread> lanes;
    const std::size_t n_lanes = std::min<std::size_t>(jobs, isolated.size());
    for (std::size_t l = 1; l < n_lanes; ++l) lanes.emplace_back(lane);
    lane();
    for (auto& t : lanes) t.join();

    // One liveness probe for the cases that ran together: which of them hurt the BMC (if
    // one did) cannot be told apart, so the note names them all.
    std::vector<std::size_t> sent;
    for (const std::size_t i : isolated) {
      if (results[i] && results[i]->outcome != Outcome::skip) sent.push_back(i);
    }
    std::sort(sent.begin(), sent.end());
    if (!sent.empty() && !stopping()) {
      auto l = probe_liveness(ctx.pool, ctx.default_privilege, ctx.system_interface);
      std::string ids;
      for (const std::size_t i : sent) ids += (ids.empty() ? "" : ", ") + cases[i]->id;
      for (const std::size_t i : sent) {
        CaseResult& r = *results[i];
        if (!l.alive) {
          r.notes.push_back(stopped_answering_reason(sent.size() == 1 ? ids : "the isolated cases " + ids, l.error));
        } else {
          blame_ignored_request(r);
        }
      }
    }
    std::sort(isolated.begin(), isolated.end());
    for (const std::size_t i : isolated) {
      if (results[i]) finish(i, std::move(*results[i]));
      else if (!dead.empty() || !stopped_after.empty()) finish(i, dead_case(*cases[i]));
    }
  }

  for (auto& r : results) {
    if (r) tr.cases.push_back(std::move(*r));
  }
  tr.duration_ms = ms_since(t0);
  return tr;
}

}  // namespace ipmict::runner
