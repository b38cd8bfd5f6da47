// Watchdog timer commands (IPMI 2.0 ch. 27). The countdown itself runs in
// Model::advance(), which the dispatcher calls with `now` before every command.
#include <chrono>

#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

using Ticks = std::chrono::duration<std::int64_t, std::ratio<1, 10>>;  // 100 ms

std::uint16_t present_countdown(const WatchdogState& w, session::TimePoint now) {
  if (!w.running) return w.countdown_at_start;
  const std::int64_t elapsed = std::chrono::duration_cast<Ticks>(now - w.started).count();
  const std::int64_t left = std::int64_t{w.countdown_at_start} - std::max<std::int64_t>(0, elapsed);
  return static_cast<std::uint16_t>(std::max<std::int64_t>(0, left));
}

Reply reset_watchdog_timer(Call& c) {
  WatchdogState& w = c.model.watchdog;
  if (!w.initialized) return completion(0x80);  // attempt to start un-initialized watchdog
  w.countdown_at_start = w.initial_countdown;
  w.started = c.now;
  w.running = true;
  w.pre_timeout_done = false;
  return ok();
}

Reply set_watchdog_timer(Call& c) {
  WatchdogState& w = c.model.watchdog;
  const std::uint8_t use = c.u8("timer_use");
  const std::uint8_t action = c.u8("timeout_action");
  const std::uint8_t interrupt = c.u8("pre_timeout_interrupt");
  const std::uint8_t interval = c.u8("pre_timeout_interval");
  const std::uint16_t countdown = c.u16("initial_countdown_value");
  if (use == 0 || use > 5) return completion(cc::invalid_field);
  if (action > 3 || interrupt > 3) return completion(cc::invalid_field);
  // §27.6: a pre-timeout interval longer than the countdown is an invalid field.
  if (interrupt != 0 && std::uint32_t{interval} * 10 > countdown) return completion(cc::invalid_field);
  const bool dont_stop = c.number("dont_stop_timer") != 0;
  const bool was_running = w.running;
  w.initialized = true;
  w.timer_use = use;
  w.dont_log = c.number("dont_log") != 0;
  w.timeout_action = action;
  w.pre_timeout_interrupt = interrupt;
  w.pre_timeout_interval = interval;
  w.initial_countdown = countdown;
  // Byte 4 bits 1-5 clear the matching expiration flags.
  const std::uint8_t clear = static_cast<std::uint8_t>(
      (c.number("timer_use_expiration_flags_clear_bios_frb2") << 1) |
      (c.number("timer_use_expiration_flags_clear_bios_post") << 2) |
      (c.number("timer_use_expiration_flags_clear_os_load") << 3) |
      (c.number("timer_use_expiration_flags_clear_sms_os") << 4) | (c.number("timer_use_expiration_flags_clear_oem") << 5));
  w.expiration_flags = static_cast<std::uint8_t>(w.expiration_flags & ~clear);
  // "Don't stop": a running timer restarts from the new value, a stopped one stays stopped.
  w.countdown_at_start = countdown;
  w.started = c.now;
  w.pre_timeout_done = false;
  w.running = dont_stop && was_running;
  return ok();
}

Reply get_watchdog_timer(Call& c) {
  const WatchdogState& w = c.model.watchdog;
  const std::uint8_t f = w.expiration_flags;
  return ok({
      {"timer_use", w.timer_use},
      {"timer_is_started", w.running},
      {"dont_log", w.dont_log},
      {"timeout_action", w.timeout_action},
      {"pre_timeout_interrupt", w.pre_timeout_interrupt},
      {"pre_timeout_interval", w.pre_timeout_interval},
      {"timer_use_expiration_flags_bios_frb2", (f >> 1) & 1},
      {"timer_use_expiration_flags_bios_post", (f >> 2) & 1},
      {"timer_use_expiration_flags_os_load", (f >> 3) & 1},
      {"timer_use_expiration_flags_sms_os", (f >> 4) & 1},
      {"timer_use_expiration_flags_oem", (f >> 5) & 1},
      {"initial_countdown_value", w.initial_countdown},
      {"present_countdown_value", present_countdown(w, c.now)},
  });
}

}  // namespace

void add_watchdog_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x22, reset_watchdog_timer});
  out.push_back({0x06, 0x24, set_watchdog_timer});
  out.push_back({0x06, 0x25, get_watchdog_timer});
}

}  // namespace ipmict::sim
