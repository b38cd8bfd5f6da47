// SDR records generated from SimConfig (IPMI 2.0 ch. 43): these are stored record images,
// not command layouts, so they are built byte by byte here from the spec's tables.
#include <algorithm>

#include "sim/model/model.hpp"

namespace ipmict::sim {

namespace {

constexpr std::uint8_t kSdrVersion = 0x51;

void header(Bytes& r, std::uint16_t id, std::uint8_t type) {
  r = {static_cast<std::uint8_t>(id & 0xff), static_cast<std::uint8_t>(id >> 8), kSdrVersion, type, 0};
}
void finish(Bytes& r) { r[4] = static_cast<std::uint8_t>(r.size() - 5); }  // record length: bytes after the header

// ID string type/length code (§43.15): 11b = 8-bit ASCII + Latin 1, [4:0] length (max 16).
void id_string(Bytes& r, const std::string& name) {
  const std::size_t n = std::min<std::size_t>(name.size(), 16);
  r.push_back(static_cast<std::uint8_t>(0xc0 | n));
  r.insert(r.end(), name.begin(), name.begin() + static_cast<std::ptrdiff_t>(n));
}

// 10-bit two's complement M and B split as Table 43-1 bytes 25-28 want.
std::uint16_t ten_bits(std::int16_t v) { return static_cast<std::uint16_t>(static_cast<std::uint16_t>(v) & 0x3ffu); }
std::uint8_t four_bits(std::int8_t v) { return static_cast<std::uint8_t>(static_cast<std::uint8_t>(v) & 0x0fu); }

// Assertion/deassertion masks for the thresholds present (Table 43-1 bytes 15-18):
// lower thresholds "going low", upper ones "going high", plus the reading masks [14:12].
std::pair<std::uint16_t, std::uint16_t> threshold_masks(const SensorConfig& s) {
  const auto& t = s.thresholds;  // lnr, lcr, lnc, unc, ucr, unr
  std::uint16_t lower = 0, upper = 0;
  if (t[2]) lower |= 0x0001 | 0x1000;  // LNC going low; LNC comparison returned
  if (t[1]) lower |= 0x0004 | 0x2000;  // LCR going low
  if (t[0]) lower |= 0x0010 | 0x4000;  // LNR going low
  if (t[3]) { lower |= 0x0080; upper |= 0x1000; }  // UNC going high
  if (t[4]) { lower |= 0x0200; upper |= 0x2000; }  // UCR going high
  if (t[5]) { lower |= 0x0800; upper |= 0x4000; }  // UNR going high
  return {lower, upper};
}

void put16(Bytes& r, std::uint16_t v) {
  r.push_back(static_cast<std::uint8_t>(v & 0xff));
  r.push_back(static_cast<std::uint8_t>(v >> 8));
}

Bytes full_sensor_record(std::uint16_t id, const SensorConfig& s) {
  Bytes r;
  header(r, id, 0x01);
  r.push_back(kBmcSlaveAddress);  // 6: sensor owner ID
  r.push_back(0x00);              // 7: channel 0, LUN 0
  r.push_back(s.number);          // 8
  r.push_back(s.entity_id);       // 9
  r.push_back(static_cast<std::uint8_t>(s.entity_instance & 0x7f));  // 10: physical entity
  r.push_back(0x7f);  // 11: init scanning, events, thresholds, hysteresis, type; events and scanning enabled
  r.push_back(0x44);  // 12: auto re-arm; thresholds readable (01b); per-threshold event enables
  r.push_back(s.sensor_type);         // 13
  r.push_back(s.event_reading_type);  // 14
  const auto [lower, upper] = threshold_masks(s);
  put16(r, lower);  // 15-16 assertion event mask / lower threshold reading mask
  put16(r, static_cast<std::uint16_t>((lower & 0x0fff) | upper));  // 17-18 deassertion mask / upper reading mask
  std::uint8_t readable = 0;  // 19: readable thresholds [5] UNR [4] UCR [3] UNC [2] LNR [1] LCR [0] LNC
  const auto& t = s.thresholds;
  if (t[2]) readable |= 0x01;
  if (t[1]) readable |= 0x02;
  if (t[0]) readable |= 0x04;
  if (t[3]) readable |= 0x08;
  if (t[4]) readable |= 0x10;
  if (t[5]) readable |= 0x20;
  r.push_back(readable);
  r.push_back(0x00);     // 20: settable threshold mask (none: Set Sensor Thresholds is not implemented)
  r.push_back(0x00);     // 21: units 1: unsigned, no rate, no modifier, not a percentage
  r.push_back(s.units);  // 22: base unit
  r.push_back(0x00);     // 23: modifier unit
  r.push_back(0x00);     // 24: linear
  const std::uint16_t m = ten_bits(s.m), b = ten_bits(s.b);
  r.push_back(static_cast<std::uint8_t>(m & 0xff));            // 25: M LS
  r.push_back(static_cast<std::uint8_t>((m >> 8) << 6));        // 26: M MS [7:6], tolerance 0
  r.push_back(static_cast<std::uint8_t>(b & 0xff));            // 27: B LS
  r.push_back(static_cast<std::uint8_t>((b >> 8) << 6));        // 28: B MS [7:6], accuracy 0
  r.push_back(0x00);                                           // 29: accuracy, exp, direction unspecified
  r.push_back(static_cast<std::uint8_t>((four_bits(s.r_exp) << 4) | four_bits(s.b_exp)));  // 30
  r.push_back(0x00);  // 31: no nominal / normal max / normal min given
  r.push_back(0x00);  // 32 nominal reading
  r.push_back(0x00);  // 33 normal maximum
  r.push_back(0x00);  // 34 normal minimum
  r.push_back(0xff);  // 35 sensor maximum reading
  r.push_back(0x00);  // 36 sensor minimum reading
  r.push_back(t[5].value_or(0));  // 37 UNR
  r.push_back(t[4].value_or(0));  // 38 UCR
  r.push_back(t[3].value_or(0));  // 39 UNC
  r.push_back(t[0].value_or(0));  // 40 LNR
  r.push_back(t[1].value_or(0));  // 41 LCR
  r.push_back(t[2].value_or(0));  // 42 LNC
  r.push_back(0x00);  // 43 positive-going hysteresis
  r.push_back(0x00);  // 44 negative-going hysteresis
  r.push_back(0x00);  // 45 reserved
  r.push_back(0x00);  // 46 reserved
  r.push_back(0x00);  // 47 OEM
  id_string(r, s.name);  // 48..
  finish(r);
  return r;
}

Bytes compact_sensor_record(std::uint16_t id, const SensorConfig& s) {
  Bytes r;
  header(r, id, 0x02);
  r.push_back(kBmcSlaveAddress);
  r.push_back(0x00);
  r.push_back(s.number);
  r.push_back(s.entity_id);
  r.push_back(static_cast<std::uint8_t>(s.entity_instance & 0x7f));
  r.push_back(0x63);  // 11: init scanning + events, events and scanning enabled
  r.push_back(0x40);  // 12: auto re-arm, no thresholds, per-state event enables
  r.push_back(s.sensor_type);
  r.push_back(s.event_reading_type);
  put16(r, 0x7fff);  // 15-16 assertion event mask: every state
  put16(r, 0x7fff);  // 17-18 deassertion event mask
  put16(r, 0x7fff);  // 19-20 discrete reading mask
  r.push_back(0x00);     // 21 units 1
  r.push_back(s.units);  // 22
  r.push_back(0x00);     // 23
  r.push_back(0x00);     // 24 record sharing
  r.push_back(0x00);     // 25
  r.push_back(0x00);     // 26 positive hysteresis
  r.push_back(0x00);     // 27 negative hysteresis
  r.push_back(0x00);     // 28-30 reserved
  r.push_back(0x00);
  r.push_back(0x00);
  r.push_back(0x00);     // 31 OEM
  id_string(r, s.name);  // 32..
  finish(r);
  return r;
}

Bytes mc_device_locator(std::uint16_t id) {
  Bytes r;
  header(r, id, 0x12);
  r.push_back(kBmcSlaveAddress);  // 6: device slave address
  r.push_back(0x00);              // 7: channel 0
  r.push_back(0x00);              // 8: power state notification / global initialization
  r.push_back(Model::kDeviceSupport);  // 9: device capabilities
  r.push_back(0x00);  // 10-12 reserved
  r.push_back(0x00);
  r.push_back(0x00);
  r.push_back(0x06);  // 13: entity ID: system management module
  r.push_back(0x01);  // 14: entity instance
  r.push_back(0x00);  // 15: OEM
  id_string(r, "ipmict BMC");
  finish(r);
  return r;
}

}  // namespace

std::vector<Bytes> build_sdr_records(const SimConfig& config) {
  std::vector<Bytes> out;
  out.push_back(mc_device_locator(1));
  for (const auto& s : config.sensors) {
    const auto id = static_cast<std::uint16_t>(out.size() + 1);
    out.push_back(s.event_reading_type == 0x01 ? full_sensor_record(id, s) : compact_sensor_record(id, s));
  }
  return out;
}

}  // namespace ipmict::sim
