#pragma once
// IPMI 2.0 §6.8 privilege levels as they appear on the wire (4 bits).
#include <cstdint>
#include <optional>
#include <string_view>

namespace ipmict {

enum class Privilege : std::uint8_t {
  unspecified = 0x0,  // "no change" in Set Session Privilege Level; "highest" in Open Session
  callback = 0x1,
  user = 0x2,
  operator_ = 0x3,
  administrator = 0x4,
  oem = 0x5,
  no_access = 0xf,  // only in user privilege limits
};

// "Callback", "User", "Operator", "Administrator", "OEM Proprietary", "No Access".
std::optional<std::string_view> privilege_name(std::uint8_t value);

// Parses "user", "operator", "admin"/"administrator", "callback", "oem" (case-insensitive).
std::optional<Privilege> parse_privilege(std::string_view text);

}  // namespace ipmict
