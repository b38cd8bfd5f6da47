#pragma once
// What a command handler sees and returns. The dispatcher (sim/bmc.cpp) has already found
// the command in the catalog, checked privilege (D4h), decoded the request with the
// catalog (C7h on a length the layouts do not allow) and refused reserved bits (CCh); a
// handler checks the values and answers with field values that the catalog encodes
// (DESIGN.md §5: no hand-written layouts). Every simulated command is a catalog command.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/catalog/catalog.hpp"
#include "sim/model/model.hpp"

namespace ipmict::sim {

struct Call {
  Model& model;
  const Context& context;
  const catalog::CommandDescriptor& descriptor;
  const catalog::DecodedFields& fields;  // the request, decoded by the catalog
  ByteView data;                         // the same request data as bytes (Add SEL Entry keeps the record)
  session::TimePoint now;

  bool has(std::string_view name) const { return fields.find(name) != nullptr; }
  std::uint64_t number(std::string_view name) const { return fields.number(name).value_or(0); }
  std::uint8_t u8(std::string_view name) const { return static_cast<std::uint8_t>(number(name) & 0xff); }
  std::uint16_t u16(std::string_view name) const { return static_cast<std::uint16_t>(number(name) & 0xffff); }
  Bytes bytes(std::string_view name) const {
    const auto* f = fields.find(name);
    return f != nullptr ? f->bytes : Bytes{};
  }
  // The channel the request names, with Eh resolved to the one it came in on.
  std::uint8_t channel(std::string_view field = "channel_number") const {
    return Model::resolve_channel(u8(field), context);
  }
  bool is_system_interface() const { return context.interface == Context::Interface::system; }
};

struct Reply {
  std::uint8_t completion_code = cc::ok;
  catalog::FieldValues fields;  // encoded by the catalog (response layout `layout`)
  std::string layout;
};

inline Reply completion(std::uint8_t code) {
  Reply r;
  r.completion_code = code;
  return r;
}
inline Reply ok(catalog::FieldValues fields = {}, std::string layout = {}) {
  Reply r;
  r.fields = std::move(fields);
  r.layout = std::move(layout);
  return r;
}
using Handler = Reply (*)(Call&);

struct HandlerEntry {
  std::uint8_t netfn = 0;
  std::uint8_t cmd = 0;
  Handler handler = nullptr;
};

// One registration function per concept (sim/commands/<concept>.cpp).
void add_device_handlers(std::vector<HandlerEntry>& out);        // device.cpp
void add_user_handlers(std::vector<HandlerEntry>& out);          // users.cpp
void add_channel_handlers(std::vector<HandlerEntry>& out);       // channels.cpp
void add_session_info_handlers(std::vector<HandlerEntry>& out);  // session_info.cpp
void add_event_handlers(std::vector<HandlerEntry>& out);         // events.cpp
void add_system_info_handlers(std::vector<HandlerEntry>& out);   // system_info.cpp
void add_sel_handlers(std::vector<HandlerEntry>& out);           // sel.cpp
void add_sdr_handlers(std::vector<HandlerEntry>& out);           // sdr.cpp
void add_sensor_handlers(std::vector<HandlerEntry>& out);        // sensors.cpp
void add_fru_handlers(std::vector<HandlerEntry>& out);           // fru.cpp
void add_chassis_handlers(std::vector<HandlerEntry>& out);       // chassis.cpp
void add_watchdog_handlers(std::vector<HandlerEntry>& out);      // watchdog.cpp
void add_lan_config_handlers(std::vector<HandlerEntry>& out);    // lan_config.cpp
void add_messaging_handlers(std::vector<HandlerEntry>& out);     // messaging.cpp

// Small encoding helpers shared by handlers.
inline std::uint8_t privilege_nibble(Privilege p) { return static_cast<std::uint8_t>(p); }
inline bool valid_privilege_level(std::uint64_t v) { return v >= 1 && v <= 5; }

}  // namespace ipmict::sim
