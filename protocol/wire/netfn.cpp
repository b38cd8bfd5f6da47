#include "protocol/wire/netfn.hpp"

namespace ipmict {

std::optional<std::string_view> netfn_name(std::uint8_t netfn) {
  if (netfn >= 0x30 && netfn <= 0x3f) return "Controller-specific OEM/Group";
  switch (netfn & 0xfeu) {
    case kNetFnChassis: return "Chassis";
    case kNetFnBridge: return "Bridge";
    case kNetFnSensorEvent: return "Sensor/Event";
    case kNetFnApp: return "App";
    case kNetFnFirmware: return "Firmware";
    case kNetFnStorage: return "Storage";
    case kNetFnTransport: return "Transport";
    case kNetFnGroupExtension: return "Group Extension";
    case kNetFnOemGroup: return "OEM/Group";
    default: return std::nullopt;
  }
}

}  // namespace ipmict
