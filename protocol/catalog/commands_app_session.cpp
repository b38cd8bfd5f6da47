// NetFn App (06h), IPMI 2.0 ch. 22: session setup and management (IPMI 1.5 challenge /
// activate, RMCP+ discovery commands, privilege, close, session info, keys).
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

void add_app_session_commands(std::vector<CommandDescriptor>& out) {
  out.push_back(command(netfn_app, 0x38, "Get Channel Authentication Capabilities", "get-channel-auth-caps", priv_any, O,
                        "IPMI 2.0 §22.13, Table 22-15")
    .rq({layout({
      bits("channel_number", 0, 3, 0).desc("Eh = this channel"),
      rsv("reserved1", 0, 6, 4),
      bit("get_ipmi_v20_extended_data", 0, 7),
      bits("requested_maximum_privilege_level", 1, 3, 0).vals(privilege_values()),
      rsv("reserved2", 1, 7, 4),
    })})
    .rs({layout({
      u8("channel_number", 0),
      bit("authentication_type_none", 1, 0),
      bit("authentication_type_md2", 1, 1),
      bit("authentication_type_md5", 1, 2),
      rsv("reserved1", 1, 3, 3),
      bit("authentication_type_straight_password_key", 1, 4),
      bit("authentication_type_oem_proprietary", 1, 5),
      rsv("reserved2", 1, 6, 6),
      bit("ipmi_v20_extended_capabilities_available", 1, 7),
      bit("anonymous_login_enabled", 2, 0),
      bit("null_usernames_enabled", 2, 1),
      bit("non_null_usernames_enabled", 2, 2),
      bit("user_level_authentication_disabled", 2, 3),
      bit("per_message_authentication_disabled", 2, 4),
      bit("kg_status", 2, 5).vals({{0, "default (all zeroes)"}, {1, "non-zero"}}),
      rsv("reserved3", 2, 7, 6),
      bit("channel_supports_ipmi_v15_connections", 3, 0),
      bit("channel_supports_ipmi_v20_connections", 3, 1),
      rsv("reserved4", 3, 7, 2),
      u24("oem_id", 4).show(Display::decimal),
      u8("oem_auxiliary_data", 7),
    })}).d);

  out.push_back(command(netfn_app, 0x39, "Get Session Challenge", "get-session-challenge", priv_any, O, "IPMI 2.0 §22.16")
    .rq({layout({
      bits("authentication_type", 0, 3, 0).vals(auth_type_values()),
      rsv("reserved1", 0, 7, 4),
      ascii("user_name", 1, 16),
    })})
    .rs({layout({
      u32("temporary_session_id", 0),
      bytes("challenge_string", 4, 16),
    })})
    .cc({{0x81, "invalid user name"}, {0x82, "null user name (User 1) not enabled"}}).d);

  out.push_back(command(netfn_app, 0x3a, "Activate Session", "activate-session", priv_any, O, "IPMI 2.0 §22.17")
    .rq({layout({
      bits("authentication_type", 0, 3, 0).vals(auth_type_values()),
      rsv("reserved1", 0, 7, 4),
      bits("maximum_privilege_level", 1, 3, 0).vals(privilege_values()),
      rsv("reserved2", 1, 7, 4),
      bytes("challenge_string", 2, 16),
      u32("initial_outbound_sequence_number", 18),
    })})
    .rs({layout({
      bits("authentication_type", 0, 3, 0).vals(auth_type_values()),
      rsv("reserved1", 0, 7, 4),
      u32("session_id", 1),
      u32("initial_inbound_sequence_number", 5),
      bits("maximum_privilege_level", 9, 3, 0).vals(privilege_values()),
      rsv("reserved2", 9, 7, 4),
    })})
    .cc({{0x81, "No session slot available"}, {0x82, "No slot available for given user"},
         {0x83, "No slot available to support user due to maximum privilege capability"},
         {0x84, "session sequence number out-of-range"}, {0x85, "invalid session ID in request"},
         {0x86, "requested maximum privilege level exceeds user and/or channel privilege limit"}}).d);

  out.push_back(command(netfn_app, 0x3b, "Set Session Privilege Level", "set-session-privilege-level", priv_user, O,
                        "IPMI 2.0 §22.18")
    .rq({layout({
      bits("requested_privilege_level", 0, 3, 0).vals({{0, "no change"}, {1, "reserved"}, {2, "User"}, {3, "Operator"},
                                                      {4, "Administrator"}, {5, "OEM Proprietary"}}),
      rsv("reserved1", 0, 7, 4),
    })})
    .rs({layout({
      bits("new_privilege_level", 0, 3, 0).vals(privilege_values()),
      rsv("reserved1", 0, 7, 4),
    })})
    .cc({{0x80, "Requested level not available for this user"},
         {0x81, "Requested level exceeds Channel and/or User Privilege Limit"},
         {0x82, "Cannot disable User Level authentication"}}).d);

  // The session handle byte is present only when the session ID is 0 (closing another
  // session by handle); optional group 1.
  out.push_back(command(netfn_app, 0x3c, "Close Session", "close-session", priv_callback, O, "IPMI 2.0 §22.19")
    .rq({layout({
      u32("session_id", 0),
      u8("session_handle", 4).opt(1),
    })})
    .cc({{0x87, "invalid Session ID in request"}, {0x88, "invalid session handle in request"}}).d);

  const auto session_index = [] {
    return u8("session_index", 0).vals({{0x00, "this session"}, {0xfe, "by session handle"}, {0xff, "by session ID"}});
  };
  out.push_back(command(netfn_app, 0x3d, "Get Session Info", "get-session-info", priv_user, O, "IPMI 2.0 §22.20")
    .rq({layout("by_index", {session_index()}),
         layout_when("by_handle", 0, 7, 0, 0xfe, 0xfe, {session_index(), u8("session_handle", 1)}),
         layout_when("by_session_id", 0, 7, 0, 0xff, 0xff, {session_index(), u32("session_id", 1)})})
    .rs({layout({
      u8("session_handle", 0).desc("00h if no active session matches the index"),
      bits("possible_active_sessions", 1, 5, 0).show(Display::decimal),
      rsv("reserved1", 1, 7, 6),
      bits("active_sessions", 2, 5, 0).show(Display::decimal),
      rsv("reserved2", 2, 7, 6),
      // Bytes 5-7 (response numbering): only for an active session.
      bits("user_id", 3, 5, 0).opt(1),
      rsv("reserved3", 3, 7, 6).opt(1),
      bits("operating_privilege_level", 4, 3, 0).opt(1).vals(privilege_values()),
      rsv("reserved4", 4, 7, 4).opt(1),
      bits("channel_number", 5, 3, 0).opt(1),
      bits("session_protocol_auxiliary_data", 5, 7, 4).opt(1).vals({{0, "IPMI v1.5"}, {1, "IPMI v2.0/RMCP+"}}),
      // Bytes 8-19: only when the session's channel is 802.3 LAN.
      be32("remote_console_ip_address", 6).opt(2).show(Display::ipv4).desc("MS byte first"),
      bytes("remote_console_mac_address", 10, 6).opt(2).show(Display::mac),
      u16("remote_console_port", 16).opt(2).show(Display::decimal).desc("LS byte first"),
    })}).d);

  out.push_back(command(netfn_app, 0x3f, "Get AuthCode", "get-authcode", priv_operator, O, "IPMI 2.0 §22.21")
    .rq({layout({
      bits("authentication_type_or_integrity_algorithm", 0, 3, 0),
      rsv("reserved1", 0, 6, 4),
      bit("ipmi_v20_integrity_algorithm", 0, 7).desc("0b = [3:0] is an IPMI v1.5 authentication type, 1b = an IPMI v2.0 integrity algorithm number"),
      bits("channel_number", 1, 3, 0),
      rsv("reserved2", 1, 7, 4),
      bits("user_id", 2, 5, 0),
      rsv("reserved3", 2, 7, 6),
      bytes("data_to_hash", 3, 16),
    })})
    .rs({layout({rest("authcode", 0, 1, 20).desc("16 bytes for IPMI v1.5 auth types; the integrity algorithm's output size for v2.0")})}).d);

  const std::vector<EnumValue> lock_status{{0, "key is not lockable"}, {1, "key is locked"}, {2, "key is unlocked"}, {3, "reserved"}};
  out.push_back(command(netfn_app, 0x56, "Set Channel Security Keys", "set-channel-security-keys", priv_admin, O,
                        "IPMI 2.0 §22.25")
    .rq({layout({
      bits("channel_number", 0, 3, 0),
      rsv("reserved1", 0, 7, 4),
      bits("operation", 1, 1, 0).vals({{0, "read key"}, {1, "set key"}, {2, "lock key"}, {3, "reserved"}}),
      rsv("reserved2", 1, 7, 2),
      u8("key_id", 2).vals({{0, "K_R"}, {1, "K_G"}}),
      rest("key_value", 3, 0, 20),
    })})
    .rs({layout({
      bits("lock_status", 0, 1, 0).vals(lock_status),
      rsv("reserved1", 0, 7, 2),
      rest("key_value", 1, 0, 20),
    })})
    .cc({{0x80, "Cannot perform set/confirm. Key is locked"}, {0x81, "insufficient key bytes"},
         {0x82, "too many key bytes"}, {0x83, "key value does not meet criteria for specified type of key"},
         {0x84, "K_R is not used"}}).d);

  out.push_back(command(netfn_app, 0x54, "Get Channel Cipher Suites", "get-channel-cipher-suites", priv_any, O,
                        "IPMI 2.0 §22.15, Table 22-18")
    .rq({layout({
      bits("channel_number", 0, 3, 0),
      rsv("reserved1", 0, 7, 4),
      bits("payload_type", 1, 5, 0).vals({{0, "IPMI"}, {1, "SOL"}, {2, "OEM explicit"}}),
      rsv("reserved2", 1, 7, 6),
      bits("list_index", 2, 5, 0),
      rsv("reserved3", 2, 6, 6),
      bit("list_algorithms_by_cipher_suite", 2, 7).vals({{0, "list supported algorithms"}, {1, "list by cipher suite"}}),
    })})
    .rs({layout({
      u8("channel_number", 0),
      rest("cipher_suite_record_data", 1, 0, 16).desc("Table 22-19 records or algorithm numbers; 16 bytes per list index"),
    })}).d);
}

}  // namespace ipmict::catalog::dsl
