#pragma once
// One interface for every way ipmict reaches a BMC (DESIGN.md §2): send a request, get
// the response or a typed failure, close. Implementations: LAN/RMCP+ over UDP
// (lan_client.hpp), replay of a recorded capture (replay_transport.hpp), and later the
// in-memory link to the built-in simulator. Synchronous on purpose: the runner gets
// parallelism from one transport per target, each in its own thread.
#include <cstdint>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "protocol/session/request.hpp"

namespace ipmict::transport {

struct TransportError {
  enum class Kind : std::uint8_t {
    unreachable,     // no answer at all, or the host/port cannot be used
    timeout,         // the session was up but a request got no answer after every retry
    session,         // the session could not be established: authentication, rejected, unsupported
    malformed,       // the BMC's reply did not parse (a finding about the BMC)
    closed,          // used after close(), or the BMC dropped the session
    bad_request,     // the request cannot be sent as given
    io,              // a local socket / file error
  } kind = Kind::io;
  std::string message;                 // one line: what failed, where, and what to do
  std::optional<std::uint8_t> status;  // RMCP+ status code or completion code, if any
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual tl::expected<session::Response, TransportError> request(const session::Request& request) = 0;
  virtual void close() = 0;
  // "lanplus://admin@127.0.0.1:623 cipher suite 3, Administrator" — never the password.
  virtual std::string describe() const = 0;
};

}  // namespace ipmict::transport
