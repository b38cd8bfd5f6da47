#include "fuzz/network/destructive_commands.hpp"

namespace ipmict::netfuzz {
namespace {

// IPMI 2.0 Appendix G, the state-changing commands of the standard netFns.
struct Command {
  std::uint8_t netfn;
  std::uint8_t cmd;
};

constexpr Command kDestructive[] = {
    // Chassis (00h): control, reset, identify, capabilities, restore policy, boot options,
    // front panel, power cycle interval.
    {0x00, 0x02}, {0x00, 0x03}, {0x00, 0x04}, {0x00, 0x05}, {0x00, 0x06}, {0x00, 0x08}, {0x00, 0x0a}, {0x00, 0x0b},
    // Sensor/Event (04h): event receiver, Platform Event Message (PEF actions may power the
    // host off), PEF configuration and postpone timer, last processed event, hysteresis,
    // thresholds, event enables, re-arm, sensor reading.
    {0x04, 0x00}, {0x04, 0x02}, {0x04, 0x11}, {0x04, 0x12}, {0x04, 0x14}, {0x04, 0x24}, {0x04, 0x26},
    {0x04, 0x28}, {0x04, 0x2a}, {0x04, 0x2e}, {0x04, 0x30},
    // App (06h): resets, watchdog, global enables, message flags and channel receive,
    // Send Message (bridging), Master Write-Read (I2C), channel access, user name/access/
    // password, channel security keys, system info, payload activation and access,
    // firmware firewall.
    {0x06, 0x02}, {0x06, 0x03}, {0x06, 0x06}, {0x06, 0x22}, {0x06, 0x24}, {0x06, 0x2e}, {0x06, 0x30}, {0x06, 0x32},
    {0x06, 0x34}, {0x06, 0x40}, {0x06, 0x43}, {0x06, 0x45}, {0x06, 0x47}, {0x06, 0x48}, {0x06, 0x49}, {0x06, 0x4c},
    {0x06, 0x52}, {0x06, 0x56}, {0x06, 0x58}, {0x06, 0x60}, {0x06, 0x64},
    // Storage (0Ah): FRU write, SDR add/delete/clear/update mode, SEL add/delete/clear/time.
    {0x0a, 0x12}, {0x0a, 0x24}, {0x0a, 0x25}, {0x0a, 0x26}, {0x0a, 0x27}, {0x0a, 0x28}, {0x0a, 0x2a}, {0x0a, 0x2b},
    {0x0a, 0x2c}, {0x0a, 0x44}, {0x0a, 0x45}, {0x0a, 0x46}, {0x0a, 0x47}, {0x0a, 0x49}, {0x0a, 0x5d},
};

// Transport (0Ch): everything but the Get commands (LAN, serial/modem, SOL configuration).
constexpr std::uint8_t kTransportReadOnly[] = {0x02, 0x04, 0x11, 0x13, 0x17, 0x19, 0x1b, 0x1d, 0x1f, 0x22};

}  // namespace

bool is_destructive_command(std::uint8_t netfn, std::uint8_t cmd) {
  // Bridge (02h), Firmware (08h), group extensions and OEM (2Ch-3Fh): vendor-defined,
  // including firmware updates. Odd netFns are responses and never handled as requests.
  if (netfn == 0x02 || netfn == 0x03 || netfn == 0x08 || netfn == 0x09 || netfn >= 0x2c) return true;
  if (netfn == 0x0c || netfn == 0x0d) {
    for (const std::uint8_t c : kTransportReadOnly) {
      if (c == cmd) return false;
    }
    return true;
  }
  for (const Command& c : kDestructive) {
    if (c.netfn == (netfn & 0x3e) && c.cmd == cmd) return true;
  }
  return false;
}

}  // namespace ipmict::netfuzz
