// BMC global enables (§22.1-22.2), message flags (§22.3-22.4), the Event Message Buffer
// (§22.8), the event receiver (§29.1-29.2) and Platform Event Message (§29.3).
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

Reply set_bmc_global_enables(Call& c) {
  // OEM 0-2 (bits 5-7) have no function here: setting them is an invalid field.
  if (c.number("oem_0") != 0 || c.number("oem_1") != 0 || c.number("oem_2") != 0) return completion(cc::invalid_field);
  c.model.global_enables = static_cast<std::uint8_t>(
      c.number("receive_message_queue_interrupt") | c.number("event_message_buffer_full_interrupt") << 1 |
      c.number("event_message_buffer") << 2 | c.number("system_event_logging") << 3);
  return ok();
}

Reply get_bmc_global_enables(Call& c) {
  const std::uint8_t v = c.model.global_enables;
  return ok({
      {"receive_message_queue_interrupt", (v & 0x01) != 0},
      {"event_message_buffer_full_interrupt", (v & 0x02) != 0},
      {"event_message_buffer", (v & 0x04) != 0},
      {"system_event_logging", (v & 0x08) != 0},
  });
}

Reply clear_message_flags(Call& c) {
  if (c.number("clear_receive_message_queue") != 0) c.model.receive_queue.clear();
  if (c.number("clear_event_message_buffer") != 0) c.model.event_message_buffer.reset();
  if (c.number("clear_watchdog_pre_timeout_interrupt_flag") != 0) c.model.watchdog_pre_timeout_flag = false;
  return ok();
}

Reply get_message_flags(Call& c) {
  return ok({
      {"receive_message_available", !c.model.receive_queue.empty()},
      {"event_message_buffer_full", c.model.event_message_buffer.has_value()},
      {"watchdog_pre_timeout_interrupt_occurred", c.model.watchdog_pre_timeout_flag},
  });
}

Reply read_event_message_buffer(Call& c) {
  auto& buffer = c.model.event_message_buffer;
  if (!buffer) return completion(0x80);  // data not available (buffer empty)
  const SelRecordBytes r = *buffer;
  buffer.reset();
  // The record decodes through the catalog's SEL record layout: re-encode field by field.
  return ok({
      {"record_id", r[0] | (r[1] << 8)},
      {"record_type", r[2]},
      {"timestamp", static_cast<std::uint32_t>(r[3] | (r[4] << 8) | (r[5] << 16)) | (std::uint32_t{r[6]} << 24)},
      {"generator_id", r[7] | (r[8] << 8)},
      {"evm_rev", r[9]},
      {"sensor_type", r[10]},
      {"sensor_number", r[11]},
      {"event_type", r[12] & 0x7f},
      {"event_dir", r[12] >> 7},
      {"event_data_1", r[13]},
      {"event_data_2", r[14]},
      {"event_data_3", r[15]},
  });
}

Reply set_event_receiver(Call& c) {
  const std::uint8_t address = c.u8("event_receiver_slave_address");
  // §29.1: [0] is always 0b for a slave address; FFh disables event generation.
  if (address != 0xff && (address & 0x01) != 0) return completion(cc::invalid_field);
  c.model.event_receiver_address = address;
  c.model.event_receiver_lun = c.u8("event_receiver_lun");
  return ok();
}

Reply get_event_receiver(Call& c) {
  return ok({{"event_receiver_slave_address", c.model.event_receiver_address},
             {"event_receiver_lun", c.model.event_receiver_lun}});
}

Reply platform_event_message(Call& c) {
  // §29.3: the system interface form carries the Generator ID (8 bytes); on IPMB and LAN
  // the generator is the requester (7 bytes). A form that does not match the interface is
  // a length error (the seed's BMC accepted a 7-byte request over KCS: a deviation).
  const bool system = c.is_system_interface();
  if (system != c.has("generator_id")) return completion(cc::request_length_invalid);
  const std::uint8_t rev = c.u8("evm_rev");
  if (rev != 0x03 && rev != 0x04) return completion(cc::invalid_field);
  EventMessage e;
  if (system) {
    e.generator_id = c.u8("generator_id");  // byte 2: channel 0h for the system interface
  } else {
    // The requester: a remote console's software ID 40h (81h on the wire) on the request's
    // channel (Table 32-1 byte 2 [7:4]); IPMB requesters are not known to the model.
    const std::uint8_t ch = c.context.interface == Context::Interface::lan ? c.context.session.channel : 0;
    e.generator_id = static_cast<std::uint16_t>(0x81 | ((ch & 0x0f) << 12));
  }
  e.evm_rev = rev;
  e.sensor_type = c.u8("sensor_type");
  e.sensor_number = c.u8("sensor_number");
  e.event_dir_type = static_cast<std::uint8_t>((c.u8("event_dir") << 7) | (c.u8("event_type") & 0x7f));
  e.data1 = c.u8("event_data_1");
  e.data2 = c.u8("event_data_2");
  e.data3 = c.u8("event_data_3");
  c.model.deliver_event(e, c.now);
  return ok();
}

}  // namespace

void add_event_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x2e, set_bmc_global_enables});
  out.push_back({0x06, 0x2f, get_bmc_global_enables});
  out.push_back({0x06, 0x30, clear_message_flags});
  out.push_back({0x06, 0x31, get_message_flags});
  out.push_back({0x06, 0x35, read_event_message_buffer});
  out.push_back({0x04, 0x00, set_event_receiver});
  out.push_back({0x04, 0x01, get_event_receiver});
  out.push_back({0x04, 0x02, platform_event_message});
}

}  // namespace ipmict::sim
