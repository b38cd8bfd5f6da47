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
}

}  // namespace ipmict::catalog::dsl
