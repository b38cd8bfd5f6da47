// YAML OEM command files -> catalog::CommandDescriptor, with file:line:col errors.
#include "harness/catalog_file.hpp"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "protocol/core/one_line.hpp"

namespace ipmict {

namespace {

using namespace ipmict::catalog;

// Carries one error line out of the nested parsers (caught in load_catalog_text).
struct FileError {
  std::string message;
};

class Parser {
 public:
  explicit Parser(std::string name) : name_(std::move(name)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const { fail_mark(at.Mark(), what); }
  [[noreturn]] void fail_mark(const YAML::Mark& m, const std::string& what) const {
    // one_line: `what` may quote the file's text, line breaks included.
    throw FileError{one_line(name_ + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) + ": " + what)};
  }

  void only_keys(const YAML::Node& map, const char* what, std::initializer_list<const char*> keys) const {
    if (!map.IsMap()) fail(map, std::string(what) + " must be a mapping");
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string k = it->first.as<std::string>();
      if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; })) {
        std::string list;
        for (const char* x : keys) list += (list.empty() ? "" : ", ") + std::string(x);
        fail(it->first, "unknown key '" + k + "' in " + what + " (expected one of: " + list + ")");
      }
    }
  }

  const YAML::Node require(const YAML::Node& map, const char* key, const char* what) const {
    const YAML::Node n = map[key];
    if (!n) fail(map, std::string(what) + " needs '" + key + "'");
    return n;
  }

  std::string text(const YAML::Node& n, const char* what) const {
    if (!n.IsScalar()) fail(n, std::string(what) + " must be a scalar");
    return n.Scalar();
  }

  std::uint64_t number(const YAML::Node& n, const char* what, std::uint64_t max) const {
    if (!n.IsScalar()) fail(n, std::string(what) + " must be a number");
    const std::string s = n.Scalar();
    std::uint64_t v = 0;
    std::size_t i = 0;
    unsigned base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
      base = 16;
      i = 2;
    }
    if (i >= s.size()) fail(n, std::string(what) + ": expected a number, got '" + s + "'");
    for (; i < s.size(); ++i) {
      const char c = s[i];
      unsigned d = 0;
      if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
      else if (base == 16 && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
      else if (base == 16 && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
      else fail(n, std::string(what) + ": expected a number (decimal or 0x hex), got '" + s + "'");
      if (v > (max - d) / base) fail(n, std::string(what) + ": " + s + " is larger than " + std::to_string(max));
      v = v * base + d;
    }
    return v;
  }

  bool boolean(const YAML::Node& n, const char* what) const {
    const std::string s = text(n, what);
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
    fail(n, std::string(what) + ": expected true or false, got '" + s + "'");
  }

  // "7:4" -> (lo 4, width 4); "3" -> (3, 1). hi may exceed 7 for integers spanning bytes.
  std::pair<std::uint8_t, std::uint8_t> bit_range(const YAML::Node& n) const {
    const std::string s = n.IsScalar() ? n.Scalar() : std::string();
    auto parse = [&](const std::string& part) -> unsigned {
      if (part.empty() || part.size() > 2 || !std::all_of(part.begin(), part.end(), ::isdigit))
        fail(n, "bad bit range '" + s + "': expected \"hi:lo\" or \"bit\" (e.g. \"7:4\", \"0\")");
      return static_cast<unsigned>(std::stoul(part));
    };
    const auto colon = s.find(':');
    const unsigned hi = parse(s.substr(0, colon));
    const unsigned lo = colon == std::string::npos ? hi : parse(s.substr(colon + 1));
    if (lo > hi) fail(n, "bad bit range '" + s + "': the high bit comes first (\"7:4\", low bit first in the byte)");
    if (lo > 7) fail(n, "bad bit range '" + s + "': the low bit must be 0..7 (use a later 'byte' instead)");
    if (hi - lo + 1 > 64) fail(n, "bad bit range '" + s + "': at most 64 bits");
    return {static_cast<std::uint8_t>(lo), static_cast<std::uint8_t>(hi - lo + 1)};
  }

  Field field(const YAML::Node& n) const {
    only_keys(n, "field", {"name", "byte", "bits", "size", "type", "endian", "max", "reserved", "group", "display",
                           "values", "counts", "description"});
    Field f;
    f.name = text(require(n, "name", "a field"), "name");
    f.byte_offset = number(require(n, "byte", "a field"), "byte", 4096);
    const std::string type = n["type"] ? text(n["type"], "type") : "uint";
    if (type == "uint") f.kind = FieldKind::uint;
    else if (type == "bytes") f.kind = FieldKind::bytes;
    else if (type == "ascii") f.kind = FieldKind::ascii, f.display = Display::text;
    else if (type == "rest") f.kind = FieldKind::rest;
    else fail(n["type"], "unknown type '" + type + "' (expected uint, bytes, ascii or rest)");
    if (f.kind == FieldKind::uint) {
      if (n["bits"] && n["size"]) fail(n["size"], "give either 'bits' or 'size' for an integer, not both");
      if (n["bits"]) {
        std::tie(f.bit_offset, f.bit_width) = bit_range(n["bits"]);
      } else {
        const std::uint64_t size = n["size"] ? number(n["size"], "size", 8) : 1;
        if (size == 0) fail(n["size"], "size: an integer has 1..8 bytes");
        f.bit_width = static_cast<std::uint8_t>(size * 8);
      }
      if (n["max"]) fail(n["max"], "'max' applies to type rest only");
    } else {
      if (n["bits"]) fail(n["bits"], "'bits' applies to integers (type uint) only");
      if (f.kind == FieldKind::rest) {
        f.length = n["size"] ? number(n["size"], "size", 65535) : 0;
        f.max_length = n["max"] ? number(n["max"], "max", 65535) : unbounded;
      } else {
        f.length = number(require(n, "size", "a bytes/ascii field"), "size", 65535);
        if (n["max"]) fail(n["max"], "'max' applies to type rest only");
      }
    }
    if (n["endian"]) {
      const std::string e = text(n["endian"], "endian");
      if (e == "little") f.endian = Endian::little;
      else if (e == "big") f.endian = Endian::big;
      else fail(n["endian"], "unknown endian '" + e + "' (expected little or big)");
    }
    if (n["reserved"]) f.reserved = boolean(n["reserved"], "reserved");
    if (n["group"]) f.group = static_cast<unsigned>(number(n["group"], "group", 16));
    if (n["display"]) {
      const std::string d = text(n["display"], "display");
      static const std::pair<const char*, Display> names[] = {{"hex", Display::hex},   {"decimal", Display::decimal},
                                                              {"ipv4", Display::ipv4}, {"mac", Display::mac},
                                                              {"guid", Display::guid}, {"text", Display::text}};
      bool found = false;
      for (const auto& [k, v] : names)
        if (d == k) f.display = v, found = true;
      if (!found) fail(n["display"], "unknown display '" + d + "' (expected hex, decimal, ipv4, mac, guid or text)");
    }
    if (n["values"]) {
      const YAML::Node v = n["values"];
      if (!v.IsMap()) fail(v, "values must be a mapping of number to name ({0: off, 1: on})");
      for (auto it = v.begin(); it != v.end(); ++it)
        f.values.push_back(EnumValue{number(it->first, "value", ~std::uint64_t{0}), text(it->second, "value name")});
    }
    if (n["counts"]) f.length_of = text(n["counts"], "counts");
    if (n["description"]) f.description = text(n["description"], "description");
    return f;
  }

  Layout layout(const YAML::Node& n, std::vector<YAML::Node>& field_nodes, bool is_list) const {
    Layout l;
    // yaml-cpp's Node::operator= writes through to the referenced node, so `fields` is
    // bound once with reset() rather than assigned.
    YAML::Node fields;
    if (is_list) {
      l.name = "default";
      fields.reset(n);
    } else {
      only_keys(n, "layout", {"name", "when", "fields", "description"});
      l.name = n["name"] ? text(n["name"], "name") : "default";
      fields.reset(require(n, "fields", "a layout"));
      if (n["description"]) l.description = text(n["description"], "description");
      if (const YAML::Node w = n["when"]) {
        only_keys(w, "when", {"byte", "bits", "value", "values", "decisive"});
        LayoutWhen when;
        when.byte_offset = number(require(w, "byte", "when"), "byte", 4096);
        if (w["bits"]) std::tie(when.bit_offset, when.bit_width) = bit_range(w["bits"]);
        if (w["value"] && w["values"]) fail(w, "when: give 'value' or 'values: [min, max]', not both");
        if (w["value"]) {
          when.min_value = when.max_value = number(w["value"], "value", ~std::uint64_t{0});
        } else {
          const YAML::Node r = require(w, "values", "when");
          if (!r.IsSequence() || r.size() != 2) fail(r, "when.values must be [min, max]");
          when.min_value = number(r[0], "min", ~std::uint64_t{0});
          when.max_value = number(r[1], "max", ~std::uint64_t{0});
        }
        if (w["decisive"]) when.decisive = boolean(w["decisive"], "decisive");
        l.when = when;
      }
    }
    if (!fields.IsSequence()) fail(fields, "fields must be a list");
    for (const auto& f : fields) {
      l.fields.push_back(field(f));
      field_nodes.push_back(f);
    }
    return l;
  }

  struct Side {
    std::vector<Layout> layouts;
    std::vector<YAML::Node> layout_nodes;
    std::vector<std::vector<YAML::Node>> field_nodes;
  };

  Side side(const YAML::Node& n) const {
    Side s;
    if (!n) return s;
    if (n.IsSequence()) {  // a plain list of fields: one layout "default"
      s.field_nodes.emplace_back();
      s.layouts.push_back(layout(n, s.field_nodes.back(), true));
      s.layout_nodes.push_back(n);
      return s;
    }
    only_keys(n, "request/response", {"fields", "layouts"});
    if (n["fields"] && n["layouts"]) fail(n, "give either 'fields' or 'layouts', not both");
    if (n["fields"]) {
      s.field_nodes.emplace_back();
      s.layouts.push_back(layout(n["fields"], s.field_nodes.back(), true));
      s.layout_nodes.push_back(n["fields"]);
      return s;
    }
    const YAML::Node ls = require(n, "layouts", "request/response");
    if (!ls.IsSequence()) fail(ls, "layouts must be a list");
    for (const auto& l : ls) {
      s.field_nodes.emplace_back();
      s.layouts.push_back(layout(l, s.field_nodes.back(), false));
      s.layout_nodes.push_back(l);
    }
    return s;
  }

  CommandDescriptor command(const YAML::Node& n) const {
    only_keys(n, "command", {"netfn", "cmd", "name", "id", "privilege", "mandatory", "support_note", "spec_ref",
                             "completion_codes", "request", "response"});
    CommandDescriptor d;
    const YAML::Node netfn = require(n, "netfn", "a command");
    d.netfn = static_cast<std::uint8_t>(number(netfn, "netfn", 0x3f));
    if ((d.netfn & 1u) != 0) fail(netfn, "netfn must be the even request netFn");
    d.cmd = static_cast<std::uint8_t>(number(require(n, "cmd", "a command"), "cmd", 0xff));
    d.name = text(require(n, "name", "a command"), "name");
    d.id = text(require(n, "id", "a command"), "id");
    if (n["privilege"]) {
      const std::string p = text(n["privilege"], "privilege");
      auto rp = parse_required_privilege(p);
      if (!rp)
        fail(n["privilege"], "unknown privilege '" + p +
                                 "' (expected callback, user, operator, administrator, oem, local, any or session-less)");
      d.privilege = *rp;
    }
    if (n["mandatory"]) d.mandatory = boolean(n["mandatory"], "mandatory");
    if (n["support_note"]) d.support_note = text(n["support_note"], "support_note");
    if (n["spec_ref"]) d.spec_ref = text(n["spec_ref"], "spec_ref");
    if (const YAML::Node ccs = n["completion_codes"]) {
      if (!ccs.IsSequence()) fail(ccs, "completion_codes must be a list of {code, name}");
      for (const auto& c : ccs) {
        only_keys(c, "completion code", {"code", "name"});
        d.completion_codes.push_back(CompletionCode{
            static_cast<std::uint8_t>(number(require(c, "code", "a completion code"), "code", 0xff)),
            text(require(c, "name", "a completion code"), "name")});
      }
    }
    const Side rq = side(n["request"]);
    const Side rs = side(n["response"]);
    d.request = rq.layouts;
    d.response = rs.layouts;
    const YAML::Mark m = n.Mark();
    d.source = name_ + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
    if (auto issue = validate(d)) {
      YAML::Mark at = n.Mark();
      if (issue->side != DescriptorIssue::Side::command) {
        const Side& s = issue->side == DescriptorIssue::Side::request ? rq : rs;
        if (issue->layout_index < s.layout_nodes.size()) {
          at = s.layout_nodes[issue->layout_index].Mark();
          if (issue->field_index && *issue->field_index < s.field_nodes[issue->layout_index].size())
            at = s.field_nodes[issue->layout_index][*issue->field_index].Mark();
        }
      }
      fail_mark(at, issue->message);
    }
    return d;
  }

  std::string name_;
};

}  // namespace

tl::expected<void, std::string> load_catalog_text(const std::string& text, const std::string& name,
                                                  catalog::Catalog& catalog) {
  Parser p(name);
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) p.fail(root, "an OEM command file is a mapping with a 'commands' list");
    p.only_keys(root, "file", {"commands"});
    const YAML::Node cmds = p.require(root, "commands", "the file");
    if (!cmds.IsSequence()) p.fail(cmds, "'commands' must be a list");
    catalog::Catalog merged = catalog;
    for (const auto& c : cmds) {
      auto d = p.command(c);
      if (auto added = merged.add(std::move(d)); !added) p.fail(c, added.error());
    }
    catalog = std::move(merged);
    return {};
  } catch (const FileError& e) {
    return tl::unexpected(e.message);
  } catch (const YAML::Exception& e) {
    return tl::unexpected(one_line(name + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": " + e.msg));
  }
}

tl::expected<void, std::string> load_catalog_file(const std::string& path, catalog::Catalog& catalog) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(path + ": cannot open the OEM command file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_catalog_text(ss.str(), path, catalog);
}

namespace {

std::string hex_text(std::uint64_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

void emit_field(YAML::Emitter& out, const catalog::Field& f) {
  using catalog::FieldKind;
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << f.name << YAML::Key << "byte" << YAML::Value
      << f.byte_offset;
  switch (f.kind) {
    case FieldKind::uint:
      if (f.bit_offset == 0 && f.bit_width % 8 == 0) {
        if (f.bit_width != 8) out << YAML::Key << "size" << YAML::Value << f.bit_width / 8;
      } else {
        const unsigned hi = f.bit_offset + f.bit_width - 1u;
        out << YAML::Key << "bits" << YAML::Value << YAML::DoubleQuoted
            << (f.bit_width == 1 ? std::to_string(hi) : std::to_string(hi) + ":" + std::to_string(f.bit_offset));
      }
      break;
    case FieldKind::bytes: out << YAML::Key << "type" << YAML::Value << "bytes" << YAML::Key << "size" << YAML::Value << f.length; break;
    case FieldKind::ascii: out << YAML::Key << "type" << YAML::Value << "ascii" << YAML::Key << "size" << YAML::Value << f.length; break;
    case FieldKind::rest:
      out << YAML::Key << "type" << YAML::Value << "rest";
      if (f.length != 0) out << YAML::Key << "size" << YAML::Value << f.length;
      if (f.max_length != catalog::unbounded) out << YAML::Key << "max" << YAML::Value << f.max_length;
      break;
  }
  if (f.endian == catalog::Endian::big) out << YAML::Key << "endian" << YAML::Value << "big";
  if (f.reserved) out << YAML::Key << "reserved" << YAML::Value << true;
  if (f.group != 0) out << YAML::Key << "group" << YAML::Value << f.group;
  static const char* displays[] = {"hex", "decimal", "ipv4", "mac", "guid", "text"};
  if (f.display != catalog::Display::hex && !(f.kind == catalog::FieldKind::ascii && f.display == catalog::Display::text))
    out << YAML::Key << "display" << YAML::Value << displays[static_cast<int>(f.display)];
  if (!f.values.empty()) {
    out << YAML::Key << "values" << YAML::Value << YAML::BeginMap;
    for (const auto& v : f.values) out << YAML::Key << hex_text(v.value) << YAML::Value << v.name;
    out << YAML::EndMap;
  }
  if (!f.length_of.empty()) out << YAML::Key << "counts" << YAML::Value << f.length_of;
  if (!f.description.empty()) out << YAML::Key << "description" << YAML::Value << f.description;
  out << YAML::EndMap;
}

void emit_side(YAML::Emitter& out, const char* key, const std::vector<catalog::Layout>& layouts) {
  if (layouts.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginMap << YAML::Key << "layouts" << YAML::Value << YAML::BeginSeq;
  for (const auto& l : layouts) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << l.name;
    if (l.when) {
      const auto& w = *l.when;
      const unsigned hi = w.bit_offset + w.bit_width - 1u;
      out << YAML::Key << "when" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "byte" << YAML::Value
          << w.byte_offset << YAML::Key << "bits" << YAML::Value
          << (std::to_string(hi) + ":" + std::to_string(w.bit_offset));
      if (w.min_value == w.max_value) {
        out << YAML::Key << "value" << YAML::Value << hex_text(w.min_value);
      } else {
        out << YAML::Key << "values" << YAML::Value << YAML::Flow << YAML::BeginSeq << hex_text(w.min_value)
            << hex_text(w.max_value) << YAML::EndSeq;
      }
      if (!w.decisive) out << YAML::Key << "decisive" << YAML::Value << false;
      out << YAML::EndMap;
    }
    out << YAML::Key << "fields" << YAML::Value << YAML::BeginSeq;
    for (const auto& f : l.fields) {
      out << YAML::Flow;
      emit_field(out, f);
    }
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
}

}  // namespace

std::string dump_catalog_yaml(const catalog::Catalog& catalog, bool only_oem) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "commands" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : catalog.all()) {
    if (only_oem && c.source == "builtin") continue;
    out << YAML::BeginMap;
    out << YAML::Key << "netfn" << YAML::Value << hex_text(c.netfn);
    out << YAML::Key << "cmd" << YAML::Value << hex_text(c.cmd);
    out << YAML::Key << "name" << YAML::Value << c.name;
    out << YAML::Key << "id" << YAML::Value << c.id;
    std::string priv = catalog::to_string(c.privilege);
    for (char& ch : priv) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (c.privilege.level == Privilege::oem && c.privilege.kind == catalog::PrivilegeKind::level) priv = "oem";
    out << YAML::Key << "privilege" << YAML::Value << priv;
    out << YAML::Key << "mandatory" << YAML::Value << c.mandatory;
    if (!c.support_note.empty()) out << YAML::Key << "support_note" << YAML::Value << c.support_note;
    if (!c.spec_ref.empty()) out << YAML::Key << "spec_ref" << YAML::Value << c.spec_ref;
    if (!c.completion_codes.empty()) {
      out << YAML::Key << "completion_codes" << YAML::Value << YAML::BeginSeq;
      for (const auto& cc : c.completion_codes)
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "code" << YAML::Value << hex_text(cc.code) << YAML::Key
            << "name" << YAML::Value << cc.name << YAML::EndMap;
      out << YAML::EndSeq;
    }
    emit_side(out, "request", c.request);
    emit_side(out, "response", c.response);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace ipmict
