// The model's shared operations: SEL clock, event delivery, SEL storage, sensors and their
// threshold events, user/channel lookup, the watchdog countdown.
#include "sim/model/model.hpp"

#include <algorithm>
#include <chrono>

namespace ipmict::sim {

namespace {

std::vector<ChannelConfig> builtin_channels() {
  std::vector<ChannelConfig> out;
  ChannelConfig lan;
  lan.number = 1;
  lan.medium = ChannelConfig::Medium::lan;
  out.push_back(lan);
  ChannelConfig system;
  system.number = kSystemInterfaceChannel;
  system.medium = ChannelConfig::Medium::system_interface;
  out.push_back(system);
  ChannelConfig ipmb;
  ipmb.number = kPrimaryIpmbChannel;
  ipmb.medium = ChannelConfig::Medium::ipmb;
  out.push_back(ipmb);
  return out;
}

void put16(SelRecordBytes& r, std::size_t at, std::uint16_t v) {
  r[at] = static_cast<std::uint8_t>(v & 0xff);
  r[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(SelRecordBytes& r, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) r[at + i] = static_cast<std::uint8_t>((v >> (8 * i)) & 0xff);
}

}  // namespace

Model::Model(SimConfig c) : config(std::move(c)) {
  if (config.channels.empty()) config.channels = builtin_channels();
  // Users 1..max_users, in ID order; configured ones keep their settings.
  config.max_users = std::clamp(config.max_users, 2u, 63u);
  std::vector<UserConfig> users(config.max_users);
  for (std::size_t i = 0; i < users.size(); ++i) users[i].id = static_cast<std::uint8_t>(i + 1);
  for (const auto& u : config.users)
    if (u.id >= 1 && u.id <= config.max_users) users[u.id - 1u] = u;
  users[0].name.clear();  // §22.28: user 1 is permanently the null user
  config.users = std::move(users);
  for (const auto& s : config.sensors) {
    SensorState st;
    st.config = s;
    st.events_enabled = s.event_messages;
    st.threshold_status = threshold_status_for(s, s.raw_reading);
    sensors.push_back(st);
  }
  sdr = build_sdr_records(config);
  sel_time_base = config.sel_time;
  for (const auto& e : config.sel) {
    SelRecordBytes r{};
    std::copy_n(e.record.begin(), std::min<std::size_t>(e.record.size(), r.size()), r.begin());
    const std::uint16_t id = next_sel_record_id++;
    put16(r, 0, id);
    sel.push_back(r);
  }
  for (const auto& ch : config.channels) channel_receive_enabled[ch.number] = true;
}

std::uint32_t Model::sel_time(session::TimePoint now) {
  if (!sel_time_anchor) sel_time_anchor = now;
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - *sel_time_anchor).count();
  return sel_time_base + static_cast<std::uint32_t>(std::max<std::int64_t>(0, elapsed));
}

void Model::set_sel_time(std::uint32_t t, session::TimePoint now) {
  sel_time_base = t;
  sel_time_anchor = now;
}

std::uint16_t Model::new_reservation_id() {
  // Never 0000h (the "no reservation" value of Get SEL Entry / Get SDR).
  ++last_reservation_id;
  if (last_reservation_id == 0) last_reservation_id = 1;
  return last_reservation_id;
}

std::optional<std::uint16_t> Model::add_sel_record(SelRecordBytes record, session::TimePoint now) {
  if (sel.size() >= config.sel_capacity) return std::nullopt;
  std::uint16_t id = next_sel_record_id;
  // Skip 0000h and FFFFh (first / last entry selectors) and IDs still in use.
  auto in_use = [&](std::uint16_t x) { return sel_index(x) < sel.size() && x != 0 && x != 0xffff; };
  while (id == 0 || id == 0xffff || in_use(id)) ++id;
  next_sel_record_id = static_cast<std::uint16_t>(id + 1);
  put16(record, 0, id);
  const std::uint32_t t = sel_time(now);
  if (record[2] < 0xe0) put32(record, 3, t);  // §32.2/32.3: E0h-FFh carry no timestamp
  sel.push_back(record);
  sel_last_addition = t;
  return id;
}

std::size_t Model::sel_index(std::uint16_t record_id) const {
  if (sel.empty()) return sel.size();
  if (record_id == 0x0000) return 0;
  if (record_id == 0xffff) return sel.size() - 1;
  for (std::size_t i = 0; i < sel.size(); ++i)
    if ((sel[i][0] | (sel[i][1] << 8)) == record_id) return i;
  return sel.size();
}

void Model::deliver_event(const EventMessage& e, session::TimePoint now) {
  SelRecordBytes r{};
  r[2] = 0x02;  // system event record
  put16(r, 7, e.generator_id);
  r[9] = e.evm_rev;
  r[10] = e.sensor_type;
  r[11] = e.sensor_number;
  r[12] = e.event_dir_type;
  r[13] = e.data1;
  r[14] = e.data2;
  r[15] = e.data3;
  put32(r, 3, sel_time(now));
  if ((global_enables & 0x08) != 0) {
    if (auto id = add_sel_record(r, now)) put16(r, 0, *id);
    else sel_overflow = true;  // §31.2: an event was dropped because the SEL was full
  }
  // §22.8: the Event Message Buffer holds one message; when full, new events are not
  // buffered (the "Event Message Buffer Full" flag stays set until it is read or cleared).
  if ((global_enables & 0x04) != 0 && !event_message_buffer) event_message_buffer = r;
}

SensorState* Model::sensor(std::uint8_t number) {
  for (auto& s : sensors)
    if (s.config.number == number) return &s;
  return nullptr;
}

std::uint8_t Model::threshold_status_for(const SensorConfig& s, std::uint8_t raw) {
  if (s.event_reading_type != 0x01) return 0;
  // Get Sensor Reading byte 3 (§35.14): [0] <= LNC, [1] <= LCR, [2] <= LNR,
  // [3] >= UNC, [4] >= UCR, [5] >= UNR. thresholds[] = lnr, lcr, lnc, unc, ucr, unr.
  std::uint8_t st = 0;
  const auto& t = s.thresholds;
  if (t[2] && raw <= *t[2]) st |= 0x01;
  if (t[1] && raw <= *t[1]) st |= 0x02;
  if (t[0] && raw <= *t[0]) st |= 0x04;
  if (t[3] && raw >= *t[3]) st |= 0x08;
  if (t[4] && raw >= *t[4]) st |= 0x10;
  if (t[5] && raw >= *t[5]) st |= 0x20;
  return st;
}

namespace {
// Status bit -> (threshold index into SensorConfig::thresholds, event offset of Table 42-2:
// the "going low" offset for lower thresholds, "going high" for upper ones).
struct ThresholdEvent {
  std::uint8_t status_bit;
  std::size_t threshold;
  std::uint8_t offset;
};
constexpr std::array<ThresholdEvent, 6> kThresholdEvents{{
    {0x01, 2, 0x00},  // lower non-critical going low
    {0x02, 1, 0x02},  // lower critical going low
    {0x04, 0, 0x04},  // lower non-recoverable going low
    {0x08, 3, 0x07},  // upper non-critical going high
    {0x10, 4, 0x09},  // upper critical going high
    {0x20, 5, 0x0b},  // upper non-recoverable going high
}};
}  // namespace

void Model::set_sensor_reading(SensorState& s, std::uint8_t raw, session::TimePoint now) {
  s.config.raw_reading = raw;
  const std::uint8_t before = s.threshold_status;
  const std::uint8_t after = threshold_status_for(s.config, raw);
  s.threshold_status = after;
  if (!s.events_enabled || !s.scanning || event_receiver_address == 0xff) return;
  for (const auto& te : kThresholdEvents) {
    const bool was = (before & te.status_bit) != 0;
    const bool is = (after & te.status_bit) != 0;
    if (was == is) continue;
    EventMessage e;
    e.generator_id = kBmcSlaveAddress;
    e.sensor_type = s.config.sensor_type;
    e.sensor_number = s.config.number;
    e.event_dir_type = static_cast<std::uint8_t>((is ? 0x00 : 0x80) | 0x01);
    // Table 29-6: [7:6] 01b trigger reading in byte 2, [5:4] 01b trigger threshold in byte 3.
    e.data1 = static_cast<std::uint8_t>(0x50 | te.offset);
    e.data2 = raw;
    e.data3 = s.config.thresholds[te.threshold].value_or(0);
    deliver_event(e, now);
  }
}

void Model::set_discrete_state(SensorState& s, std::uint16_t state, session::TimePoint now) {
  const std::uint16_t before = s.config.discrete_state;
  s.config.discrete_state = static_cast<std::uint16_t>(state & 0x7fff);
  if (!s.events_enabled || !s.scanning || event_receiver_address == 0xff) return;
  for (std::uint8_t bit = 0; bit < 15; ++bit) {
    const bool was = ((unsigned{before} >> bit) & 1u) != 0;
    const bool is = ((unsigned{s.config.discrete_state} >> bit) & 1u) != 0;
    if (was == is) continue;
    EventMessage e;
    e.sensor_type = s.config.sensor_type;
    e.sensor_number = s.config.number;
    e.event_dir_type = static_cast<std::uint8_t>((is ? 0x00 : 0x80) | (s.config.event_reading_type & 0x7f));
    e.data1 = bit;  // [7:6] 00b, [5:4] 00b: bytes 2 and 3 unspecified (FFh)
    deliver_event(e, now);
  }
}

UserConfig* Model::user(std::uint8_t id) {
  if (id == 0 || id > config.users.size()) return nullptr;
  return &config.users[id - 1u];
}
const UserConfig* Model::user(std::uint8_t id) const {
  if (id == 0 || id > config.users.size()) return nullptr;
  return &config.users[id - 1u];
}

UserConfig::Access* Model::access(UserConfig& u, std::uint8_t ch) {
  for (auto& a : u.access)
    if (a.channel == ch) return &a;
  return nullptr;
}
const UserConfig::Access* Model::access(const UserConfig& u, std::uint8_t ch) {
  for (const auto& a : u.access)
    if (a.channel == ch) return &a;
  return nullptr;
}
UserConfig::Access& Model::access_or_create(UserConfig& u, std::uint8_t ch) {
  if (auto* a = access(u, ch)) return *a;
  UserConfig::Access a;
  a.channel = ch;
  a.privilege_limit = Privilege::no_access;
  u.access.push_back(a);
  return u.access.back();
}

ChannelConfig* Model::channel(std::uint8_t number) {
  for (auto& c : config.channels)
    if (c.number == number) return &c;
  return nullptr;
}
const ChannelConfig* Model::channel(std::uint8_t number) const {
  for (const auto& c : config.channels)
    if (c.number == number) return &c;
  return nullptr;
}

std::uint8_t Model::lan_channel() const {
  for (const auto& c : config.channels)
    if (c.medium == ChannelConfig::Medium::lan) return c.number;
  return 1;
}

std::uint8_t Model::resolve_channel(std::uint8_t number, const Context& context) {
  if (number != kThisChannel) return number;
  switch (context.interface) {
    case Context::Interface::system: return kSystemInterfaceChannel;
    case Context::Interface::ipmb: return kPrimaryIpmbChannel;
    case Context::Interface::lan: return context.session.channel;
  }
  return number;
}

std::vector<session::SessionInfo> Model::sessions() const {
  if (!session_table) return {};
  return session_table();
}

void Model::reset_volatile_state() {
  for (auto& c : config.channels) c.volatile_ = c.non_volatile;
  global_enables = 0x08;
  watchdog_pre_timeout_flag = false;
  receive_queue.clear();
  event_message_buffer.reset();
  for (auto& [ch, enabled] : channel_receive_enabled) enabled = true;
  sel_reservation = 0;
  sdr_reservation = 0;
  watchdog.running = false;  // §27.3: the timer is stopped by a BMC reset
  watchdog_pre_timeout_flag = false;
  system_info_set_in_progress = 0;
  lan_set_in_progress = 0;
}

void Model::advance(session::TimePoint now) {
  auto& w = watchdog;
  if (!w.running) return;
  using Ticks = std::chrono::duration<std::int64_t, std::ratio<1, 10>>;  // 100 ms
  const std::int64_t elapsed = std::chrono::duration_cast<Ticks>(now - w.started).count();
  const std::int64_t left = static_cast<std::int64_t>(w.countdown_at_start) - std::max<std::int64_t>(0, elapsed);
  // Pre-timeout (§27.2): the interrupt fires pre_timeout_interval seconds before expiry.
  if (!w.pre_timeout_done && w.pre_timeout_interrupt != 0 && left <= std::int64_t{w.pre_timeout_interval} * 10) {
    w.pre_timeout_done = true;
    watchdog_pre_timeout_flag = true;
  }
  if (left > 0) return;
  w.running = false;
  w.countdown_at_start = 0;
  w.expiration_flags = static_cast<std::uint8_t>(w.expiration_flags | (1u << w.timer_use));
  std::uint8_t offset = w.timeout_action;  // Table 42-3, Watchdog 2: 0 expired, 1 hard reset, 2 power down, 3 power cycle
  switch (w.timeout_action) {
    case 1: ++chassis.control_history_resets; break;
    case 2: chassis.power_on = false; break;
    case 3: chassis.power_on = true; break;
    default: break;
  }
  if (w.timeout_action == 0 && w.pre_timeout_interrupt != 0) offset = 0x08;  // timer interrupt
  if (!w.dont_log) {
    EventMessage e;
    e.sensor_type = 0x23;  // Watchdog 2
    e.sensor_number = config.watchdog_sensor_number;
    e.event_dir_type = 0x6f;
    e.data1 = static_cast<std::uint8_t>(0xc0 | offset);  // byte 2: sensor-specific extension
    e.data2 = static_cast<std::uint8_t>((w.pre_timeout_interrupt << 4) | w.timer_use);
    e.data3 = 0xff;
    deliver_event(e, now);
  }
}

}  // namespace ipmict::sim
