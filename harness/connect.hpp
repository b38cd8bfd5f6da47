#pragma once
// Opens a Transport to a target URI: reads the password (and K_G) from where the user said,
// builds the session configuration, and starts the optional pcap tap before the first
// datagram so the capture holds the whole handshake.
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "harness/secret_source.hpp"
#include "harness/target_uri.hpp"
#include "transports/transport.hpp"

namespace ipmict::transport {
class PcapWriter;
}

namespace ipmict::session {
struct ClientConfig;
}

namespace ipmict {

struct Connection {
  std::unique_ptr<transport::PcapWriter> tap;  // declared first: outlives the transport using it
  std::unique_ptr<transport::Transport> transport;
  Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();
};

// The session configuration for a lan:// or lanplus:// target: user, protocol, cipher suite
// or auth type, privilege, timeouts, and the password and K_G read from where the user said
// (see connect_target). Shared by `ipmict raw` and the runner.
tl::expected<session::ClientConfig, std::string> client_config(const Target& target, const SecretSource& password,
                                                               const SecretSource& kg);

// 20 random printable characters: the admin password of an in-process simulator that only
// this process logs in to.
Bytes random_sim_password();

// The environment variable read when no password source is given on the command line.
inline constexpr const char* kDefaultPasswordEnv = "IPMICT_PASSWORD";

// Password: `password` if given; else $IPMICT_PASSWORD if set; else a prompt when stdin is a
// terminal; else an error saying how to give one. Errors are one line, never the secret.
tl::expected<Connection, std::string> connect_target(const Target& target, const SecretSource& password,
                                                     const SecretSource& kg,
                                                     const std::optional<std::string>& pcap_path);

}  // namespace ipmict
