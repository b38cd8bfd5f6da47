#pragma once
// Describes one IPMI LAN message (request or response) in readable lines, with the data
// decoded by the command catalog. Shared by `ipmict decode` and, later, `ipmict raw`.
#include <string>
#include <string_view>
#include <vector>

#include "protocol/core/bytes.hpp"

namespace ipmict::catalog {
class Catalog;
}

namespace ipmict::capture {

struct MessageText {
  std::vector<std::string> lines;
  bool malformed = false;  // bad checksum, short message, or data that breaks the command's layout
};

// `message` is the LAN message from rsAddr (request) or rqAddr (response) through checksum 2.
// A request or a response is told apart by the netFn's low bit (odd = response).
MessageText describe_ipmi_message(const catalog::Catalog& catalog, ByteView message, std::string_view indent);

}  // namespace ipmict::capture
