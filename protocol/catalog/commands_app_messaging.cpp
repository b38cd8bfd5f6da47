// NetFn App (06h), IPMI 2.0 ch. 22: BMC device and messaging commands (message queues,
// system interfaces, I2C master access, channels and users). Session commands are in
// commands_app_session.cpp.
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

namespace {

std::vector<Field> global_enables_bits() {
  return {
      bit("receive_message_queue_interrupt", 0, 0),
      bit("event_message_buffer_full_interrupt", 0, 1),
      bit("event_message_buffer", 0, 2),
      bit("system_event_logging", 0, 3),
      rsv("reserved1", 0, 4, 4),
      bit("oem_0", 0, 5),
      bit("oem_1", 0, 6),
      bit("oem_2", 0, 7),
  };
}

std::vector<Field> channel_byte(const char* name = "channel_number") {
  return {bits(name, 0, 3, 0), rsv("reserved1", 0, 7, 4)};
}

std::vector<Field> cat(std::vector<Field> a, const std::vector<Field>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// SEL record (IPMI 2.0 §32.1, Table 32-1) starting at `at`: the Read Event Message Buffer
// data and the system event record of the SEL commands share it.
std::vector<Field> system_event_record(std::size_t at) {
  return {
      u16("record_id", at),
      u8("record_type", at + 2).vals({{0x02, "system event record"}}),
      u32("timestamp", at + 3),
      u16("generator_id", at + 7).desc("[0] 0b = IPMB slave address, 1b = system software ID; [7:1] address/ID; [9:8] "
                                       "IPMB LUN; [15:12] channel"),
      u8("evm_rev", at + 9).vals({{0x03, "IPMI 1.0"}, {0x04, "IPMI 1.5/2.0"}}),
      u8("sensor_type", at + 10),
      u8("sensor_number", at + 11),
      bits("event_type", at + 12, 6, 0),
      bit("event_dir", at + 12, 7).vals({{0, "assertion"}, {1, "deassertion"}}),
      u8("event_data_1", at + 13),
      u8("event_data_2", at + 14),
      u8("event_data_3", at + 15),
  };
}

}  // namespace

// Exposed to commands_storage_sel.cpp through this declaration (same namespace).
std::vector<Field> sel_system_event_record(std::size_t at) { return system_event_record(at); }

void add_app_messaging_commands(std::vector<CommandDescriptor>& out) {
  out.push_back(command(netfn_app, 0x2e, "Set BMC Global Enables", "set-bmc-global-enables", priv_local, M, "IPMI 2.0 §22.1")
    .note("privilege and M/O not stated in the seed; IPMI 2.0 Appendix G lists Local / M")
    .rq({layout(global_enables_bits())}).d);

  out.push_back(command(netfn_app, 0x2f, "Get BMC Global Enables", "get-bmc-global-enables", priv_user, M, "IPMI 2.0 §22.2")
    .rs({layout(global_enables_bits())}).d);

  out.push_back(command(netfn_app, 0x30, "Clear Message Flags", "clear-message-flags", priv_local, M, "IPMI 2.0 §22.3")
    .rq({layout({
      bit("clear_receive_message_queue", 0, 0),
      bit("clear_event_message_buffer", 0, 1),
      rsv("reserved1", 0, 2, 2),
      bit("clear_watchdog_pre_timeout_interrupt_flag", 0, 3),
      rsv("reserved2", 0, 4, 4),
      bit("clear_oem_0", 0, 5),
      bit("clear_oem_1", 0, 6),
      bit("clear_oem_2", 0, 7),
    })}).d);

  out.push_back(command(netfn_app, 0x31, "Get Message Flags", "get-message-flags", priv_local, M, "IPMI 2.0 §22.4")
    .rs({layout({
      bit("receive_message_available", 0, 0),
      bit("event_message_buffer_full", 0, 1),
      rsv("reserved1", 0, 2, 2),
      bit("watchdog_pre_timeout_interrupt_occurred", 0, 3),
      rsv("reserved2", 0, 4, 4),
      bit("oem_0_data_available", 0, 5),
      bit("oem_1_data_available", 0, 6),
      bit("oem_2_data_available", 0, 7),
    })}).d);

  out.push_back(command(netfn_app, 0x32, "Enable Message Channel Receive", "enable-message-channel-receive", priv_local, O,
                        "IPMI 2.0 §22.5")
    .rq({layout(cat(channel_byte(), {
      bits("channel_operation", 1, 1, 0).vals({{0, "disable channel"}, {1, "enable channel"}, {2, "get channel enable/disable state"}}),
      rsv("reserved2", 1, 7, 2),
    }))})
    .rs({layout(cat(channel_byte(), {
      bit("channel_state", 1, 0).vals({{0, "disabled"}, {1, "enabled"}}),
      rsv("reserved2", 1, 7, 1),
    }))}).d);

  out.push_back(command(netfn_app, 0x33, "Get Message", "get-message", priv_local, M, "IPMI 2.0 §22.6")
    .rs({layout({
      bits("channel_number", 0, 3, 0),
      bits("inferred_privilege_level", 0, 7, 4).vals(privilege_values()),
      rest("message_data", 1),
    })})
    .cc({{0x80, "data not available (queue / buffer empty)"}}).d);

  out.push_back(command(netfn_app, 0x34, "Send Message", "send-message", priv_user, M, "IPMI 2.0 §22.7")
    .rq({layout({
      bits("channel_number", 0, 3, 0),
      bit("authentication", 0, 4),
      bit("encryption", 0, 5),
      bits("tracking", 0, 7, 6).vals({{0, "no tracking"}, {1, "track request"}, {2, "send raw"}, {3, "reserved"}}),
      rest("message_data", 1),
    })})
    .rs({layout({rest("response_data", 0)})})
    .cc({{0x80, "invalid session handle"}, {0x81, "lost arbitration"}, {0x82, "bus error"}, {0x83, "NAK on write"}}).d);

  out.push_back(command(netfn_app, 0x35, "Read Event Message Buffer", "read-event-message-buffer", priv_local, O,
                        "IPMI 2.0 §22.8")
    .rs({layout("sel_record", system_event_record(0))})
    .cc({{0x80, "data not available (queue / buffer empty)"}}).d);

  out.push_back(command(netfn_app, 0x36, "Get BT Interface Capabilities", "get-bt-interface-caps", priv_user, M,
                        "IPMI 2.0 §22.10")
    .rs({layout({
      u8("outstanding_requests_supported", 0).show(Display::decimal),
      u8("input_buffer_message_size", 1).show(Display::decimal),
      u8("output_buffer_message_size", 2).show(Display::decimal),
      u8("request_to_response_time", 3).show(Display::decimal).desc("seconds, 1-based, 30 max"),
      u8("recommended_retries", 4).show(Display::decimal),
    })}).d);

  out.push_back(command(netfn_app, 0x37, "Get System GUID", "get-system-guid", priv_any, O, "IPMI 2.0 §22.14")
    .rs({layout({bytes("guid", 0, 16).show(Display::guid)})}).d);

  out.push_back(command(netfn_app, 0x52, "Master Write-Read", "master-write-read", priv_operator, M, "IPMI 2.0 §22.11")
    .rq({layout({
      bit("bus_type", 0, 0).vals({{0, "public (IPMB)"}, {1, "private"}}),
      bits("bus_id", 0, 3, 1),
      bits("channel_number", 0, 7, 4),
      rsv("reserved1", 1, 0, 0),
      bits("slave_address", 1, 7, 1),
      u8("read_count", 2).show(Display::decimal),
      rest("data_to_write", 3),
    })})
    .rs({layout({rest("data_read", 0)})})
    .cc({{0x81, "Lost Arbitration"}, {0x82, "Bus Error"}, {0x83, "NAK on Write"}, {0x84, "Truncated Read"}}).d);

  out.push_back(command(netfn_app, 0x57, "Get System Interface Capabilities", "get-system-interface-caps", priv_user, O,
                        "IPMI 2.0 §22.9")
    .rq({layout({
      bits("system_interface_type", 0, 3, 0).vals({{0, "SSIF"}, {1, "KCS"}, {2, "SMIC"}}),
      rsv("reserved1", 0, 7, 4),
    })})
    // No discriminator in the response: the 4-byte form is SSIF, the 3-byte form KCS/SMIC.
    .rs({layout("ssif", {
           rsv8("reserved1", 0),
           bits("ssif_version", 1, 2, 0).vals({{0, "version 1"}}),
           bit("pec_support", 1, 3),
           rsv("reserved2", 1, 5, 4),
           bits("transaction_support", 1, 7, 6).vals({{0, "single-part reads/writes only"},
                                                      {1, "multi-part, Start and End only"},
                                                      {2, "multi-part, Start, Middle and End"}}),
           u8("input_message_size", 2).show(Display::decimal),
           u8("output_message_size", 3).show(Display::decimal),
         }),
         layout("kcs_smic", {
           rsv8("reserved1", 0),
           bits("system_interface_version", 1, 2, 0).vals({{0, "version 1"}}),
           rsv("reserved2", 1, 7, 3),
           u8("input_maximum_message_size", 2).show(Display::decimal),
         })}).d);

  // Channels (IPMI 2.0 §22.22-22.24).
  const std::vector<EnumValue> access_mode{{0, "disabled"}, {1, "pre-boot only"}, {2, "always available"}, {3, "shared"}};
  out.push_back(command(netfn_app, 0x40, "Set Channel Access", "set-channel-access", priv_admin, O, "IPMI 2.0 §22.22")
    .rq({layout(cat(channel_byte(), {
      bits("ipmi_messaging_access_mode", 1, 2, 0).vals(access_mode),
      bit("user_level_authentication_disabled", 1, 3),
      bit("per_message_authentication_disabled", 1, 4),
      bit("pef_alerting_disabled", 1, 5),
      bits("channel_access_set", 1, 7, 6).vals({{0, "don't set or change"}, {1, "set non-volatile"}, {2, "set volatile"}, {3, "reserved"}}),
      bits("channel_privilege_level_limit", 2, 3, 0).vals(privilege_values()),
      rsv("reserved2", 2, 5, 4),
      bits("channel_privilege_level_limit_set", 2, 7, 6).vals({{0, "don't set or change"}, {1, "set non-volatile"}, {2, "set volatile"}, {3, "reserved"}}),
    }))})
    .cc({{0x82, "set not supported on selected channel"}, {0x83, "access mode not supported"}}).d);

  out.push_back(command(netfn_app, 0x41, "Get Channel Access", "get-channel-access", priv_user, O, "IPMI 2.0 §22.23")
    .rq({layout(cat(channel_byte(), {
      rsv("reserved2", 1, 5, 0),
      bits("channel_access_get", 1, 7, 6).vals({{0, "reserved"}, {1, "non-volatile"}, {2, "volatile (active)"}, {3, "reserved"}}),
    }))})
    .rs({layout({
      bits("ipmi_messaging_access_mode", 0, 2, 0).vals(access_mode),
      bit("user_level_authentication_disabled", 0, 3),
      bit("per_message_authentication_disabled", 0, 4),
      bit("pef_alerting_disabled", 0, 5),
      rsv("reserved1", 0, 7, 6),
      bits("channel_privilege_level_limit", 1, 3, 0).vals(privilege_values()),
      rsv("reserved2", 1, 7, 4),
    })})
    .cc({{0x82, "Command not supported for selected channel (e.g. channel is session-less)"}}).d);

  out.push_back(command(netfn_app, 0x42, "Get Channel Info", "get-channel-info", priv_user, O, "IPMI 2.0 §22.24, Table 22-29")
    .rq({layout(channel_byte())})
    .rs({layout({
      bits("actual_channel_number", 0, 3, 0),
      rsv("reserved1", 0, 7, 4),
      bits("channel_medium_type", 1, 6, 0).vals({{0x01, "IPMB (I2C)"}, {0x02, "ICMB v1.0"}, {0x03, "ICMB v0.9"},
                                                  {0x04, "802.3 LAN"}, {0x05, "Asynch. Serial/Modem (RS-232)"},
                                                  {0x06, "Other LAN"}, {0x07, "PCI SMBus"}, {0x08, "SMBus v1.0/1.1"},
                                                  {0x09, "SMBus v2.0"}, {0x0a, "USB 1.x"}, {0x0b, "USB 2.x"},
                                                  {0x0c, "System Interface (KCS, SMIC, or BT)"}}),
      rsv("reserved2", 1, 7, 7),
      bits("channel_protocol_type", 2, 4, 0).vals({{0x01, "IPMB-1.0"}, {0x02, "ICMB-1.0"}, {0x04, "IPMI-SMBus"},
                                                    {0x05, "KCS"}, {0x06, "SMIC"}, {0x07, "BT-10"}, {0x08, "BT-15"},
                                                    {0x09, "TMode"}}),
      rsv("reserved3", 2, 7, 5),
      bits("active_session_count", 3, 5, 0).show(Display::decimal),
      bits("session_support", 3, 7, 6).vals({{0, "session-less"}, {1, "single-session"}, {2, "multi-session"}, {3, "session-based"}}),
      u24("vendor_id", 4).show(Display::decimal).desc("IANA enterprise number, LS byte first (7154 = IPMI Forum)"),
      bytes("auxiliary_channel_info", 7, 2),
    })}).d);

  // Users (IPMI 2.0 §22.26-22.30).
  out.push_back(command(netfn_app, 0x43, "Set User Access", "set-user-access", priv_admin, O, "IPMI 2.0 §22.26")
    .rq({layout({
      bits("channel_number", 0, 3, 0),
      bit("user_ipmi_messaging", 0, 4),
      bit("user_link_authentication", 0, 5),
      bit("user_restricted_to_callback", 0, 6),
      bit("change_bits_in_byte", 0, 7).desc("0b = do not change bits [6:4]"),
      bits("user_id", 1, 5, 0),
      rsv("reserved1", 1, 7, 6),
      bits("user_privilege_level_limit", 2, 3, 0).vals(privilege_limit_values()),
      rsv("reserved2", 2, 7, 4),
      bits("user_session_limit", 3, 3, 0).opt(1).desc("0h = limited only by the implementation"),
      rsv("reserved3", 3, 7, 4).opt(1),
    })}).d);

  out.push_back(command(netfn_app, 0x44, "Get User Access", "get-user-access", priv_operator, O, "IPMI 2.0 §22.27")
    .rq({layout({
      bits("channel_number", 0, 3, 0),
      rsv("reserved1", 0, 7, 4),
      bits("user_id", 1, 5, 0),
      rsv("reserved2", 1, 7, 6),
    })})
    .rs({layout({
      bits("maximum_user_ids", 0, 5, 0).show(Display::decimal),
      rsv("reserved1", 0, 7, 6),
      bits("enabled_user_ids", 1, 5, 0).show(Display::decimal),
      bits("user_id_enable_status", 1, 7, 6).vals({{0, "unspecified"}, {1, "enabled via Set User Password"},
                                                   {2, "disabled via Set User Password"}, {3, "reserved"}}),
      bits("fixed_name_user_ids", 2, 5, 0).show(Display::decimal),
      rsv("reserved2", 2, 7, 6),
      bits("user_privilege_level_limit", 3, 3, 0).vals(privilege_limit_values()),
      bit("user_ipmi_messaging", 3, 4),
      bit("user_link_authentication", 3, 5),
      bit("user_restricted_to_callback", 3, 6),
      rsv("reserved3", 3, 7, 7),
    })}).d);

  out.push_back(command(netfn_app, 0x45, "Set User Name", "set-user-name", priv_admin, O, "IPMI 2.0 §22.28")
    .rq({layout({
      bits("user_id", 0, 5, 0),
      rsv("reserved1", 0, 7, 6),
      ascii("user_name", 1, 16),
    })}).d);

  out.push_back(command(netfn_app, 0x46, "Get User Name", "get-user-name", priv_operator, O, "IPMI 2.0 §22.29")
    .rq({layout({bits("user_id", 0, 5, 0), rsv("reserved1", 0, 7, 6)})})
    .rs({layout({ascii("user_name", 0, 16)})}).d);

  // D[1] bit 7 selects the 16- or 20-byte password; the password itself is absent for the
  // enable/disable operations (optional group 1).
  auto password_layout = [](const char* name, std::uint64_t size_bit, std::size_t len) {
    return layout_when(name, 0, 7, 7, size_bit, size_bit, {
      bits("user_id", 0, 5, 0),
      rsv("reserved1", 0, 6, 6),
      bit("password_size", 0, 7).vals({{0, "16 bytes"}, {1, "20 bytes"}}),
      bits("operation", 1, 1, 0).vals({{0, "disable user"}, {1, "enable user"}, {2, "set password"}, {3, "test password"}}),
      rsv("reserved2", 1, 7, 2),
      ascii("password", 2, len).opt(1),
    });
  };
  out.push_back(command(netfn_app, 0x47, "Set User Password", "set-user-password", priv_admin, O, "IPMI 2.0 §22.30")
    .rq({password_layout("password_16", 0, 16), password_layout("password_20", 1, 20)})
    .cc({{0x80, "password test failed: password size correct, but password data does not match stored value"},
         {0x81, "password test failed: wrong password size was used"}}).d);
}

}  // namespace ipmict::catalog::dsl
