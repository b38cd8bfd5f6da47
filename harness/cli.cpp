#include "harness/cli.hpp"

#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "harness/cases/check_command.hpp"
#include "harness/catalog_command.hpp"
#include "harness/decode_command.hpp"
#include "harness/fuzz_command.hpp"
#include "harness/raw_command.hpp"
#include "harness/raw_syntax.hpp"
#include "harness/report_command.hpp"
#include "harness/runner/run_command.hpp"
#include "harness/sim_command.hpp"

namespace ipmict {
namespace {

// --password-env/--password-file/--password-prompt (and the K_G twins): secrets are never
// option values themselves (DESIGN.md; README "Secrets").
void add_secret_options(CLI::App& cmd, SecretSource& source, const std::string& name, const std::string& what) {
  auto* env = cmd.add_option("--" + name + "-env", source.env, "read the " + what + " from this environment variable");
  auto* file = cmd.add_option("--" + name + "-file", source.file, "read the " + what + " from this file")->check(CLI::ExistingFile);
  auto* prompt = cmd.add_flag("--" + name + "-prompt", source.prompt, "ask for the " + what + " on the terminal");
  env->excludes(file)->excludes(prompt);
  file->excludes(prompt);
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"ipmict: conformance test suite and fuzzing harness for IPMI BMCs"};
  app.set_version_flag("--version", std::string("ipmict ") + IPMICT_VERSION);
  app.require_subcommand(1);

  DecodeOptions decode;
  CLI::App* decode_cmd = app.add_subcommand(
      "decode", "decode a pcap/pcapng capture, a hex datagram, or hex lines on stdin into named fields");
  decode_cmd->add_option("input", decode.input, "capture file, hex datagram, or - for stdin (the default)");
  add_secret_options(*decode_cmd, decode.password, "password", "user's password (to verify and decrypt RMCP+)");
  add_secret_options(*decode_cmd, decode.kg, "kg", "BMC key K_G (hex with 0x, or text)");
  decode_cmd->add_option("--port", decode.port, "only datagrams to or from this UDP port (default: every RMCP datagram)");
  decode_cmd->add_option("--catalog", decode.catalog_files, "OEM command file to add to the catalog (repeatable)")
      ->check(CLI::ExistingFile);

  std::string catalog_name;
  std::vector<std::string> catalog_files;
  CLI::App* catalog_cmd = app.add_subcommand("catalog", "list the command catalog, or show one command's fields");
  catalog_cmd->add_option("command", catalog_name, "command id or name (e.g. get-device-id)");
  catalog_cmd->add_option("--catalog", catalog_files, "OEM command file to add (repeatable)")->check(CLI::ExistingFile);

  RawOptions raw;
  std::string bridge_channel, bridge_target, transit_channel, transit_target;
  CLI::App* raw_cmd = app.add_subcommand("raw", "send IPMI requests in the byte syntax of `ipmitool raw`");
  raw_cmd->add_option("target", raw.target, "lanplus://USER@HOST[:PORT][?cipher=N&privilege=admin] or lan://USER@HOST")
      ->required();
  raw_cmd->add_option("bytes", raw.tokens, "NETFN CMD [DATA...] (0x2e hex, 046 octal, 46 decimal)");
  raw_cmd->add_option("--batch", raw.batch, "read one request per line from FILE (- for stdin), over one session");
  raw_cmd->add_flag("--json", raw.json, "one JSON object per request");
  raw_cmd->add_option("--pcap", raw.pcap, "write every datagram sent and received to this pcap file");
  add_secret_options(*raw_cmd, raw.password, "password", "user's password (default: $IPMICT_PASSWORD, else a prompt)");
  add_secret_options(*raw_cmd, raw.kg, "kg", "BMC key K_G (hex with 0x, or text)");
  raw_cmd->add_option("-b", bridge_channel, "bridge: channel of the target controller");
  raw_cmd->add_option("-t", bridge_target, "bridge: IPMB address of the target controller");
  raw_cmd->add_option("-B", transit_channel, "double bridge: transit channel");
  raw_cmd->add_option("-T", transit_target, "double bridge: transit address");
  raw_cmd->add_option("--catalog", raw.catalog_files, "OEM command file to add to the catalog (repeatable)")
      ->check(CLI::ExistingFile);

  SimOptions sim;
  CLI::App* sim_cmd = app.add_subcommand("sim", "run the built-in BMC simulator as a LAN daemon (docs/simulator.md)");
  sim_cmd->add_option("--config", sim.config, "YAML configuration (default: the secure default, user \"admin\")")
      ->check(CLI::ExistingFile);
  sim_cmd->add_option("--listen", sim.listen, "HOST:PORT to listen on (port 0: ephemeral)")->capture_default_str();
  sim_cmd->add_option("--state-dir", sim.state_dir, "keep users, SEL, SDR, FRU ... here across restarts");
  sim_cmd->add_option("--personality", sim.personalities,
                      "play a built-in personality, or one from a YAML file (repeatable; see --list-personalities)");
  sim_cmd->add_flag("--list-personalities", sim.list_personalities, "list the built-in personalities and exit");
  sim_cmd->add_flag("--verbose", sim.verbose, "log dropped datagrams and played faults to stderr");
  add_secret_options(*sim_cmd, sim.password, "password", "admin password of the default configuration");

  // `ipmict check [PATH...]` (harness/cases/check_command.hpp).
  cases::CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "validate case files (a folder: the whole library) before anything is sent");
  check_cmd->add_option("paths", check.paths, "case library folders or case files (default: ./cases)");
  check_cmd->add_option("--catalog", check.catalog_files, "OEM command file to add to the catalog (repeatable)")
      ->check(CLI::ExistingFile);

  // --- ipmict run (harness/runner/run_command.hpp) ---------------------------------------
  runner::RunCommandOptions run_opts;
  CLI::App* run_cmd = app.add_subcommand("run", "run the conformance case library against BMCs (default: the built-in simulator)");
  run_cmd->add_option("--target", run_opts.targets,
                      "lanplus://USER@HOST[:PORT], lan://USER@HOST or sim:// (repeatable: targets run in parallel)");
  run_cmd->add_option("--cases", run_opts.cases_dir, "the case library folder")->capture_default_str();
  run_cmd->add_option("--profile", run_opts.profile, "run the cases of cases/profiles/NAME.yaml (built in: full, core, seed, security)");
  run_cmd->add_option("--case", run_opts.case_globs, "only cases whose id matches this glob (repeatable)");
  run_cmd->add_option("--tag", run_opts.tags, "only cases with this tag (repeatable)");
  run_cmd->add_option("--netfn", run_opts.netfn, "only cases of commands of this netFn (0x06, 6)");
  run_cmd->add_option("--cmd", run_opts.cmd, "only cases of commands with this command byte");
  run_cmd->add_option("--shard", run_opts.shard, "run shard K of N (K/N), split by a stable hash of the case id");
  run_cmd->add_flag("--list", run_opts.list, "list the selected case ids and exit");
  run_cmd->add_flag("--dry-run", run_opts.dry_run, "show what would run on which target; send nothing");
  run_cmd->add_flag("--allow-destructive", run_opts.allow_destructive, "also run destructive cases (resets, Clear SEL ...)");
  run_cmd->add_flag("--strict", run_opts.strict, "a WARN (a SHOULD missed) counts as FAIL");
  run_cmd->add_option("--timeout-ms", run_opts.timeout_ms, "time limit per case")->capture_default_str()->check(CLI::PositiveNumber);
  run_cmd->add_option("--jobs", run_opts.jobs,
                      "isolated cases (they wait: silences, clocks) run this many at a time after the others, each on "
                      "sessions of its own (default: 6 on sim://, 2 on a BMC; 1: one after another)")
      ->check(CLI::Range(1, 16));
  run_cmd->add_option("--out", run_opts.out_dir, "write results.json, summary.txt, junit.xml, report.html, report.md and run.pcap here")
      ->capture_default_str();
  run_cmd->add_flag("!--no-junit", run_opts.formats.junit, "do not write junit.xml");
  run_cmd->add_flag("!--no-html", run_opts.formats.html, "do not write report.html");
  run_cmd->add_flag("!--no-markdown", run_opts.formats.markdown, "do not write report.md");
  run_cmd->add_flag("--pcap,!--no-pcap", run_opts.pcap,
                    "capture every datagram of the LAN sessions in run.pcap (the default; --no-pcap: none)");
  run_cmd->add_option("--target-profile", run_opts.target_profile, "the quirks of the target: cases/targets/NAME.yaml");
  add_secret_options(*run_cmd, run_opts.password, "password", "password of lan/lanplus targets (default: $IPMICT_PASSWORD, else a prompt)");
  add_secret_options(*run_cmd, run_opts.kg, "kg", "BMC key K_G (hex with 0x, or text)");

  // --- ipmict report diff|merge|render (harness/report_command.hpp) -----------------------
  CLI::App* report_cmd = app.add_subcommand("report", "compare, merge and render saved results.json files (docs/reports.md)");
  report_cmd->require_subcommand(1);
  ReportDiffOptions report_diff;
  CLI::App* report_diff_cmd =
      report_cmd->add_subcommand("diff", "what changed between two runs; exit code 1 on a regression (a new FAIL or ERROR)");
  report_diff_cmd->add_option("base", report_diff.base, "BASE results.json (the run to compare against)")->required();
  report_diff_cmd->add_option("new", report_diff.now, "NEW results.json")->required();
  report_diff_cmd->add_option("--md", report_diff.markdown, "also write the diff as Markdown to this file (for a CI comment)");
  ReportMergeOptions report_merge;
  CLI::App* report_merge_cmd =
      report_cmd->add_subcommand("merge", "merge results files: shards of one target join, other targets are kept side by side");
  report_merge_cmd->add_option("inputs", report_merge.inputs, "results.json files")->required();
  report_merge_cmd->add_option("--out", report_merge.out, "write the merged results.json here")->required();
  ReportRenderOptions report_render;
  CLI::App* report_render_cmd = report_cmd->add_subcommand("render", "write HTML, JUnit XML or Markdown from a results.json");
  report_render_cmd->add_option("results", report_render.input, "results.json")->required();
  report_render_cmd->add_option("--html", report_render.html, "write the self-contained HTML report here");
  report_render_cmd->add_option("--junit", report_render.junit, "write JUnit XML here (Jenkins, GitLab, GitHub test reporters)");
  report_render_cmd->add_option("--md", report_render.markdown, "write the Markdown summary here (CI comments)");
  // --- ipmict fuzz (harness/fuzz_command.hpp, docs/network-fuzzer.md) -----------------------
  FuzzOptions fuzz;
  CLI::App* fuzz_cmd = app.add_subcommand("fuzz", "network fuzzing campaign against a live BMC (loopback unless --allow-remote)");
  fuzz_cmd->add_option("target", fuzz.target, "lanplus://USER@HOST[:PORT], lan://USER@HOST[:PORT] or sim://?personality=NAME")
      ->required();
  fuzz_cmd->add_option("--seed", fuzz.seed, "the campaign's seed: the same seed makes the same inputs")->capture_default_str();
  fuzz_cmd->add_option("--max-inputs", fuzz.max_inputs, "stop after this many inputs")->capture_default_str();
  fuzz_cmd->add_option("--max-time", fuzz.max_time, "stop after this many seconds")->capture_default_str();
  fuzz_cmd->add_option("--rate", fuzz.rate, "at most this many datagrams per second (0: no limit)")->capture_default_str();
  fuzz_cmd->add_option("--liveness-every", fuzz.liveness_every, "check the target is alive every N inputs")
      ->capture_default_str();
  fuzz_cmd->add_option("--flows", fuzz.flows, "comma-separated: pre-session, ipmi15, in-session, or flow names (default: all)");
  fuzz_cmd->add_option("--corpus", fuzz.corpus, "keep inputs with new behaviour here; a campaign with the same seed resumes");
  fuzz_cmd->add_option("--out", fuzz.out, "findings go to OUT/crash-N/")->capture_default_str();
  fuzz_cmd->add_option("--replay", fuzz.replay, "resend a reproducer's inputs; exit 1 if the target stops answering")
      ->check(CLI::ExistingFile);
  fuzz_cmd->add_option("--restart-cmd", fuzz.restart_cmd,
                       "command that restarts an external target, for shrinking (split at spaces, run without a shell)");
  fuzz_cmd->add_flag("--no-shrink", fuzz.no_shrink, "write the last inputs as the reproducer without shrinking");
  fuzz_cmd->add_option("--shrink-time", fuzz.shrink_time, "seconds the shrinker may spend")->capture_default_str();
  fuzz_cmd->add_option("--reply-timeout-ms", fuzz.reply_timeout_ms, "wait for an answer to a mutated datagram")
      ->capture_default_str()->check(CLI::PositiveNumber);
  fuzz_cmd->add_option("--liveness-timeout-ms", fuzz.liveness_timeout_ms, "per try of the liveness oracle")
      ->capture_default_str()->check(CLI::PositiveNumber);
  fuzz_cmd->add_option("--history", fuzz.history, "inputs kept for the reproducer")->capture_default_str();
  fuzz_cmd->add_flag("--allow-remote", fuzz.allow_remote, "allow a target that is not on loopback (a lab BMC)");
  fuzz_cmd->add_flag("--allow-destructive", fuzz.allow_destructive,
                     "also send commands that change users, channels, power, firmware ... (never on a BMC you need)");
  add_secret_options(*fuzz_cmd, fuzz.password, "password", "user's password (default: $IPMICT_PASSWORD, else a prompt)");
  add_secret_options(*fuzz_cmd, fuzz.kg, "kg", "BMC key K_G (hex with 0x, or text)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (check_cmd->parsed()) return cases::run_check(check, std::cout, std::cerr);
  if (decode_cmd->parsed()) return run_decode(decode, std::cin, std::cout, std::cerr);
  if (sim_cmd->parsed()) return run_sim(sim, std::cout, std::cerr);
  if (fuzz_cmd->parsed()) return run_fuzz(fuzz, std::cout, std::cerr);
  if (run_cmd->parsed()) {
    run_opts.command_line = runner::masked_command_line(argc, argv);
    run_opts.terminal = ::isatty(STDOUT_FILENO) != 0;
    run_opts.handle_signals = true;
    return runner::run_run(run_opts, std::cout, std::cerr);
  }
  if (report_diff_cmd->parsed()) return run_report_diff(report_diff, std::cout, std::cerr);
  if (report_merge_cmd->parsed()) return run_report_merge(report_merge, std::cout, std::cerr);
  if (report_render_cmd->parsed()) return run_report_render(report_render, std::cout, std::cerr);
  if (catalog_cmd->parsed()) return run_catalog(catalog_name, catalog_files, std::cout, std::cerr);
  if (raw_cmd->parsed()) {
    struct {
      const std::string& text;
      std::optional<std::uint8_t>& value;
      const char* flag;
    } bytes[] = {{bridge_channel, raw.bridge_channel, "-b"},
                 {bridge_target, raw.bridge_target, "-t"},
                 {transit_channel, raw.transit_channel, "-B"},
                 {transit_target, raw.transit_target, "-T"}};
    for (auto& b : bytes) {
      if (b.text.empty()) continue;
      auto v = parse_raw_byte(b.text);
      if (!v) {
        std::cerr << "ipmict raw: " << b.flag << " " << v.error() << '\n';
        return 2;
      }
      b.value = *v;
    }
    return run_raw(raw, std::cin, std::cout, std::cerr);
  }
  return 2;
}

}  // namespace ipmict
