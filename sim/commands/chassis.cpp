// Chassis commands (IPMI 2.0 ch. 28).
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

Reply get_chassis_status(Call& c) {
  const ChassisState& s = c.model.chassis;
  return ok({
      {"power_is_on", s.power_on},
      {"power_restore_policy", s.restore_policy & 0x03},
      {"last_power_event_ac_failed", (s.last_power_event & 0x01) != 0},
      {"last_power_event_power_on_via_ipmi", (s.last_power_event & 0x10) != 0},
      {"chassis_identify_state", s.identify_state & 0x03},
      {"chassis_identify_command_and_state_info_supported", 0},
  });
}

Reply chassis_control(Call& c) {
  ChassisState& s = c.model.chassis;
  switch (c.u8("chassis_control")) {
    case 0: s.power_on = false; break;  // power down
    case 1:                             // power up
      s.power_on = true;
      s.last_power_event = 0x10;  // power on via IPMI command
      break;
    case 2:  // power cycle: §28.3 "no action if power is off" is not an error here either
      if (s.power_on) {
        s.last_power_event = 0x10;
      }
      break;
    case 3: ++s.control_history_resets; break;  // hard reset
    case 4: break;                              // diagnostic interrupt: nothing to interrupt
    case 5: s.power_on = false; break;          // soft shutdown
    default: return completion(cc::invalid_field);
  }
  return ok();
}

}  // namespace

void add_chassis_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x00, 0x01, get_chassis_status});
  out.push_back({0x00, 0x02, chassis_control});
}

}  // namespace ipmict::sim
