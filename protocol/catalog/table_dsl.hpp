#pragma once
// The small builder vocabulary of the built-in tables (commands_*.cpp). Internal to
// protocol/catalog: the tables are data written with these helpers, nothing else.
//
//   bits("channel_number", 0, 3, 0)   byte 0 bits [3:0], as the spec writes it ([hi:lo])
//   bit("ipmi_v20", 0, 7)             byte 0 bit 7
//   rsv("reserved1", 0, 7, 4)         reserved bits (must be zero)
//   u8 / u16 / u24 / u32 / be32       whole-byte integers (LE unless be*)
//   bytes / ascii (fixed), rest (variable tail)
//   .opt(N) optional trailing group N; .vals({...}) value names; .desc("...")
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "protocol/catalog/catalog.hpp"

namespace ipmict::catalog::dsl {

struct F {
  Field f;
  F opt(unsigned group) const { F c = *this; c.f.group = group; return c; }
  F vals(std::vector<EnumValue> v) const { F c = *this; c.f.values = std::move(v); return c; }
  F desc(std::string d) const { F c = *this; c.f.description = std::move(d); return c; }
  F show(Display d) const { F c = *this; c.f.display = d; return c; }
  F counts(std::string rest_field) const { F c = *this; c.f.length_of = std::move(rest_field); return c; }
  operator Field() const { return f; }  // NOLINT(google-explicit-constructor)
};

inline F bits(std::string name, std::size_t byte, unsigned hi, unsigned lo) {
  Field f;
  f.name = std::move(name);
  f.byte_offset = byte;
  f.bit_offset = static_cast<std::uint8_t>(lo);
  f.bit_width = static_cast<std::uint8_t>(hi - lo + 1);
  return F{std::move(f)};
}
inline F bit(std::string name, std::size_t byte, unsigned b) { return bits(std::move(name), byte, b, b); }
inline F rsv(std::string name, std::size_t byte, unsigned hi, unsigned lo) {
  F x = bits(std::move(name), byte, hi, lo);
  x.f.reserved = true;
  return x;
}
inline F uint_n(std::string name, std::size_t byte, unsigned nbytes, Endian e) {
  F x = bits(std::move(name), byte, nbytes * 8 - 1, 0);
  x.f.endian = e;
  return x;
}
inline F u8(std::string name, std::size_t byte) { return uint_n(std::move(name), byte, 1, Endian::little); }
inline F u16(std::string name, std::size_t byte) { return uint_n(std::move(name), byte, 2, Endian::little); }
inline F u24(std::string name, std::size_t byte) { return uint_n(std::move(name), byte, 3, Endian::little); }
inline F u32(std::string name, std::size_t byte) { return uint_n(std::move(name), byte, 4, Endian::little); }
inline F be32(std::string name, std::size_t byte) { return uint_n(std::move(name), byte, 4, Endian::big); }
inline F rsv8(std::string name, std::size_t byte) {
  F x = u8(std::move(name), byte);
  x.f.reserved = true;
  return x;
}

inline F bytes(std::string name, std::size_t byte, std::size_t len) {
  Field f;
  f.name = std::move(name);
  f.kind = FieldKind::bytes;
  f.byte_offset = byte;
  f.length = len;
  return F{std::move(f)};
}
inline F ascii(std::string name, std::size_t byte, std::size_t len) {
  F x = bytes(std::move(name), byte, len);
  x.f.kind = FieldKind::ascii;
  x.f.display = Display::text;
  return x;
}
inline F rest(std::string name, std::size_t byte, std::size_t min = 0, std::size_t max = unbounded) {
  Field f;
  f.name = std::move(name);
  f.kind = FieldKind::rest;
  f.byte_offset = byte;
  f.length = min;
  f.max_length = max;
  return F{std::move(f)};
}

inline Layout layout(std::vector<Field> fields) {
  Layout l;
  l.name = "default";
  l.fields = std::move(fields);
  return l;
}
inline Layout layout(std::string name, std::vector<Field> fields) {
  Layout l;
  l.name = std::move(name);
  l.fields = std::move(fields);
  return l;
}
// Layout chosen when byte `byte` bits [hi:lo] hold a value in [min, max].
inline Layout layout_when(std::string name, std::size_t byte, unsigned hi, unsigned lo, std::uint64_t min,
                          std::uint64_t max, std::vector<Field> fields) {
  Layout l = layout(std::move(name), std::move(fields));
  l.when = LayoutWhen{byte, static_cast<std::uint8_t>(lo), static_cast<std::uint8_t>(hi - lo + 1), min, max, true};
  return l;
}
// The same, but the discriminator is only a hint: used when the length also fits.
inline Layout layout_hint(std::string name, std::size_t byte, unsigned hi, unsigned lo, std::uint64_t min,
                          std::uint64_t max, std::vector<Field> fields) {
  Layout l = layout_when(std::move(name), byte, hi, lo, min, max, std::move(fields));
  l.when->decisive = false;
  return l;
}

inline constexpr RequiredPrivilege priv_callback{PrivilegeKind::level, Privilege::callback};
inline constexpr RequiredPrivilege priv_user{PrivilegeKind::level, Privilege::user};
inline constexpr RequiredPrivilege priv_operator{PrivilegeKind::level, Privilege::operator_};
inline constexpr RequiredPrivilege priv_admin{PrivilegeKind::level, Privilege::administrator};
inline constexpr RequiredPrivilege priv_local{PrivilegeKind::local, Privilege::unspecified};
inline constexpr RequiredPrivilege priv_any{PrivilegeKind::any, Privilege::unspecified};
inline constexpr RequiredPrivilege priv_session_less{PrivilegeKind::session_less, Privilege::unspecified};

inline constexpr bool M = true;
inline constexpr bool O = false;

// A command header; request/response/completion codes are filled by the chained calls.
struct C {
  CommandDescriptor d;
  C rq(std::vector<Layout> l) const { C c = *this; c.d.request = std::move(l); return c; }
  C rs(std::vector<Layout> l) const { C c = *this; c.d.response = std::move(l); return c; }
  C cc(std::vector<CompletionCode> v) const { C c = *this; c.d.completion_codes = std::move(v); return c; }
  C note(std::string n) const { C c = *this; c.d.support_note = std::move(n); return c; }
};
inline C command(std::uint8_t netfn, std::uint8_t cmd, std::string name, std::string id, RequiredPrivilege p,
                 bool mandatory, std::string spec_ref) {
  CommandDescriptor d;
  d.netfn = netfn;
  d.cmd = cmd;
  d.name = std::move(name);
  d.id = std::move(id);
  d.privilege = p;
  d.mandatory = mandatory;
  d.spec_ref = std::move(spec_ref);
  d.source = "builtin";
  return C{std::move(d)};
}

// Value tables shared by several commands.
inline std::vector<EnumValue> privilege_values() {
  return {{0x0, "reserved"},      {0x1, "Callback"}, {0x2, "User"}, {0x3, "Operator"},
          {0x4, "Administrator"}, {0x5, "OEM Proprietary"}};
}
inline std::vector<EnumValue> privilege_limit_values() {
  auto v = privilege_values();
  v.push_back({0xf, "No Access"});
  return v;
}
inline std::vector<EnumValue> auth_type_values() {
  return {{0x0, "none"}, {0x1, "MD2"}, {0x2, "MD5"}, {0x4, "straight password/key"}, {0x5, "OEM proprietary"}};
}

// Netfn codes (IPMI 2.0 Table 5-1), request side.
inline constexpr std::uint8_t netfn_chassis = 0x00;
inline constexpr std::uint8_t netfn_sensor_event = 0x04;
inline constexpr std::uint8_t netfn_app = 0x06;
inline constexpr std::uint8_t netfn_storage = 0x0a;
inline constexpr std::uint8_t netfn_transport = 0x0c;

// IPMI 2.0 Table 32-1 system event record at byte `at` (shared by 06h/35h and the SEL commands).
std::vector<Field> sel_system_event_record(std::size_t at);

// Per-file table entry points, collected by builtin_catalog().
void add_app_device_commands(std::vector<CommandDescriptor>& out);
void add_app_messaging_commands(std::vector<CommandDescriptor>& out);
void add_app_session_commands(std::vector<CommandDescriptor>& out);
void add_chassis_commands(std::vector<CommandDescriptor>& out);
void add_sensor_event_commands(std::vector<CommandDescriptor>& out);
void add_storage_fru_commands(std::vector<CommandDescriptor>& out);
void add_storage_sdr_commands(std::vector<CommandDescriptor>& out);
void add_storage_sel_commands(std::vector<CommandDescriptor>& out);
void add_transport_commands(std::vector<CommandDescriptor>& out);

}  // namespace ipmict::catalog::dsl
