#include "protocol/core/completion_code.hpp"

namespace ipmict {

std::optional<std::string_view> generic_completion_code_name(std::uint8_t cc) {
  switch (cc) {
    case 0x00: return "Command Completed Normally";
    case 0xc0: return "Node Busy";
    case 0xc1: return "Invalid Command";
    case 0xc2: return "Command invalid for given LUN";
    case 0xc3: return "Timeout while processing command";
    case 0xc4: return "Out of space";
    case 0xc5: return "Reservation Canceled or Invalid Reservation ID";
    case 0xc6: return "Request data truncated";
    case 0xc7: return "Request data length invalid";
    case 0xc8: return "Request data field length limit exceeded";
    case 0xc9: return "Parameter out of range";
    case 0xca: return "Cannot return number of requested data bytes";
    case 0xcb: return "Requested Sensor, data, or record not present";
    case 0xcc: return "Invalid data field in Request";
    case 0xcd: return "Command illegal for specified sensor or record type";
    case 0xce: return "Command response could not be provided";
    case 0xcf: return "Cannot execute duplicated request";
    case 0xd0: return "Command response could not be provided. SDR Repository in update mode";
    case 0xd1: return "Command response could not be provided. Device in firmware update mode";
    case 0xd2: return "Command response could not be provided. BMC initialization or initialization agent in progress";
    case 0xd3: return "Destination unavailable";
    case 0xd4: return "Cannot execute command due to insufficient privilege level or other security-based restriction";
    case 0xd5: return "Cannot execute command. Command, or request parameter(s), not supported in present state";
    case 0xd6: return "Cannot execute command. Parameter is illegal because command sub-function has been disabled or is unavailable";
    case 0xff: return "Unspecified error";
    default: return std::nullopt;
  }
}

}  // namespace ipmict
