#pragma once
// The simulated BMC's state (issue 4) and the operations several command handlers share
// (SEL time, event delivery, user and channel lookup, the watchdog countdown). Plain data
// plus small functions; no I/O and no clock: every function that needs time takes `now`.
// sim/bmc.cpp owns one Model; sim/commands/*.cpp read and change it.
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "protocol/session/server_session.hpp"
#include "sim/bmc.hpp"
#include "sim/sim_config.hpp"

namespace ipmict::sim {

inline constexpr std::uint8_t kBmcSlaveAddress = 0x20;
inline constexpr std::uint8_t kSystemInterfaceChannel = 0x0f;
inline constexpr std::uint8_t kPrimaryIpmbChannel = 0x00;
inline constexpr std::uint8_t kThisChannel = 0x0e;  // "the channel this request came in on"
inline constexpr std::uint16_t kIpmiForumIana = 7154;  // Get Channel Info vendor ID (§22.24)
inline constexpr std::uint32_t kTimestampUnspecified = 0xffffffff;  // §31.2: no addition / erase yet

// Generic completion codes (IPMI 2.0 §5.2, Table 5-2) the handlers use.
namespace cc {
inline constexpr std::uint8_t ok = 0x00;
inline constexpr std::uint8_t node_busy = 0xc0;
inline constexpr std::uint8_t invalid_command = 0xc1;
inline constexpr std::uint8_t out_of_space = 0xc4;
inline constexpr std::uint8_t reservation_cancelled = 0xc5;
inline constexpr std::uint8_t request_length_invalid = 0xc7;
inline constexpr std::uint8_t parameter_out_of_range = 0xc9;
inline constexpr std::uint8_t cannot_return_bytes = 0xca;
inline constexpr std::uint8_t not_present = 0xcb;
inline constexpr std::uint8_t invalid_field = 0xcc;
inline constexpr std::uint8_t illegal_for_sensor = 0xcd;
inline constexpr std::uint8_t insufficient_privilege = 0xd4;
inline constexpr std::uint8_t not_supported_in_state = 0xd5;
}  // namespace cc

using SelRecordBytes = std::array<std::uint8_t, 16>;

// An event message as it enters the SEL (IPMI 2.0 §29.3, §32.1 Table 32-1).
struct EventMessage {
  std::uint16_t generator_id = kBmcSlaveAddress;
  std::uint8_t evm_rev = 0x04;
  std::uint8_t sensor_type = 0;
  std::uint8_t sensor_number = 0;
  std::uint8_t event_dir_type = 0;  // [7] deassertion, [6:0] event/reading type
  std::uint8_t data1 = 0, data2 = 0xff, data3 = 0xff;
};

struct SensorState {
  SensorConfig config;
  bool scanning = true;
  bool events_enabled = true;
  std::uint8_t threshold_status = 0;  // Get Sensor Reading byte 3 for threshold sensors
};

// IPMI 2.0 ch. 27.
struct WatchdogState {
  bool initialized = false;  // a Set Watchdog Timer has been received
  bool running = false;
  std::uint8_t timer_use = 0;           // 1..5
  bool dont_log = false;
  std::uint8_t timeout_action = 0;      // 0..3
  std::uint8_t pre_timeout_interrupt = 0;
  std::uint8_t pre_timeout_interval = 0;  // seconds
  std::uint8_t expiration_flags = 0;      // bits 1..5 as in Get Watchdog Timer byte 4
  std::uint16_t initial_countdown = 0;    // 100 ms units
  std::uint16_t countdown_at_start = 0;   // the value counting down from `started`
  session::TimePoint started{};
  bool pre_timeout_done = false;
};

struct ChassisState {  // IPMI 2.0 ch. 28
  bool power_on = true;
  std::uint8_t restore_policy = 0x02;  // always on
  std::uint8_t last_power_event = 0;   // Get Chassis Status byte 2 bits [4:0]
  std::uint8_t control_history_resets = 0;  // hard resets seen (for tests / logs)
  std::uint8_t identify_state = 0;
};

struct ReceivedMessage {  // one Receive Message Queue entry (§6.13, §22.6)
  std::uint8_t channel = 0;
  Privilege privilege = Privilege::unspecified;
  Bytes data;
};

struct Model {
  explicit Model(SimConfig c);

  SimConfig config;  // users, channels and LAN settings change in place
  std::vector<SensorState> sensors;
  std::vector<Bytes> sdr;  // whole records, record ID = index + 1

  // BMC global enables (§22.1): power-up default xxxx_100xb, SEL logging on.
  std::uint8_t global_enables = 0x08;
  bool watchdog_pre_timeout_flag = false;
  std::deque<ReceivedMessage> receive_queue;
  std::optional<SelRecordBytes> event_message_buffer;
  std::map<std::uint8_t, bool> channel_receive_enabled;  // Enable Message Channel Receive
  std::uint8_t event_receiver_address = kBmcSlaveAddress;
  std::uint8_t event_receiver_lun = 0;

  // System Info Parameters (§22.14a): parameter -> block -> 16 bytes.
  std::uint8_t system_info_set_in_progress = 0;
  std::map<std::uint8_t, std::map<std::uint8_t, std::array<std::uint8_t, 16>>> system_info;
  std::uint8_t lan_set_in_progress = 0;
  bool kg_locked = false;

  // SEL (ch. 31).
  std::vector<SelRecordBytes> sel;
  std::uint16_t next_sel_record_id = 1;
  std::uint16_t sel_reservation = 0;  // 0 = none
  std::uint16_t sel_erase_reservation = 0;  // the reservation that initiated the last erase (status polls)
  std::uint16_t last_reservation_id = 0;
  bool sel_overflow = false;
  std::uint32_t sel_last_addition = kTimestampUnspecified;
  std::uint32_t sel_last_erase = kTimestampUnspecified;
  std::uint32_t sel_time_base = 0;
  std::optional<session::TimePoint> sel_time_anchor;

  // SDR repository (ch. 33).
  std::uint16_t sdr_reservation = 0;
  std::uint32_t sdr_last_addition = kTimestampUnspecified;

  ChassisState chassis;
  WatchdogState watchdog;
  std::function<std::vector<session::SessionInfo>()> session_table;

  // ---- time -------------------------------------------------------------------------
  // The SEL clock: seconds since 1970 that advance with `now` (anchored at the first use).
  std::uint32_t sel_time(session::TimePoint now);
  void set_sel_time(std::uint32_t t, session::TimePoint now);
  // Runs what time drives: the watchdog countdown, its pre-timeout and expiry.
  void advance(session::TimePoint now);

  // ---- events and SEL ---------------------------------------------------------------
  // Delivers an event as the global enables say (§22.1): into the SEL when System Event
  // Logging is enabled, into the Event Message Buffer when that is enabled and empty.
  void deliver_event(const EventMessage& e, session::TimePoint now);
  // Stores a 16-byte record, assigning its record ID (and the timestamp unless the record
  // type is OEM non-timestamped). nullopt when the SEL is full.
  std::optional<std::uint16_t> add_sel_record(SelRecordBytes record, session::TimePoint now);
  std::size_t sel_index(std::uint16_t record_id) const;  // 0000h first, FFFFh last; npos-like size() if absent
  std::uint16_t new_reservation_id();

  // ---- sensors ------------------------------------------------------------------------
  SensorState* sensor(std::uint8_t number);
  // Sets a reading and sends the threshold events it causes (§29.7, §36.2).
  void set_sensor_reading(SensorState& s, std::uint8_t raw, session::TimePoint now);
  void set_discrete_state(SensorState& s, std::uint16_t state, session::TimePoint now);
  static std::uint8_t threshold_status_for(const SensorConfig& s, std::uint8_t raw);

  // ---- users and channels -----------------------------------------------------------
  UserConfig* user(std::uint8_t id);
  const UserConfig* user(std::uint8_t id) const;
  static UserConfig::Access* access(UserConfig& u, std::uint8_t channel);
  static const UserConfig::Access* access(const UserConfig& u, std::uint8_t channel);
  static UserConfig::Access& access_or_create(UserConfig& u, std::uint8_t channel);
  ChannelConfig* channel(std::uint8_t number);
  const ChannelConfig* channel(std::uint8_t number) const;
  std::uint8_t lan_channel() const;  // the LAN channel's number (1 by default)
  // Eh = the channel the request came in on.
  static std::uint8_t resolve_channel(std::uint8_t number, const Context& context);
  std::vector<session::SessionInfo> sessions() const;

  // Cold/Warm Reset (§20.2/20.3): volatile settings back to their non-volatile values.
  void reset_volatile_state();

  // The enabled-device bits of Get Device ID byte 6 and the MC Device Locator.
  static constexpr std::uint8_t kDeviceSupport = 0xbf;  // chassis, event gen/recv, FRU, SEL, SDR, sensor
};

// SDR records generated from the configuration (IPMI 2.0 ch. 43): an MC Device Locator,
// then a Full Sensor Record for every threshold sensor and a Compact Sensor Record for
// every discrete one.
std::vector<Bytes> build_sdr_records(const SimConfig& config);

}  // namespace ipmict::sim
