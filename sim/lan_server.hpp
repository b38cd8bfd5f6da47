#pragma once
// The simulator's LAN channel: a UDP server (Boost.Asio, one thread) that feeds datagrams
// to protocol/session's ServerSessions, passes the requests it yields to the Bmc, frames the
// answers with ServerSessions::respond(), and expires idle sessions on a timer.
//
// It also plays the datagram-level faults of the Bmc's personalities (DESIGN.md §8):
// checksum 2 off by one, every Nth reply dropped, replies delayed, and "dead" after a
// zero-length RMCP+ payload or a length field past the end of the datagram (the fuzzer's
// liveness oracle). Asio stays in lan_server.cpp (DESIGN.md §13).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <tl/expected.hpp>

#include "protocol/core/bytes.hpp"
#include "protocol/session/request.hpp"
#include "sim/bmc.hpp"

namespace ipmict::sim {

struct LanServerOptions {
  std::string address = "127.0.0.1";  // loopback unless told otherwise
  std::uint16_t port = 0;              // 0 = an ephemeral port; see LanServer::port()
  // Serialises every use of the Bmc (and of the session table it sees) with other users of
  // the same Bmc, e.g. an in-memory transport. Null: the server is the only user.
  std::mutex* bmc_mutex = nullptr;
  // Called on the server's thread, with bmc_mutex held, after each request the Bmc answered
  // (the Simulator saves state after state-changing commands here).
  std::function<void(const Context&, const session::Request&, const session::Response&)> on_handled;
  // One line per dropped datagram or fault played (optional; called with bmc_mutex held).
  std::function<void(const std::string&)> log;
  // How often idle sessions are expired at the latest.
  unsigned tick_ms = 200;
};

class LanServer {
 public:
  // Binds the socket and starts the server's thread. The Bmc must outlive the server.
  // Errors are one line ("cannot bind 127.0.0.1:623: Permission denied").
  static tl::expected<std::unique_ptr<LanServer>, std::string> start(Bmc& bmc, LanServerOptions options = {});
  ~LanServer();  // stop() and join
  LanServer(const LanServer&) = delete;
  LanServer& operator=(const LanServer&) = delete;

  // Stops answering, closes the socket and joins the thread. Idempotent; any thread but the
  // server's own (on_handled must not call it). Bounded: it does not wait for delayed replies.
  void stop();

  const std::string& address() const;
  std::uint16_t port() const;  // the bound port

  struct Stats {
    std::uint64_t datagrams_received = 0;
    std::uint64_t requests_handled = 0;   // requests the Bmc answered
    std::uint64_t replies_sent = 0;
    std::uint64_t replies_dropped = 0;    // by drop_every
    std::uint64_t replies_corrupted = 0;  // by bad_checksum
    std::uint64_t replies_delayed = 0;    // by delay_ms
    bool dead = false;                    // hang_on_zero_length_rmcpplus / stop_on_oversized_length played
    std::string dead_reason;
  };
  Stats stats() const;

 private:
  struct Impl;
  explicit LanServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Datagram-level helpers (exposed for tests and the network fuzzer's oracle).
namespace lan_datagram {
// Adds one to checksum 2 of the IPMI message in an RMCP datagram, where the message is in
// clear (IPMI 1.5, or an RMCP+ IPMI payload that is not encrypted). False: left unchanged.
bool corrupt_checksum2(Bytes& datagram);
// An RMCP+ packet whose payload length field is 0.
bool is_zero_length_rmcpplus(ByteView datagram);
// An IPMI 1.5 message length or RMCP+ payload length that points past the end of the datagram.
bool has_oversized_length(ByteView datagram);
// An IPMI-class RMCP datagram that ends before its session header's length field.
bool is_truncated_session_header(ByteView datagram);
}  // namespace lan_datagram

}  // namespace ipmict::sim
