#include <cctype>
#include <string>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/privilege.hpp"

namespace ipmict {

std::optional<std::string_view> auth_type_name(std::uint8_t value) {
  switch (value) {
    case 0x00: return "none";
    case 0x01: return "MD2";
    case 0x02: return "MD5";
    case 0x04: return "straight password";
    case 0x05: return "OEM";
    case 0x06: return "RMCP+";
    default: return std::nullopt;
  }
}

std::optional<std::string_view> privilege_name(std::uint8_t value) {
  switch (value) {
    case 0x1: return "Callback";
    case 0x2: return "User";
    case 0x3: return "Operator";
    case 0x4: return "Administrator";
    case 0x5: return "OEM Proprietary";
    case 0xf: return "No Access";
    default: return std::nullopt;
  }
}

std::optional<Privilege> parse_privilege(std::string_view text) {
  std::string t;
  for (char c : text) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (t == "callback") return Privilege::callback;
  if (t == "user") return Privilege::user;
  if (t == "operator") return Privilege::operator_;
  if (t == "admin" || t == "administrator") return Privilege::administrator;
  if (t == "oem") return Privilege::oem;
  return std::nullopt;
}

}  // namespace ipmict
