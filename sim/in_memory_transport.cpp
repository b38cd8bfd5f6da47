// The in-memory link to the simulator's Bmc.
#include "sim/in_memory_transport.hpp"

namespace ipmict::sim {

InMemoryTransport::InMemoryTransport(Bmc& bmc, std::mutex& mutex, Context context, OnHandled on_handled)
    : bmc_(bmc), mutex_(mutex), context_(std::move(context)), on_handled_(std::move(on_handled)) {}

Context InMemoryTransport::system_interface() {
  Context c;
  c.interface = Context::Interface::system;
  c.session.channel = 0x0f;
  c.session.session_id = 0;
  c.session.privilege = std::nullopt;  // session-less; the Bmc grants the system interface every privilege
  c.session.user_id = 0;
  return c;
}

Context InMemoryTransport::lan_session(Privilege privilege, std::uint8_t user_id) {
  Context c;
  c.interface = Context::Interface::lan;
  c.session.channel = 1;
  c.session.session_id = 0x494d454d;  // "IMEM": a session ID no LAN server hands out to this Bmc's context
  c.session.privilege = privilege;
  c.session.user_id = user_id;
  c.session.ipmi20 = true;
  c.session.peer = session::Peer{"in-memory", 0};
  return c;
}

tl::expected<session::Response, transport::TransportError> InMemoryTransport::request(const session::Request& request) {
  if (closed_) {
    return tl::unexpected(transport::TransportError{transport::TransportError::Kind::closed,
                                                    "the in-memory transport was closed", std::nullopt});
  }
  if (request.netfn & 1u) {
    return tl::unexpected(transport::TransportError{transport::TransportError::Kind::bad_request,
                                                    "netFn must be a request netFn (even)", std::nullopt});
  }
  std::lock_guard<std::mutex> lock(mutex_);
  session::Response response = bmc_.handle(context_, request, session::Clock::now());
  if (on_handled_) on_handled_(context_, request, response);
  return response;
}

void InMemoryTransport::close() { closed_ = true; }

std::string InMemoryTransport::describe() const {
  if (context_.interface == Context::Interface::system) return "sim://?interface=system (in-memory)";
  const auto p = context_.session.privilege ? privilege_name(static_cast<std::uint8_t>(*context_.session.privilege))
                                            : std::nullopt;
  return "sim:// in-memory LAN context, " + std::string(p ? *p : "session-less");
}

}  // namespace ipmict::sim
