#pragma once
// The simulator's LAN channel without sockets: one datagram in, the datagrams to send back
// out. It owns the channel's ServerSessions, hands the requests they yield to the Bmc and
// frames the answers. LanServer (lan_server.hpp) puts a UDP socket, a timer and the
// datagram-level faults around it; the sim_datagram fuzz target drives it directly, so
// the fuzzer runs the very code path a datagram takes in `ipmict sim`.
//
// Not thread-safe: the caller serialises every use of it and of the Bmc.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "protocol/session/server_session.hpp"
#include "sim/bmc.hpp"

namespace ipmict::sim {

class LanChannel {
 public:
  using OnHandled = std::function<void(const Context&, const session::Request&, const session::Response&)>;

  // Gives the Bmc a view of this channel's session table (Get Session Info, Get Channel
  // Info); the destructor takes it back. The Bmc must outlive the channel. `config` is
  // normally bmc.lan_server_config(); tests and fuzzers pass one with a fixed `random`.
  LanChannel(Bmc& bmc, session::ServerConfig config, OnHandled on_handled = {});
  ~LanChannel();
  LanChannel(const LanChannel&) = delete;
  LanChannel& operator=(const LanChannel&) = delete;

  struct Result {
    std::vector<Bytes> replies;      // to the peer the datagram came from, in order
    std::vector<std::string> notes;  // why a datagram was dropped (for logs)
    bool handled = false;            // the Bmc answered a request
  };
  Result handle(const session::Peer& peer, ByteView datagram, session::TimePoint now);

  // Expires idle sessions.
  void tick(session::TimePoint now);

  const session::ServerSessions& sessions() const { return *sessions_; }

 private:
  Bmc& bmc_;
  std::unique_ptr<session::ServerSessions> sessions_;
  OnHandled on_handled_;
};

}  // namespace ipmict::sim
