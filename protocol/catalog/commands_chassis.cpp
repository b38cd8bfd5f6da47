// NetFn Chassis (00h), IPMI 2.0 ch. 28.
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

void add_chassis_commands(std::vector<CommandDescriptor>& out) {
  out.push_back(command(netfn_chassis, 0x01, "Get Chassis Status", "get-chassis-status", priv_user, M,
                        "IPMI 2.0 §28.2, Table 28-3")
    .rs({layout({
      bit("power_is_on", 0, 0),
      bit("power_overload", 0, 1),
      bit("interlock", 0, 2),
      bit("power_fault", 0, 3),
      bit("power_control_fault", 0, 4),
      bits("power_restore_policy", 0, 6, 5).vals({{0, "always off"}, {1, "restore previous state"}, {2, "always on"}, {3, "unknown"}}),
      rsv("reserved1", 0, 7, 7),
      bit("last_power_event_ac_failed", 1, 0),
      bit("last_power_event_power_overload", 1, 1),
      bit("last_power_event_interlock", 1, 2),
      bit("last_power_event_power_fault", 1, 3),
      bit("last_power_event_power_on_via_ipmi", 1, 4),
      rsv("reserved2", 1, 7, 5),
      bit("chassis_intrusion_active", 2, 0),
      bit("front_panel_lockout_active", 2, 1),
      bit("drive_fault", 2, 2),
      bit("cooling_fan_fault_detected", 2, 3),
      bits("chassis_identify_state", 2, 5, 4).vals({{0, "off"}, {1, "temporary (timed) on"}, {2, "indefinite on"}, {3, "reserved"}}),
      bit("chassis_identify_command_and_state_info_supported", 2, 6),
      rsv("reserved3", 2, 7, 7),
      // Front panel button capabilities: optional byte 5 (response numbering).
      bit("power_off_button_disabled", 3, 0).opt(1),
      bit("reset_button_disabled", 3, 1).opt(1),
      bit("diagnostic_interrupt_button_disabled", 3, 2).opt(1),
      bit("standby_button_disabled", 3, 3).opt(1),
      bit("power_off_button_disable_allowed", 3, 4).opt(1),
      bit("reset_button_disable_allowed", 3, 5).opt(1),
      bit("diagnostic_interrupt_button_disable_allowed", 3, 6).opt(1),
      bit("standby_button_disable_allowed", 3, 7).opt(1),
    })}).d);

  out.push_back(command(netfn_chassis, 0x02, "Chassis Control", "chassis-control", priv_operator, M, "IPMI 2.0 §28.3, Table 28-4")
    .rq({layout({
      bits("chassis_control", 0, 3, 0).vals({{0, "power down"}, {1, "power up"}, {2, "power cycle"}, {3, "hard reset"},
                                             {4, "pulse diagnostic interrupt"},
                                             {5, "initiate soft-shutdown via overtemperature emulation"}}),
      rsv("reserved1", 0, 7, 4),
    })}).d);
}

}  // namespace ipmict::catalog::dsl
