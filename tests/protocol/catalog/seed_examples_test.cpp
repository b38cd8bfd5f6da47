// Every byte-level [RAW] exchange of ../shared/reference/seed-catalog.md decodes to the
// fields its text describes. One row per distinct byte string (the same bytes shown by
// ipmitool, ipmiutil, ipmi-raw and the DOS tool appear once).
#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "protocol/catalog/catalog.hpp"

namespace ipmict::catalog {
namespace {

struct Example {
  const char* what;
  const char* id;
  bool request;
  std::uint8_t cc;
  const char* hex;
  std::vector<std::pair<const char*, std::uint64_t>> numbers;
  std::vector<std::pair<const char*, const char*>> texts = {};
  const char* layout = nullptr;
  std::size_t findings = 0;
};
// Test names show the example, not the object's bytes.
void PrintTo(const Example& e, std::ostream* os) { *os << e.what; }

Bytes hex(const char* s) {
  auto b = parse_hex(s);
  EXPECT_TRUE(b.has_value()) << s;
  return b.value_or(Bytes{});
}

const std::string kTest16 = "74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00";

std::vector<Example> examples() {
  return {
      // A1 Set BMC Global Enables
      {"A1 ipmitool 2e 04", "set-bmc-global-enables", true, 0, "04",
       {{"event_message_buffer", 1}, {"system_event_logging", 0}, {"receive_message_queue_interrupt", 0}}},
      {"A1 ipmiutil/ipmi-raw 2e 0f", "set-bmc-global-enables", true, 0, "0f",
       {{"receive_message_queue_interrupt", 1}, {"event_message_buffer_full_interrupt", 1}, {"event_message_buffer", 1},
        {"system_event_logging", 1}, {"oem_0", 0}}},
      {"A1 rcvd: 2E 00", "set-bmc-global-enables", false, 0, "", {}, {}, "none"},
      // A2
      {"A2 getenables 04", "get-bmc-global-enables", false, 0, "04",
       {{"event_message_buffer", 1}, {"system_event_logging", 0}, {"oem_2", 0}}},
      // A3 Clear Message Flags
      {"A3 30 eb", "clear-message-flags", true, 0, "eb",
       {{"clear_receive_message_queue", 1}, {"clear_event_message_buffer", 1}, {"reserved1", 0},
        {"clear_watchdog_pre_timeout_interrupt_flag", 1}, {"reserved2", 0}, {"clear_oem_0", 1}, {"clear_oem_2", 1}}},
      {"A3 DOS 30 e3", "clear-message-flags", true, 0, "e3", {{"clear_watchdog_pre_timeout_interrupt_flag", 0}, {"clear_oem_1", 1}}},
      // A4
      {"A4 31 -> 00", "get-message-flags", false, 0, "00", {{"receive_message_available", 0}, {"event_message_buffer_full", 0}}},
      // A5
      {"A5 32 01 01", "enable-message-channel-receive", true, 0, "01 01", {{"channel_number", 1}, {"channel_operation", 1}}},
      {"A5 -> 01 01", "enable-message-channel-receive", false, 0, "01 01", {{"channel_number", 1}, {"channel_state", 1}}},
      // A8 (the 16th byte is garbled in the seed; 00h is assumed here, see the truncation test)
      {"A8 35 -> SEL record", "read-event-message-buffer", false, 0, "32 4f 02 a6 b3 ff 4e 20 00 04 04 b0 01 50 00 00",
       {{"record_id", 0x4f32}, {"record_type", 2}, {"timestamp", 0x4effb3a6}, {"generator_id", 0x0020}, {"evm_rev", 4},
        {"sensor_type", 4}, {"sensor_number", 0xb0}, {"event_type", 1}, {"event_dir", 0}, {"event_data_1", 0x50}}},
      // A9
      {"A9 57 00", "get-system-interface-caps", true, 0, "00", {{"system_interface_type", 0}}},
      {"A9 57 01", "get-system-interface-caps", true, 0, "01", {{"system_interface_type", 1}}},
      {"A9 SSIF -> 00 88 ff 7d", "get-system-interface-caps", false, 0, "00 88 ff 7d",
       {{"transaction_support", 2}, {"pec_support", 1}, {"ssif_version", 0}, {"input_message_size", 255},
        {"output_message_size", 125}}, {}, "ssif"},
      {"A9 KCS -> 00 00 ff", "get-system-interface-caps", false, 0, "00 00 ff",
       {{"system_interface_version", 0}, {"input_maximum_message_size", 255}}, {}, "kcs_smic"},
      // A10
      {"A10 36 -> 01 3f 3f 0a 01", "get-bt-interface-caps", false, 0, "01 3f 3f 0a 01",
       {{"outstanding_requests_supported", 1}, {"input_buffer_message_size", 0x3f}, {"output_buffer_message_size", 0x3f},
        {"request_to_response_time", 10}, {"recommended_retries", 1}}},
      // A11 Master Write-Read
      {"A11 write bus 2 A0h", "master-write-read", true, 0, "05 a0 00 00 00 31 32 33 34",
       {{"bus_type", 1}, {"bus_id", 2}, {"channel_number", 0}, {"slave_address", 0x50}, {"read_count", 0}}},
      {"A11 write bus 1 A4h", "master-write-read", true, 0, "03 a4 00 00 00 01 20 00 01 00 10 00 ce",
       {{"bus_type", 1}, {"bus_id", 1}, {"slave_address", 0x52}, {"read_count", 0}}},
      {"A11 read 8 from A4h", "master-write-read", true, 0, "03 a4 08 00 00", {{"bus_id", 1}, {"read_count", 8}}},
      {"A11 read 4 from A0h", "master-write-read", true, 0, "05 a0 04 00 00", {{"bus_id", 2}, {"read_count", 4}}},
      {"A11 read 2 from 90h bus 6", "master-write-read", true, 0, "0d 90 02",
       {{"bus_type", 1}, {"bus_id", 6}, {"slave_address", 0x48}, {"read_count", 2}}},
      {"A11 read from A4h bus 2 (NAKs)", "master-write-read", true, 0, "05 a4 04", {{"bus_id", 2}, {"read_count", 4}}},
      {"A11 -> 8 bytes", "master-write-read", false, 0, "01 20 00 01 00 10 00 ce", {}},
      {"A11 -> 31 32 33 34", "master-write-read", false, 0, "31 32 33 34", {}, {}},
      {"A11 -> 23 80", "master-write-read", false, 0, "23 80", {}},
      {"A11 rsp=0x83", "master-write-read", false, 0x83, "", {}, {}, "error"},
      {"A11 rcvd: 52 00", "master-write-read", false, 0, "", {}},
      // A12
      {"A12 38 81 04", "get-channel-auth-caps", true, 0, "81 04",
       {{"channel_number", 1}, {"get_ipmi_v20_extended_data", 1}, {"requested_maximum_privilege_level", 4}}},
      {"A12 -> 01 b7 04 03 ...", "get-channel-auth-caps", false, 0, "01 b7 04 03 00 00 00 00",
       {{"channel_number", 1}, {"authentication_type_none", 1}, {"authentication_type_md2", 1},
        {"authentication_type_md5", 1}, {"authentication_type_straight_password_key", 1},
        {"authentication_type_oem_proprietary", 1}, {"ipmi_v20_extended_capabilities_available", 1},
        {"kg_status", 0}, {"per_message_authentication_disabled", 0}, {"user_level_authentication_disabled", 0},
        {"non_null_usernames_enabled", 1}, {"null_usernames_enabled", 0}, {"anonymous_login_enabled", 0},
        {"channel_supports_ipmi_v15_connections", 1}, {"channel_supports_ipmi_v20_connections", 1}, {"oem_id", 0},
        {"oem_auxiliary_data", 0}}},
      // A13
      {"A13 37 -> GUID", "get-system-guid", false, 0, "d8 cb 8a f7 c6 b6 9f 03 00 10 de bf ae 90 40 6c", {},
       {{"guid", "d8cb8af7-c6b6-9f03-0010-debfae90406c"}}},
      // A15 Get System Info Parameters
      {"A15 59 00 00 00 00", "get-system-info-params", true, 0, "00 00 00 00",
       {{"get_parameter_revision_only", 0}, {"parameter_selector", 0}, {"set_selector", 0}, {"block_selector", 0}}},
      {"A15 59 00 01 00 00", "get-system-info-params", true, 0, "00 01 00 00", {{"parameter_selector", 1}}},
      {"A15 param 0 -> 11 00", "get-system-info-params", false, 0, "11 00", {{"parameter_revision", 0x11}}},
      {"A15 param 1 -> Version1.0", "get-system-info-params", false, 0,
       "11 00 00 0a 56 65 72 73 69 6f 6e 31 2e 30 00 00 00 00", {{"parameter_revision", 0x11}},
       {{"configuration_parameter_data", "...Version1.0...."}}},
      {"A15 param 2 -> RMManager", "get-system-info-params", false, 0,
       "11 00 00 09 52 4d 4d 61 6e 61 67 65 72 00 00 00 00 00", {}, {{"configuration_parameter_data", "...RMManager....."}}},
      {"A15 param 3 -> SUSEServer1.0", "get-system-info-params", false, 0,
       "11 00 00 0d 53 55 53 45 53 65 72 76 65 72 31 2e 30 00", {}, {{"configuration_parameter_data", "...SUSEServer1.0."}}},
      {"A15 param 4 -> zeros", "get-system-info-params", false, 0,
       "11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", {{"parameter_revision", 0x11}}},
      // A16
      {"A16 54 01 00 00", "get-channel-cipher-suites", true, 0, "01 00 00",
       {{"channel_number", 1}, {"payload_type", 0}, {"list_index", 0}, {"list_algorithms_by_cipher_suite", 0}}},
      {"A16 -> algorithms", "get-channel-cipher-suites", false, 0, "01 00 01 02 03 40 41 42 43 44 80 81", {{"channel_number", 1}}},
      // A19
      {"A19 3b 04", "set-session-privilege-level", true, 0, "04", {{"requested_privilege_level", 4}}},
      {"A19 -> 04", "set-session-privilege-level", false, 0, "04", {{"new_privilege_level", 4}}},
      {"A19 in-band rsp=0x82", "set-session-privilege-level", false, 0x82, "", {}, {}, "error"},
      // A21 Get Session Info
      {"A21 3d 00", "get-session-info", true, 0, "00", {{"session_index", 0}}, {}, "by_index"},
      {"A21 in-band -> 36 24 00", "get-session-info", false, 0, "36 24 00",
       {{"session_handle", 0x36}, {"possible_active_sessions", 36}, {"active_sessions", 0}}},
      {"A21 LAN ipmitool", "get-session-info", false, 0, "37 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 e9 3d",
       {{"session_handle", 0x37}, {"possible_active_sessions", 36}, {"active_sessions", 1}, {"user_id", 2},
        {"operating_privilege_level", 4}, {"channel_number", 1}, {"session_protocol_auxiliary_data", 0},
        {"remote_console_ip_address", 0xac106263}, {"remote_console_port", 0x3de9}},
       {{"remote_console_ip_address", "172.16.98.99"}, {"remote_console_mac_address", "d8:cb:8a:f7:c6:90"}}},
      {"A21 LAN icmd", "get-session-info", false, 0, "38 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 db ab",
       {{"session_handle", 0x38}, {"remote_console_port", 0xabdb}}, {{"remote_console_ip_address", "172.16.98.99"}}},
      {"A21 LAN ipmi-raw", "get-session-info", false, 0, "44 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 af 89",
       {{"session_handle", 0x44}, {"remote_console_port", 0x89af}}},
      // A23
      {"A23 40 01 00 04 (no-op)", "set-channel-access", true, 0, "01 00 04",
       {{"channel_number", 1}, {"channel_access_set", 0}, {"channel_privilege_level_limit", 4},
        {"channel_privilege_level_limit_set", 0}}},
      // A24
      {"A24 41 01 80", "get-channel-access", true, 0, "01 80", {{"channel_number", 1}, {"channel_access_get", 2}}},
      {"A24 -> 02 04", "get-channel-access", false, 0, "02 04",
       {{"ipmi_messaging_access_mode", 2}, {"pef_alerting_disabled", 0}, {"per_message_authentication_disabled", 0},
        {"user_level_authentication_disabled", 0}, {"channel_privilege_level_limit", 4}}},
      // A25
      {"A25 42 0f", "get-channel-info", true, 0, "0f", {{"channel_number", 0xf}}},
      {"A25 ch 0f -> KCS", "get-channel-info", false, 0, "0f 0c 05 00 f2 1b 00 ff ff",
       {{"actual_channel_number", 0xf}, {"channel_medium_type", 0x0c}, {"channel_protocol_type", 5},
        {"session_support", 0}, {"active_session_count", 0}, {"vendor_id", 7154}}},
      {"A25 ch 01 -> LAN", "get-channel-info", false, 0, "01 04 01 80 f2 1b 00 00 00",
       {{"actual_channel_number", 1}, {"channel_medium_type", 4}, {"channel_protocol_type", 1}, {"session_support", 2},
        {"active_session_count", 0}, {"vendor_id", 7154}}},
      // A27 Set User Access
      {"A27 43 01 01 02 00", "set-user-access", true, 0, "01 01 02 00",
       {{"channel_number", 1}, {"change_bits_in_byte", 0}, {"user_id", 1}, {"user_privilege_level_limit", 2},
        {"user_session_limit", 0}}},
      {"A27 iuser 91 2 2 (no D[4])", "set-user-access", true, 0, "91 02 02",
       {{"channel_number", 1}, {"user_ipmi_messaging", 1}, {"user_link_authentication", 0}, {"change_bits_in_byte", 1},
        {"user_id", 2}, {"user_privilege_level_limit", 2}}},
      {"A29 iuser 91 3 f", "set-user-access", true, 0, "91 03 0f", {{"user_id", 3}, {"user_privilege_level_limit", 0xf}}},
      {"A31 iuser 91 3 1f (CCh): reserved bit 4", "set-user-access", true, 0, "91 03 1f",
       {{"user_privilege_level_limit", 0xf}, {"reserved2", 1}}, {}, nullptr, 1},
      // A28 Get User Access
      {"A28 44 01 02", "get-user-access", true, 0, "01 02", {{"channel_number", 1}, {"user_id", 2}}},
      {"A28 state A -> 0a 42 02 54", "get-user-access", false, 0, "0a 42 02 54",
       {{"maximum_user_ids", 10}, {"enabled_user_ids", 2}, {"user_id_enable_status", 1}, {"fixed_name_user_ids", 2},
        {"user_restricted_to_callback", 1}, {"user_link_authentication", 0}, {"user_ipmi_messaging", 1},
        {"user_privilege_level_limit", 4}}},
      {"A28 state B -> 0a 43 02 12", "get-user-access", false, 0, "0a 43 02 12",
       {{"enabled_user_ids", 3}, {"user_restricted_to_callback", 0}, {"user_ipmi_messaging", 1},
        {"user_privilege_level_limit", 2}}},
      // A29 / A30 user names
      {"A29 45 03 test", "set-user-name", true, 0, "03 74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00",
       {{"user_id", 3}}, {{"user_name", "test"}}},
      {"A30 46 03", "get-user-name", true, 0, "03", {{"user_id", 3}}},
      {"A30 -> test", "get-user-name", false, 0, "74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00", {}, {{"user_name", "test"}}},
      // A31 Set User Password
      {"A31 set password test", "set-user-password", true, 0, "03 02 74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00",
       {{"user_id", 3}, {"password_size", 0}, {"operation", 2}}, {{"password", "test"}}, "password_16"},
      {"A31 test password test", "set-user-password", true, 0, "03 03 74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00",
       {{"operation", 3}}, {{"password", "test"}}, "password_16"},
      {"A31 test password tesu", "set-user-password", true, 0, "03 03 74 65 73 75 00 00 00 00 00 00 00 00 00 00 00 00",
       {{"operation", 3}}, {{"password", "tesu"}}},
      {"A31 mismatch rsp=0x80", "set-user-password", false, 0x80, "", {}, {}, "error"},
      // C1 / C2 event receiver
      {"C1 04/00 20 00", "set-event-receiver", true, 0, "20 00", {{"event_receiver_slave_address", 0x20}, {"event_receiver_lun", 0}}},
      {"C2 04/01 -> 20 00", "get-event-receiver", false, 0, "20 00", {{"event_receiver_slave_address", 0x20}, {"event_receiver_lun", 0}}},
      // C3 Platform Event Message, both forms
      {"C3 7-byte IPMB form", "platform-event-message", true, 0, "04 30 17 75 a0 04 07",
       {{"evm_rev", 4}, {"sensor_type", 0x30}, {"sensor_number", 0x17}, {"event_dir", 0}, {"event_type", 0x75},
        {"event_data_1", 0xa0}, {"event_data_2", 0x04}, {"event_data_3", 0x07}}, {}, "ipmb"},
      {"C3 BIOS event (8-byte)", "platform-event-message", true, 0, "01 04 0c 00 00 01 00 00",
       {{"generator_id", 0x01}, {"evm_rev", 4}, {"sensor_type", 0x0c}, {"sensor_number", 0}, {"event_dir", 0},
        {"event_type", 0}, {"event_data_1", 1}, {"event_data_2", 0}, {"event_data_3", 0}}, {}, "system_interface"},
      {"C3 DOS unknown #0x17", "platform-event-message", true, 0, "00 04 30 17 75 a0 04 07",
       {{"generator_id", 0}, {"sensor_type", 0x30}, {"sensor_number", 0x17}, {"event_type", 0x75}, {"event_dir", 0},
        {"event_data_1", 0xa0}}, {}, "system_interface"},
      {"C3 SMI handler", "platform-event-message", true, 0, "21 04 0c 00 00 01 00 00", {{"generator_id", 0x21}}, {}, "system_interface"},
      {"C3 system management software", "platform-event-message", true, 0, "41 04 0c 00 00 01 00 00", {{"generator_id", 0x41}}},
      {"C3 remote console software", "platform-event-message", true, 0, "81 04 0c 00 00 01 00 00", {{"generator_id", 0x81}}},
      {"C3 terminal mode remote console", "platform-event-message", true, 0, "8f 04 0c 00 00 01 00 00", {{"generator_id", 0x8f}}},
      {"C3 rcvd: 02 00", "platform-event-message", false, 0, "", {}, {}, "none"},
  };
}

class SeedExample : public ::testing::TestWithParam<Example> {};

TEST_P(SeedExample, DecodesToTheFieldsTheSeedDescribes) {
  const Example& ex = GetParam();
  const Catalog cat = builtin_catalog();
  const CommandDescriptor* cmd = cat.find(ex.id);
  ASSERT_NE(cmd, nullptr) << ex.id;
  const Bytes data = hex(ex.hex);
  auto d = ex.request ? decode_request(*cmd, view(data)) : decode_response(*cmd, ex.cc, view(data));
  ASSERT_TRUE(d.has_value()) << ex.what << ": " << to_string(d.error());
  for (const auto& [name, value] : ex.numbers) {
    auto n = d->number(name);
    ASSERT_TRUE(n.has_value()) << ex.what << ": no field " << name << "\n" << format_fields(*d);
    EXPECT_EQ(*n, value) << ex.what << ": " << name;
  }
  for (const auto& [name, text] : ex.texts) {
    const FieldValue* f = d->find(name);
    ASSERT_NE(f, nullptr) << ex.what << ": no field " << name;
    EXPECT_EQ(f->text, text) << ex.what << ": " << name;
  }
  if (ex.layout != nullptr) {
    EXPECT_EQ(d->layout_name, ex.layout) << ex.what;
  }
  EXPECT_EQ(d->findings.size(), ex.findings) << ex.what << "\n" << format_fields(*d);
  if (!ex.request && ex.cc != 0) {
    EXPECT_TRUE(d->error_reply);
    EXPECT_TRUE(d->fields.empty());
  }
  // Requests re-encode byte for byte from their decoded values.
  if (ex.request && !d->fields.empty()) {
    FieldValues values;
    for (const auto& f : d->fields) {
      if (f.number) values.emplace_back(f.name, *f.number);
      else values.emplace_back(f.name, f.bytes);
    }
    auto enc = encode_request(*cmd, values, d->layout_name);
    ASSERT_TRUE(enc.has_value()) << ex.what << ": " << enc.error();
    EXPECT_EQ(to_hex(view(*enc)), to_hex(view(data))) << ex.what;
  }
}

INSTANTIATE_TEST_SUITE_P(SeedCatalog, SeedExample, ::testing::ValuesIn(examples()),
                         [](const ::testing::TestParamInfo<Example>& p) {
                           std::string n = std::to_string(p.index) + "_" + p.param.id;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(SeedExamples, CompletionCodeNamesOfTheCapturedErrors) {
  const Catalog cat = builtin_catalog();
  EXPECT_EQ(completion_code_name(cat.find("master-write-read"), 0x83), "NAK on Write");
  EXPECT_EQ(completion_code_name(cat.find("set-session-privilege-level"), 0x82),
            "Cannot disable User Level authentication");
  EXPECT_EQ(completion_code_name(cat.find("read-event-message-buffer"), 0x80),
            "data not available (queue / buffer empty)");
  EXPECT_EQ(completion_code_name(cat.find("set-user-access"), 0xcc), "Invalid data field in Request");
  EXPECT_EQ(completion_code_name(cat.find("set-user-password"), 0x80).substr(0, 20), "password test failed");
}

TEST(SeedExamples, ReadEventMessageBufferWithTheGarbledLastByteMissingIsTruncatedAtEventData3) {
  const Catalog cat = builtin_catalog();
  const Bytes data = hex("32 4f 02 a6 b3 ff 4e 20 00 04 04 b0 01 50 00");
  auto d = decode_response(*cat.find(0x07, 0x35), 0x00, view(data));
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, DecodeErrc::truncated);
  EXPECT_EQ(d.error().offset, 15u);
  EXPECT_EQ(d.error().field, "event_data_3");
}

TEST(SeedExamples, SystemInfoParameterStringBlockCarriesEncodingLengthAndText) {
  const Catalog cat = builtin_catalog();
  const Bytes data = hex("11 00 00 0a 56 65 72 73 69 6f 6e 31 2e 30 00 00 00 00");
  auto d = decode_response(*cat.find("Get System Info Parameters"), 0, view(data));
  ASSERT_TRUE(d.has_value());
  const FieldValue* p = d->find("configuration_parameter_data");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->bytes.size(), 17u);
  EXPECT_EQ(p->bytes[0], 0x00);  // set selector (block 0)
  EXPECT_EQ(p->bytes[1], 0x00);  // encoding: ASCII+Latin1
  EXPECT_EQ(p->bytes[2], 0x0a);  // string length 10
  EXPECT_EQ(std::string(p->bytes.begin() + 3, p->bytes.begin() + 13), "Version1.0");
}

}  // namespace
}  // namespace ipmict::catalog
