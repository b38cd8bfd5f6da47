#include "harness/fuzz_command.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>
#include <ostream>
#include <thread>

#include <fmt/format.h>

#include "fuzz/network/campaign.hpp"
#include "fuzz/network/replay.hpp"
#include "fuzz/network/reproducer.hpp"
#include "harness/connect.hpp"
#include "harness/restart_command.hpp"
#include "harness/split_words.hpp"
#include "harness/target_uri.hpp"
#include "protocol/session/client_session.hpp"
#include "sim/personality_yaml.hpp"
#include "sim/simulator.hpp"

namespace ipmict {
namespace {

using netfuzz::FlowKind;

constexpr std::chrono::seconds kRestartCommandTimeout{120};
constexpr std::chrono::seconds kRestartReadyTimeout{60};

// True when every address the name resolves to is a loopback address (127.0.0.0/8, ::1).
tl::expected<bool, std::string> is_loopback_host(const std::string& host) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* list = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (rc != 0) return tl::unexpected(fmt::format("cannot resolve \"{}\": {}", host, ::gai_strerror(rc)));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(list, &::freeaddrinfo);
  bool all = list != nullptr;
  for (const addrinfo* a = list; a != nullptr; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      sockaddr_in v4{};
      std::memcpy(&v4, a->ai_addr, sizeof v4);
      all = all && (ntohl(v4.sin_addr.s_addr) >> 24) == 127;
    } else if (a->ai_family == AF_INET6) {
      sockaddr_in6 v6{};
      std::memcpy(&v6, a->ai_addr, sizeof v6);
      all = all && IN6_IS_ADDR_LOOPBACK(&v6.sin6_addr);
    } else {
      all = false;
    }
  }
  return all;
}

tl::expected<std::vector<FlowKind>, std::string> parse_flows(const std::string& text) {
  std::vector<FlowKind> flows;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const std::size_t comma = text.find(',', start);
    const std::string word = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    if (word.empty()) continue;
    if (auto group = netfuzz::parse_group(word); group && *group != netfuzz::FlowGroup::raw) {
      for (const FlowKind f : netfuzz::kAllFlowKinds) {
        if (netfuzz::flow_group(f) == *group) flows.push_back(f);
      }
    } else if (auto flow = netfuzz::parse_flow(word); flow && *flow != FlowKind::raw) {
      flows.push_back(*flow);
    } else {
      std::string known = "pre-session, ipmi15, in-session";
      for (const FlowKind f : netfuzz::kAllFlowKinds) {
        if (f != FlowKind::raw) known += ", " + std::string(netfuzz::flow_name(f));
      }
      return tl::unexpected(fmt::format("--flows: unknown flow or group '{}' (known: {})", word, known));
    }
  }
  return flows;
}

// The built-in simulator of a sim:// target, restartable: each start() stops the previous
// instance and starts a fresh one (initial state, new ephemeral port).
class SimHolder {
 public:
  SimHolder(std::vector<sim::Personality> personalities, Bytes password)
      : personalities_(std::move(personalities)), password_(std::move(password)) {}

  tl::expected<netfuzz::TargetEndpoint, std::string> start() {
    if (current_) {
      (void)current_->stop();
      current_.reset();
    }
    sim::SimulatorOptions options;
    options.config = sim::default_sim_config(password_);
    options.config.personalities = personalities_;
    options.listen_address = "127.0.0.1";
    options.port = 0;
    auto s = sim::Simulator::start(std::move(options));
    if (!s) return tl::unexpected("cannot start the simulator: " + s.error());
    current_ = std::move(*s);
    return netfuzz::TargetEndpoint{current_->address(), current_->port()};
  }

 private:
  std::vector<sim::Personality> personalities_;
  Bytes password_;
  std::unique_ptr<sim::Simulator> current_;
};

struct Resolved {
  netfuzz::FuzzTarget target;
  std::shared_ptr<SimHolder> sim;  // sim:// only
};

tl::expected<Resolved, std::string> resolve(const FuzzOptions& o) {
  auto target = parse_target(o.target);
  if (!target) return tl::unexpected(target.error());
  Resolved r;
  netfuzz::Credentials& creds = r.target.credentials;
  creds.privilege = target->privilege;
  if (target->scheme == Target::Scheme::sim) {
    if (target->interface == "system") {
      return tl::unexpected(std::string("sim://?interface=system has no datagrams to fuzz; use sim:// (its LAN channel)"));
    }
    std::vector<sim::Personality> personalities;
    for (const auto& name : target->personalities) {
      auto p = sim::builtin_personality(name);
      if (!p) return tl::unexpected(fmt::format("{}: {}", target->to_string(), p.error()));
      personalities.push_back(std::move(*p));
    }
    // 16 characters: the same password serves RMCP+ and IPMI 1.5 (16-byte keys, §22.17.1).
    Bytes password = random_sim_password();
    password.resize(16);
    creds.username = {'a', 'd', 'm', 'i', 'n'};
    creds.password = crypto::SecureBytes(view(password));
    creds.cipher_suite = target->cipher_suite.value_or(3);
    r.sim = std::make_shared<SimHolder>(std::move(personalities), std::move(password));
    auto endpoint = r.sim->start();
    if (!endpoint) return tl::unexpected(fmt::format("{}: {}", target->to_string(), endpoint.error()));
    r.target.endpoint = *endpoint;
    r.target.protocol = session::Protocol::lanplus;
    r.target.description = target->to_string() + " on " + endpoint->to_string();
    std::shared_ptr<SimHolder> holder = r.sim;
    r.target.restart = [holder] { return holder->start(); };
    return r;
  }

  auto loopback = is_loopback_host(target->host);
  if (!loopback) return tl::unexpected(fmt::format("{}: {}", target->to_string(), loopback.error()));
  if (!*loopback && !o.allow_remote) {
    return tl::unexpected(fmt::format(
        "{}: refusing to fuzz a non-loopback target without --allow-remote (fuzzing can crash a BMC and the host "
        "behind it: use it on a lab network only)",
        target->to_string()));
  }
  auto config = client_config(*target, o.password, o.kg);
  if (!config) return tl::unexpected(config.error());
  creds.username = config->username;
  creds.password = crypto::SecureBytes(view(config->password));
  if (config->kg) creds.kg = crypto::SecureBytes(view(*config->kg));
  creds.cipher_suite = target->cipher_suite.value_or(3);
  creds.auth15 = target->auth_type.value_or(AuthType::md5);
  r.target.endpoint = netfuzz::TargetEndpoint{target->host, target->port};
  r.target.protocol = target->scheme == Target::Scheme::lan ? session::Protocol::lan15 : session::Protocol::lanplus;
  r.target.description = target->to_string();
  if (o.restart_cmd) {
    const auto argv = split_words(*o.restart_cmd);
    if (argv.empty()) return tl::unexpected(std::string("--restart-cmd is empty"));
    const netfuzz::TargetEndpoint endpoint = r.target.endpoint;
    const auto protocol = r.target.protocol;
    auto credentials = std::make_shared<const netfuzz::Credentials>(r.target.credentials);
    netfuzz::LivenessOptions live;
    live.timeout = std::chrono::milliseconds(o.liveness_timeout_ms);
    r.target.restart = [argv, endpoint, protocol, credentials, live]() -> tl::expected<netfuzz::TargetEndpoint, std::string> {
      if (auto ran = run_restart_command(argv, kRestartCommandTimeout); !ran) return tl::unexpected(ran.error());
      // Bounded wait until the restarted target answers a fresh session.
      const auto deadline = std::chrono::steady_clock::now() + kRestartReadyTimeout;
      netfuzz::LivenessResult l;
      while (std::chrono::steady_clock::now() < deadline) {
        l = netfuzz::probe_liveness(endpoint, *credentials, protocol, live);
        if (l.verdict == netfuzz::Verdict::alive) return endpoint;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
      }
      return tl::unexpected("the target did not answer within " + std::to_string(kRestartReadyTimeout.count()) +
                            " s of --restart-cmd: " + l.detail);
    };
  } else {
    r.target.no_restart_reason =
        "ipmict cannot restart this target for each attempt; give --restart-cmd CMD, or fuzz a sim:// target";
  }
  return r;
}

int replay(const FuzzOptions& o, Resolved& r, std::ostream& out, std::ostream& err) {
  auto inputs = netfuzz::read_reproducer(*o.replay);
  if (!inputs) {
    err << "ipmict fuzz --replay: " << inputs.error() << '\n';
    return 2;
  }
  netfuzz::LivenessOptions live;
  live.timeout = std::chrono::milliseconds(o.liveness_timeout_ms);
  const auto baseline = netfuzz::probe_liveness(r.target.endpoint, r.target.credentials, r.target.protocol, live);
  if (baseline.verdict != netfuzz::Verdict::alive) {
    err << "ipmict fuzz --replay: " << r.target.description << " is not usable before the replay ("
        << netfuzz::verdict_name(baseline.verdict) << "): " << baseline.detail << '\n';
    return 2;
  }
  live.use_asf = baseline.asf_answered;
  netfuzz::ReplayOptions ro;
  ro.runner.reply_timeout = std::chrono::milliseconds(o.reply_timeout_ms);
  ro.runner.live_timeout = std::chrono::milliseconds(std::max(o.reply_timeout_ms, o.liveness_timeout_ms));
  ro.runner.allow_destructive = o.allow_destructive;
  ro.runner.session_seed = o.seed;
  ro.liveness = live;
  ro.rate = o.rate;
  const auto outcome = netfuzz::run_and_probe(*inputs, r.target.endpoint, r.target.credentials, r.target.protocol, ro);
  if (outcome.error) {
    err << "ipmict fuzz --replay: " << *outcome.error << '\n';
    return 2;
  }
  std::size_t sent = 0;
  for (const auto& rec : outcome.records) sent += rec.sent;
  const std::string what = fmt::format("{} inputs ({} datagrams) from {} against {}", outcome.records.size(), sent,
                                       *o.replay, r.target.description);
  if (netfuzz::is_down(outcome.liveness.verdict)) {
    out << "reproduced: after " << what << " the target " << netfuzz::verdict_name(outcome.liveness.verdict) << " ("
        << outcome.liveness.detail << ")\n";
    return 1;
  }
  out << "not reproduced: the target is " << netfuzz::verdict_name(outcome.liveness.verdict) << " after " << what << '\n';
  return 0;
}

}  // namespace

int run_fuzz(const FuzzOptions& o, std::ostream& out, std::ostream& err) {
  auto flows = parse_flows(o.flows);
  if (!flows) {
    err << "ipmict fuzz: " << flows.error() << '\n';
    return 2;
  }
  if (o.max_inputs == 0 || o.max_time == 0) {
    err << "ipmict fuzz: --max-inputs and --max-time must be positive: a campaign is always bounded\n";
    return 2;
  }
  auto resolved = resolve(o);
  if (!resolved) {
    err << "ipmict fuzz: " << resolved.error() << '\n';
    return 2;
  }
  if (o.replay) return replay(o, *resolved, out, err);

  netfuzz::CampaignOptions c;
  c.seed = o.seed;
  c.max_inputs = o.max_inputs;
  c.max_time = std::chrono::seconds(o.max_time);
  c.rate = o.rate;
  c.liveness_every = std::max(1u, o.liveness_every);
  c.flows = std::move(*flows);
  if (o.corpus) c.corpus_dir = *o.corpus;
  c.out_dir = o.out;
  c.reply_timeout = std::chrono::milliseconds(o.reply_timeout_ms);
  c.live_timeout = std::chrono::milliseconds(std::max(o.reply_timeout_ms, o.liveness_timeout_ms));
  c.liveness_timeout = std::chrono::milliseconds(o.liveness_timeout_ms);
  c.history = std::max(1u, o.history);
  c.allow_destructive = o.allow_destructive;
  c.shrink = !o.no_shrink;
  c.shrink_time = std::chrono::seconds(o.shrink_time);
  const auto result = netfuzz::run_campaign(c, resolved->target, out);
  if (result.error && !result.finding) {
    err << "ipmict fuzz: " << *result.error << '\n';
    return 2;
  }
  out << "statistics:\n" << netfuzz::format_stats(result.stats);
  if (result.error) err << "ipmict fuzz: " << *result.error << '\n';
  return result.finding ? 1 : (result.error ? 2 : 0);
}

}  // namespace ipmict
