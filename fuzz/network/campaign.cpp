#include "fuzz/network/campaign.hpp"

#include <cstdio>
#include <deque>
#include <fstream>
#include <ostream>

#include "fuzz/network/corpus.hpp"
#include "fuzz/network/flow_runner.hpp"
#include "fuzz/network/generator.hpp"
#include "fuzz/network/rate_limiter.hpp"
#include "fuzz/network/replay.hpp"
#include "fuzz/network/reproducer.hpp"
#include "fuzz/network/rng.hpp"
#include "fuzz/network/shrinker.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kProbePause{500};
constexpr std::chrono::seconds kProgressEvery{10};
constexpr std::uint64_t kSaveProgressEvery = 100;

// OUT/crash-N with the first N not taken, so a second campaign never overwrites a finding.
std::filesystem::path next_crash_dir(const std::filesystem::path& out) {
  for (unsigned n = 1; n < 100000; ++n) {
    auto dir = out / ("crash-" + std::to_string(n));
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return dir;
  }
  return out / "crash-overflow";
}

std::size_t datagrams_sent(const std::vector<InputRecord>& records) {
  std::size_t n = 0;
  for (const InputRecord& r : records) {
    for (const Packet& p : r.packets) n += p.outbound ? 1 : 0;
  }
  return n;
}

std::string flows_text(const std::vector<FlowKind>& flows) {
  std::string out;
  for (const FlowKind f : flows) out += (out.empty() ? "" : ",") + std::string(flow_name(f));
  return out;
}

std::string seconds_text(Clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::chrono::duration<double>(d).count());
  return buf;
}

}  // namespace

CampaignResult run_campaign(const CampaignOptions& o, const FuzzTarget& target, std::ostream& log) {
  CampaignResult result;
  CampaignStats& stats = result.stats;
  const auto start = Clock::now();
  const Credentials& creds = target.credentials;

  Corpus corpus;
  if (o.corpus_dir) {
    auto c = Corpus::open(*o.corpus_dir);
    if (!c) {
      result.error = c.error();
      return result;
    }
    corpus = std::move(*c);
  }
  GeneratorConfig gc;
  gc.flows = o.flows;
  if (gc.flows.empty()) gc.flows.assign(std::begin(kAllFlowKinds), std::end(kAllFlowKinds));
  std::erase(gc.flows, FlowKind::raw);
  gc.requests = request_pool(o.allow_destructive);
  InputGenerator generator(gc);
  for (const Input& in : corpus.inputs()) generator.add_base(in);

  // The baseline: a target that is down before the first input makes every finding a lie.
  LivenessOptions live;
  live.timeout = o.liveness_timeout;
  auto baseline = probe_liveness(target.endpoint, creds, target.protocol, live);
  if (baseline.verdict != Verdict::alive) {
    result.error = target.description + " is not usable before fuzzing (" + std::string(verdict_name(baseline.verdict)) +
                   "): " + baseline.detail;
    return result;
  }
  live.use_asf = baseline.asf_answered;

  auto link = transport::UdpLink::open(target.endpoint.host, target.endpoint.port);
  if (!link) {
    result.error = link.error().message;
    return result;
  }
  RateLimiter rate(o.rate);
  RunnerOptions runner_options;
  runner_options.reply_timeout = o.reply_timeout;
  runner_options.live_timeout = o.live_timeout;
  runner_options.allow_destructive = o.allow_destructive;
  runner_options.session_seed = FuzzRng::derive(o.seed, ~std::uint64_t{0});
  runner_options.session_reuse = o.session_reuse;
  FlowRunner runner(**link, creds, runner_options, &rate);

  std::uint64_t index = corpus.resume_point(o.seed).value_or(0);
  stats.first_index = index;
  const std::uint64_t end_index = index + o.max_inputs;
  log << "ipmict fuzz: " << target.description << ", seed " << o.seed << ", flows " << flows_text(gc.flows) << "\n"
      << "  up to " << o.max_inputs << " inputs / " << o.max_time.count() << " s"
      << (o.rate > 0 ? ", " + std::to_string(static_cast<long long>(o.rate)) + " datagrams/s" : std::string(", no rate limit"))
      << ", liveness every " << o.liveness_every << " inputs" << (live.use_asf ? "" : " (no Presence Pong: sessions only)")
      << std::endl;
  if (index > 0) log << "  resuming at input " << index << " (corpus " << o.corpus_dir->string() << ")\n";
  if (!corpus.inputs().empty()) log << "  corpus: " << corpus.inputs().size() << " inputs\n";

  std::deque<InputRecord> history;
  std::size_t since_check = 0;
  unsigned silent = 0;
  bool refused_logged = false;
  std::optional<LivenessResult> down;
  const auto deadline = start + o.max_time;
  auto next_progress = start + kProgressEvery;
  bool corpus_error_logged = false;

  while (index < end_index && Clock::now() < deadline) {
    const Input input = generator.generate(FuzzRng::derive(o.seed, index));
    InputRecord rec = runner.run(input, index);
    ++index;
    stats.add(rec);

    std::vector<std::string> fresh;
    for (const std::string& sig : rec.signatures) {
      if (corpus.add_signature(sig)) fresh.push_back(sig);
    }
    stats.new_behaviours += fresh.size();
    if (!fresh.empty() && !rec.skipped_destructive) {
      if (auto saved = corpus.add_input(rec, fresh); !saved && !corpus_error_logged) {
        log << "warning: corpus: " << saved.error() << "\n";
        corpus_error_logged = true;
      }
      generator.add_base(input);
    }
    silent = rec.sent > 0 && rec.received == 0 ? silent + 1 : 0;
    const bool anomaly = rec.target_gone || rec.expected_reply_missing || silent >= o.silence_trigger;
    history.push_back(std::move(rec));
    if (history.size() > o.history) history.pop_front();
    ++since_check;

    if (anomaly || since_check >= o.liveness_every) {
      ++stats.liveness_checks;
      auto l = confirm_liveness(target.endpoint, creds, target.protocol, live, 2, kProbePause);
      if (is_down(l.verdict)) {
        down = l;
        break;
      }
      if (l.verdict == Verdict::refused && !refused_logged) {
        log << "  note: after input " << index - 1 << " the target answers but refuses a session: " << l.detail << "\n";
        refused_logged = true;
      }
      // After an anomaly the shared sessions may be broken: close them (a session merely
      // forgotten holds a slot of the BMC's table until it times out) and start afresh.
      if (anomaly) {
        const InputRecord closed = runner.close_sessions();
        stats.datagrams_sent += closed.sent;
        stats.datagrams_received += closed.received;
      }
      since_check = 0;
      silent = 0;
    }
    if (index % kSaveProgressEvery == 0) (void)corpus.save_progress(o.seed, index);
    if (Clock::now() >= next_progress) {
      next_progress += kProgressEvery;
      stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      char rate_text[32];
      std::snprintf(rate_text, sizeof rate_text, "%.1f", stats.inputs_per_second());
      log << "  [" << seconds_text(Clock::now() - start) << " s] " << stats.inputs << " inputs (" << rate_text
          << "/s), " << stats.new_behaviours << " behaviours, corpus " << corpus.inputs().size() << std::endl;
    }
  }

  stats.sessions_established = runner.counters().sessions_established;
  stats.session_failures = runner.counters().session_failures;
  stats.corpus_inputs = corpus.inputs().size();
  if (auto saved = corpus.save_progress(o.seed, index); !saved) log << "warning: corpus: " << saved.error() << "\n";

  if (!down) {
    runner.close_sessions();
    stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
  }

  // --- a finding ----------------------------------------------------------------------
  stats.findings = 1;
  Finding f;
  f.input_index = index - 1;
  f.liveness = *down;
  f.dir = next_crash_dir(o.out_dir);
  const std::vector<InputRecord> window(history.begin(), history.end());
  f.last_inputs = window.size();
  log << "FINDING after input " << f.input_index << ": the target " << verdict_name(down->verdict) << " (" << down->detail
      << ")" << std::endl;
  std::vector<std::string> comments{
      "target: " + target.description,
      "seed: " + std::to_string(o.seed) + ", flows: " + flows_text(gc.flows),
      "finding after input " + std::to_string(f.input_index) + ": the target " + std::string(verdict_name(down->verdict)),
      "oracle: " + down->detail,
  };
  const transport::IpEndpoint local = (*link)->local_endpoint();
  const transport::IpEndpoint remote = (*link)->remote_endpoint();
  if (auto w = write_reproducer(f.dir, "last-inputs", window,
                                [&] {
                                  auto c = comments;
                                  c.push_back("the last " + std::to_string(window.size()) + " inputs before the finding");
                                  return c;
                                }(),
                                local, remote);
      !w) {
    result.error = "cannot write the reproducer: " + w.error();
  }

  std::vector<InputRecord> reproducer_records = window;
  transport::IpEndpoint rep_local = local, rep_remote = remote;
  f.reproducer = [&] {
    std::vector<Input> v;
    for (const InputRecord& r : window) v.push_back(r.input);
    return v;
  }();
  if (!o.shrink || !target.restart) {
    f.note = !o.shrink ? "not shrunk (--no-shrink)" : "not shrunk: " + target.no_restart_reason;
  } else {
    log << "  shrinking (fresh target per attempt, up to " << o.shrink_time.count() << " s) ...\n";
    ReplayOptions ro;
    ro.runner = runner_options;
    ro.liveness = live;
    ro.rate = o.rate;
    ro.probes = 1;
    const ReproduceFn reproduce = [&](const std::vector<Input>& inputs) -> tl::expected<bool, std::string> {
      auto endpoint = target.restart();
      if (!endpoint) return tl::unexpected("cannot restart the target: " + endpoint.error());
      auto out = run_and_probe(inputs, *endpoint, creds, target.protocol, ro);
      if (out.error) return tl::unexpected(*out.error);
      return is_down(out.liveness.verdict);
    };
    ShrinkOptions so;
    so.time_budget = o.shrink_time;
    so.recent = std::max<std::size_t>(1, std::min<std::size_t>(8, since_check));
    const ShrinkResult sr = shrink(window, reproduce, so);
    f.note = sr.note;
    if (sr.reproduced) {
      // Once more with two probes, recording the datagrams for the reproducer's pcap.
      ro.probes = 2;
      ro.probe_pause = kProbePause;
      auto endpoint = target.restart();
      if (endpoint) {
        auto out = run_and_probe(sr.inputs, *endpoint, creds, target.protocol, ro);
        f.confirmed = !out.error && is_down(out.liveness.verdict);
        if (!out.error) {
          reproducer_records = std::move(out.records);
          rep_local = out.local;
          rep_remote = out.remote;
        }
      }
      f.reproducer = sr.inputs;
      f.shrunk = true;
      if (!f.confirmed) f.note += "; the final confirmation did not take the target down (flaky?)";
    }
  }
  f.reproducer_datagrams = datagrams_sent(reproducer_records);
  comments.push_back(f.note);
  if (auto w = write_reproducer(f.dir, "reproducer", reproducer_records, comments, rep_local, rep_remote); !w) {
    result.error = "cannot write the reproducer: " + w.error();
  }
  {
    std::ofstream summary(f.dir / "finding.txt", std::ios::trunc);
    for (const std::string& c : comments) summary << c << "\n";
    summary << "reproducer: reproducer.txt (" << f.reproducer.size() << " inputs, " << f.reproducer_datagrams
            << " datagrams), reproducer.pcap\nlast inputs: last-inputs.txt (" << f.last_inputs
            << " inputs), last-inputs.pcap\nreplay: ipmict fuzz TARGET --replay " << (f.dir / "reproducer.txt").string()
            << "\n";
  }
  log << "  " << f.note << "\n  reproducer: " << (f.dir / "reproducer.txt").string() << " (" << f.reproducer.size()
      << " inputs, " << f.reproducer_datagrams << " datagrams) and reproducer.pcap; last " << f.last_inputs
      << " inputs in last-inputs.txt\n";
  result.finding = std::move(f);
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace ipmict::netfuzz
