#pragma once
// RMCP+ and RAKP message status codes (IPMI 2.0 §13, "RMCP+ and RAKP Message Status
// Codes", Table 13-15): the Status Code byte of the Open Session Response and RAKP
// Messages 2-4. Not completion codes: these travel outside the IPMI message.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ipmict {

inline constexpr std::uint8_t kRmcpPlusStatusNoErrors = 0x00;

// The spec's wording for 00h-12h ("No errors", "Insufficient resources to create a
// session", ... "Illegal or Unrecognized parameter"); nullopt for reserved codes.
std::optional<std::string_view> rmcpplus_status_name(std::uint8_t status);

}  // namespace ipmict
