#pragma once
// The simulated BMC's model and command dispatcher (issue 4): state (users, channels,
// sessions view, global enables, message flags and receive queue, event message buffer,
// event receiver, system info parameters, SEL, SDR repository, sensors, FRU, chassis,
// watchdog) and a handler for every command of the catalog, enforcing privilege (D4h),
// request length (C7h), reserved bits / invalid fields (CCh), ranges (C9h), command
// specific codes, and C1h for unknown commands. No I/O and no clock: time comes in.
//
// The LAN server (sim/lan_server.hpp) feeds it requests from protocol/session's
// ServerSessions; the in-memory transport calls it directly, also as the system
// interface (channel 0Fh, session-less, Local privilege).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "protocol/session/request.hpp"
#include "protocol/session/server_session.hpp"
#include "sim/sim_config.hpp"

namespace ipmict::catalog {
class Catalog;
}

namespace ipmict::sim {

// Where a request came from.
struct Context {
  enum class Interface : std::uint8_t { lan, system, ipmb } interface = Interface::lan;
  session::RequestContext session;  // for LAN; channel 0Fh and no session for system
};

class Bmc final : public session::ServerDirectory {
 public:
  explicit Bmc(SimConfig config);
  ~Bmc() override;
  Bmc(const Bmc&) = delete;
  Bmc& operator=(const Bmc&) = delete;

  // Answers one request. Not thread-safe: the caller serialises (the LAN server has one
  // strand; the in-memory transport a mutex).
  session::Response handle(const Context& context, const session::Request& request, session::TimePoint now);

  // session::ServerDirectory: users for the session layer.
  std::optional<session::ServerUser> user_by_name(ByteView name) const override;

  // The session layer's configuration for the LAN channel: suites, auth types, K_G,
  // limits and the personalities' session quirks.
  session::ServerConfig lan_server_config() const;
  // The LAN server gives the model a view of its session table (Get Session Info,
  // Get Channel Info active session count).
  void set_session_table(std::function<std::vector<session::SessionInfo>()> table);

  // Datagram-level faults of the active personalities, for the LAN server.
  const std::vector<Personality>& personalities() const;

  // Persistence: the mutable state (users, channel access, SEL, SDR, FRU, system info
  // parameters, enables, event receiver) to/from a directory. load() of a directory
  // without saved state is not an error (first start).
  tl::expected<void, std::string> save(const std::filesystem::path& dir) const;
  tl::expected<void, std::string> load(const std::filesystem::path& dir);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipmict::sim
