#pragma once
// `ipmict run` (docs/results-model.md, docs/case-format.md): load the case library, select,
// run on one or several targets in parallel (one thread each), show progress, write
// ipmict-out/results.json as cases end, and at the end (or when interrupted)
// summary.txt, junit.xml, report.html and report.md; run.pcap as it goes.
//
// Exit code: 0 every case PASS, PASS-WITH-QUIRK, SKIP, UNSUPPORTED or WARN (without
// --strict); 1 a FAIL (or a WARN with --strict); 2 an ERROR, a target that could not be
// reached, or bad usage; 128 + the signal (130 SIGINT, 143 SIGTERM) for a run cut short.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "harness/cases/case_model.hpp"
#include "harness/runner/results_writer.hpp"
#include "harness/secret_source.hpp"

namespace ipmict::runner {

struct RunCommandOptions {
  std::vector<std::string> targets;     // URIs; none: the built-in simulator (sim://)
  std::string cases_dir = "cases";
  std::string profile;                  // cases/profiles/NAME.yaml, or a built-in one
  std::vector<std::string> case_globs;  // --case
  std::vector<std::string> tags;        // --tag
  std::string netfn, cmd;               // --netfn / --cmd (ipmitool byte syntax: 0x06, 6)
  std::string shard;                    // "K/N"
  bool list = false;                    // print the selected case ids and exit
  bool dry_run = false;                 // print what would run on which target, send nothing
  bool allow_destructive = false;
  bool strict = false;
  unsigned timeout_ms = 30000;          // per case
  std::optional<unsigned> jobs;         // `isolated:` cases at a time; nullopt: 6 on sim://, 2 on a BMC
  std::string out_dir = "ipmict-out";
  std::string target_profile;           // cases/targets/NAME.yaml: the quirks of the targets
  SecretSource password;                // for lan:// and lanplus:// targets
  SecretSource kg;
  std::string command_line;             // as typed, already masked (for results.json)
  bool terminal = false;                // stdout is a terminal: the live one-line display
  ReportFormats formats;                // --no-junit / --no-html / --no-markdown
  bool pcap = true;                     // --pcap / --no-pcap: run.pcap of the LAN sessions
  bool handle_signals = false;          // SIGINT/SIGTERM stop the run cleanly (the command line sets it)
};

// Loads `options.cases_dir` with the case loader and runs. Exit code as above.
int run_run(const RunCommandOptions& options, std::ostream& out, std::ostream& err);

// Runs a library already in memory (tests, and run_run after loading).
int run_library(const RunCommandOptions& options, const cases::Library& library, std::ostream& out, std::ostream& err);

// The command line with secret values masked: "--password X" / "--password=X" / "--kg X"
// become "--password ***"; names of variables and files (--password-env VAR) are kept.
std::string masked_command_line(int argc, const char* const* argv);

}  // namespace ipmict::runner
