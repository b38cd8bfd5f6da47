// The Catalog container, descriptor validation, and the length / reserved-bit queries the
// negative-case generator uses.
#include "protocol/catalog/catalog.hpp"

#include <algorithm>
#include <cctype>

#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string hex2(std::uint64_t v) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s = "0x";
  s += digits[(v >> 4) & 0xf];
  s += digits[v & 0xf];
  return s;
}

bool valid_field_name(std::string_view n) {
  if (n.empty()) return false;
  if (!std::islower(static_cast<unsigned char>(n[0]))) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
           c == '.';
  });
}

bool valid_id(std::string_view n) {
  if (n.empty() || n.front() == '-' || n.back() == '-') return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
}

// Bits a field covers as [first, last) absolute bit indices (byte*8 + bit), for overlap checks.
std::pair<std::size_t, std::size_t> bit_span(const Field& f) {
  if (f.kind == FieldKind::uint) {
    const std::size_t first = f.byte_offset * 8 + f.bit_offset;
    return {first, first + f.bit_width};
  }
  const std::size_t len = f.kind == FieldKind::rest ? (f.max_length == unbounded ? (std::size_t{1} << 20) : f.max_length)
                                                     : f.length;
  return {f.byte_offset * 8, (f.byte_offset + std::max<std::size_t>(len, 1)) * 8};
}

std::size_t field_end(const Field& f, bool use_max) {
  if (f.kind == FieldKind::rest) {
    if (use_max) return f.max_length == unbounded ? unbounded : f.byte_offset + f.max_length;
    return f.byte_offset + f.length;
  }
  return f.byte_offset + f.byte_length();
}

unsigned max_group(const Layout& l) {
  unsigned g = 0;
  for (const auto& f : l.fields) g = std::max(g, f.group);
  return g;
}

std::optional<DescriptorIssue> check_layout(const Layout& l, DescriptorIssue::Side side, std::size_t li) {
  auto issue = [&](std::string msg, std::optional<std::size_t> fi) {
    return DescriptorIssue{std::move(msg), side, li, fi};
  };
  const std::string where = std::string(side == DescriptorIssue::Side::request ? "request" : "response") +
                            " layout '" + l.name + "'";
  if (l.name.empty()) return issue(where + ": a layout needs a name", std::nullopt);
  const unsigned groups = max_group(l);
  std::vector<std::size_t> group_start(groups + 1, unbounded), group_end(groups + 1, 0);
  bool seen_rest = false;
  for (std::size_t i = 0; i < l.fields.size(); ++i) {
    const Field& f = l.fields[i];
    const std::string fw = where + " field '" + f.name + "'";
    if (!valid_field_name(f.name))
      return issue(fw + ": field names are snake_case ([a-z][a-z0-9_.]*)", i);
    for (std::size_t j = 0; j < i; ++j) {
      if (l.fields[j].name == f.name) return issue(fw + ": duplicate field name", i);
    }
    switch (f.kind) {
      case FieldKind::uint:
        if (f.bit_offset > 7) return issue(fw + ": bit offset must be 0..7 (move byte_offset instead)", i);
        if (f.bit_width < 1 || f.bit_width > 64) return issue(fw + ": bit width must be 1..64", i);
        if (f.endian == Endian::big && (f.bit_offset != 0 || f.bit_width % 8 != 0))
          return issue(fw + ": big-endian integers must be whole bytes", i);
        for (const auto& v : f.values) {
          if (f.bit_width < 64 && v.value >> f.bit_width != 0)
            return issue(fw + ": value " + std::to_string(v.value) + " (" + v.name + ") does not fit in " +
                             std::to_string(f.bit_width) + " bits",
                         i);
        }
        break;
      case FieldKind::bytes:
      case FieldKind::ascii:
        if (f.length == 0) return issue(fw + ": fixed byte arrays need a length >= 1", i);
        if (!f.values.empty()) return issue(fw + ": only integer fields take value names", i);
        break;
      case FieldKind::rest:
        if (seen_rest) return issue(fw + ": only one variable tail per layout", i);
        seen_rest = true;
        if (f.max_length < f.length) return issue(fw + ": max length is below min length", i);
        if (!f.values.empty()) return issue(fw + ": only integer fields take value names", i);
        break;
    }
    const auto [a0, a1] = bit_span(f);
    for (std::size_t j = 0; j < i; ++j) {
      const auto [b0, b1] = bit_span(l.fields[j]);
      if (a0 < b1 && b0 < a1)
        return issue(fw + ": overlaps field '" + l.fields[j].name + "' (byte " +
                         std::to_string(l.fields[j].byte_offset) + ")",
                     i);
    }
    if (f.group > groups) return issue(fw + ": bad group", i);
    group_start[f.group] = std::min(group_start[f.group], f.byte_offset);
    group_end[f.group] = std::max(group_end[f.group], field_end(f, true));
    if (!f.length_of.empty()) {
      const Field* target = l.field(f.length_of);
      if (f.kind != FieldKind::uint || target == nullptr || target->kind != FieldKind::rest)
        return issue(fw + ": counts '" + f.length_of + "', which is not a variable tail of this layout", i);
    }
  }
  // The tail must be the last thing in the layout.
  for (std::size_t i = 0; i < l.fields.size(); ++i) {
    const Field& r = l.fields[i];
    if (r.kind != FieldKind::rest) continue;
    for (const auto& f : l.fields) {
      if (&f != &r && f.byte_offset >= r.byte_offset)
        return issue(where + " field '" + r.name + "': the variable tail must be the last field ('" + f.name +
                         "' follows it)",
                     i);
      if (f.group > r.group) return issue(where + " field '" + r.name + "': no optional group may follow the tail", i);
    }
  }
  for (unsigned g = 1; g <= groups; ++g) {
    if (group_start[g] == unbounded)
      return issue(where + ": optional groups must be numbered 1, 2, ... without gaps (group " + std::to_string(g) +
                       " is empty)",
                   std::nullopt);
    if (group_start[g] < group_end[g - 1])
      return issue(where + ": optional group " + std::to_string(g) + " starts at byte " +
                       std::to_string(group_start[g]) + ", before the end of group " + std::to_string(g - 1),
                   std::nullopt);
  }
  if (l.when) {
    const auto& w = *l.when;
    if (w.bit_offset > 7 || w.bit_width < 1 || w.bit_width > 32 || w.min_value > w.max_value)
      return issue(where + ": bad 'when' bit range or value range", std::nullopt);
    const std::size_t end = w.byte_offset + (w.bit_offset + w.bit_width + 7u) / 8u;
    if (end > l.min_length())
      return issue(where + ": the 'when' discriminator must lie within the required bytes", std::nullopt);
  }
  return std::nullopt;
}

}  // namespace

std::size_t Field::byte_length() const {
  switch (kind) {
    case FieldKind::uint: return (static_cast<std::size_t>(bit_offset) + bit_width + 7u) / 8u;
    case FieldKind::bytes:
    case FieldKind::ascii:
    case FieldKind::rest: return length;
  }
  return 0;
}

std::size_t Layout::min_length() const {
  std::size_t n = 0;
  for (const auto& f : fields)
    if (f.group == 0) n = std::max(n, field_end(f, false));
  return n;
}

std::size_t Layout::max_length() const {
  std::size_t n = 0;
  for (const auto& f : fields) {
    const std::size_t e = field_end(f, true);
    if (e == unbounded) return unbounded;
    n = std::max(n, e);
  }
  return n;
}

const Field* Layout::field(std::string_view n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

std::string to_string(RequiredPrivilege p) {
  switch (p.kind) {
    case PrivilegeKind::local: return "local";
    case PrivilegeKind::any: return "any";
    case PrivilegeKind::session_less: return "session-less";
    case PrivilegeKind::level: break;
  }
  if (auto n = privilege_name(static_cast<std::uint8_t>(p.level))) return std::string(*n);
  return "unspecified";
}

std::optional<RequiredPrivilege> parse_required_privilege(std::string_view text) {
  const std::string t = lower(text);
  if (t == "local") return RequiredPrivilege{PrivilegeKind::local, Privilege::unspecified};
  if (t == "any") return RequiredPrivilege{PrivilegeKind::any, Privilege::unspecified};
  if (t == "session-less" || t == "sessionless" || t == "none")
    return RequiredPrivilege{PrivilegeKind::session_less, Privilege::unspecified};
  if (auto p = parse_privilege(text)) return RequiredPrivilege{PrivilegeKind::level, *p};
  return std::nullopt;
}

std::optional<DescriptorIssue> validate(const CommandDescriptor& cmd) {
  using Side = DescriptorIssue::Side;
  auto issue = [](std::string m) { return DescriptorIssue{std::move(m), Side::command, 0, std::nullopt}; };
  if ((cmd.netfn & 1u) != 0 || cmd.netfn > 0x3e)
    return issue("netfn " + hex2(cmd.netfn) + " must be an even request netFn (00h-3Eh)");
  if (cmd.name.empty()) return issue("the command needs a name");
  if (!valid_id(cmd.id)) return issue("id '" + cmd.id + "' must be kebab-case ([a-z0-9-]+)");
  for (std::size_t i = 0; i < cmd.completion_codes.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (cmd.completion_codes[j].code == cmd.completion_codes[i].code)
        return issue("completion code " + hex2(cmd.completion_codes[i].code) + " listed twice");
  }
  for (int s = 0; s < 2; ++s) {
    const auto& layouts = s == 0 ? cmd.request : cmd.response;
    const Side side = s == 0 ? Side::request : Side::response;
    for (std::size_t i = 0; i < layouts.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j)
        if (layouts[j].name == layouts[i].name)
          return DescriptorIssue{"duplicate layout name '" + layouts[i].name + "'", side, i, std::nullopt};
      if (auto e = check_layout(layouts[i], side, i)) return e;
    }
  }
  return std::nullopt;
}

tl::expected<void, std::string> Catalog::add(CommandDescriptor cmd) {
  if (auto issue = validate(cmd)) return tl::unexpected(cmd.id + ": " + issue->message);
  for (const auto& c : commands_) {
    if (c.netfn == cmd.netfn && c.cmd == cmd.cmd)
      return tl::unexpected("duplicate command netfn " + hex2(cmd.netfn) + " cmd " + hex2(cmd.cmd) + ": '" + cmd.name +
                            "' and '" + c.name + "' (" + c.source + ")");
    if (c.id == cmd.id) return tl::unexpected("duplicate command id '" + cmd.id + "' (" + c.source + ")");
    if (lower(c.name) == lower(cmd.name))
      return tl::unexpected("duplicate command name '" + cmd.name + "' (" + c.source + ")");
  }
  commands_.push_back(std::move(cmd));
  return {};
}

const CommandDescriptor* Catalog::find(std::uint8_t netfn, std::uint8_t cmd) const {
  const auto rq = static_cast<std::uint8_t>(netfn & ~1u);
  for (const auto& c : commands_)
    if (c.netfn == rq && c.cmd == cmd) return &c;
  return nullptr;
}

const CommandDescriptor* Catalog::find(std::string_view name_or_id) const {
  for (const auto& c : commands_)
    if (c.id == name_or_id) return &c;
  const std::string l = lower(name_or_id);
  for (const auto& c : commands_)
    if (lower(c.name) == l || c.id == l) return &c;
  return nullptr;
}

Catalog builtin_catalog() {
  std::vector<CommandDescriptor> all;
  dsl::add_app_device_commands(all);
  dsl::add_app_messaging_commands(all);
  dsl::add_app_session_commands(all);
  dsl::add_chassis_commands(all);
  dsl::add_sensor_event_commands(all);
  dsl::add_storage_fru_commands(all);
  dsl::add_storage_sdr_commands(all);
  dsl::add_storage_sel_commands(all);
  dsl::add_transport_commands(all);
  Catalog c;
  // The tables are validated by catalog_test (BuiltinTablesAreValid); an invalid entry is
  // left out here rather than aborting a running tester.
  for (auto& d : all) (void)c.add(std::move(d));
  return c;
}

const Catalog& shared_builtin_catalog() {
  static const Catalog shared = builtin_catalog();
  return shared;
}

// ---- negative-case support --------------------------------------------------------------

namespace {
std::vector<LengthRange> lengths(const std::vector<Layout>& layouts) {
  std::vector<LengthRange> out;
  if (layouts.empty()) {
    out.push_back(LengthRange{"none", 0, 0, {0}});
    return out;
  }
  for (const auto& l : layouts) {
    LengthRange r{l.name, l.min_length(), l.max_length(), {}};
    if (r.max != unbounded) {
      r.valid.push_back(r.min);
      const unsigned groups = max_group(l);
      std::size_t end = r.min;
      for (unsigned g = 1; g <= groups; ++g) {
        for (const auto& f : l.fields)
          if (f.group == g) end = std::max(end, field_end(f, true));
        if (end != r.valid.back()) r.valid.push_back(end);
      }
      // A bounded tail accepts every length in between.
      for (const auto& f : l.fields) {
        if (f.kind != FieldKind::rest) continue;
        for (std::size_t n = f.byte_offset + f.length; n <= f.byte_offset + f.max_length; ++n)
          if (std::find(r.valid.begin(), r.valid.end(), n) == r.valid.end()) r.valid.push_back(n);
      }
      std::sort(r.valid.begin(), r.valid.end());
    }
    out.push_back(std::move(r));
  }
  return out;
}
}  // namespace

std::vector<LengthRange> request_lengths(const CommandDescriptor& cmd) { return lengths(cmd.request); }
std::vector<LengthRange> response_lengths(const CommandDescriptor& cmd) { return lengths(cmd.response); }

std::vector<ReservedBit> reserved_request_bits(const CommandDescriptor& cmd) {
  std::vector<ReservedBit> out;
  for (const auto& l : cmd.request) {
    for (const auto& f : l.fields) {
      if (!f.reserved || f.kind != FieldKind::uint) continue;
      const std::size_t nbytes = f.byte_length();
      for (unsigned i = 0; i < f.bit_width; ++i) {
        const unsigned abs = f.bit_offset + i;
        const std::size_t k = abs / 8u;  // k-th byte of the integer, LS first
        const std::size_t byte = f.endian == Endian::big ? f.byte_offset + (nbytes - 1 - k) : f.byte_offset + k;
        out.push_back(ReservedBit{l.name, f.name, byte, static_cast<std::uint8_t>(abs % 8u), f.group});
      }
    }
  }
  return out;
}

}  // namespace ipmict::catalog
