#pragma once
// Small builders for hand-made cases and simulator targets, shared by tests/runner/*_test.cpp.
#include <memory>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "harness/cases/case_model.hpp"
#include "harness/cases/loader.hpp"
#include "harness/runner/executor.hpp"
#include "harness/runner/target_runner.hpp"
#include "protocol/catalog/catalog.hpp"
#include "sim/simulator.hpp"

namespace ipmict::runner::test {

// The built-in catalog and the real case library (cases/), loaded once per test binary.
inline const catalog::Catalog& builtin() {
  static const catalog::Catalog c = catalog::builtin_catalog();
  return c;
}
inline const cases::Library& case_library() {
  static const cases::Library lib = [] {
    auto r = cases::load_library(std::string(IPMICT_SOURCE_DIR) + "/cases", builtin());
    if (!r) {
      ADD_FAILURE() << "the case library does not load: " << r.error().front().to_string();
      return cases::Library{};
    }
    return std::move(*r);
  }();
  return lib;
}
inline const cases::Case* library_case(std::string_view id) {
  for (const cases::Case* c : case_library().all_cases())
    if (c->id == id) return c;
  return nullptr;
}

inline cases::Value num(std::uint64_t v) { return cases::Value{v, {}}; }
inline cases::Value text(std::string s) { return cases::Value{std::move(s), {}}; }
inline cases::Value bytes(Bytes b) { return cases::Value{std::move(b), {}}; }

inline cases::Matcher matcher(cases::Matcher::Kind kind, std::vector<cases::Value> values = {}, std::uint64_t mask = 0) {
  cases::Matcher m;
  m.kind = kind;
  m.values = std::move(values);
  m.mask = mask;
  return m;
}
inline cases::Matcher eq(cases::Value v) { return matcher(cases::Matcher::Kind::equals, {std::move(v)}); }
inline cases::Matcher eq(std::uint64_t v) { return eq(num(v)); }

inline cases::Step send(std::string command, std::vector<std::pair<std::string, cases::Value>> fields = {}) {
  cases::Step s;
  s.action = cases::Step::Action::send;
  s.command = std::move(command);
  s.fields = std::move(fields);
  return s;
}
inline cases::Step raw(Bytes bytes) {
  cases::Step s;
  s.action = cases::Step::Action::raw;
  s.raw = std::move(bytes);
  return s;
}
inline cases::Step session_open(std::string password = "$admin_password") {
  cases::Step s;
  s.action = cases::Step::Action::session;
  s.session.kind = cases::SessionAction::Kind::open;
  s.session.password = std::move(password);
  return s;
}
inline cases::Step with_cc(cases::Step s, std::vector<std::uint8_t> ccs) {
  s.expect.completion_codes = std::move(ccs);
  return s;
}
inline cases::Step with_field(cases::Step s, std::string name, cases::Matcher m) {
  s.expect.fields.emplace_back(std::move(name), std::move(m));
  return s;
}

inline cases::Case make_case(std::string id, std::vector<cases::Step> steps) {
  cases::Case c;
  c.id = std::move(id);
  c.title = "test case";
  c.steps = std::move(steps);
  return c;
}

inline Bytes test_password() { return Bytes{'r', 'u', 'n', 'n', 'e', 'r', '-', 't', 'e', 's', 't', '-', 'p', 'w'}; }

// A simulator with the secure default configuration (user "admin", test_password()).
inline std::unique_ptr<sim::Simulator> start_sim(bool lan, std::vector<sim::Personality> personalities = {}) {
  sim::SimulatorOptions o;
  o.config = sim::default_sim_config(test_password());
  o.config.personalities = std::move(personalities);
  o.lan = lan;
  o.listen_address = "127.0.0.1";
  o.port = 0;
  auto s = sim::Simulator::start(std::move(o));
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error());
  return s ? std::move(*s) : nullptr;
}

// A personality that answers one command with a fixed completion code.
inline sim::Personality answers_cc(std::uint8_t netfn, std::uint8_t cmd, std::uint8_t cc) {
  sim::Personality p;
  p.name = "test-cc";
  p.breaks = "test";
  sim::Personality::CommandFault f;
  f.netfn = netfn;
  f.cmd = cmd;
  f.completion_code = cc;
  p.commands.push_back(f);
  return p;
}

// A target and its probed context, ready for run_case.
struct Fixture {
  std::unique_ptr<sim::Simulator> simulator;
  TargetSetup setup;
  TargetResults header;
  TargetContext ctx;
  catalog::Catalog catalog = catalog::builtin_catalog();

  static std::unique_ptr<Fixture> in_memory(std::vector<sim::Personality> personalities = {}) {
    auto f = std::make_unique<Fixture>();
    f->simulator = start_sim(false, std::move(personalities));
    if (!f->simulator) return f;
    f->setup = sim_in_memory_target(*f->simulator);
    f->setup.admin_password = test_password();
    f->ctx = prepare_target(f->setup, f->catalog, f->header);
    return f;
  }
  static std::unique_ptr<Fixture> lan(std::vector<sim::Personality> personalities = {}, unsigned timeout_ms = 300,
                                      unsigned retries = 1) {
    auto f = std::make_unique<Fixture>();
    f->simulator = start_sim(true, std::move(personalities));
    if (!f->simulator) return f;
    f->setup = sim_lan_target(*f->simulator, "admin", test_password(), timeout_ms, retries);
    f->ctx = prepare_target(f->setup, f->catalog, f->header);
    return f;
  }
  ~Fixture() {
    setup = TargetSetup();  // sessions close before the simulator stops
    simulator.reset();
  }

  CaseResult run(const cases::Case& c, ExecOptions options = {}) { return run_case(c, ctx, catalog, options); }
};

}  // namespace ipmict::runner::test
