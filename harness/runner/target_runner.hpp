#pragma once
// One target of a run: how it is reached (TargetSetup), and the loop that runs the selected
// cases on it (run_target): capability probe, each case through the executor, the liveness
// probe after each case, ERROR for the rest once the target stopped answering; `isolated:`
// cases last, several at a time. One thread per target (and its isolated cases' lanes);
// nothing here is shared between targets.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "harness/cases/case_model.hpp"
#include "harness/runner/case_metadata.hpp"
#include "harness/runner/executor.hpp"
#include "harness/runner/report_model.hpp"
#include "harness/runner/session_pool.hpp"
#include "harness/secret_source.hpp"
#include "harness/target_uri.hpp"
#include "protocol/catalog/catalog.hpp"
#include "sim/sim_config.hpp"
#include "sim/simulator.hpp"

namespace ipmict::runner {

struct TargetSetup {
  std::unique_ptr<sim::Simulator> simulator;  // when the runner started it; declared first: outlives the transports
  std::string name;                           // the URI without secrets
  std::unique_ptr<SessionPool> pool;          // sessions per privilege (LAN, or in-memory LAN contexts)
  std::unique_ptr<transport::Transport> system_interface;  // sim targets only
  std::optional<LanEndpoint> lan;             // for `session:` steps; nullopt without a network
  Privilege privilege = Privilege::administrator;  // the session of steps without `as:`, and of the probes
  std::string target_profile;
  std::vector<std::string> quirks;
  std::string admin_user;                     // $admin_user
  Bytes admin_password;                       // $admin_password (a secret: redacted wherever used)
  std::optional<std::uint8_t> user_id;        // $user_id when known without asking (the simulator's admin is 2)
  // `isolated:` cases at the same time, unless --jobs says otherwise. Each holds a session
  // or two while it runs: 2 for a BMC (some have 4 session slots, shared with other
  // consoles), 6 for the simulator this run started (8 slots, nobody else).
  unsigned isolated_jobs = 2;

  TargetSetup() = default;
  TargetSetup(TargetSetup&&) noexcept = default;
  TargetSetup& operator=(TargetSetup&&) noexcept = default;
  ~TargetSetup();
};

// Per-datagram timeout and retries of the runner's own simulator sessions. The in-process
// simulator answers on loopback in microseconds, so a silence is a case's point (a refused
// activation, a closed session, a personality) and waiting a real BMC's 1 s x 3 for it only
// slows the run (docs/benchmarks.md). sim://?timeout=MS&retries=N overrides.
struct SimTargetOptions {
  bool system_only = false;                   // sim://?interface=system: no LAN server, in-memory LAN contexts
  std::vector<sim::Personality> personalities;
  // Offered in addition to the secure default's suites 3 and 17, up to Administrator (tests:
  // an integrity-only suite such as 16).
  std::vector<std::uint8_t> extra_cipher_suites;
  unsigned timeout_ms = 300;
  unsigned retries = 1;
};

// The built-in simulator, started in-process: the secure default configuration
// (sim/default_config.cpp) with its one user "admin" and a random 20-character password
// that exists only in this process; LAN on 127.0.0.1 and an ephemeral port; the system
// interface in memory. Lower-privilege sessions use the same account (session_pool.hpp).
tl::expected<TargetSetup, std::string> start_sim_target(const SimTargetOptions& options);

// A running simulator the caller owns (tests): RMCP+ to its LAN port as `user`/`password`.
TargetSetup sim_lan_target(sim::Simulator& simulator, const std::string& user, const Bytes& password, unsigned timeout_ms = 300,
                           unsigned retries = 1);
// The same simulator without a network: in-memory LAN contexts and the system interface.
TargetSetup sim_in_memory_target(sim::Simulator& simulator);

// lan:// and lanplus:// targets (the password from `password`, else $IPMICT_PASSWORD, else a
// prompt on a terminal), and sim:// (start_sim_target). Errors are one line, never a secret.
tl::expected<TargetSetup, std::string> make_target(const Target& target, const SecretSource& password, const SecretSource& kg);

// Routes every datagram of the target's LAN sessions (those opened from now on) through
// `tap`: the pooled sessions and the cases' own. Call before the first session is opened.
// No effect on a target without a network (sim://?interface=system).
void capture_datagrams(TargetSetup& target, transport::DatagramTap* tap);

struct TargetEvents {
  std::function<void(const std::string& case_id)> started;
  std::function<void(TargetResults& header)> probed;  // identity and capabilities known
  std::function<void(std::size_t position, const CaseResult& result)> finished;  // from several threads at once
};

// Probes the target (capabilities.hpp) and builds the context its cases run in; `header`
// gets the name, identity and capabilities, and `error` when the target cannot be reached.
TargetContext prepare_target(TargetSetup& target, const catalog::Catalog& catalog, TargetResults& header);

// How a run is steered from outside the per-target loop.
struct RunControl {
  const CaseMetadata* metadata = nullptr;  // fills each result's command, M/O, privilege, profiles ...
  // Set (by SIGINT/SIGTERM, harness/runner/interrupt.hpp): the case under way finishes, no
  // further case starts and nothing more is sent (not even the liveness probe).
  const std::atomic<bool>* stop = nullptr;
};

// Probes the target, then runs `cases`: first those not `isolated:`, in order, one at a time,
// each followed by the liveness probe; then the isolated ones, up to `jobs` at a time (the
// longest waits first), each on sessions of its own (the shared ones are closed first, to
// free their slots), followed by one liveness probe. The returned results hold every case
// run, in the order of `cases`: all of them, or those before a stop. `events.finished`
// gets each case's position in `cases`.
TargetResults run_target(TargetSetup& target, const std::vector<const cases::Case*>& cases, const catalog::Catalog& catalog,
                         const ExecOptions& options, const TargetEvents& events = {}, const RunControl& control = {});

}  // namespace ipmict::runner
