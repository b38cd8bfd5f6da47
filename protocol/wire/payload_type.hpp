#pragma once
// RMCP+ payload types (IPMI 2.0 §13, "Payload Type Numbers" table): bits [5:0] of the Payload Type
// byte of the RMCP+ session header.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ipmict {

enum class PayloadType : std::uint8_t {
  ipmi = 0x00,
  sol = 0x01,
  oem_explicit = 0x02,  // followed in the header by OEM IANA and OEM Payload ID
  open_session_request = 0x10,
  open_session_response = 0x11,
  rakp1 = 0x12,
  rakp2 = 0x13,
  rakp3 = 0x14,
  rakp4 = 0x15,
};

// "IPMI Message", "SOL", "OEM Explicit", "RMCP+ Open Session Request", ... "RAKP Message 4",
// "OEM Payload" for 20h-27h; nullopt for reserved values. Takes the 6-bit type.
std::optional<std::string_view> payload_type_name(std::uint8_t type);
inline std::optional<std::string_view> payload_type_name(PayloadType type) {
  return payload_type_name(static_cast<std::uint8_t>(type));
}

// The session-setup payloads (10h-15h) travel outside a session, with Session ID 0.
bool is_session_setup_payload(PayloadType type);

}  // namespace ipmict
