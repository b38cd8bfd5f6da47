// bench: the built-in simulator as `ipmict sim` runs it (sim::Simulator with LAN, the same
// YAML configuration loader), without the rest of the CLI, so bench/sim_vs_ipmi_sim.sh can
// measure the simulator alone and build it without the harness. Prints "listening on
// ADDRESS:PORT" and serves until SIGINT/SIGTERM.
//
//   sim_server CONFIG.yaml [ADDRESS]
#include <csignal>
#include <cstdio>
#include <string>

#include "sim/config_yaml.hpp"
#include "sim/simulator.hpp"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: sim_server CONFIG.yaml [ADDRESS]\n");
    return 2;
  }
  auto config = ipmict::sim::load_sim_config(argv[1]);
  if (!config) {
    std::fprintf(stderr, "sim_server: %s\n", config.error().c_str());
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the LAN thread exists: it inherits the mask
  ipmict::sim::SimulatorOptions options;
  options.config = std::move(config->config);
  options.listen_address = argc == 3 ? argv[2] : "127.0.0.1";
  auto simulator = ipmict::sim::Simulator::start(std::move(options));
  if (!simulator) {
    std::fprintf(stderr, "sim_server: %s\n", simulator.error().c_str());
    return 1;
  }
  std::printf("listening on %s\n", (*simulator)->endpoint().c_str());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&signals, &signal);
  (*simulator)->stop();
  return 0;
}
