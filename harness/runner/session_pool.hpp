#pragma once
// Sessions reused across the cases of one target: one per privilege level, opened on first
// use and reopened when lost. Opening an RMCP+ session costs four round trips and a slot in
// the BMC's session table (DESIGN.md §12: tables that fill up until a reboot), so the runner
// opens at most one per privilege, not one per case.
//
// Lower privileges use the same account as the administrator session and ask for a lower
// maximum privilege when opening (the RAKP 1 role, the Activate Session maximum privilege),
// as `ipmitool -L USER` does: the BMC then caps the session there (IPMI 2.0 §13.20,
// §22.17), so a case's `as: user` step sees what a User-level session sees without needing
// a second account on the BMC.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "protocol/core/privilege.hpp"
#include "protocol/session/client_session.hpp"
#include "transports/datagram_tap.hpp"
#include "transports/transport.hpp"

namespace ipmict::sim {
class Simulator;
}

namespace ipmict::runner {

// Where and as whom LAN sessions are opened. `config` carries the password: it stays in
// memory only and never reaches a result, a log or a description.
struct LanEndpoint {
  std::string host;
  std::uint16_t port = 623;
  session::ClientConfig config;
  // Sees every datagram of every session opened here (the run's pcap); not owned, may be null.
  transport::DatagramTap* tap = nullptr;
};

// The target's name and the privilege in one line, for results ("lanplus session, User").
std::string describe_privilege(Privilege p);

class SessionPool {
 public:
  using Opener = std::function<tl::expected<std::unique_ptr<transport::Transport>, transport::TransportError>(Privilege)>;

  explicit SessionPool(Opener opener);
  ~SessionPool();  // close_all()
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  // The session at this privilege: the open one, or a new one.
  tl::expected<transport::Transport*, transport::TransportError> get(Privilege privilege);
  // One request on the session at this privilege. When the session turns out to be gone
  // (the BMC dropped it, or it could not be used), it is reopened once and the request resent.
  tl::expected<session::Response, transport::TransportError> request(Privilege privilege, const session::Request& request);
  // Forgets (and closes) the session at this privilege; the next get() opens a new one.
  void drop(Privilege privilege);
  void close_all();

  std::size_t opened() const { return opened_; }  // sessions opened so far
  std::size_t open_now() const { return sessions_.size(); }

 private:
  Opener opener_;
  std::map<Privilege, std::unique_ptr<transport::Transport>> sessions_;
  std::size_t opened_ = 0;
};

// RMCP+ (or IPMI 1.5) sessions to `endpoint`, at each privilege asked for.
SessionPool::Opener lan_opener(LanEndpoint endpoint);
// In-memory LAN request contexts of a simulator at each privilege (no sockets, no crypto).
SessionPool::Opener in_memory_opener(sim::Simulator& simulator);

}  // namespace ipmict::runner
