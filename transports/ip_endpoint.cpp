#include "transports/ip_endpoint.hpp"

#include <charconv>

namespace ipmict::transport {

std::string IpEndpoint::to_string() const {
  const bool v6 = address.find(':') != std::string::npos;
  return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

namespace {

tl::expected<std::uint16_t, std::string> parse_port(std::string_view text, std::string_view whole) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value == 0 || value > 65535) {
    return tl::unexpected("bad port \"" + std::string(text) + "\" in \"" + std::string(whole) +
                          "\": expected a number from 1 to 65535");
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

tl::expected<HostPort, std::string> split_host_port(std::string_view text, std::uint16_t default_port) {
  const std::string whole(text);
  if (text.empty()) return tl::unexpected(std::string("empty host: expected host, host:port or [IPv6]:port"));
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close == 1) {
      return tl::unexpected("bad address \"" + whole + "\": expected [IPv6] or [IPv6]:port");
    }
    HostPort out{std::string(text.substr(1, close - 1)), default_port};
    const std::string_view rest = text.substr(close + 1);
    if (rest.empty()) return out;
    if (rest.front() != ':') return tl::unexpected("bad address \"" + whole + "\": expected ':' after ']'");
    auto port = parse_port(rest.substr(1), text);
    if (!port) return tl::unexpected(port.error());
    out.port = *port;
    return out;
  }
  const auto first = text.find(':');
  if (first == std::string_view::npos) return HostPort{whole, default_port};
  if (text.find(':', first + 1) != std::string_view::npos) return HostPort{whole, default_port};  // bare IPv6
  if (first == 0) return tl::unexpected("bad address \"" + whole + "\": no host before ':'");
  auto port = parse_port(text.substr(first + 1), text);
  if (!port) return tl::unexpected(port.error());
  return HostPort{std::string(text.substr(0, first)), *port};
}

}  // namespace ipmict::transport
