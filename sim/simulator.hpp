#pragma once
// The built-in simulator as one object: a Bmc built from a SimConfig, optionally its LAN
// channel (LanServer on 127.0.0.1 and an ephemeral port by default), optionally persistent
// state. `sim://` targets start one in-process; `ipmict sim` runs one as a daemon.
//
// State: with a state directory, the Bmc's state is loaded at start (a directory without
// saved state is a first start), saved after every successful state-changing command
// (Set User Name/Password/Access, Set Channel Access, SEL/SDR/FRU writes, ...) and at stop().
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "sim/bmc.hpp"
#include "sim/sim_config.hpp"
#include "transports/transport.hpp"

namespace ipmict::sim {

struct SimulatorOptions {
  SimConfig config;
  bool lan = true;                      // start the LAN server
  std::string listen_address = "127.0.0.1";
  std::uint16_t port = 0;               // 0 = ephemeral
  // Overrides config.state_dir when set; empty path (or both unset) = no persistence.
  std::optional<std::filesystem::path> state_dir;
  std::function<void(const std::string&)> log;  // dropped datagrams, faults, save errors (optional)
};

class Simulator {
 public:
  // Builds the Bmc, loads saved state, binds the LAN server. Errors are one line.
  static tl::expected<std::unique_ptr<Simulator>, std::string> start(SimulatorOptions options);
  ~Simulator();  // stop()
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Stops the LAN server and saves state. Idempotent. Returns the save error, if any.
  tl::expected<void, std::string> stop();

  // The LAN server's bound address and port (port 0 when started without LAN).
  std::string address() const;
  std::uint16_t port() const;
  // "127.0.0.1:PORT"
  std::string endpoint() const;

  // In-memory transports to the same Bmc, serialised with the LAN server.
  std::unique_ptr<transport::Transport> system_interface();
  std::unique_ptr<transport::Transport> lan_context(Privilege privilege, std::uint8_t user_id = 2);

  // Saves the state now (no-op without a state directory).
  tl::expected<void, std::string> save();
  const std::optional<std::filesystem::path>& state_dir() const;

  // Datagram counters of the LAN server (zero without LAN).
  struct LanStats {
    std::uint64_t datagrams_received = 0, requests_handled = 0, replies_sent = 0, replies_dropped = 0,
                  replies_corrupted = 0, replies_delayed = 0;
    bool dead = false;
    std::string dead_reason;
  };
  LanStats lan_stats() const;

 private:
  struct Impl;
  explicit Simulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Does this command change state that a restart must keep (what the Simulator saves after)?
bool changes_persistent_state(const session::Request& request);

}  // namespace ipmict::sim
