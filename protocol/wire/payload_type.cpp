#include "protocol/wire/payload_type.hpp"

namespace ipmict {

std::optional<std::string_view> payload_type_name(std::uint8_t type) {
  switch (type) {
    case 0x00: return "IPMI Message";
    case 0x01: return "SOL (serial over LAN)";
    case 0x02: return "OEM Explicit";
    case 0x10: return "RMCP+ Open Session Request";
    case 0x11: return "RMCP+ Open Session Response";
    case 0x12: return "RAKP Message 1";
    case 0x13: return "RAKP Message 2";
    case 0x14: return "RAKP Message 3";
    case 0x15: return "RAKP Message 4";
    default: break;
  }
  if (type >= 0x20 && type <= 0x27) return "OEM Payload";  // OEM0-OEM7, meaning set by the vendor
  return std::nullopt;
}

bool is_session_setup_payload(PayloadType type) {
  const auto v = static_cast<std::uint8_t>(type);
  return v >= 0x10 && v <= 0x15;
}

}  // namespace ipmict
