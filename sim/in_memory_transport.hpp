#pragma once
// A Transport that calls Bmc::handle directly: no sockets, no sessions, no crypto. For fast
// tests and the runner against the built-in simulator (sim://?interface=system), either as
// the system interface (channel 0Fh, session-less; the BMC grants it every privilege, as a
// KCS/BT host interface is trusted) or as a LAN request context with a given privilege.
#include <functional>
#include <mutex>
#include <string>

#include "sim/bmc.hpp"
#include "transports/transport.hpp"

namespace ipmict::sim {

class InMemoryTransport final : public transport::Transport {
 public:
  // Called after each answered request, with the mutex held (the Simulator saves state here).
  using OnHandled = std::function<void(const Context&, const session::Request&, const session::Response&)>;

  // `bmc` and `mutex` are not owned and must outlive the transport; the mutex serialises the
  // Bmc with other users (the LAN server, other transports).
  InMemoryTransport(Bmc& bmc, std::mutex& mutex, Context context, OnHandled on_handled = {});

  // The system interface: channel 0Fh, no session (IPMI 2.0 §6.3 Table 6-1, §6.4).
  static Context system_interface();
  // A request as if it came in an established LAN session on channel 1 at `privilege`.
  static Context lan_session(Privilege privilege, std::uint8_t user_id = 2);

  tl::expected<session::Response, transport::TransportError> request(const session::Request& request) override;
  void close() override;  // idempotent; later requests fail with Kind::closed
  std::string describe() const override;  // "sim://?interface=system (in-memory)"

 private:
  Bmc& bmc_;
  std::mutex& mutex_;
  Context context_;
  OnHandled on_handled_;
  bool closed_ = false;
};

}  // namespace ipmict::sim
