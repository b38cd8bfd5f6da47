#include "protocol/wire/rmcpplus_status.hpp"

namespace ipmict {

std::optional<std::string_view> rmcpplus_status_name(std::uint8_t status) {
  switch (status) {
    case 0x00: return "No errors";
    case 0x01: return "Insufficient resources to create a session";
    case 0x02: return "Invalid Session ID";
    case 0x03: return "Invalid payload type";
    case 0x04: return "Invalid authentication algorithm";
    case 0x05: return "Invalid integrity algorithm";
    case 0x06: return "No matching authentication payload";
    case 0x07: return "No matching integrity payload";
    case 0x08: return "Inactive Session ID";
    case 0x09: return "Invalid role";
    case 0x0a: return "Unauthorized role or privilege level requested";
    case 0x0b: return "Insufficient resources to create a session at the requested role";
    case 0x0c: return "Invalid name length";
    case 0x0d: return "Unauthorized name";
    case 0x0e: return "Unauthorized GUID";
    case 0x0f: return "Invalid integrity check value";
    case 0x10: return "Invalid confidentiality algorithm";
    case 0x11: return "No Cipher Suite match with proposed security algorithms";
    case 0x12: return "Illegal or Unrecognized parameter";
    default: return std::nullopt;
  }
}

}  // namespace ipmict
