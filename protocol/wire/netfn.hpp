#pragma once
// Network Function codes (IPMI 2.0 §5.1, Table 5-1). Requests use the even code and
// responses the odd one after it; both map to the same name.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ipmict {

inline constexpr std::uint8_t kNetFnChassis = 0x00;
inline constexpr std::uint8_t kNetFnBridge = 0x02;
inline constexpr std::uint8_t kNetFnSensorEvent = 0x04;
inline constexpr std::uint8_t kNetFnApp = 0x06;
inline constexpr std::uint8_t kNetFnFirmware = 0x08;
inline constexpr std::uint8_t kNetFnStorage = 0x0a;
inline constexpr std::uint8_t kNetFnTransport = 0x0c;
inline constexpr std::uint8_t kNetFnGroupExtension = 0x2c;
inline constexpr std::uint8_t kNetFnOemGroup = 0x2e;

// "Chassis", "Bridge", "Sensor/Event", "App", "Firmware", "Storage", "Transport",
// "Group Extension", "OEM/Group", "Controller-specific OEM/Group" (30h-3Fh); nullopt for
// the reserved 0Eh-2Bh and for values above 3Fh (netFn is 6 bits).
std::optional<std::string_view> netfn_name(std::uint8_t netfn);

}  // namespace ipmict
