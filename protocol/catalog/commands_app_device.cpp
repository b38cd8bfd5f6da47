// NetFn App (06h), IPMI 2.0 ch. 20 (IPM device "global" commands), ch. 27 (watchdog) and
// the System Info Parameters of §22.14a/b.
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

void add_app_device_commands(std::vector<CommandDescriptor>& out) {
  out.push_back(command(netfn_app, 0x01, "Get Device ID", "get-device-id", priv_user, M, "IPMI 2.0 §20.1, Table 20-2")
    .rs({layout({
      u8("device_id", 0),
      bits("device_revision", 1, 3, 0),
      rsv("reserved1", 1, 6, 4),
      bit("device_provides_sdrs", 1, 7),
      bits("major_firmware_revision", 2, 6, 0),
      bit("device_available", 2, 7).vals({{0, "normal operation"}, {1, "device firmware, SDR update or self-initialization in progress"}}),
      u8("minor_firmware_revision", 3).desc("BCD"),
      bits("ipmi_version_major", 4, 3, 0),
      bits("ipmi_version_minor", 4, 7, 4),
      bit("sensor_device", 5, 0),
      bit("sdr_repository_device", 5, 1),
      bit("sel_device", 5, 2),
      bit("fru_inventory_device", 5, 3),
      bit("ipmb_event_receiver", 5, 4),
      bit("ipmb_event_generator", 5, 5),
      bit("bridge", 5, 6),
      bit("chassis_device", 5, 7),
      bits("manufacturer_id", 6, 19, 0).show(Display::decimal).desc("IANA enterprise number, LS byte first"),
      rsv("reserved2", 8, 7, 4),
      u16("product_id", 9),
      bytes("auxiliary_firmware_revision", 11, 4).opt(1),
    })}).d);

  out.push_back(command(netfn_app, 0x02, "Cold Reset", "cold-reset", priv_admin, O, "IPMI 2.0 §20.2").d);
  out.push_back(command(netfn_app, 0x03, "Warm Reset", "warm-reset", priv_admin, O, "IPMI 2.0 §20.3").d);

  out.push_back(command(netfn_app, 0x04, "Get Self Test Results", "get-self-test-results", priv_user, M,
                        "IPMI 2.0 §20.4, Table 20-4")
    .rs({layout({
      u8("self_test_result", 0).vals({{0x55, "no error"}, {0x56, "self test function not implemented"},
                                      {0x57, "corrupted or inaccessible data or devices"}, {0x58, "fatal hardware error"},
                                      {0xff, "reserved"}}),
      u8("self_test_detail", 1).desc("57h: [7] SEL inaccessible, [6] SDR repository inaccessible, [5] BMC FRU "
                                     "inaccessible, [4] IPMB lines dead, [3] SDR repository empty, [2] FRU internal use "
                                     "area corrupted, [1] boot block firmware corrupted, [0] operational firmware corrupted"),
    })}).d);

  out.push_back(command(netfn_app, 0x08, "Get Device GUID", "get-device-guid", priv_user, O, "IPMI 2.0 §20.8, Table 20-10")
    .rs({layout({bytes("guid", 0, 16).show(Display::guid)})}).d);

  // IPMI 2.0 ch. 27: watchdog timer.
  const std::vector<EnumValue> timer_use{{1, "BIOS FRB2"}, {2, "BIOS/POST"}, {3, "OS Load"}, {4, "SMS/OS"}, {5, "OEM"}};
  const std::vector<EnumValue> pre_timeout_interrupt{{0, "none"}, {1, "SMI"}, {2, "NMI / Diagnostic Interrupt"},
                                                     {3, "Messaging Interrupt"}};
  const std::vector<EnumValue> timeout_action{{0, "no action"}, {1, "hard reset"}, {2, "power down"}, {3, "power cycle"}};

  out.push_back(command(netfn_app, 0x22, "Reset Watchdog Timer", "reset-watchdog-timer", priv_operator, M, "IPMI 2.0 §27.5")
    .cc({{0x80, "Attempt to start un-initialized watchdog"}}).d);

  out.push_back(command(netfn_app, 0x24, "Set Watchdog Timer", "set-watchdog-timer", priv_operator, M, "IPMI 2.0 §27.6, Table 27-2")
    .rq({layout({
      bits("timer_use", 0, 2, 0).vals(timer_use),
      rsv("reserved1", 0, 5, 3),
      bit("dont_stop_timer", 0, 6).desc("1b = do not stop a running timer on Set Watchdog Timer"),
      bit("dont_log", 0, 7),
      bits("timeout_action", 1, 2, 0).vals(timeout_action),
      rsv("reserved2", 1, 3, 3),
      bits("pre_timeout_interrupt", 1, 6, 4).vals(pre_timeout_interrupt),
      rsv("reserved3", 1, 7, 7),
      u8("pre_timeout_interval", 2).show(Display::decimal).desc("seconds"),
      rsv("reserved4", 3, 0, 0),
      bit("timer_use_expiration_flags_clear_bios_frb2", 3, 1),
      bit("timer_use_expiration_flags_clear_bios_post", 3, 2),
      bit("timer_use_expiration_flags_clear_os_load", 3, 3),
      bit("timer_use_expiration_flags_clear_sms_os", 3, 4),
      bit("timer_use_expiration_flags_clear_oem", 3, 5),
      rsv("reserved5", 3, 7, 6),
      u16("initial_countdown_value", 4).show(Display::decimal).desc("100 ms units, LS byte first"),
    })}).d);

  out.push_back(command(netfn_app, 0x25, "Get Watchdog Timer", "get-watchdog-timer", priv_user, M, "IPMI 2.0 §27.7, Table 27-3")
    .rs({layout({
      bits("timer_use", 0, 2, 0).vals(timer_use),
      rsv("reserved1", 0, 5, 3),
      bit("timer_is_started", 0, 6),
      bit("dont_log", 0, 7),
      bits("timeout_action", 1, 2, 0).vals(timeout_action),
      rsv("reserved2", 1, 3, 3),
      bits("pre_timeout_interrupt", 1, 6, 4).vals(pre_timeout_interrupt),
      rsv("reserved3", 1, 7, 7),
      u8("pre_timeout_interval", 2).show(Display::decimal),
      rsv("reserved4", 3, 0, 0),
      bit("timer_use_expiration_flags_bios_frb2", 3, 1),
      bit("timer_use_expiration_flags_bios_post", 3, 2),
      bit("timer_use_expiration_flags_os_load", 3, 3),
      bit("timer_use_expiration_flags_sms_os", 3, 4),
      bit("timer_use_expiration_flags_oem", 3, 5),
      rsv("reserved5", 3, 7, 6),
      u16("initial_countdown_value", 4).show(Display::decimal),
      u16("present_countdown_value", 6).show(Display::decimal),
    })}).d);

  // IPMI 2.0 §22.14a/b, Table 22-16c. Parameter data stays bytes: its layout depends on the
  // parameter selector of the request, which a response alone does not carry.
  const std::vector<EnumValue> system_info_params{
      {0, "Set In Progress"},       {1, "System Firmware Version"}, {2, "System Name"},
      {3, "Primary Operating System Name"}, {4, "Operating System Name"}, {5, "Present OS Version Number"},
      {6, "BMC URL"},               {7, "Base OS/Hypervisor URL For Manageability"}};
  out.push_back(command(netfn_app, 0x58, "Set System Info Parameters", "set-system-info-params", priv_admin, O,
                        "IPMI 2.0 §22.14a")
    .rq({layout({
      u8("parameter_selector", 0).vals(system_info_params),
      rest("configuration_parameter_data", 1, 1),
    })})
    .cc({{0x80, "parameter not supported"},
         {0x81, "attempt to set the 'set in progress' value when not in the 'set complete' state"},
         {0x82, "attempt to write read-only parameter"}}).d);

  out.push_back(command(netfn_app, 0x59, "Get System Info Parameters", "get-system-info-params", priv_user, O,
                        "IPMI 2.0 §22.14b")
    .rq({layout({
      rsv("reserved1", 0, 6, 0),
      bit("get_parameter_revision_only", 0, 7),
      u8("parameter_selector", 1).vals(system_info_params),
      u8("set_selector", 2),
      u8("block_selector", 3),
    })})
    .rs({layout({
      u8("parameter_revision", 0).desc("[7:4] present revision, [3:0] oldest backward-compatible revision; 11h"),
      rest("configuration_parameter_data", 1).show(Display::text),
    })})
    .cc({{0x80, "parameter not supported"}}).d);
}

}  // namespace ipmict::catalog::dsl
