#pragma once
// Where a secret (a user password or K_G) comes from. Secrets are never taken from the
// command line itself (it is visible in `ps` and shell history): only from an
// environment variable, a file, or a prompt on the terminal with echo off.
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "protocol/core/bytes.hpp"

namespace ipmict {

struct SecretSource {
  std::optional<std::string> env;   // name of an environment variable
  std::optional<std::string> file;  // path of a file; one trailing newline is dropped
  bool prompt = false;              // ask on /dev/tty with echo off

  bool given() const { return env || file || prompt; }
};

enum class SecretEncoding {
  text,       // the bytes as written (passwords)
  hex_or_text // "0x" + hex, or exactly 40 hex digits, is read as hex; else text (K_G)
};

// Reads the secret. `what` names it in errors ("password", "K_G"). Errors are one line
// and never contain the secret. max_bytes bounds the result (20 for IPMI keys).
tl::expected<Bytes, std::string> read_secret(const SecretSource& source, std::string_view what,
                                             SecretEncoding encoding, std::size_t max_bytes);

}  // namespace ipmict
