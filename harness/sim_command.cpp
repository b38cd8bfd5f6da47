// `ipmict sim`: configuration, start, "listening on", wait for a signal, save, exit.
#include <utility>  // before Asio: Boost 1.74 under g++ 12 (DESIGN.md §13)

#include "harness/sim_command.hpp"

#include <csignal>
#include <iostream>
#include <mutex>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "sim/config_yaml.hpp"
#include "sim/personality_yaml.hpp"
#include "sim/simulator.hpp"
#include "transports/ip_endpoint.hpp"

namespace ipmict {

namespace {

tl::expected<sim::SimConfig, std::string> build_config(const SimOptions& o, std::ostream& err) {
  sim::SimConfig config;
  if (o.config) {
    if (o.password.given()) {
      return tl::unexpected(std::string(
          "--password-env/--password-file/--password-prompt set the admin password of the default configuration; "
          "with --config, each user's password_env or password_file says where its password is"));
    }
    auto loaded = sim::load_sim_config(*o.config);
    if (!loaded) return tl::unexpected(loaded.error());
    for (const auto& w : loaded->warnings) err << "ipmict sim: " << w << '\n';
    config = std::move(loaded->config);
  } else {
    if (!o.password.given()) {
      return tl::unexpected(std::string(
          "no admin password: the default configuration has user \"admin\" and no built-in password; give "
          "--password-env VAR or --password-file FILE (or a --config file)"));
    }
    auto pw = read_secret(o.password, "admin password", SecretEncoding::text, 20);
    if (!pw) return tl::unexpected(pw.error());
    if (pw->empty()) return tl::unexpected(std::string("the admin password is empty: refusing to start without a password"));
    config = sim::default_sim_config(*pw);
  }
  for (const auto& name : o.personalities) {
    const bool file = name.find('/') != std::string::npos || name.ends_with(".yaml");
    auto p = file ? sim::load_personality_file(name) : sim::builtin_personality(name);
    if (!p) return tl::unexpected("--personality: " + p.error());
    config.personalities.push_back(std::move(*p));
  }
  return config;
}

}  // namespace

int run_sim(const SimOptions& o, std::ostream& out, std::ostream& err) {
  if (o.list_personalities) {
    for (const auto& b : sim::builtin_personalities()) {
      auto p = sim::builtin_personality(b.name);
      out << b.name << ": " << (p ? p->breaks : p.error()) << '\n';
    }
    return 0;
  }
  auto config = build_config(o, err);
  if (!config) {
    err << "ipmict sim: " << config.error() << '\n';
    return 2;
  }
  // Port 0 (an ephemeral port) is fine for listening, though not for connecting, which is
  // what split_host_port checks for.
  const bool ephemeral = o.listen.size() > 2 && o.listen.ends_with(":0") &&
                         (o.listen[o.listen.size() - 3] == ']' || o.listen.find(':') == o.listen.size() - 2);
  auto hp = transport::split_host_port(ephemeral ? o.listen.substr(0, o.listen.size() - 2) : o.listen, 623);
  if (hp && ephemeral) hp->port = 0;
  if (!hp) {
    err << "ipmict sim: --listen: " << hp.error() << '\n';
    return 2;
  }

  sim::SimulatorOptions options;
  options.config = std::move(*config);
  options.lan = true;
  options.listen_address = hp->host;
  options.port = hp->port;
  if (o.state_dir) options.state_dir = std::filesystem::path(*o.state_dir);
  std::mutex err_mutex;  // the LAN thread logs too
  if (o.verbose) {
    options.log = [&err, &err_mutex](const std::string& line) {
      std::lock_guard<std::mutex> lock(err_mutex);
      err << "ipmict sim: " << line << '\n';
    };
  }

  // Signals are set up before the simulator's thread exists, so none arrives unhandled.
  boost::asio::io_context io;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&received](const boost::system::error_code& ec, int signal) {
    if (!ec) received = signal;
  });

  auto simulator = sim::Simulator::start(std::move(options));
  if (!simulator) {
    err << "ipmict sim: " << simulator.error() << '\n';
    return 2;
  }
  out << "listening on " << (*simulator)->endpoint() << std::endl;  // flushed: callers wait for this line
  if ((*simulator)->state_dir()) {
    std::lock_guard<std::mutex> lock(err_mutex);
    err << "ipmict sim: state in " << (*simulator)->state_dir()->string() << '\n';
  }

  io.run();  // returns once the signal handler ran
  auto saved = (*simulator)->stop();
  {
    std::lock_guard<std::mutex> lock(err_mutex);
    err << "ipmict sim: " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ": stopped" << '\n';
    if (!saved) {
      err << "ipmict sim: " << saved.error() << '\n';
      return 2;
    }
  }
  return 0;
}

}  // namespace ipmict
