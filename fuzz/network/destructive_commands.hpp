#pragma once
// Commands the fuzzer never sends unless told to (--allow-destructive): the ones that
// change what a later login, the liveness oracle or the machine behind the BMC depend on
// (users, passwords, channel and LAN settings, resets, power, firmware, I2C writes,
// bridging onto other controllers). A mutation can turn any request into one of these
// (the netFn and cmd bytes are fields like any other), so the check runs on the final
// IPMI message of every step, after mutation, before it is sent.
#include <cstdint>

namespace ipmict::netfuzz {

// netfn: the 6-bit request netFn (byte 1 of the message >> 2).
bool is_destructive_command(std::uint8_t netfn, std::uint8_t cmd);

}  // namespace ipmict::netfuzz
