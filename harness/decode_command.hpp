#pragma once
// `ipmict decode`: a capture file, one hex datagram, or hex lines on stdin, decoded into
// named fields (and decrypted when the password is given).
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "harness/secret_source.hpp"

namespace ipmict {

struct DecodeOptions {
  std::string input;  // a capture/hex file path, a hex datagram, or "-"/empty for stdin
  SecretSource password;
  SecretSource kg;
  std::optional<std::uint16_t> port;     // only datagrams to or from this UDP port
  std::vector<std::string> catalog_files;  // OEM command files (docs/catalog.md)
};

// Exit code: 0 everything decoded and verified, 1 a malformed or unverifiable datagram
// (a finding about the sender), 2 the input or options could not be used.
int run_decode(const DecodeOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace ipmict
