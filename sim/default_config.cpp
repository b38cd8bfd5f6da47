// The documented secure default configuration (docs/simulator.md): one administrator, no
// null user, IPMI 1.5 MD5 only, RMCP+ suites 3 and 17, a few sensors, a FRU, an empty SEL.
#include <numeric>
#include <string>

#include "sim/sim_config.hpp"

namespace ipmict::sim {

namespace {

// FRU area pieces (Platform Management FRU Information Storage Definition v1.0).
void type_length(Bytes& out, const std::string& s) {
  out.push_back(static_cast<std::uint8_t>(0xc0 | (s.size() & 0x3f)));  // 8-bit ASCII + Latin 1
  out.insert(out.end(), s.begin(), s.end());
}

std::uint8_t zero_checksum(const Bytes& b) {
  const unsigned sum = std::accumulate(b.begin(), b.end(), 0u);
  return static_cast<std::uint8_t>((0x100u - (sum & 0xffu)) & 0xffu);
}

// Pads an area to a multiple of 8 bytes (including its checksum), sets its length byte
// and appends the checksum.
void close_area(Bytes& area) {
  area.push_back(0xc1);  // end of fields
  while ((area.size() + 1) % 8 != 0) area.push_back(0x00);
  area[1] = static_cast<std::uint8_t>((area.size() + 1) / 8);
  area.push_back(zero_checksum(area));
}

Bytes default_fru() {
  Bytes board{0x01, 0x00, 0x19};  // version, length (set later), language English
  board.insert(board.end(), {0x00, 0x00, 0x00});  // manufacturing date: unspecified
  type_length(board, "ipmict");             // board manufacturer
  type_length(board, "Simulated Board");    // board product name
  type_length(board, "SIM0001");            // board serial number
  type_length(board, "IPMICT-BRD-1");       // board part number
  type_length(board, "");                   // FRU file ID
  close_area(board);

  Bytes product{0x01, 0x00, 0x19};
  type_length(product, "ipmict");           // manufacturer
  type_length(product, "Simulated BMC");    // product name
  type_length(product, "IPMICT-SIM-1");     // part/model number
  type_length(product, "1.0");              // version
  type_length(product, "SIM0001");          // serial number
  type_length(product, "");                 // asset tag
  type_length(product, "");                 // FRU file ID
  close_area(product);

  // Common header: version 1, offsets in 8-byte units: internal use 0, chassis 0,
  // board 1, product after the board, multi-record 0, pad, checksum.
  Bytes header{0x01, 0x00, 0x00, 0x01, static_cast<std::uint8_t>(1 + board.size() / 8), 0x00, 0x00};
  header.push_back(zero_checksum(header));
  Bytes out = header;
  out.insert(out.end(), board.begin(), board.end());
  out.insert(out.end(), product.begin(), product.end());
  return out;
}

SensorConfig threshold_sensor(std::uint8_t number, std::string name, std::uint8_t type, std::uint8_t units,
                              std::uint8_t entity, std::uint8_t reading,
                              std::array<std::optional<std::uint8_t>, 6> thresholds) {
  SensorConfig s;
  s.number = number;
  s.name = std::move(name);
  s.sensor_type = type;
  s.event_reading_type = 0x01;
  s.entity_id = entity;
  s.units = units;
  s.raw_reading = reading;
  s.thresholds = thresholds;
  return s;
}

}  // namespace

SimConfig default_sim_config(const Bytes& admin_password) {
  SimConfig c;
  // Identity: manufacturer 0 is our placeholder ("reserved" IANA number: no real vendor).
  c.identity.device_id = 0x20;
  c.identity.device_revision = 0x01;
  c.identity.firmware_major = 1;
  c.identity.firmware_minor = 0;
  c.identity.manufacturer_id = 0;
  c.identity.product_id = 0x0001;
  c.identity.system_guid = {0x6c, 0x1d, 0x0a, 0x3e, 0x52, 0x7b, 0x4b, 0x8e,
                            0x9a, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01};
  c.identity.device_guid = {0x6c, 0x1d, 0x0a, 0x3e, 0x52, 0x7b, 0x4b, 0x8e,
                            0x9a, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02};

  c.max_users = 16;
  for (std::uint8_t id = 1; id <= 16; ++id) {
    UserConfig u;
    u.id = id;
    if (id == 2) {
      u.name = "admin";
      u.password = admin_password;
      u.password_20 = admin_password.size() > 16;
      u.enabled = true;
      UserConfig::Access a;
      a.channel = 1;
      a.privilege_limit = Privilege::administrator;
      a.ipmi_messaging = true;
      a.link_auth = false;
      u.access.push_back(a);
    }
    c.users.push_back(u);
  }

  ChannelConfig lan;
  lan.number = 1;
  lan.medium = ChannelConfig::Medium::lan;
  ChannelConfig system;
  system.number = 0x0f;
  system.medium = ChannelConfig::Medium::system_interface;
  ChannelConfig ipmb;
  ipmb.number = 0;
  ipmb.medium = ChannelConfig::Medium::ipmb;
  c.channels = {lan, system, ipmb};

  // LanConfig's defaults are the secure ones: IPMI 1.5 MD5 only, suites 3 and 17, no K_G.
  c.lan = LanConfig{};

  // Sensors: raw = degrees C / 0.1 V / 50 RPM steps.
  c.sensors.push_back(threshold_sensor(0x01, "CPU Temp", 0x01, 0x01, 0x03, 45,
                                       {std::nullopt, std::uint8_t{5}, std::uint8_t{10}, std::uint8_t{80},
                                        std::uint8_t{90}, std::uint8_t{100}}));
  SensorConfig fan = threshold_sensor(0x02, "SYS_FAN1", 0x04, 0x12, 0x1d, 60,
                                      {std::nullopt, std::uint8_t{10}, std::uint8_t{20}, std::nullopt, std::nullopt,
                                       std::nullopt});
  fan.m = 50;  // 50 RPM per count
  c.sensors.push_back(fan);
  SensorConfig volts = threshold_sensor(0x03, "12V", 0x02, 0x04, 0x07, 120,
                                        {std::uint8_t{100}, std::uint8_t{108}, std::uint8_t{114}, std::uint8_t{126},
                                         std::uint8_t{132}, std::uint8_t{140}});
  volts.r_exp = -1;  // 0.1 V per count
  c.sensors.push_back(volts);
  SensorConfig intrusion;
  intrusion.number = 0x04;
  intrusion.name = "Intrusion";
  intrusion.sensor_type = 0x05;         // physical security
  intrusion.event_reading_type = 0x6f;  // sensor-specific
  intrusion.entity_id = 0x17;           // system chassis
  intrusion.units = 0x00;
  c.sensors.push_back(intrusion);

  FruConfig fru;
  fru.device_id = 0;
  fru.data = default_fru();
  c.fru.push_back(fru);
  return c;
}

}  // namespace ipmict::sim
