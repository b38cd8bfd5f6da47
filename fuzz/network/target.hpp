#pragma once
// The BMC under test as the fuzzer sees it: where it listens, how to log in, and, when the
// caller can provide one, a way to get it back fresh (restart it, or start a new built-in
// simulator) for shrinking and replays.
#include <cstdint>
#include <functional>
#include <string>

#include <tl/expected.hpp>

#include "fuzz/network/credentials.hpp"
#include "protocol/session/client_session.hpp"

namespace ipmict::netfuzz {

struct TargetEndpoint {
  std::string host;
  std::uint16_t port = 623;
  std::string to_string() const;  // "127.0.0.1:623", "[::1]:623"
};

struct FuzzTarget {
  TargetEndpoint endpoint;
  Credentials credentials;
  session::Protocol protocol = session::Protocol::lanplus;  // of the liveness oracle's session
  std::string description;  // the target URI without secrets, for logs and reproducers
  // A target in its initial state, answering; the endpoint may differ from the last one
  // (a new simulator on a new port). Empty when there is no way to restart it.
  std::function<tl::expected<TargetEndpoint, std::string>()> restart;
  std::string no_restart_reason;  // why `restart` is empty, for the report
};

}  // namespace ipmict::netfuzz
