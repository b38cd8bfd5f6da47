#pragma once
// Generic completion codes (IPMI 2.0 §5.2, Table 5-2): 00h, C0h-D6h and FFh mean the same
// for every command. 01h-7Eh are device-specific (OEM), 80h-BEh command-specific; those
// are named by the command catalog, not here.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ipmict {

inline constexpr std::uint8_t kCompletionCodeOk = 0x00;

// The spec's wording, shortened where the table adds an explanation ("Node Busy",
// "Invalid Command", ... "Unspecified error"); nullopt outside the generic ranges.
std::optional<std::string_view> generic_completion_code_name(std::uint8_t cc);

}  // namespace ipmict
