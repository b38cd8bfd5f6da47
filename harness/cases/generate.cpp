// Negative cases from a valid request and the catalog's lengths and reserved bits.
#include "harness/cases/generate.hpp"

#include <algorithm>

namespace ipmict::cases {

namespace {

using catalog::CommandDescriptor;

const CommandDescriptor* step_command(const Step& step, const catalog::Catalog& catalog) {
  if (step.action == Step::Action::send) return catalog.find(step.command);
  if (step.action == Step::Action::raw && step.raw.size() >= 2) return catalog.find(step.raw[0], step.raw[1]);
  return nullptr;
}

const catalog::Layout* layout_named(const CommandDescriptor& cmd, const std::string& name) {
  for (const auto& l : cmd.request)
    if (l.name == name) return &l;
  return nullptr;
}

std::string hex2(std::uint8_t b) {
  static const char* digits = "0123456789abcdef";
  return std::string{digits[b >> 4], digits[b & 0xf]} + "h";
}

}  // namespace

catalog::FieldInput to_field_input(const Value& v) {
  if (const auto* n = std::get_if<std::uint64_t>(&v.value)) return catalog::FieldInput(*n);
  if (const auto* s = std::get_if<std::string>(&v.value)) return catalog::FieldInput(*s);
  return catalog::FieldInput(std::get<Bytes>(v.value));
}

tl::expected<Bytes, std::string> request_data(const Step& step, const catalog::Catalog& catalog) {
  if (step.action == Step::Action::raw) {
    if (step.raw.size() < 2) return tl::unexpected(std::string("raw step without NETFN CMD"));
    return Bytes(step.raw.begin() + 2, step.raw.end());
  }
  if (step.action != Step::Action::send) return tl::unexpected(std::string("not a send or raw step"));
  const CommandDescriptor* cmd = catalog.find(step.command);
  if (cmd == nullptr) return tl::unexpected("unknown command '" + step.command + "'");
  catalog::FieldValues values;
  for (const auto& [name, v] : step.fields) {
    if (v.is_variable()) return tl::unexpected("field '" + name + "' is a variable");
    values.emplace_back(name, to_field_input(v));
  }
  return catalog::encode_request(*cmd, values);
}

std::string netfn_area(std::uint8_t netfn) {
  switch (netfn & 0xfe) {
    case 0x00: return "chassis";
    case 0x02: return "bridge";
    case 0x04: return "se";
    case 0x06: return "app";
    case 0x08: return "firmware";
    case 0x0a: return "storage";
    case 0x0c: return "transport";
    case 0x2c: return "group";
    case 0x2e: return "oem-group";
    default: return "oem";
  }
}

std::string generated_id_prefix(const CaseFile& file, const CommandDescriptor& cmd) {
  std::optional<std::string> common;
  const std::string needle = "." + cmd.id + ".";
  for (const auto& c : file.cases) {
    const auto pos = c.id.find(needle);
    if (pos == std::string::npos || pos == 0) return netfn_area(cmd.netfn);
    std::string prefix = c.id.substr(0, pos);
    if (common && *common != prefix) return netfn_area(cmd.netfn);
    common = std::move(prefix);
  }
  return common ? *common : netfn_area(cmd.netfn);
}

std::vector<Case> generate_negative_cases(const CaseFile& file, const catalog::Catalog& catalog) {
  std::vector<Case> out;
  if (!file.valid_request) return out;
  const GenerateOptions opts = file.generate.value_or(GenerateOptions{});
  if (!opts.short_request && !opts.long_request && !opts.reserved_bits) return out;
  const Step& valid = *file.valid_request;
  const CommandDescriptor* cmd = step_command(valid, catalog);
  if (cmd == nullptr) return out;
  auto data = request_data(valid, catalog);
  if (!data) return out;

  // The layout of the valid request: its valid lengths and reserved bits are the reference.
  const catalog::Layout* layout = nullptr;
  if (auto d = catalog::decode_request(*cmd, view(*data))) layout = layout_named(*cmd, d->layout_name);
  std::optional<catalog::LengthRange> lengths;
  for (auto& r : catalog::request_lengths(*cmd))
    if (layout == nullptr ? r.layout == "none" : r.layout == layout->name) lengths = std::move(r);

  // A length that is itself a valid request (another optional group, another layout) is no
  // negative case: the BMC is right to accept it.
  auto acceptable = [&](const Bytes& b) {
    if (catalog::decode_request(*cmd, view(b))) return true;
    return lengths && std::find(lengths->valid.begin(), lengths->valid.end(), b.size()) != lengths->valid.end();
  };

  const std::string prefix = generated_id_prefix(file, *cmd) + "." + cmd->id + ".negative.";
  std::vector<std::string> tags = file.tags;
  if (std::find(tags.begin(), tags.end(), "negative") == tags.end()) tags.emplace_back("negative");

  auto make = [&](std::string what, std::string title, const Bytes& request, std::uint8_t cc) {
    Case c;
    c.id = prefix + what;
    c.title = cmd->name + ": " + title + ", answers " + hex2(cc);
    c.spec = file.spec.empty() ? cmd->spec_ref : file.spec;
    c.command = cmd->id;
    c.tags = tags;
    c.mandatory = cmd->mandatory;
    if (cmd->privilege.kind == catalog::PrivilegeKind::local) {
      c.interface = Case::Interface::system;
      c.requires_.emplace_back("interface:system");
    }
    c.generated = true;
    c.where = valid.where;  // where the request it was made from is written
    Step s;
    s.action = Step::Action::raw;
    s.raw.reserve(request.size() + 2);
    s.raw.push_back(cmd->netfn);
    s.raw.push_back(cmd->cmd);
    for (std::uint8_t b : request) s.raw.push_back(b);
    s.expect.completion_codes = std::vector<std::uint8_t>{cc};
    s.expect.where = valid.where;
    s.where = valid.where;
    c.steps.push_back(std::move(s));
    out.push_back(std::move(c));
  };

  // IPMI 2.0 §5.2, Table 5-2: C7h "request data length invalid".
  if (opts.short_request && !data->empty()) {
    Bytes shorter(data->begin(), data->end() - 1);
    if (!acceptable(shorter))
      make("short", "request one byte short (" + std::to_string(shorter.size()) + " bytes)", shorter, 0xc7);
  }
  const bool unbounded_tail = lengths && lengths->max == catalog::unbounded;
  if (opts.long_request && !unbounded_tail) {
    Bytes longer = *data;
    longer.push_back(0x00);
    if (!acceptable(longer))
      make("long", "request one byte long (" + std::to_string(longer.size()) + " bytes)", longer, 0xc7);
  }
  // CCh "invalid data field in request": reserved bits must be zero (IPMI 2.0 §1.7 / §5.2).
  if (opts.reserved_bits && layout != nullptr) {
    for (const auto& rb : catalog::reserved_request_bits(*cmd)) {
      if (rb.layout != layout->name || rb.byte >= data->size()) continue;
      const auto bit = static_cast<std::uint8_t>(1u << rb.bit);
      if (((*data)[rb.byte] & bit) != 0) continue;  // already set in the valid request
      const catalog::Field* f = layout->field(rb.field);
      std::size_t n = rb.bit;
      if (f != nullptr) {
        const std::size_t nbytes = f->byte_length();
        const std::size_t k = f->endian == catalog::Endian::big ? nbytes - 1 - (rb.byte - f->byte_offset)
                                                                : rb.byte - f->byte_offset;
        n = k * 8 + rb.bit;
      }
      Bytes req = *data;
      req[rb.byte] = static_cast<std::uint8_t>(req[rb.byte] | bit);
      make("reserved." + rb.field + ".bit" + std::to_string(n),
           "reserved bit " + std::to_string(rb.bit) + " of request byte " + std::to_string(rb.byte + 1) + " (" +
               rb.field + ") set",
           req, 0xcc);
    }
  }
  return out;
}

}  // namespace ipmict::cases
