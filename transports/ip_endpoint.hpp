#pragma once
// A UDP endpoint as text ("127.0.0.1", port 623) and the "host:port" notation users type.
// Kept free of Asio so that the pcap tap, tests and the harness can use it without pulling
// Boost into every translation unit.
#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace ipmict::transport {

struct IpEndpoint {
  std::string address;  // numeric: "127.0.0.1" or "::1" (no brackets)
  std::uint16_t port = 0;

  // "127.0.0.1:623" or "[::1]:623": the form users type back in.
  std::string to_string() const;
  friend bool operator==(const IpEndpoint&, const IpEndpoint&) = default;
};

struct HostPort {
  std::string host;  // a name or a numeric address, brackets removed
  std::uint16_t port = 0;
};

// Splits "host", "host:port", "[v6]" and "[v6]:port"; a bare IPv6 address ("::1") is taken
// as a host without a port, because its last group cannot be told from a port. The error is
// one line naming the text and what is wrong with it.
tl::expected<HostPort, std::string> split_host_port(std::string_view text, std::uint16_t default_port);

}  // namespace ipmict::transport
