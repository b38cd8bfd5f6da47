#pragma once
// `ipmict sim`: the built-in simulator as a LAN daemon (docs/simulator.md).
//
//   ipmict sim --config FILE [--listen 127.0.0.1:623] [--state-dir DIR] [--personality NAME ...]
//   ipmict sim --password-env VAR | --password-file FILE [--listen ...]   (the secure default)
//
// Prints "listening on ADDRESS:PORT" once bound (so --listen 127.0.0.1:0 tells the caller
// its ephemeral port), serves until SIGINT or SIGTERM, saves state, exits 0.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "harness/secret_source.hpp"

namespace ipmict {

struct SimOptions {
  std::optional<std::string> config;        // YAML configuration file
  std::string listen = "127.0.0.1:623";     // HOST:PORT; port 0 = ephemeral
  std::optional<std::string> state_dir;     // overrides the configuration's state_dir
  std::vector<std::string> personalities;   // built-in names, or paths of personality YAML files
  SecretSource password;                    // the admin password of the default configuration
  bool verbose = false;                     // log dropped datagrams and played faults to stderr
  bool list_personalities = false;          // print the built-in library and exit
};

// Returns the exit code: 0 after a clean shutdown, 2 on bad usage or a start failure.
int run_sim(const SimOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ipmict
