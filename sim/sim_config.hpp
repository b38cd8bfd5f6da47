#pragma once
// What the simulated BMC is: identity, users, channels, cipher suites, sensors and SDRs,
// FRU, initial SEL, and the personalities (named non-conformances) it plays. Plain data:
// sim/config_yaml.cpp fills it from a YAML file (docs/simulator.md), default_sim_config()
// gives the documented secure default, and sim/bmc.cpp turns it into a running model.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "protocol/core/privilege.hpp"
#include "protocol/session/server_session.hpp"

namespace ipmict::sim {

struct DeviceIdentity {  // Get Device ID (IPMI 2.0 §20.1), Get System/Device GUID
  std::uint8_t device_id = 0x20;
  std::uint8_t device_revision = 0x01;
  std::uint8_t firmware_major = 1;  // 7 bits
  std::uint8_t firmware_minor = 0;  // BCD on the wire
  std::uint32_t manufacturer_id = 0;  // IANA, 20 bits
  std::uint16_t product_id = 0;
  std::array<std::uint8_t, 4> aux_firmware{};
  std::array<std::uint8_t, 16> system_guid{};
  std::array<std::uint8_t, 16> device_guid{};
};

struct UserConfig {  // §22.26-22.30
  std::uint8_t id = 0;  // 1..max_users; 1 is the null user
  std::string name;
  Bytes password;       // 0..20 bytes
  bool password_20 = false;  // set with the 20-byte form of Set User Password
  bool enabled = false;
  // Per channel (index = channel number): access for that channel.
  struct Access {
    std::uint8_t channel = 1;
    Privilege privilege_limit = Privilege::no_access;
    bool ipmi_messaging = false;
    bool link_auth = false;
    bool callback_only = false;
    std::uint8_t session_limit = 0;
  };
  std::vector<Access> access;
};

struct ChannelConfig {  // §6.3, §22.22-22.24
  std::uint8_t number = 1;
  enum class Medium : std::uint8_t { ipmb = 0x01, lan = 0x04, system_interface = 0x0c } medium = Medium::lan;
  // Channel access, non-volatile and volatile (Set/Get Channel Access).
  struct Access {
    std::uint8_t access_mode = 2;  // always available
    bool user_level_auth_disabled = false;
    bool per_message_auth_disabled = false;
    bool alerting_disabled = false;
    Privilege privilege_limit = Privilege::administrator;
  } non_volatile, volatile_;
};

struct LanConfig {  // the LAN channel's session rules
  bool ipmi15 = true;
  bool ipmi20 = true;
  // IPMI 1.5 auth types enabled per privilege (index 1 callback .. 5 OEM; bits as in Get
  // Channel Auth Caps byte 2): MD5 only by default, never none or straight password.
  std::uint8_t auth_types[6] = {0, 0x04, 0x04, 0x04, 0x04, 0x00};
  std::vector<session::ServerConfig::Suite> cipher_suites{{3, Privilege::administrator}, {17, Privilege::administrator}};
  Bytes kg;  // empty = unset
  unsigned max_sessions = 8;
  unsigned session_timeout_ms = 60000;
  // Get LAN Configuration Parameters 3-6 and 12 (IPMI 2.0 Table 23-4); reported only, the
  // simulator listens wherever the LAN server was told to.
  std::array<std::uint8_t, 4> ip_address{127, 0, 0, 1};
  std::uint8_t ip_address_source = 0x01;  // 1h = static
  std::array<std::uint8_t, 6> mac_address{0x02, 0x00, 0x00, 0x00, 0x00, 0x01};  // locally administered
  std::array<std::uint8_t, 4> subnet_mask{255, 0, 0, 0};
  std::array<std::uint8_t, 4> default_gateway{0, 0, 0, 0};
};

struct SensorConfig {  // one sensor and its SDR (full record for threshold, compact for discrete)
  std::uint8_t number = 0;
  std::string name;
  std::uint8_t sensor_type = 0x01;     // Table 42-3 (01h temperature, 02h voltage, 04h fan ...)
  std::uint8_t event_reading_type = 0x01;  // 01h threshold, 6Fh sensor-specific ...
  std::uint8_t entity_id = 0x07;
  std::uint8_t entity_instance = 1;
  std::uint8_t units = 0x01;           // base unit (01h degrees C, 04h volts, 12h RPM)
  // Reading conversion y = (M*x + B*10^Bexp) * 10^Rexp (§36.3); linear only.
  std::int16_t m = 1;
  std::int16_t b = 0;
  std::int8_t b_exp = 0;
  std::int8_t r_exp = 0;
  std::uint8_t raw_reading = 0;
  std::uint16_t discrete_state = 0;    // discrete sensors: asserted offsets bitmask
  // Thresholds (raw), present when set: lnr, lcr, lnc, unc, ucr, unr.
  std::array<std::optional<std::uint8_t>, 6> thresholds{};
  bool event_messages = true;          // Get Sensor Reading byte 2 bit 7; events generated when set
};

struct SelEntryConfig {  // an initial SEL record (16 bytes as stored, record ID assigned)
  Bytes record;
};

struct FruConfig {
  std::uint8_t device_id = 0;
  Bytes data;  // the FRU inventory area, as Read FRU Data returns it
};

// A named non-conformance (DESIGN.md §8): which rule it breaks and how.
struct Personality {
  std::string name;
  std::string breaks;  // the spec rule, e.g. "IPMI 2.0 §22.13: Get Channel Auth Caps ..."
  // Per command: answer with a fixed completion code, or mangle the response data.
  struct CommandFault {
    std::uint8_t netfn = 0;
    std::uint8_t cmd = 0;
    std::optional<std::uint8_t> completion_code;
    bool drop_last_byte = false;
    bool extra_byte = false;
    bool set_reserved_bits = false;  // sets every reserved bit of the response layout
  };
  std::vector<CommandFault> commands;
  session::ServerQuirks session;
  // Configuration the personality brings (the security profile's weak configurations):
  // accounts added or replaced by ID, and IPMI 1.5 auth types enabled at every privilege.
  std::vector<UserConfig> accounts;
  std::uint8_t enable_auth_types = 0;  // bits as in Get Channel Auth Caps byte 2 (0 none, 4 password ...)
  // The command model.
  bool ignore_command_privilege = false;  // answer every command whatever the session's privilege
  // Datagram level (the LAN server).
  bool bad_checksum = false;         // checksum 2 of every response off by one
  unsigned drop_every = 0;           // drop every Nth reply (0 = never)
  unsigned delay_ms = 0;             // answer this late
  bool hang_on_zero_length_rmcpplus = false;  // stop answering after an RMCP+ packet with payload length 0
  bool stop_on_oversized_length = false;      // stop answering after a length field past the datagram
  bool hang_on_truncated_header = false;      // stop answering after an IPMI datagram cut inside its session header
};

struct SimConfig {
  DeviceIdentity identity;
  unsigned max_users = 16;
  std::vector<UserConfig> users;
  std::vector<ChannelConfig> channels;  // LAN 1, system interface 0Fh, IPMB 0
  LanConfig lan;
  std::vector<SensorConfig> sensors;
  std::vector<FruConfig> fru;
  std::vector<SelEntryConfig> sel;
  unsigned sel_capacity = 512;          // entries; when full: Add SEL Entry C4h (out of space), events set the overflow flag
  std::uint32_t sel_time = 0x4effa200;  // SEL clock at start (2012-01-01 00:00:00 UTC, like the seed's unset RTC); advances with `now`
  std::uint8_t watchdog_sensor_number = 0x80;  // the Watchdog 2 sensor (type 23h) its expiry events name
  std::vector<Personality> personalities;  // applied in order; empty = conformant
  std::string state_dir;                   // persist state here when non-empty
};

// The documented secure default (docs/simulator.md): one administrator user "admin" whose
// password comes from the caller (never a built-in default password), no null user, no
// IPMI 1.5 auth type "none" or straight password, cipher suites 3 and 17 only.
SimConfig default_sim_config(const Bytes& admin_password);

}  // namespace ipmict::sim
