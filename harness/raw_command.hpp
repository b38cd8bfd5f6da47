#pragma once
// `ipmict raw TARGET NETFN CMD [DATA...]` and `ipmict raw TARGET --batch FILE|-`: requests
// in the byte syntax of `ipmitool raw`, over one session, answered with the completion code
// and its name, the response bytes and the catalog's fields (or JSON, one object a request).
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "harness/secret_source.hpp"

namespace ipmict {

struct RawOptions {
  std::string target;
  std::vector<std::string> tokens;   // NETFN CMD DATA...
  std::optional<std::string> batch;  // a file of request lines, or "-" for stdin
  bool json = false;
  SecretSource password;
  SecretSource kg;
  std::optional<std::string> pcap;
  // Bridging, as ipmitool -b/-t/-B/-T.
  std::optional<std::uint8_t> bridge_channel;
  std::optional<std::uint8_t> bridge_target;
  std::optional<std::uint8_t> transit_channel;
  std::optional<std::uint8_t> transit_target;
  std::vector<std::string> catalog_files;
};

// Exit code: 0 every request answered with completion code 00h; 1 some answer had another
// completion code (as ipmitool raw); 2 bad usage, a session that could not be established,
// or a request without an answer.
int run_raw(const RawOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace ipmict
