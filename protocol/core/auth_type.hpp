#pragma once
// IPMI 2.0 §13.6 / Table 13-2: the Authentication Type byte that opens every session
// header. Values 0-5 are IPMI 1.5 session wrappers; 06h marks an RMCP+ (IPMI 2.0) header.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ipmict {

enum class AuthType : std::uint8_t {
  none = 0x00,
  md2 = 0x01,
  md5 = 0x02,
  straight_password = 0x04,
  oem = 0x05,
  rmcp_plus = 0x06,
};

// "none", "MD2", "MD5", "straight password", "OEM", "RMCP+"; nullopt for reserved values.
std::optional<std::string_view> auth_type_name(std::uint8_t value);

}  // namespace ipmict
