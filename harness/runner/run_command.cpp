// `ipmict run`.
#include "harness/runner/run_command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "harness/raw_syntax.hpp"
#include "harness/runner/case_metadata.hpp"
#include "harness/runner/interrupt.hpp"
#include "harness/runner/library_revision.hpp"
#include "harness/runner/progress.hpp"
#include "harness/runner/results_writer.hpp"
#include "harness/runner/run_capture.hpp"
#include "harness/runner/selection.hpp"
#include "harness/runner/target_runner.hpp"
#include "harness/target_uri.hpp"
#include "reports/summary.hpp"

#include "harness/cases/loader.hpp"

namespace ipmict::runner {
namespace {

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

tl::expected<cases::Library, std::string> load_cases(const std::string& dir, const catalog::Catalog& catalog) {
  auto loaded = cases::load_library(dir, catalog);
  if (loaded) return std::move(*loaded);
  std::string out;
  for (const auto& d : loaded.error()) out += "\n  " + d.to_string();
  return tl::unexpected(fmt::format("{} problem(s) in the case library (run `ipmict check {}`):{}", loaded.error().size(), dir, out));
}

constexpr const char* kPcapFile = "run.pcap";

const char* const kSecretOptions[] = {"--password", "--kg", "-P", "-k"};

}  // namespace

std::string masked_command_line(int argc, const char* const* argv) {
  std::string out;
  bool mask_next = false;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i] != nullptr ? argv[i] : "";
    if (mask_next) {
      a = "***";
      mask_next = false;
    } else {
      for (const char* s : kSecretOptions) {
        const std::string opt(s);
        if (a == opt) {
          mask_next = true;
        } else if (a.rfind(opt + "=", 0) == 0) {
          a = opt + "=***";
        }
      }
    }
    const bool quote = a.empty() || a.find_first_of(" \t'\"$") != std::string::npos;
    out += (out.empty() ? "" : " ") + (quote ? "'" + a + "'" : a);
  }
  return out;
}

int run_library(const RunCommandOptions& o, const cases::Library& library, std::ostream& out, std::ostream& err) {
  const catalog::Catalog catalog = catalog::builtin_catalog();

  // --- selection -------------------------------------------------------------------
  Selection sel;
  sel.case_globs = o.case_globs;
  sel.tags = o.tags;
  if (!o.netfn.empty()) {
    auto v = parse_raw_byte(o.netfn);
    if (!v) {
      err << "ipmict run: --netfn " << v.error() << '\n';
      return 2;
    }
    sel.netfn = *v;
  }
  if (!o.cmd.empty()) {
    auto v = parse_raw_byte(o.cmd);
    if (!v) {
      err << "ipmict run: --cmd " << v.error() << '\n';
      return 2;
    }
    sel.cmd = *v;
  }
  std::optional<cases::Profile> builtin;
  if (!o.profile.empty()) {
    for (const auto& p : library.profiles) {
      if (p.name == o.profile) sel.profile = &p;
    }
    if (sel.profile == nullptr) {
      builtin = builtin_profile(o.profile);
      if (!builtin) {
        std::string known;
        for (const auto& p : library.profiles) known += (known.empty() ? "" : ", ") + p.name;
        err << "ipmict run: unknown profile '" << o.profile << "' (known: " << (known.empty() ? "full, core, seed, security" : known)
            << ")\n";
        return 2;
      }
      sel.profile = &*builtin;
    }
  }
  if (!o.shard.empty()) {
    auto s = parse_shard(o.shard);
    if (!s) {
      err << "ipmict run: " << s.error() << '\n';
      return 2;
    }
    sel.shard = *s;
  }
  const auto all = library_cases(library);
  const auto selected = select_cases(all, sel, catalog);

  if (o.list) {
    for (const auto* c : selected) out << c->id << (c->title.empty() ? "" : "  " + c->title) << '\n';
    return 0;
  }

  // --- targets ------------------------------------------------------------------------
  std::vector<std::string> uris = o.targets;
  if (uris.empty()) uris.emplace_back("sim://");
  std::vector<Target> parsed;
  for (const auto& u : uris) {
    auto t = parse_target(u);
    if (!t) {
      err << "ipmict run: " << t.error() << '\n';
      return 2;
    }
    parsed.push_back(*t);
  }
  std::vector<std::string> quirks;
  if (!o.target_profile.empty()) {
    const cases::TargetProfile* tp = nullptr;
    for (const auto& t : library.targets) {
      if (t.name == o.target_profile) tp = &t;
    }
    if (tp == nullptr) {
      std::string known;
      for (const auto& t : library.targets) known += (known.empty() ? "" : ", ") + t.name;
      err << "ipmict run: unknown target profile '" << o.target_profile << "' (known: " << (known.empty() ? "none" : known)
          << "; see cases/targets/)\n";
      return 2;
    }
    quirks = tp->quirks;
  }

  if (o.dry_run) {
    out << fmt::format("would run {} of {} cases on {} target(s):\n", selected.size(), all.size(), parsed.size());
    for (const auto& t : parsed) out << "  target " << t.to_string() << '\n';
    for (const auto* c : selected) {
      out << "  " << c->id;
      if ((c->destructive || std::find(c->requires_.begin(), c->requires_.end(), "destructive") != c->requires_.end()) &&
          !o.allow_destructive) {
        out << "  (SKIP: destructive, no --allow-destructive)";
      } else if (!c->requires_.empty()) {
        std::string g;
        for (const auto& r : c->requires_) g += (g.empty() ? "" : ", ") + r;
        out << "  (requires " << g << ")";
      }
      out << '\n';
    }
    return 0;
  }

  // Declared before the targets: their sessions send Close Session through it as they end.
  std::unique_ptr<RunCapture> capture;
  std::vector<TargetSetup> setups(parsed.size());
  auto make = [&](std::size_t i) {
    auto s = make_target(parsed[i], o.password, o.kg);
    if (!s) {
      err << "ipmict run: " << s.error() << '\n';
      return false;
    }
    s->quirks = quirks;
    s->target_profile = o.target_profile;
    setups[i] = std::move(*s);
    return true;
  };
  // lan:// and lanplus:// targets first: they may ask for a password on the terminal, where
  // Ctrl-C must still simply end the program.
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (parsed[i].scheme != Target::Scheme::sim && !make(i)) return 2;
  }
  // From here on SIGINT/SIGTERM stop the run after the case under way (interrupt.hpp). The
  // watcher comes before the simulators and the target threads: the threads they start
  // inherit its signal mask.
  std::optional<InterruptWatcher> watcher;
  if (o.handle_signals) watcher.emplace();
  const std::atomic<bool> never{false};
  const std::atomic<bool>& stop = watcher ? watcher->stop() : never;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (parsed[i].scheme == Target::Scheme::sim && !make(i)) return 2;
  }

  const std::filesystem::path out_dir(o.out_dir);
  {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) {
      err << "ipmict run: cannot create " << out_dir.string() << ": " << ec.message() << '\n';
      return 2;
    }
  }
  // The run's capture, when a target has a network: every datagram of every LAN session.
  const bool any_lan = std::any_of(setups.begin(), setups.end(), [](const TargetSetup& s) { return s.lan.has_value(); });
  if (o.pcap && any_lan) {
    auto c = RunCapture::create(out_dir / kPcapFile);
    if (!c) {
      err << "ipmict run: --pcap: " << c.error() << " (--no-pcap runs without a capture)\n";
      return 2;
    }
    capture = std::move(*c);
    for (auto& s : setups) capture_datagrams(s, capture.get());
  }

  // --- results ----------------------------------------------------------------------
  RunResults initial;
  auto& info = initial.run;
  info.version = IPMICT_VERSION;
  info.command_line = o.command_line;
  info.started_at = utc_now();
  info.cases_dir = o.cases_dir;
  info.case_library_revision = case_library_revision(o.cases_dir);
  info.pcap = capture ? kPcapFile : "";
  info.profile = o.profile;
  info.case_globs = o.case_globs;
  info.tags = o.tags;
  info.netfn_filter = o.netfn;
  info.cmd_filter = o.cmd;
  info.shard = o.shard;
  info.strict = o.strict;
  info.allow_destructive = o.allow_destructive;
  info.timeout_ms = o.timeout_ms;
  info.cases_in_library = all.size();
  info.cases_selected = selected.size();
  for (const auto& s : setups) {
    TargetResults tr;
    tr.name = s.name;
    tr.target_profile = s.target_profile;
    tr.quirks = s.quirks;
    initial.targets.push_back(std::move(tr));
  }
  ResultsWriter writer(out_dir, std::move(initial));
  if (auto w = writer.start(); !w) {
    err << "ipmict run: " << w.error() << '\n';
    return 2;
  }

  ExecOptions exec;
  exec.strict = o.strict;
  exec.allow_destructive = o.allow_destructive;
  exec.timeout = std::chrono::milliseconds(o.timeout_ms);
  exec.jobs = o.jobs;
  const CaseMetadata metadata(catalog, library.profiles);
  RunControl control;
  control.metadata = &metadata;
  control.stop = &stop;

  Progress progress(out, o.terminal, selected.size() * setups.size(), setups.size() > 1);
  std::mutex error_mutex;
  std::string write_error;
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < setups.size(); ++i) {
    threads.emplace_back([&, i] {
      auto& setup = setups[i];
      TargetEvents ev;
      ev.started = [&](const std::string& id) { progress.started(setup.name, id); };
      ev.probed = [&](TargetResults& header) { writer.set_target(i, header); };
      ev.finished = [&](std::size_t position, const CaseResult& r) {
        progress.finished(setup.name, r);
        if (auto w = writer.add_case(i, position, r); !w) {
          std::lock_guard<std::mutex> lock(error_mutex);
          write_error = w.error();
        }
      };
      const auto tr = run_target(setup, selected, catalog, exec, ev, control);
      writer.set_target_duration(i, tr.duration_ms);
      setup = TargetSetup();  // close sessions, stop a simulator, as soon as this target is done
    });
  }
  for (auto& t : threads) t.join();
  progress.done();

  const int signal = watcher ? watcher->signal() : 0;
  auto w = writer.finish(utc_now(), signal == 0, o.formats);
  const RunResults results = writer.snapshot();
  out << reports::format_summary(results);
  std::string files;
  for (const auto& f : writer.written()) files += (files.empty() ? "" : ", ") + f.string();
  if (capture && capture->recorded() > 0) files += (files.empty() ? "" : ", ") + capture->path().string();
  out << "reports: " << (files.empty() ? std::string("none") : files) << '\n';
  if (capture) {
    if (capture->withheld() > 0) {
      err << "ipmict run: " << capture->path().string() << ": " << capture->withheld()
          << " datagram(s) of IPMI 1.5 sessions with straight-password authentication were left out: they carry the "
             "password in clear\n";
    }
    if (auto e = capture->error()) err << "ipmict run: " << capture->path().string() << ": " << *e << '\n';
  }
  if (!w || !write_error.empty()) {
    err << "ipmict run: " << (!w ? w.error() : write_error) << '\n';
    if (signal == 0) return 2;
  }
  if (signal != 0) {
    err << fmt::format("ipmict run: interrupted: {} of {} case results written, \"complete\": false\n", results.counts().total(),
                       selected.size() * setups.size());
    return interrupted_exit_code(signal);
  }
  return results.exit_code();
}

int run_run(const RunCommandOptions& options, std::ostream& out, std::ostream& err) {
  const catalog::Catalog catalog = catalog::builtin_catalog();
  auto library = load_cases(options.cases_dir, catalog);
  if (!library) {
    err << "ipmict run: " << options.cases_dir << ": " << library.error() << '\n';
    return 2;
  }
  return run_library(options, *library, out, err);
}

}  // namespace ipmict::runner
