// The generic codec over the built-in tables: realistic samples of the IPMI 2.0 core
// commands, round trips, truncation, trailing bytes, findings, encode errors.
#include <gtest/gtest.h>

#include <algorithm>

#include "protocol/catalog/catalog.hpp"

namespace ipmict::catalog {
namespace {

Bytes hex(const char* s) { return parse_hex(s).value_or(Bytes{}); }

class Codec : public ::testing::Test {
 protected:
  const CommandDescriptor& cmd(std::string_view id) {
    const CommandDescriptor* c = cat_.find(id);
    EXPECT_NE(c, nullptr) << id;
    return *c;
  }
  DecodedFields response(std::string_view id, const char* h) {
    const Bytes b = hex(h);
    auto d = decode_response(cmd(id), 0, view(b));
    EXPECT_TRUE(d.has_value()) << id << ": " << (d ? "" : to_string(d.error()));
    return d.value_or(DecodedFields{});
  }
  DecodedFields request(std::string_view id, const char* h) {
    const Bytes b = hex(h);
    auto d = decode_request(cmd(id), view(b));
    EXPECT_TRUE(d.has_value()) << id << ": " << (d ? "" : to_string(d.error()));
    return d.value_or(DecodedFields{});
  }
  Catalog cat_ = builtin_catalog();
};

TEST_F(Codec, GetDeviceIdWithAuxiliaryFirmwareRevision) {
  // A Dell-style reply: device 20h rev 1 with SDRs, firmware 3.20, IPMI 2.0, IANA 674.
  auto d = response("get-device-id", "20 81 03 20 02 df a2 02 00 00 01 00 10 00 00");
  EXPECT_EQ(d.number("device_id"), 0x20u);
  EXPECT_EQ(d.number("device_revision"), 1u);
  EXPECT_EQ(d.number("device_provides_sdrs"), 1u);
  EXPECT_EQ(d.number("major_firmware_revision"), 3u);
  EXPECT_EQ(d.number("minor_firmware_revision"), 0x20u);
  EXPECT_EQ(d.number("ipmi_version_major"), 2u);
  EXPECT_EQ(d.number("ipmi_version_minor"), 0u);
  EXPECT_EQ(d.number("chassis_device"), 1u);
  EXPECT_EQ(d.number("bridge"), 1u);
  EXPECT_EQ(d.number("ipmb_event_generator"), 0u);
  EXPECT_EQ(d.number("manufacturer_id"), 674u);
  EXPECT_EQ(d.number("product_id"), 0x0100u);
  ASSERT_NE(d.find("auxiliary_firmware_revision"), nullptr);
  EXPECT_EQ(to_hex(view(d.find("auxiliary_firmware_revision")->bytes)), "00 10 00 00");
  EXPECT_TRUE(d.findings.empty());
}

TEST_F(Codec, GetDeviceIdWithoutTheOptionalGroupIsValidAndTheGroupIsAbsentNotZero) {
  // ipmi_sim-style 11-byte reply (no auxiliary firmware revision).
  auto d = response("get-device-id", "20 01 02 05 02 bf 57 01 00 31 00");
  EXPECT_EQ(d.number("manufacturer_id"), 0x157u);
  EXPECT_EQ(d.number("product_id"), 0x0031u);
  EXPECT_EQ(d.find("auxiliary_firmware_revision"), nullptr);
}

TEST_F(Codec, GetDeviceIdPartialOptionalGroupIsTruncatedNamingTheField) {
  const Bytes b = hex("20 01 02 05 02 bf 57 01 00 31 00 00 10");
  auto d = decode_response(cmd("get-device-id"), 0, view(b));
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error(), (DecodeError{DecodeErrc::truncated, 11, "auxiliary_firmware_revision"}));
}

TEST_F(Codec, EveryTruncationOfGetDeviceIdNamesTheFirstMissingField) {
  const Bytes full = hex("20 81 03 20 02 df a2 02 00 00 01");
  const CommandDescriptor& c = cmd("get-device-id");
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto d = decode_response(c, 0, ByteView(full.data(), n));
    ASSERT_FALSE(d.has_value()) << n;
    EXPECT_EQ(d.error().code, DecodeErrc::truncated);
    // manufacturer_id spans bytes 6-8 and product_id 9-10: the error is at the field's start.
    const std::size_t expected = (n >= 6 && n <= 8) ? 6u : (n >= 9 ? 9u : n);
    EXPECT_EQ(d.error().offset, expected) << n;
    EXPECT_FALSE(d.error().field.empty());
  }
  auto five = decode_response(c, 0, ByteView(full.data(), 5));
  EXPECT_EQ(five.error().field, "sensor_device");
}

TEST_F(Codec, OneByteLongIsTrailingBytes) {
  const Bytes b = hex("20 81 03 20 02 df a2 02 00 00 01 00 10 00 00 99");
  auto d = decode_response(cmd("get-device-id"), 0, view(b));
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, DecodeErrc::trailing_bytes);
  EXPECT_EQ(d.error().offset, 15u);
}

TEST_F(Codec, CommandWithoutDataRejectsAnyByte) {
  const Bytes b = hex("00");
  auto d = decode_request(cmd("get-device-id"), view(b));
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, DecodeErrc::trailing_bytes);
  EXPECT_EQ(d.error().offset, 0u);
}

TEST_F(Codec, NonZeroCompletionCodeAloneIsSufficient) {
  auto d = decode_response(cmd("get-device-id"), 0xc1, {});
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->error_reply);
  EXPECT_EQ(d->completion_code, 0xc1);
  EXPECT_EQ(d->completion_code_label, "Invalid Command");
  EXPECT_TRUE(d->fields.empty());
  EXPECT_TRUE(d->findings.empty());
}

TEST_F(Codec, DataAfterNonZeroCompletionCodeIsKeptAndReported) {
  const Bytes b = hex("01 02");
  auto d = decode_response(cmd("get-sel-entry"), 0x81, view(b));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->completion_code_label, "cannot execute command, SEL erase in progress");
  ASSERT_EQ(d->findings.size(), 1u);
  EXPECT_NE(d->findings[0].find("2 data byte(s) after non-zero completion code 0x81"), std::string::npos);
}

TEST_F(Codec, ReservedBitsSetAreFindingsNamingByteAndBits) {
  auto d = request("get-channel-auth-caps", "b1 34");  // bits 6:4 = 3 in byte 0, 7:4 = 3 in byte 1
  ASSERT_EQ(d.findings.size(), 2u);
  EXPECT_EQ(d.findings[0], "reserved bits set in reserved1 (byte 0 bits 6:4 = 0x03)");
  EXPECT_EQ(d.findings[1], "reserved bits set in reserved2 (byte 1 bits 7:4 = 0x03)");
  EXPECT_EQ(d.number("channel_number"), 1u);
}

TEST_F(Codec, GetSelEntryFullSystemEventRecord) {
  // Temperature #0x30 Upper Critical going high, asserted (seed C3 example 2's event).
  auto d = response("get-sel-entry", "03 00 02 00 02 c3 b5 ff 4e 41 00 04 01 30 01 59 ff ff");
  EXPECT_EQ(d.layout_name, "system_event_record");
  EXPECT_EQ(d.number("next_record_id"), 3u);
  EXPECT_EQ(d.number("record_id"), 2u);
  EXPECT_EQ(d.number("timestamp"), 0x4effb5c3u);
  EXPECT_EQ(d.number("generator_id"), 0x41u);
  EXPECT_EQ(d.number("sensor_type"), 1u);
  EXPECT_EQ(d.number("sensor_number"), 0x30u);
  EXPECT_EQ(d.number("event_type"), 1u);
  EXPECT_EQ(d.number("event_dir"), 0u);
  EXPECT_EQ(d.find("event_dir")->label, "assertion");
  EXPECT_EQ(d.number("event_data_1"), 0x59u);
}

TEST_F(Codec, GetSelEntryPartialReadAndOemRecords) {
  auto p = response("get-sel-entry", "03 00 02 00 02 c3 b5");
  EXPECT_EQ(p.layout_name, "partial");
  EXPECT_EQ(p.find("record_data")->bytes.size(), 5u);
  auto oem = response("get-sel-entry", "ff ff 05 00 c1 00 00 00 00 57 01 00 01 02 03 04 05 06");
  EXPECT_EQ(oem.layout_name, "oem_timestamped_record");
  EXPECT_EQ(oem.number("manufacturer_id"), 0x157u);
  EXPECT_EQ(oem.find("next_record_id")->label, "last record");
}

TEST_F(Codec, AddSelEntryRequestRoundTrip) {
  auto enc = encode_request(cmd("add-sel-entry"),
                            {{"record_type", 2}, {"generator_id", 0x41}, {"evm_rev", 4}, {"sensor_type", 1},
                             {"sensor_number", 0x30}, {"event_type", 1}, {"event_dir", "deassertion"},
                             {"event_data_1", 0x59}, {"event_data_2", 0xff}, {"event_data_3", 0xff}});
  ASSERT_TRUE(enc.has_value()) << enc.error();
  EXPECT_EQ(to_hex(view(*enc)), "00 00 02 00 00 00 00 41 00 04 01 30 81 59 ff ff");
  auto d = decode_request(cmd("add-sel-entry"), view(*enc));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->layout_name, "system_event_record");
  EXPECT_EQ(d->number("event_dir"), 1u);
}

TEST_F(Codec, StorageSamples) {
  auto info = response("get-sel-info", "51 03 00 c0 ff a6 b3 ff 4e 00 00 00 00 0a");
  EXPECT_EQ(info.number("sel_version"), 0x51u);
  EXPECT_EQ(info.number("entries"), 3u);
  EXPECT_EQ(info.number("free_space"), 0xffc0u);
  EXPECT_EQ(info.number("reserve_sel_supported"), 1u);
  EXPECT_EQ(info.number("delete_sel_supported"), 1u);
  EXPECT_EQ(info.number("overflow"), 0u);
  EXPECT_EQ(response("reserve-sel", "5c 1a").number("reservation_id"), 0x1a5cu);
  EXPECT_EQ(response("get-sel-time", "a6 b3 ff 4e").number("time"), 0x4effb3a6u);
  EXPECT_EQ(request("set-sel-time", "a6 b3 ff 4e").number("time"), 0x4effb3a6u);
  auto clear = request("clear-sel", "5c 1a 43 4c 52 aa");
  EXPECT_EQ(clear.find("operation")->label, "initiate erase");
  EXPECT_EQ(response("clear-sel", "01").find("erasure_progress")->label, "erase completed");
  EXPECT_EQ(request("delete-sel-entry", "5c 1a 02 00").number("record_id"), 2u);
  EXPECT_EQ(response("delete-sel-entry", "02 00").number("record_id"), 2u);
  EXPECT_EQ(request("get-sel-entry", "00 00 00 00 00 ff").find("bytes_to_read")->label, "entire record");
  // 3639 units of 18 bytes, 3066 free in one block, a record fits in one unit.
  auto alloc = response("get-sel-allocation-info", "37 0e 12 00 fa 0b fa 0b 01");
  EXPECT_EQ(alloc.number("number_of_possible_allocation_units"), 3639u);
  EXPECT_EQ(alloc.number("allocation_unit_size"), 18u);
  EXPECT_EQ(alloc.number("number_of_free_allocation_units"), 3066u);
  EXPECT_EQ(alloc.number("largest_free_block"), 3066u);
  EXPECT_EQ(alloc.number("maximum_record_size"), 1u);
  EXPECT_TRUE(alloc.findings.empty());

  auto repo = response("get-sdr-repository-info", "51 2a 00 00 10 00 00 00 00 ff ff ff ff 23");
  EXPECT_EQ(repo.number("record_count"), 42u);
  EXPECT_EQ(repo.number("free_space"), 0x1000u);
  EXPECT_EQ(repo.number("modal_non_modal_update_support"), 1u);
  EXPECT_EQ(repo.number("reserve_sdr_repository_supported"), 1u);
  EXPECT_EQ(response("reserve-sdr-repository", "01 00").number("reservation_id"), 1u);
  auto gsdr = request("get-sdr", "01 00 00 00 00 05");
  EXPECT_EQ(gsdr.number("bytes_to_read"), 5u);
  // Full sensor record header (record 1, SDR 51h, type 01h, length 33h) read in 5 bytes.
  auto sdr = response("get-sdr", "02 00 01 00 51 01 33");
  EXPECT_EQ(sdr.number("next_record_id"), 2u);
  EXPECT_EQ(to_hex(view(sdr.find("record_data")->bytes)), "01 00 51 01 33");

  auto area = response("get-fru-inventory-area-info", "00 08 00");
  EXPECT_EQ(area.number("fru_inventory_area_size"), 2048u);
  EXPECT_EQ(area.find("device_access")->label, "by bytes");
  auto rd = request("read-fru-data", "00 00 00 08");
  EXPECT_EQ(rd.number("count_to_read"), 8u);
  auto fru = response("read-fru-data", "08 01 00 01 09 00 00 00 f5");
  EXPECT_EQ(fru.number("count_returned"), 8u);
  EXPECT_EQ(fru.find("requested_data")->bytes.size(), 8u);
  EXPECT_TRUE(fru.findings.empty());
  auto bad = response("read-fru-data", "08 01 00 01 09");
  ASSERT_EQ(bad.findings.size(), 1u);
  EXPECT_EQ(bad.findings[0], "count_returned (8) disagrees with the 4 bytes of requested_data");
}

TEST_F(Codec, SensorChassisWatchdogAndLanSamples) {
  auto r = response("get-sensor-reading", "4a c0 c0");
  EXPECT_EQ(r.number("sensor_reading"), 0x4au);
  EXPECT_EQ(r.number("event_messages_enabled"), 1u);
  EXPECT_EQ(r.number("sensor_scanning_enabled"), 1u);
  EXPECT_EQ(r.number("reading_unavailable"), 0u);
  EXPECT_EQ(r.number("sensor_state_bits_0_7"), 0xc0u);
  EXPECT_EQ(r.find("sensor_state_bits_8_14"), nullptr);
  EXPECT_EQ(response("get-sensor-reading", "4a c0").find("sensor_state_bits_0_7"), nullptr);
  EXPECT_EQ(response("get-sensor-reading", "00 c0 01 80").number("reserved2"), 1u);

  // Set Sensor Reading And Event Status: a reading alone (3 bytes), then a discrete
  // sensor's state bit 0 set with explicit event data (all 10 bytes).
  auto sr = request("set-sensor-reading-and-event-status", "01 01 5b");
  EXPECT_EQ(sr.find("sensor_reading_operation")->label, "write given value to sensor reading byte");
  EXPECT_EQ(sr.number("sensor_reading"), 0x5bu);
  EXPECT_EQ(sr.find("assertion_event_bits_0_7"), nullptr);
  auto se = request("set-sensor-reading-and-event-status", "04 a0 00 01 00 00 00 a0 ff ff");
  EXPECT_EQ(se.find("assertion_bits_operation")->label, "set the event status bits given as 1b");
  EXPECT_EQ(se.number("event_data_bytes_operation"), 2u);
  EXPECT_EQ(se.number("assertion_event_bits_0_7"), 1u);
  EXPECT_EQ(se.number("assertion_event_bits_8_14"), 0u);
  EXPECT_EQ(se.number("event_data_1"), 0xa0u);
  EXPECT_EQ(se.number("event_data_3"), 0xffu);
  EXPECT_TRUE(se.findings.empty());
  auto bit15 = request("set-sensor-reading-and-event-status", "04 20 00 01 80");
  ASSERT_EQ(bit15.findings.size(), 1u);
  EXPECT_EQ(bit15.findings[0], "reserved bits set in reserved1 (byte 4 bit 7 = 0x01)");
  EXPECT_EQ(completion_code_name(&cmd("set-sensor-reading-and-event-status"), 0x81),
            "attempted to set event data bytes, but setting event data bytes is not supported for this sensor");

  auto t = response("get-sensor-thresholds", "38 00 00 00 55 5a 5f");
  EXPECT_EQ(t.number("upper_critical_readable"), 1u);
  EXPECT_EQ(t.number("lower_critical_readable"), 0u);
  EXPECT_EQ(t.number("upper_non_recoverable_threshold"), 0x5fu);

  auto cs = response("get-chassis-status", "21 10 40 00");
  EXPECT_EQ(cs.number("power_is_on"), 1u);
  EXPECT_EQ(cs.find("power_restore_policy")->label, "restore previous state");
  EXPECT_EQ(cs.number("last_power_event_power_on_via_ipmi"), 1u);
  EXPECT_EQ(cs.number("chassis_identify_command_and_state_info_supported"), 1u);
  EXPECT_NE(cs.find("standby_button_disable_allowed"), nullptr);
  EXPECT_EQ(response("get-chassis-status", "21 10 40").find("standby_button_disable_allowed"), nullptr);
  EXPECT_EQ(request("chassis-control", "02").find("chassis_control")->label, "power cycle");

  auto w = response("get-watchdog-timer", "44 01 00 10 58 02 40 02");
  EXPECT_EQ(w.find("timer_use")->label, "SMS/OS");
  EXPECT_EQ(w.number("timer_is_started"), 1u);
  EXPECT_EQ(w.find("timeout_action")->label, "hard reset");
  EXPECT_EQ(w.number("timer_use_expiration_flags_sms_os"), 1u);
  EXPECT_EQ(w.number("initial_countdown_value"), 600u);
  EXPECT_EQ(w.number("present_countdown_value"), 576u);
  auto sw = request("set-watchdog-timer", "04 01 00 10 58 02");
  EXPECT_EQ(sw.number("timer_use_expiration_flags_clear_sms_os"), 1u);
  EXPECT_TRUE(sw.findings.empty());
  EXPECT_EQ(completion_code_name(&cmd("reset-watchdog-timer"), 0x80), "Attempt to start un-initialized watchdog");

  auto st = response("get-self-test-results", "55 00");
  EXPECT_EQ(st.find("self_test_result")->label, "no error");
  auto g = response("get-device-guid", "08 e1 90 40 bf de 10 00 03 9f b6 c6 f7 8a cb d8");
  EXPECT_EQ(g.find("guid")->text, "08e19040-bfde-1000-039f-b6c6f78acbd8");

  auto lan = request("get-lan-config-params", "01 03 00 00");
  EXPECT_EQ(lan.number("channel_number"), 1u);
  EXPECT_EQ(lan.find("parameter_selector")->label, "IP Address");
  auto lanr = response("get-lan-config-params", "11 ac 10 62 64");
  EXPECT_EQ(lanr.number("parameter_revision"), 0x11u);
  EXPECT_EQ(to_hex(view(lanr.find("configuration_parameter_data")->bytes)), "ac 10 62 64");
}

TEST_F(Codec, SessionCommandsHeaderOnlyInTheSeed) {
  auto ch = request("get-session-challenge", "02 61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00");
  EXPECT_EQ(ch.find("authentication_type")->label, "MD5");
  EXPECT_EQ(ch.find("user_name")->text, "admin");
  auto act = response("activate-session", "02 78 56 34 12 01 00 00 00 04");
  EXPECT_EQ(act.number("session_id"), 0x12345678u);
  EXPECT_EQ(act.number("initial_inbound_sequence_number"), 1u);
  EXPECT_EQ(act.find("maximum_privilege_level")->label, "Administrator");
  EXPECT_EQ(request("close-session", "78 56 34 12").find("session_handle"), nullptr);
  EXPECT_EQ(request("close-session", "00 00 00 00 05").number("session_handle"), 5u);
  auto by_handle = request("get-session-info", "fe 05");
  EXPECT_EQ(by_handle.layout_name, "by_handle");
  EXPECT_EQ(by_handle.number("session_handle"), 5u);
  // FEh with no handle byte: the discriminator decides, so the handle is reported missing.
  const Bytes fe = hex("fe");
  auto short_handle = decode_request(cmd("get-session-info"), view(fe));
  ASSERT_FALSE(short_handle.has_value());
  EXPECT_EQ(short_handle.error(), (DecodeError{DecodeErrc::truncated, 1, "session_handle"}));
  EXPECT_EQ(request("get-session-info", "ff 78 56 34 12").number("session_id"), 0x12345678u);
  auto keys = response("set-channel-security-keys", "02");
  EXPECT_EQ(keys.find("lock_status")->label, "key is unlocked");
  EXPECT_TRUE(keys.find("key_value")->bytes.empty());
}

TEST_F(Codec, SetUserPassword20ByteFormIsSelectedByBit7) {
  auto enc = encode_request(cmd("set-user-password"), {{"user_id", 3}, {"password_size", 1}, {"operation", "set password"},
                                                       {"password", "secret"}});
  ASSERT_TRUE(enc.has_value()) << enc.error();
  ASSERT_EQ(enc->size(), 22u);
  EXPECT_EQ((*enc)[0], 0x83);
  auto d = decode_request(cmd("set-user-password"), view(*enc));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->layout_name, "password_20");
  EXPECT_EQ(d->find("password")->text, "secret");
  // A 20-byte size bit with only 16 bytes of password is truncated at the password.
  Bytes short_pw(enc->begin(), enc->begin() + 18);
  auto t = decode_request(cmd("set-user-password"), view(short_pw));
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error(), (DecodeError{DecodeErrc::truncated, 2, "password"}));
  // Enable user: the password may be absent.
  auto en = encode_request(cmd("set-user-password"), {{"user_id", 3}, {"operation", "enable user"}});
  ASSERT_TRUE(en.has_value());
  EXPECT_EQ(to_hex(view(*en)), "03 01");
}

TEST_F(Codec, PlatformEventMessageFormsAreChosenByLengthAndFieldNames) {
  auto ipmb = encode_request(cmd("platform-event-message"), {{"evm_rev", 4}, {"sensor_type", 0x30}});
  ASSERT_TRUE(ipmb.has_value());
  EXPECT_EQ(ipmb->size(), 7u);
  auto si = encode_request(cmd("platform-event-message"), {{"generator_id", 0x41}, {"evm_rev", 4}});
  ASSERT_TRUE(si.has_value());
  EXPECT_EQ(to_hex(view(*si)), "41 04 00 00 00 00 00 00");
  const Bytes six = hex("04 30 17 75 a0 04");
  auto t = decode_request(cmd("platform-event-message"), view(six));
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error(), (DecodeError{DecodeErrc::truncated, 6, "event_data_3"}));
  const Bytes nine = hex("41 04 30 17 75 a0 04 07 00");
  auto l = decode_request(cmd("platform-event-message"), view(nine));
  ASSERT_FALSE(l.has_value());
  EXPECT_EQ(l.error().code, DecodeErrc::trailing_bytes);
  EXPECT_EQ(l.error().offset, 8u);
}

TEST_F(Codec, EncodeErrorsNameTheField) {
  auto unknown = encode_request(cmd("get-user-access"), {{"chanel_number", 1}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().find("unknown field 'chanel_number'"), std::string::npos) << unknown.error();
  EXPECT_NE(unknown.error().find("get-user-access"), std::string::npos);
  auto wide = encode_request(cmd("get-user-access"), {{"channel_number", 0x1f}});
  ASSERT_FALSE(wide.has_value());
  EXPECT_EQ(wide.error(), "get-user-access: request field 'channel_number': value 0x1f is wider than 4 bits");
  auto label = encode_request(cmd("set-channel-access"), {{"channel_privilege_level_limit", "superuser"}});
  ASSERT_FALSE(label.has_value());
  EXPECT_NE(label.error().find("'superuser' is neither a number nor a value name"), std::string::npos);
  auto name = encode_request(cmd("set-user-name"), {{"user_id", 2}, {"user_name", "a-name-longer-than-16"}});
  ASSERT_FALSE(name.has_value());
  EXPECT_NE(name.error().find("'user_name': 21 bytes do not fit in 16"), std::string::npos) << name.error();
  auto none = encode_request(cmd("get-device-id"), {{"x", 1}});
  EXPECT_FALSE(none.has_value());
}

TEST_F(Codec, EncodeAcceptsLabelsAndNumbersAsText) {
  auto e = encode_request(cmd("get-channel-auth-caps"),
                          {{"channel_number", "0x0e"}, {"get_ipmi_v20_extended_data", true},
                           {"requested_maximum_privilege_level", "administrator"}});
  ASSERT_TRUE(e.has_value()) << e.error();
  EXPECT_EQ(to_hex(view(*e)), "8e 04");
}

TEST_F(Codec, ResponsesEncodeForTheSimulator) {
  auto e = encode_response(cmd("get-session-info"),
                           {{"session_handle", 0x37}, {"possible_active_sessions", 36}, {"active_sessions", 1},
                            {"user_id", 2}, {"operating_privilege_level", 4}, {"channel_number", 1},
                            {"remote_console_ip_address", 0xac106263}, {"remote_console_mac_address", hex("d8 cb 8a f7 c6 90")},
                            {"remote_console_port", 0x3de9}});
  ASSERT_TRUE(e.has_value()) << e.error();
  EXPECT_EQ(to_hex(view(*e)), "37 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 e9 3d");
  auto in_band = encode_response(cmd("get-session-info"), {{"session_handle", 0x36}, {"possible_active_sessions", 36}});
  ASSERT_TRUE(in_band.has_value());
  EXPECT_EQ(to_hex(view(*in_band)), "36 24 00");
  auto fru = encode_response(cmd("read-fru-data"), {{"requested_data", hex("01 02 03")}});
  ASSERT_TRUE(fru.has_value());
  EXPECT_EQ(to_hex(view(*fru)), "03 01 02 03");  // the count fills itself in
}

TEST_F(Codec, EveryBuiltinLayoutRoundTripsDefaultsAndAllOnes) {
  for (const auto& c : cat_.all()) {
    for (int side = 0; side < 2; ++side) {
      const auto& layouts = side == 0 ? c.request : c.response;
      for (const auto& l : layouts) {
        FieldValues values;
        // Bytes that select a layout keep the value that selects this one.
        auto is_discriminator = [&](const Field& f) {
          return std::any_of(layouts.begin(), layouts.end(), [&](const Layout& x) {
            return x.when && x.when->byte_offset == f.byte_offset;
          });
        };
        for (const auto& f : l.fields) {
          if (f.kind == FieldKind::uint && !f.reserved && f.length_of.empty() && !is_discriminator(f)) {
            values.emplace_back(f.name, f.bit_width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << f.bit_width) - 1);
          } else if (f.kind == FieldKind::bytes || f.kind == FieldKind::ascii) {
            values.emplace_back(f.name, Bytes(f.length, 0x41));
          }
        }
        auto enc = side == 0 ? encode_request(c, values, l.name) : encode_response(c, values, l.name);
        ASSERT_TRUE(enc.has_value()) << c.id << "/" << l.name << ": " << enc.error();
        auto dec = side == 0 ? decode_request(c, view(*enc)) : decode_response(c, 0, view(*enc));
        ASSERT_TRUE(dec.has_value()) << c.id << "/" << l.name << ": " << to_string(dec.error());
        if (dec->layout_name != l.name) continue;  // e.g. the same bytes fit an earlier length-chosen layout
        for (const auto& [name, in] : values) {
          const FieldValue* f = dec->find(name);
          ASSERT_NE(f, nullptr) << c.id << "/" << l.name << " " << name;
          if (auto n = std::get_if<std::uint64_t>(&in.value)) EXPECT_EQ(f->number, *n) << c.id << " " << name;
          else EXPECT_EQ(f->bytes, std::get<Bytes>(in.value)) << c.id << " " << name;
        }
        EXPECT_TRUE(dec->findings.empty()) << c.id << "/" << l.name << ": " << dec->findings.front();
      }
    }
  }
}

TEST_F(Codec, FormatFieldsPrintsHexLabelsAndText) {
  auto d = response("get-channel-info", "0f 0c 05 00 f2 1b 00 ff ff");
  d.findings.push_back("example finding");
  const std::string s = format_fields(d, "  ");
  EXPECT_NE(s.find("  completion_code: 0x00 (Command Completed Normally)\n"), std::string::npos) << s;
  EXPECT_NE(s.find("  channel_medium_type: 0x0c (System Interface (KCS, SMIC, or BT))\n"), std::string::npos) << s;
  EXPECT_NE(s.find("  vendor_id: 7154\n"), std::string::npos) << s;
  EXPECT_NE(s.find("  auxiliary_channel_info: ff ff\n"), std::string::npos) << s;
  EXPECT_NE(s.find("  ! example finding\n"), std::string::npos) << s;
  auto u = response("get-user-name", "74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00");
  EXPECT_NE(format_fields(u).find("user_name: 74 65 73 74 00"), std::string::npos);
  EXPECT_NE(format_fields(u).find("\"test\""), std::string::npos);
  auto si = response("get-session-info", "37 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 e9 3d");
  EXPECT_NE(format_fields(si).find("remote_console_ip_address: 0xac106263 172.16.98.99"), std::string::npos)
      << format_fields(si);
}

}  // namespace
}  // namespace ipmict::catalog
