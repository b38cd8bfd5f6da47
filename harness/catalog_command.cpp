#include "harness/catalog_command.hpp"

#include <ostream>

#include <fmt/format.h>

#include "harness/catalog_file.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict {
namespace {

std::string bits_text(const catalog::Field& f) {
  switch (f.kind) {
    case catalog::FieldKind::uint:
      if (f.bit_width % 8 == 0 && f.bit_offset == 0) {
        return f.bit_width == 8 ? fmt::format("byte {}", f.byte_offset)
                                : fmt::format("bytes {}-{}", f.byte_offset, f.byte_offset + f.bit_width / 8 - 1);
      }
      if (f.bit_width == 1) return fmt::format("byte {} bit {}", f.byte_offset, f.bit_offset);
      return fmt::format("byte {} bits {}:{}", f.byte_offset, f.bit_offset + f.bit_width - 1, f.bit_offset);
    case catalog::FieldKind::bytes:
    case catalog::FieldKind::ascii:
      return fmt::format("bytes {}-{}", f.byte_offset, f.byte_offset + f.length - 1);
    case catalog::FieldKind::rest:
      return fmt::format("bytes {}-", f.byte_offset);
  }
  return {};
}

void print_layouts(std::ostream& out, std::string_view side, const std::vector<catalog::Layout>& layouts) {
  if (layouts.empty()) {
    out << side << ": no data\n";
    return;
  }
  for (const auto& layout : layouts) {
    out << side << " layout '" << layout.name << "'";
    if (!layout.description.empty()) out << " — " << layout.description;
    out << '\n';
    for (const auto& f : layout.fields) {
      out << fmt::format("  {:<16} {}{}{}", bits_text(f), f.name, f.reserved ? " (reserved)" : "",
                         f.group ? fmt::format(" (optional group {})", f.group) : "");
      if (!f.values.empty()) {
        out << " [";
        for (std::size_t i = 0; i < f.values.size(); ++i) {
          out << (i ? ", " : "") << fmt::format("{:x}h {}", f.values[i].value, f.values[i].name);
        }
        out << ']';
      }
      out << '\n';
    }
  }
}

}  // namespace

tl::expected<catalog::Catalog, std::string> load_catalogs(const std::vector<std::string>& files) {
  catalog::Catalog cat = catalog::builtin_catalog();
  for (const auto& file : files) {
    auto loaded = load_catalog_file(file, cat);
    if (!loaded) return tl::unexpected(loaded.error());
  }
  return cat;
}

int run_catalog(const std::string& name, const std::vector<std::string>& catalog_files, std::ostream& out,
                std::ostream& err) {
  auto cat = load_catalogs(catalog_files);
  if (!cat) {
    err << "ipmict catalog: " << cat.error() << '\n';
    return 2;
  }
  if (name.empty()) {
    for (const auto& c : cat->all()) {
      out << fmt::format("{:02x}h {:02x}h  {:<32} {:<44} {} {}\n", c.netfn, c.cmd, c.id, c.name,
                         c.mandatory ? "M" : "O", to_string(c.privilege));
    }
    out << cat->size() << " commands\n";
    return 0;
  }
  const catalog::CommandDescriptor* c = cat->find(name);
  if (c == nullptr) {
    err << "ipmict catalog: no command named '" << name << "' (see `ipmict catalog` for the list)\n";
    return 2;
  }
  out << fmt::format("{} ({})\n  netFn {:02x}h, cmd {:02x}h, {}, privilege {}\n  {}\n", c->name, c->id, c->netfn, c->cmd,
                     c->mandatory ? "mandatory" : "optional", to_string(c->privilege), c->spec_ref);
  if (!c->support_note.empty()) out << "  " << c->support_note << '\n';
  print_layouts(out, "request", c->request);
  print_layouts(out, "response", c->response);
  for (const auto& cc : c->completion_codes) out << fmt::format("completion code {:02x}h: {}\n", cc.code, cc.name);
  return 0;
}

}  // namespace ipmict
