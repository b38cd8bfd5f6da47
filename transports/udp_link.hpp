#pragma once
// One UDP "connection" to one BMC (DESIGN.md §2 transports/): a socket connect()ed to the
// peer, so that the kernel reports ICMP port unreachable as ECONNREFUSED (a clear error in
// milliseconds instead of a timeout) and delivers only that peer's datagrams.
//
// Boost.Asio stays inside udp_link.cpp (it needs `-include utility` under g++ 12, DESIGN.md
// §13, and is heavy to compile): this header has no Asio in it. The link owns its own
// io_context and runs it only inside receive(), so no thread is needed and every wait is
// bounded by the caller's deadline.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "protocol/core/bytes.hpp"
#include "transports/datagram_tap.hpp"
#include "transports/ip_endpoint.hpp"
#include "transports/transport.hpp"

namespace ipmict::transport {

class UdpLink {
 public:
  using Clock = std::chrono::steady_clock;

  // Resolves host (a name, "127.0.0.1", "::1" or "[::1]") and connects a socket of the
  // matching family to the first address found. Errors: unreachable (name does not
  // resolve, no address of a usable family) or io (socket calls), each one line.
  static tl::expected<std::unique_ptr<UdpLink>, TransportError> open(std::string_view host, std::uint16_t port);
  // "host:port", "[v6]:port" or "host" (then default_port; 623 is the RMCP port, IPMI 2.0 §13.1.3).
  static tl::expected<std::unique_ptr<UdpLink>, TransportError> open_target(std::string_view host_port,
                                                                            std::uint16_t default_port = 623);

  ~UdpLink();
  UdpLink(const UdpLink&) = delete;
  UdpLink& operator=(const UdpLink&) = delete;

  // Sends one datagram. ECONNREFUSED left over from an earlier ICMP error is reported here.
  tl::expected<void, TransportError> send(ByteView datagram);

  // Waits until `deadline` for one datagram from the peer. nullopt: nothing came in time.
  // Kind::unreachable when the peer's host answered ICMP port unreachable (refused).
  // Datagrams from any other address are ignored: the kernel already drops them for a
  // connected socket, and the sender is checked again in case it does not.
  tl::expected<std::optional<Bytes>, TransportError> receive(Clock::time_point deadline);

  const IpEndpoint& local_endpoint() const;
  const IpEndpoint& remote_endpoint() const;

  // Sees every datagram sent and received from now on; nullptr removes it. Not owned.
  void set_tap(DatagramTap* tap);

 private:
  struct Impl;
  explicit UdpLink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipmict::transport
