// IPMI GUID bytes to RFC 4122 text (see the header).
#include "harness/runner/ipmi_guid.hpp"

#include <fmt/format.h>

namespace ipmict::runner {

std::string ipmi_guid_text(ByteView wire) {
  if (wire.size() != 16) return {};
  std::string out;
  out.reserve(36);
  // RFC 4122 octet i is wire byte 15 - i; dashes after octets 4, 6, 8 and 10 (8-4-4-4-12).
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += fmt::format("{:02x}", wire[15 - i]);
  }
  return out;
}

}  // namespace ipmict::runner
