#pragma once
// The results model (docs/results-model.md): what happened, per target and per case, in a
// form every report writer (results.json, summary.txt, JUnit, HTML, Markdown) and
// `ipmict report diff/merge` read without re-running anything. The runner (harness/) fills
// it; reports/ never depends on the harness.
//
// Plain data, no secrets: passwords and K_G never enter it. A request whose bytes would
// carry a secret (a step that used $admin_password) is stored redacted (Exchange::redacted).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/outcome.hpp"

namespace ipmict::reports {

inline constexpr const char* kResultsSchema = "ipmict-results/1";

// One request and its answer (or why there was none), as sent and as the catalog reads it.
struct Exchange {
  std::string command;                    // catalog name ("Get Device ID"), or "NetFn 2Eh cmd 01h" when unknown
  std::string via;                        // the transport: "lanplus session (Administrator)", "system interface" ...
  std::vector<std::uint8_t> request;      // NETFN CMD DATA... (empty when redacted); a probe's raw datagram: the UDP payload
  std::string request_text;               // the request fields decoded by the catalog, one per line
  bool redacted = false;                  // the request carried a secret; bytes and text left out
  bool answered = false;                  // a response came back
  std::vector<std::uint8_t> response;     // CC DATA... (when answered)
  std::string response_text;              // "cc 00h (Command Completed Normally)" and the decoded fields
  std::vector<std::string> findings;      // the catalog's findings ("reserved bits set in ...")
  std::string error;                      // the transport's one-line error when not answered
};

// What a `session:` step saw.
struct SessionRecord {
  std::string action;                     // "open", "close", "set_privilege"
  bool established = false;
  std::string failed_at;                  // "RAKP 2", "Open Session" ... (when not established)
  std::optional<std::uint8_t> status;     // RMCP+ status or completion code of the failure
  std::string detail;                     // the session's own message, or "cipher suite 17, Administrator"
};

// One execution of one step (a step with `repeat: N` gives N records).
struct StepRecord {
  enum class Phase : std::uint8_t { setup, step, teardown, probe } phase = Phase::step;
  std::size_t index = 0;                  // 0-based within its phase
  unsigned iteration = 0;                 // 0-based repeat number
  std::string action;                     // "send get-device-id", "raw", "session open", "sleep 100 ms"
  std::string as;                         // the privilege of the session it ran in, if `as:` was given
  std::string where;                      // the step's file:line:col ("" when unknown)
  bool ok = true;                         // its expectation held (possibly through a quirk)
  std::vector<std::string> mismatches;    // each: "<what>: expected <x>, seen <y>"
  std::string quirk;                      // the quirk that made it pass, if any
  std::optional<Exchange> exchange;       // send / raw / set_privilege
  std::optional<SessionRecord> session;   // session steps
  std::vector<std::string> captured;      // "lan_channel = 0x01" (never secrets)
  double duration_ms = 0;
};
std::string_view to_string(StepRecord::Phase p);

// A security finding (the `security` profile, docs/security.md): set on a case whose check
// fired. The evidence is the case's steps (the decoded transcript).
struct Finding {
  std::string severity;                   // "critical", "high", "medium", "low", "info"
  std::string title;                      // "Cipher suite 0 accepted: login without a password"
  std::string remedy;                     // the fix a vendor should make
  std::vector<std::string> references;    // "CVE-2013-4786", "IPMI 2.0 §13.28" ...
};

struct CaseResult {
  std::string id;
  std::string title;
  std::string spec;
  std::string where;                      // the case's file:line:col, "generated", or ""
  std::vector<std::string> tags;
  std::string command;                    // the catalog id the case is about ("get-device-id"), or ""
  std::optional<std::uint8_t> netfn;      // its request netFn (even) and command, when known
  std::optional<std::uint8_t> cmd;
  std::optional<bool> mandatory;          // M/O of the command in the spec, when known
  std::string privilege;                  // the privilege the command requires ("User"), or ""
  std::string severity = "must";          // "must" (FAIL) or "should" (WARN)
  std::vector<std::string> profiles;      // the case library's profiles that select this case
  std::optional<Finding> finding;         // set when a security check fired
  Outcome outcome = Outcome::error;
  // One line: why it is not PASS (the expectation, expected vs seen; the gate; the quirk;
  // the error). Empty for a plain PASS.
  std::string reason;
  std::vector<std::string> quirks_used;   // PASS-WITH-QUIRK: the quirks that made it pass
  std::vector<std::string> notes;         // e.g. "teardown step 1 failed: ..." on a case already failed
  double duration_ms = 0;
  std::vector<StepRecord> steps;          // setup, steps and teardown in the order they ran
};

// What the capability probe found (Get Channel Authentication Capabilities, Get Channel
// Cipher Suites, Get Device ID) and what it could not learn.
struct TargetIdentity {
  std::optional<std::uint8_t> device_id;
  std::optional<std::uint8_t> device_revision;
  std::string firmware;                   // "1.00"
  std::string ipmi_version;               // "2.0"
  std::optional<std::uint32_t> manufacturer_id;
  std::string manufacturer_name;          // from the IANA enterprise number, when known
  std::optional<std::uint16_t> product_id;
  std::string guid;                       // Get System GUID (or Get Device GUID), RFC 4122 text; "" when none
};

struct TargetCapabilities {
  std::optional<bool> ipmi15;
  std::optional<bool> ipmi20;
  std::vector<std::uint8_t> cipher_suites;  // offered RMCP+ suites
  std::vector<std::string> auth_types;      // IPMI 1.5: "none", "md2", "md5", "password", "oem"
  std::optional<std::uint8_t> lan_channel;
  std::vector<std::string> notes;           // what the probe could not learn, and why
};

struct TargetResults {
  std::string name;                       // the target URI without secrets ("sim://", "lanplus://admin@10.0.0.5:623")
  std::string description;                // the transport's describe(): protocol, cipher suite, privilege
  std::string target_profile;             // --target-profile NAME, if any
  std::vector<std::string> quirks;        // its declared quirks
  TargetIdentity identity;
  TargetCapabilities capabilities;
  std::string error;                      // the target could not be reached or probed (every case is then ERROR)
  std::vector<CaseResult> cases;          // in run order
  double duration_ms = 0;

  OutcomeCounts counts() const;
};

// How the run was asked for. No secrets: the command line is stored with secret values masked.
struct RunInfo {
  std::string tool = "ipmict";
  std::string version;
  std::string command_line;               // masked ("--password ***")
  std::string started_at;                 // UTC, ISO 8601 ("2024-05-01T12:00:00Z")
  std::string finished_at;                // empty until complete
  std::string cases_dir;
  std::string case_library_revision;      // "git:<commit>[-dirty]" or "sha256:<first 16 hex of the files' hash>"
  std::string pcap;                       // the run's capture, relative to the output directory, or ""
  std::string profile;                    // --profile
  std::vector<std::string> case_globs;    // --case
  std::vector<std::string> tags;          // --tag
  std::string netfn_filter, cmd_filter;   // --netfn / --cmd as given
  std::string shard;                      // "2/4" or ""
  bool strict = false;
  bool allow_destructive = false;
  unsigned timeout_ms = 0;                // per case
  std::size_t cases_in_library = 0;       // before selection
  std::size_t cases_selected = 0;         // after selection, per target
};

struct RunResults {
  std::string schema = kResultsSchema;
  bool complete = false;                  // false while running, or when the run was cut short
  RunInfo run;
  std::vector<TargetResults> targets;

  OutcomeCounts counts() const;           // over every target
  int exit_code() const;                  // 0 / 1 / 2 from the counts and run.strict; 2 for a target error
};

}  // namespace ipmict::reports
