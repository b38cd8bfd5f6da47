// NetFn Sensor/Event (04h): event commands (IPMI 2.0 ch. 29) and sensor commands (ch. 35).
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

void add_sensor_event_commands(std::vector<CommandDescriptor>& out) {
  const std::vector<EnumValue> receiver_address{{0xff, "event message generation disabled"}};
  out.push_back(command(netfn_sensor_event, 0x00, "Set Event Receiver", "set-event-receiver", priv_admin, M, "IPMI 2.0 §29.1")
    .note("privilege and M/O not stated in the seed; IPMI 2.0 lists Admin, M for event generators / O for event receivers")
    .rq({layout({
      u8("event_receiver_slave_address", 0).vals(receiver_address).desc("[7:1] IPMB slave address, [0] 0b; FFh disables"),
      bits("event_receiver_lun", 1, 1, 0),
      rsv("reserved1", 1, 7, 2),
    })}).d);

  out.push_back(command(netfn_sensor_event, 0x01, "Get Event Receiver", "get-event-receiver", priv_user, M, "IPMI 2.0 §29.2")
    .note("M for event generators, O for event receivers")
    .rs({layout({
      u8("event_receiver_slave_address", 0).vals(receiver_address),
      bits("event_receiver_lun", 1, 1, 0),
      rsv("reserved1", 1, 7, 2),
    })}).d);

  // IPMI 2.0 §29.3, Table 29-5: the system-interface form carries the Generator ID first;
  // over IPMB the generator is the requester (7 bytes). No discriminator: chosen by length.
  const auto event_fields = [](std::size_t at) {
    return std::vector<Field>{
        u8("evm_rev", at).vals({{0x03, "IPMI 1.0"}, {0x04, "IPMI 1.5/2.0"}}),
        u8("sensor_type", at + 1),
        u8("sensor_number", at + 2),
        bits("event_type", at + 3, 6, 0),
        bit("event_dir", at + 3, 7).vals({{0, "assertion"}, {1, "deassertion"}}),
        u8("event_data_1", at + 4),
        u8("event_data_2", at + 5),
        u8("event_data_3", at + 6),
    };
  };
  std::vector<Field> system_interface{u8("generator_id", 0).desc("7-bit system software ID << 1 | 1, or IPMB address")};
  for (auto& f : event_fields(1)) system_interface.push_back(f);
  out.push_back(command(netfn_sensor_event, 0x02, "Platform Event Message", "platform-event-message", priv_operator, M,
                        "IPMI 2.0 §29.3, Table 29-5")
    .rq({layout("ipmb", event_fields(0)), layout("system_interface", system_interface)}).d);

  out.push_back(command(netfn_sensor_event, 0x27, "Get Sensor Thresholds", "get-sensor-thresholds", priv_user, O,
                        "IPMI 2.0 §35.9")
    .rq({layout({u8("sensor_number", 0)})})
    .rs({layout({
      bit("lower_non_critical_readable", 0, 0),
      bit("lower_critical_readable", 0, 1),
      bit("lower_non_recoverable_readable", 0, 2),
      bit("upper_non_critical_readable", 0, 3),
      bit("upper_critical_readable", 0, 4),
      bit("upper_non_recoverable_readable", 0, 5),
      rsv("reserved1", 0, 7, 6),
      u8("lower_non_critical_threshold", 1),
      u8("lower_critical_threshold", 2),
      u8("lower_non_recoverable_threshold", 3),
      u8("upper_non_critical_threshold", 4),
      u8("upper_critical_threshold", 5),
      u8("upper_non_recoverable_threshold", 6),
    })}).d);

  // IPMI 2.0 §35.14: bytes 4 and 5 (response numbering) are optional; byte 5 bit 7 is
  // "reserved, returned as 1b", so it is named but not checked as must-be-zero.
  out.push_back(command(netfn_sensor_event, 0x2d, "Get Sensor Reading", "get-sensor-reading", priv_user, M,
                        "IPMI 2.0 §35.14, Table 35-15")
    .rq({layout({u8("sensor_number", 0)})})
    .rs({layout({
      u8("sensor_reading", 0),
      rsv("reserved1", 1, 4, 0),
      bit("reading_unavailable", 1, 5),
      bit("sensor_scanning_enabled", 1, 6),
      bit("event_messages_enabled", 1, 7),
      u8("sensor_state_bits_0_7", 2).opt(1).desc("threshold sensors: [5] >= UNR ... [0] <= LNC; discrete: states 7..0"),
      bits("sensor_state_bits_8_14", 3, 6, 0).opt(2),
      bit("reserved2", 3, 7).opt(2).desc("reserved, returned as 1b"),
    })}).d);

  // IPMI 2.0 §35.17, Table 35-23. Every byte after the operation byte is optional: a request
  // stops after the last byte it uses, so each byte is its own trailing group. Event status
  // bits: 0-7, then 8-14 with bit 15 reserved (threshold sensors use bits 0-11 only; which
  // bits exist depends on the sensor's SDR, which the request does not carry).
  const std::vector<EnumValue> event_bits_operation{
      {0, "don't change event status"},
      {1, "write given value to event status bits"},
      {2, "set the event status bits given as 1b"},
      {3, "clear the event status bits given as 1b"},
  };
  out.push_back(command(netfn_sensor_event, 0x30, "Set Sensor Reading And Event Status",
                        "set-sensor-reading-and-event-status", priv_operator, O, "IPMI 2.0 §35.17, Table 35-23")
    .rq({layout({
      u8("sensor_number", 0),
      bits("sensor_reading_operation", 1, 1, 0).vals({
          {0, "don't change sensor reading"},
          {1, "write given value to sensor reading byte"},
      }).desc("10b, 11b reserved"),
      bits("deassertion_bits_operation", 1, 3, 2).vals(event_bits_operation),
      bits("assertion_bits_operation", 1, 5, 4).vals(event_bits_operation),
      bits("event_data_bytes_operation", 1, 7, 6).vals({
          {0, "don't use event data bytes, BMC generates them"},
          {1, "write given event data bytes, including the event offset in event data 1 [3:0]"},
          {2, "write given event data bytes, excluding the event offset in event data 1 [3:0]"},
      }).desc("11b reserved"),
      u8("sensor_reading", 2).opt(1),
      u8("assertion_event_bits_0_7", 3).opt(2),
      bits("assertion_event_bits_8_14", 4, 6, 0).opt(3),
      rsv("reserved1", 4, 7, 7).opt(3),
      u8("deassertion_event_bits_0_7", 5).opt(4),
      bits("deassertion_event_bits_8_14", 6, 6, 0).opt(5),
      rsv("reserved2", 6, 7, 7).opt(5),
      u8("event_data_1", 7).opt(6),
      u8("event_data_2", 8).opt(7),
      u8("event_data_3", 9).opt(8),
    })})
    .cc({{0x80, "attempt to change reading or set or clear status bits that are not settable via this command"},
         {0x81, "attempted to set event data bytes, but setting event data bytes is not supported for this sensor"}}).d);
}

}  // namespace ipmict::catalog::dsl
