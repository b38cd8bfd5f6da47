#pragma once
// Names for the IANA Private Enterprise Numbers that BMCs report as their Manufacturer ID
// (Get Device ID bytes 8:10, IPMI 2.0 §20.1). Only a small table of common BMC and server
// vendors: a number not in it has no name, and reports show the number alone.
#include <cstdint>
#include <string_view>

namespace ipmict::runner {

// The vendor's name, or "" when the number is not in the table.
std::string_view iana_enterprise_name(std::uint32_t number);

}  // namespace ipmict::runner
