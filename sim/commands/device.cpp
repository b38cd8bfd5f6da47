// IPM device global commands (IPMI 2.0 ch. 20) and the system interface capability
// commands (§22.9, §22.10), Get System GUID (§22.14).
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

std::uint8_t to_bcd(std::uint8_t v) { return static_cast<std::uint8_t>(((v / 10) % 10) << 4 | (v % 10)); }

Reply get_device_id(Call& c) {
  const auto& id = c.model.config.identity;
  return ok({
      {"device_id", id.device_id},
      {"device_revision", id.device_revision & 0x0f},
      {"device_provides_sdrs", 0},  // the BMC has an SDR repository, not device SDRs
      {"major_firmware_revision", id.firmware_major & 0x7f},
      {"device_available", 0},
      {"minor_firmware_revision", to_bcd(id.firmware_minor)},
      {"ipmi_version_major", 2},
      {"ipmi_version_minor", 0},
      {"sensor_device", 1},
      {"sdr_repository_device", 1},
      {"sel_device", 1},
      {"fru_inventory_device", 1},
      {"ipmb_event_receiver", 1},
      {"ipmb_event_generator", 1},
      {"bridge", 0},
      {"chassis_device", 1},
      {"manufacturer_id", id.manufacturer_id & 0xfffffu},
      {"product_id", id.product_id},
      {"auxiliary_firmware_revision", Bytes(id.aux_firmware.begin(), id.aux_firmware.end())},
  });
}

Reply reset(Call& c) {
  // §20.2/20.3: the reply is sent, then the BMC resets; here the reset is immediate and
  // only volatile state is lost (the LAN server keeps its sessions: a real cold reset
  // would drop them, which the server's idle timeout then reflects).
  c.model.reset_volatile_state();
  return ok();
}

Reply get_self_test_results(Call&) { return ok({{"self_test_result", 0x55}, {"self_test_detail", 0x00}}); }

Reply get_device_guid(Call& c) {
  const auto& g = c.model.config.identity.device_guid;
  return ok({{"guid", Bytes(g.begin(), g.end())}});
}

Reply get_system_guid(Call& c) {
  const auto& g = c.model.config.identity.system_guid;
  return ok({{"guid", Bytes(g.begin(), g.end())}});
}

// §22.10: values of the seed's BMC (A10).
Reply get_bt_interface_caps(Call&) {
  return ok({{"outstanding_requests_supported", 1},
             {"input_buffer_message_size", 0x3f},
             {"output_buffer_message_size", 0x3f},
             {"request_to_response_time", 0x0a},
             {"recommended_retries", 1}});
}

// §22.9: the system interface is KCS (Get Channel Info 0Fh); SSIF is described as the
// seed's BMC does (A9). SMIC: CCh, not present.
Reply get_system_interface_caps(Call& c) {
  switch (c.u8("system_interface_type")) {
    case 0:
      return ok({{"ssif_version", 0}, {"pec_support", 1}, {"transaction_support", 2}, {"input_message_size", 0xff},
                 {"output_message_size", 0x7d}},
                "ssif");
    case 1: return ok({{"system_interface_version", 0}, {"input_maximum_message_size", 0xff}}, "kcs_smic");
    default: return completion(cc::invalid_field);
  }
}

}  // namespace

void add_device_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x01, get_device_id});
  out.push_back({0x06, 0x02, reset});
  out.push_back({0x06, 0x03, reset});
  out.push_back({0x06, 0x04, get_self_test_results});
  out.push_back({0x06, 0x08, get_device_guid});
  out.push_back({0x06, 0x37, get_system_guid});
  out.push_back({0x06, 0x36, get_bt_interface_caps});
  out.push_back({0x06, 0x57, get_system_interface_caps});
}

}  // namespace ipmict::sim
