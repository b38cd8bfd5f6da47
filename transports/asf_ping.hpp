#pragma once
// RMCP Presence Ping / Pong (ASF 2.0 §3.2.4.3; IPMI 2.0 §13.2.3): the one exchange that
// needs no session, used to discover a BMC and to tell "nothing there" from "IPMI there".
#include <chrono>
#include <cstdint>
#include <string>

#include <tl/expected.hpp>

#include "protocol/wire/asf.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::transport {

struct AsfPingOptions {
  std::chrono::milliseconds timeout{1000};  // per try
  unsigned retries = 2;                     // pings sent after the first, each with its own timeout
  std::uint8_t message_tag = 0x00;          // echoed by the Pong; FFh is not allowed (it means "no response")
};

struct AsfPingError {
  enum class Kind : std::uint8_t {
    timeout,      // no Pong after every try
    unreachable,  // ICMP port unreachable: nothing listens there
    malformed,    // an ASF reply that does not decode as a Presence Pong (a finding about the BMC)
    bad_request,  // message tag FFh
    io,           // a local socket error
  } kind = Kind::timeout;
  std::string message;  // one line
};

// Sends Presence Pings on `link` and returns the first Pong that carries our message tag.
// Datagrams that are not ASF (or are Pongs for another tag) are ignored until the try's
// timeout; an ASF message from the peer that is malformed ends the ping with `malformed`.
tl::expected<AsfPong, AsfPingError> asf_ping(UdpLink& link, const AsfPingOptions& options = {});

}  // namespace ipmict::transport
