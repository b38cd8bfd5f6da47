#pragma once
// Runs one case against one target (docs/case-format.md): capability gates, setup, steps
// (variables, captures, repeat, `as:` sessions, session actions), teardown always, quirk
// alternatives, WARN / --strict, UNSUPPORTED for C1h on an optional command, a per-case
// time limit. The result is a CaseResult of results.hpp; nothing is printed here.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/cases/case_model.hpp"
#include "harness/runner/expectation.hpp"
#include "harness/runner/report_model.hpp"
#include "harness/runner/session_pool.hpp"
#include "protocol/catalog/catalog.hpp"
#include "transports/transport.hpp"

namespace ipmict::runner {

// Everything a case may use on one target. Owned by the target's runner thread; not shared.
struct TargetContext {
  std::string name;                                  // for reasons and results
  SessionPool* pool = nullptr;                       // LAN sessions per privilege (required)
  transport::Transport* system_interface = nullptr;  // sim targets only: `interface: system`
  std::optional<LanEndpoint> lan;                    // `session:` steps open sessions here; nullopt: no LAN
  Privilege default_privilege = Privilege::administrator;  // the session of steps without `as:`
  TargetCapabilities capabilities;                   // from the probe
  std::vector<std::string> quirks;                   // the target profile's declared quirks
  Variables builtins;                                // $admin_user, $admin_password, $lan_channel, $user_id
  std::map<std::string, bool, std::less<>> command_support;  // `command:<id>` gates, probed once
};

struct ExecOptions {
  bool strict = false;             // WARN counts as FAIL
  bool allow_destructive = false;  // run `destructive` cases
  std::chrono::milliseconds timeout{30000};  // per case (teardown gets its own, equal budget)
  // How many `isolated:` cases run at the same time (`--jobs`); nullopt: the target's own
  // default (TargetSetup::isolated_jobs). 1: one after another.
  std::optional<unsigned> jobs;
};

// Why a case cannot run here, or nullopt. Probes `command:<id>` gates once per target.
std::optional<std::string> check_gates(const cases::Case& c, TargetContext& target, const catalog::Catalog& catalog,
                                       const ExecOptions& options);

CaseResult run_case(const cases::Case& c, TargetContext& target, const catalog::Catalog& catalog,
                    const ExecOptions& options);

// A case's facts for results: id, title, spec, tags, where.
CaseResult case_header(const cases::Case& c);

// The secret-free text of a source location ("file:12:5", "generated", "").
std::string where_text(const cases::SourceLocation& where);

}  // namespace ipmict::runner
