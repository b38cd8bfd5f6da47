#include "transports/udp_link.hpp"

#include <array>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

namespace ipmict::transport {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {

IpEndpoint to_ip_endpoint(const udp::endpoint& e) { return IpEndpoint{e.address().to_string(), e.port()}; }

TransportError io_error(std::string message) { return TransportError{TransportError::Kind::io, std::move(message), {}}; }

// The largest UDP payload (65535 minus the IPv4 and UDP headers); a bigger IPv6 jumbogram
// cannot reach us over a connected UDP socket anyway.
constexpr std::size_t kMaxDatagram = 65507;
// Foreign datagrams dropped within one receive() before giving up on the wait: a bound on
// the loop even when someone floods our port.
constexpr int kMaxForeignPerReceive = 10000;

}  // namespace

struct UdpLink::Impl {
  asio::io_context io;
  udp::socket socket{io};
  udp::endpoint remote;
  IpEndpoint local_text;
  IpEndpoint remote_text;
  DatagramTap* tap = nullptr;
  std::array<std::uint8_t, kMaxDatagram + 1> buffer{};

  TransportError refused() const {
    return TransportError{TransportError::Kind::unreachable,
                          remote_text.to_string() +
                              ": connection refused (ICMP port unreachable): nothing listens on that UDP port; check the "
                              "port and that the BMC's LAN channel is enabled",
                          {}};
  }
};

UdpLink::UdpLink(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UdpLink::~UdpLink() = default;

tl::expected<std::unique_ptr<UdpLink>, TransportError> UdpLink::open_target(std::string_view host_port,
                                                                            std::uint16_t default_port) {
  auto hp = split_host_port(host_port, default_port);
  if (!hp) return tl::unexpected(TransportError{TransportError::Kind::unreachable, hp.error(), {}});
  return open(hp->host, hp->port);
}

tl::expected<std::unique_ptr<UdpLink>, TransportError> UdpLink::open(std::string_view host_in, std::uint16_t port) {
  std::string host(host_in);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return tl::unexpected(TransportError{TransportError::Kind::unreachable, "empty host name", {}});
  if (port == 0) return tl::unexpected(TransportError{TransportError::Kind::unreachable, "port 0 cannot be reached", {}});

  auto impl = std::make_unique<Impl>();
  boost::system::error_code ec;
  udp::resolver resolver(impl->io);
  // Numeric service: no /etc/services lookup; the host may still be a name (getaddrinfo).
  auto results = resolver.resolve(host, std::to_string(port), udp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return tl::unexpected(TransportError{TransportError::Kind::unreachable,
                                         "cannot resolve \"" + host + "\": " + (ec ? ec.message() : "no address") +
                                             "; give a numeric address or check the name",
                                         {}});
  }
  // Take the first address getaddrinfo offers (it orders them by RFC 6724 preference).
  impl->remote = results.begin()->endpoint();
  impl->socket.open(impl->remote.protocol(), ec);
  if (ec) return tl::unexpected(io_error("cannot open a UDP socket: " + ec.message()));
  impl->socket.connect(impl->remote, ec);
  if (ec) {
    return tl::unexpected(TransportError{TransportError::Kind::unreachable,
                                         "cannot use " + to_ip_endpoint(impl->remote).to_string() + ": " + ec.message(),
                                         {}});
  }
  auto local = impl->socket.local_endpoint(ec);
  if (ec) return tl::unexpected(io_error("cannot read the local UDP address: " + ec.message()));
  impl->local_text = to_ip_endpoint(local);
  impl->remote_text = to_ip_endpoint(impl->remote);
  return std::unique_ptr<UdpLink>(new UdpLink(std::move(impl)));
}

tl::expected<void, TransportError> UdpLink::send(ByteView datagram) {
  Impl& m = *impl_;
  if (datagram.size() > kMaxDatagram) {
    return tl::unexpected(TransportError{TransportError::Kind::bad_request,
                                         "datagram of " + std::to_string(datagram.size()) + " bytes exceeds the UDP maximum of " +
                                             std::to_string(kMaxDatagram),
                                         {}});
  }
  if (m.tap != nullptr) m.tap->datagram(m.local_text, m.remote_text, datagram);
  boost::system::error_code ec;
  m.socket.send(asio::buffer(datagram.data(), datagram.size()), 0, ec);
  if (ec == asio::error::connection_refused) return tl::unexpected(m.refused());
  if (ec) return tl::unexpected(io_error("send to " + m.remote_text.to_string() + " failed: " + ec.message()));
  return {};
}

tl::expected<std::optional<Bytes>, TransportError> UdpLink::receive(Clock::time_point deadline) {
  Impl& m = *impl_;
  for (int foreign = 0; foreign < kMaxForeignPerReceive; ++foreign) {
    bool done = false;
    boost::system::error_code result;
    std::size_t received = 0;
    udp::endpoint sender;
    m.socket.async_receive_from(asio::buffer(m.buffer), sender,
                                [&](const boost::system::error_code& ec, std::size_t n) {
                                  done = true;
                                  result = ec;
                                  received = n;
                                });
    m.io.restart();
    // run_one_for returns after each handler or when the time is up; the loop re-checks the
    // deadline so a spurious wake-up cannot extend the wait.
    while (!done) {
      const auto now = Clock::now();
      if (now >= deadline) break;
      m.io.run_one_for(deadline - now);
    }
    if (!done) {
      // Cancel completes the pending receive with operation_aborted (or with data that
      // raced in); either way the handler runs promptly, so this loop ends.
      boost::system::error_code ignored;
      m.socket.cancel(ignored);
      m.io.restart();
      while (!done) m.io.run_one();
      if (result == asio::error::operation_aborted) return std::optional<Bytes>{};
    }
    if (result == asio::error::connection_refused) return tl::unexpected(m.refused());
    if (result) return tl::unexpected(io_error("receive from " + m.remote_text.to_string() + " failed: " + result.message()));
    if (received > kMaxDatagram) continue;  // cannot happen with UDP; drop rather than truncate
    if (sender != m.remote) continue;
    Bytes out(m.buffer.begin(), m.buffer.begin() + static_cast<std::ptrdiff_t>(received));
    if (m.tap != nullptr) m.tap->datagram(m.remote_text, m.local_text, view(out));
    return std::optional<Bytes>(std::move(out));
  }
  return std::optional<Bytes>{};
}

const IpEndpoint& UdpLink::local_endpoint() const { return impl_->local_text; }
const IpEndpoint& UdpLink::remote_endpoint() const { return impl_->remote_text; }
void UdpLink::set_tap(DatagramTap* tap) { impl_->tap = tap; }

}  // namespace ipmict::transport
