#pragma once
// Targets are URIs (issue 3):
//   lanplus://USER@HOST[:PORT][?cipher=17&privilege=admin&timeout=1000&retries=2&name-only=0]
//   lan://USER@HOST[:PORT][?auth=md5&privilege=operator]
//   sim://[?interface=system][&personality=NAME,NAME]   (the built-in simulator)
// USER may be empty (the null user: "lanplus://@host"). HOST may be a name, an IPv4
// address or a bracketed IPv6 address ("[::1]"). PORT defaults to 623.
// A password in the URI ("user:secret@host") is refused: secrets come from the
// environment, a file or a prompt, never from the command line.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/privilege.hpp"

namespace ipmict {

struct Target {
  enum class Scheme : std::uint8_t { lan, lanplus, sim } scheme = Scheme::lanplus;
  std::string user;
  std::string host;
  std::uint16_t port = 623;
  std::optional<std::uint8_t> cipher_suite;   // lanplus only
  std::optional<AuthType> auth_type;          // lan only
  Privilege privilege = Privilege::administrator;
  std::optional<unsigned> timeout_ms;
  std::optional<unsigned> retries;
  std::optional<bool> name_only_lookup;       // lanplus only
  std::string interface;                      // sim only: "lan" (default) or "system"
  std::vector<std::string> personalities;     // sim only: built-in personalities to play (docs/simulator.md)

  // The URI without secrets, normalised: "lanplus://admin@127.0.0.1:623?cipher=3".
  std::string to_string() const;
};

// Errors are one line: "target 'lanplus://x': <what> (<what to do>)".
tl::expected<Target, std::string> parse_target(std::string_view uri);

}  // namespace ipmict
