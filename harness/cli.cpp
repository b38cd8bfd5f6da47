#include "harness/cli.hpp"

#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "harness/cases/check_command.hpp"
#include "harness/catalog_command.hpp"
#include "harness/decode_command.hpp"
#include "harness/raw_command.hpp"
#include "harness/raw_syntax.hpp"
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (check_cmd->parsed()) return cases::run_check(check, std::cout, std::cerr);
  if (decode_cmd->parsed()) return run_decode(decode, std::cin, std::cout, std::cerr);
  if (sim_cmd->parsed()) return run_sim(sim, std::cout, std::cerr);
  if (run_cmd->parsed()) {
    run_opts.command_line = runner::masked_command_line(argc, argv);
    run_opts.terminal = ::isatty(STDOUT_FILENO) != 0;
    run_opts.handle_signals = true;
    return runner::run_run(run_opts, std::cout, std::cerr);
  }
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
