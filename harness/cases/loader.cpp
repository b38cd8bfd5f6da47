// Case files -> the case model, with every problem as "file:line:col: what (expected ...)".
// The parser does not stop at the first problem: each element that is wrong is reported and
// skipped, its siblings are still checked, and the file's diagnostics come out sorted by line.
#include "harness/cases/loader.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "harness/cases/generate.hpp"
#include "harness/cases/labels.hpp"
#include "harness/cases/probe_spec.hpp"
#include "protocol/core/one_line.hpp"

namespace ipmict::cases {

namespace {

namespace fs = std::filesystem;
using catalog::CommandDescriptor;
using catalog::Field;
using catalog::FieldKind;

const std::vector<std::string>& keys_of(std::string_view element) {
  for (const auto& k : accepted_keys())
    if (k.element == element) return k.keys;
  static const std::vector<std::string> none;
  return none;
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// "did you mean 'x'? " when one candidate is close enough, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t best = std::string::npos;
  const std::string* pick = nullptr;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best) best = d, pick = &c;
  }
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  if (pick == nullptr || best > limit) return {};
  return "did you mean '" + *pick + "'? ";
}

// IPMI labels are compared loosely: case, and ' ', '-', '_', '/' runs are the same.
std::string label_key(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '_' || c == '/') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::optional<std::uint64_t> parse_number(std::string_view s) {
  unsigned base = 10;
  std::size_t i = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, i = 2;
  else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) base = 2, i = 2;
  if (i >= s.size()) return std::nullopt;
  std::uint64_t v = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    unsigned d = 0;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
    else return std::nullopt;
    if (d >= base) return std::nullopt;
    if (v > (~std::uint64_t{0} - d) / base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

std::string hex(std::uint64_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

bool valid_variable_name(std::string_view v) {
  if (v.empty() || !(std::islower(static_cast<unsigned char>(v[0])) || v[0] == '_')) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Short names for completion codes (IPMI 2.0 §5.2, Table 5-2), as `completion_code:` accepts.
const std::vector<std::pair<std::string, std::uint8_t>>& completion_code_names() {
  static const std::vector<std::pair<std::string, std::uint8_t>> names = {
      {"ok", 0x00},
      {"node-busy", 0xc0},
      {"invalid-command", 0xc1},
      {"invalid-for-lun", 0xc2},
      {"timeout", 0xc3},
      {"out-of-space", 0xc4},
      {"reservation-canceled", 0xc5},
      {"request-data-truncated", 0xc6},
      {"request-data-length-invalid", 0xc7},
      {"request-data-length-exceeded", 0xc8},
      {"parameter-out-of-range", 0xc9},
      {"cannot-return-requested-bytes", 0xca},
      {"not-present", 0xcb},
      {"invalid-data-field", 0xcc},
      {"illegal-for-sensor", 0xcd},
      {"response-not-provided", 0xce},
      {"duplicate-request", 0xcf},
      {"sdr-repository-in-update", 0xd0},
      {"firmware-update-mode", 0xd1},
      {"bmc-initializing", 0xd2},
      {"destination-unavailable", 0xd3},
      {"insufficient-privilege", 0xd4},
      {"not-supported-in-present-state", 0xd5},
      {"sub-function-disabled", 0xd6},
      {"unspecified-error", 0xff},
  };
  return names;
}


// A mapping's entries in file order (keys as text), so that lookups never create nodes.
struct Entry {
  std::string key;
  YAML::Node k;
  YAML::Node v;
};
using Map = std::vector<Entry>;

const Entry* get(const Map& m, std::string_view key) {
  for (const auto& e : m)
    if (e.key == key) return &e;
  return nullptr;
}

using Vars = std::set<std::string>;  // variable names without '$'

class Parser {
 public:
  Parser(std::string name, const catalog::Catalog& cat, const std::vector<Quirk>* quirks)
      : name_(std::move(name)), cat_(cat), quirks_(quirks) {}

  std::vector<Diagnostic> diags;

  SourceLocation loc(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return SourceLocation{name_, m.line + 1, m.column + 1};
  }
  // Messages quote the file's text: one_line() keeps each diagnostic on one line.
  void error(const YAML::Node& at, std::string msg) { diags.push_back(Diagnostic{loc(at), one_line(std::move(msg))}); }
  void error_at(const YAML::Mark& m, std::string msg) {
    diags.push_back(Diagnostic{SourceLocation{name_, m.line + 1, m.column + 1}, one_line(std::move(msg))});
  }
  // Parses a file's text; nullopt (with the diagnostic recorded) on a syntax error.
  std::optional<YAML::Node> parse(const std::string& text) {
    try {
      return YAML::Load(text);
    } catch (const YAML::Exception& e) {
      error_at(e.mark, "YAML syntax error: " + e.msg + " (expected well-formed YAML)");
      return std::nullopt;
    }
  }


  // The entries of a mapping whose keys are in `element`'s list; unknown and duplicate keys
  // are reported (and left out). nullopt (after a diagnostic) when `n` is not a mapping.
  std::optional<Map> mapping(const YAML::Node& n, const std::string& what, std::string_view element) {
    if (!n.IsMap()) {
      error(n, what + " must be a mapping (expected keys: " + join(keys_of(element)) + ")");
      return std::nullopt;
    }
    const auto& keys = keys_of(element);
    Map out;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar()) {
        error(kv.first, "a key of " + what + " must be a name");
        continue;
      }
      std::string k = kv.first.Scalar();
      if (get(out, k) != nullptr) {
        error(kv.first, "duplicate key '" + k + "' in " + what + " (expected each key once)");
        continue;
      }
      if (!keys.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) {
        error(kv.first,
              "unknown key '" + k + "' in " + what + " (" + did_you_mean(k, keys) + "expected one of: " + join(keys) + ")");
        continue;
      }
      out.push_back(Entry{std::move(k), kv.first, kv.second});
    }
    return out;
  }

  // Every key, no list of allowed ones (request fields, matchers by field name, captures).
  std::optional<Map> any_mapping(const YAML::Node& n, const std::string& what, const std::string& expected) {
    if (n.IsNull()) return Map{};
    if (!n.IsMap()) {
      error(n, what + " must be a mapping (expected " + expected + ")");
      return std::nullopt;
    }
    Map out;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar()) {
        error(kv.first, "a key of " + what + " must be a name (expected " + expected + ")");
        continue;
      }
      std::string k = kv.first.Scalar();
      if (get(out, k) != nullptr) {
        error(kv.first, "duplicate key '" + k + "' in " + what + " (expected each key once)");
        continue;
      }
      out.push_back(Entry{std::move(k), kv.first, kv.second});
    }
    return out;
  }

  std::optional<std::string> text(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      error(n, what + " must be text (expected a scalar)");
      return std::nullopt;
    }
    return n.Scalar();
  }

  std::optional<std::uint64_t> number(const YAML::Node& n, const std::string& what, std::uint64_t max) {
    if (!n.IsScalar()) {
      error(n, what + " must be a number (expected decimal or 0x hex)");
      return std::nullopt;
    }
    auto v = parse_number(n.Scalar());
    if (!v) {
      error(n, what + ": '" + n.Scalar() + "' is not a number (expected decimal or 0x hex)");
      return std::nullopt;
    }
    if (*v > max) {
      error(n, what + " " + n.Scalar() + " is too large (expected at most " + std::to_string(max) + ")");
      return std::nullopt;
    }
    return v;
  }

  std::optional<bool> boolean(const YAML::Node& n, const std::string& what) {
    if (n.IsScalar()) {
      const std::string& s = n.Scalar();
      if (s == "true" || s == "yes") return true;
      if (s == "false" || s == "no") return false;
    }
    error(n, what + " must be true or false (expected a boolean)");
    return std::nullopt;
  }

  std::vector<std::string> string_list(const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (n.IsScalar()) {  // a single item
      out.push_back(n.Scalar());
      return out;
    }
    if (!n.IsSequence()) {
      error(n, what + " must be a list (expected [a, b])");
      return out;
    }
    for (const auto& i : n)
      if (auto t = text(i, what + " item")) out.push_back(*t);
    return out;
  }

  // ---- commands and fields ----------------------------------------------------------------

  const CommandDescriptor* command(const YAML::Node& n) {
    auto t = text(n, "command");
    if (!t) return nullptr;
    const CommandDescriptor* c = cat_.find(*t);
    if (c == nullptr) {
      std::vector<std::string> ids;
      for (const auto& d : cat_.all()) ids.push_back(d.id);
      error(n, "unknown command '" + *t + "' (" + did_you_mean(*t, ids) +
                   "expected a catalog id or name; `ipmict catalog` lists them)");
    }
    return c;
  }

  static std::vector<std::string> field_names(const std::vector<catalog::Layout>& layouts) {
    std::vector<std::string> out;
    for (const auto& l : layouts)
      for (const auto& f : l.fields)
        if (std::find(out.begin(), out.end(), f.name) == out.end()) out.push_back(f.name);
    return out;
  }
  // The field of that name; when layouts differ in its size (a 16- or 20-byte password), the
  // widest: the catalog's encoder then picks the layout that holds the whole request.
  static const Field* find_field(const std::vector<catalog::Layout>& layouts, std::string_view name) {
    const Field* best = nullptr;
    auto capacity = [](const Field& f) -> std::size_t {
      return f.kind == FieldKind::uint ? f.bit_width : f.kind == FieldKind::rest ? f.max_length : f.length;
    };
    for (const auto& l : layouts)
      if (const Field* f = l.field(name); f != nullptr && (best == nullptr || capacity(*f) > capacity(*best))) best = f;
    return best;
  }
  // Not in every layout, or in an optional group: `absent` can hold.
  static bool optional_field(const std::vector<catalog::Layout>& layouts, std::string_view name) {
    for (const auto& l : layouts) {
      const Field* f = l.field(name);
      if (f == nullptr || f->group != 0) return true;
    }
    return false;
  }

  const Field* lookup_field(const CommandDescriptor& cmd, bool request, const Entry& e) {
    const auto& layouts = request ? cmd.request : cmd.response;
    if (const Field* f = find_field(layouts, e.key)) return f;
    const auto names = field_names(layouts);
    const std::string side = request ? "request" : "response";
    if (names.empty())
      error(e.k, "unknown " + side + " field '" + e.key + "' of " + cmd.id + " (expected none: its " + side +
                     " has no data fields)");
    else
      error(e.k, "unknown " + side + " field '" + e.key + "' of " + cmd.id + " (" + did_you_mean(e.key, names) +
                     "expected one of: " + join(names) + ")");
    return nullptr;
  }

  bool check_variable(const YAML::Node& n, const std::string& s, const Vars& vars) {
    const std::string v = s.substr(1);
    if (vars.count(v) != 0) return true;
    std::vector<std::string> known;
    for (const auto& x : vars) known.push_back("$" + x);
    error(n, "undefined variable '" + s + "' (" + did_you_mean(s, known) +
                 "expected a capture of it in an earlier step of the case, or a built-in: $admin_user, "
                 "$admin_password, $lan_channel, $user_id)");
    return false;
  }

  // A value for `f` (a request field, or the operand of a response matcher).
  std::optional<Value> field_value(const Field& f, const YAML::Node& n, const Vars* vars, const std::string& cmd_id) {
    const std::string who = "field '" + f.name + "' of " + cmd_id;
    Value out;
    out.where = loc(n);
    if (n.IsMap()) {
      auto m = mapping(n, "a bytes value", "bytes_value");
      if (!m) return std::nullopt;
      const Entry* h = get(*m, "hex");
      if (h == nullptr) {
        error(n, "a bytes value needs 'hex' (expected {hex: \"d8 cb 8a f7\"})");
        return std::nullopt;
      }
      if (f.kind == FieldKind::uint) {
        error(n, who + " takes a number, not bytes (expected a number or a value name)");
        return std::nullopt;
      }
      auto b = hex_bytes(h->v, who);
      if (!b || !fits(n, f, b->size(), who)) return std::nullopt;
      out.value = std::move(*b);
      return out;
    }
    if (!n.IsScalar()) {
      error(n, who + " must be a scalar value (expected a number, a value name, text or hex bytes)");
      return std::nullopt;
    }
    const std::string& s = n.Scalar();
    if (!s.empty() && s[0] == '$') {
      if (vars == nullptr) {
        error(n, "variable '" + s + "' in valid_request (expected a literal value: generated cases need fixed bytes)");
        return std::nullopt;
      }
      if (!check_variable(n, s, *vars)) return std::nullopt;
      out.value = s;
      return out;
    }
    switch (f.kind) {
      case FieldKind::uint: {
        std::optional<std::uint64_t> v;
        if (s == "true") v = 1;
        else if (s == "false") v = 0;
        else v = parse_number(s);
        if (!v) {
          const std::string key = label_key(s);
          for (const auto& ev : f.values)
            if (label_key(ev.name) == key) v = ev.value;
        }
        if (!v) {
          std::vector<std::string> labels;
          for (const auto& ev : f.values) labels.push_back(ev.name);
          if (labels.empty())
            error(n, "'" + s + "' is not a number for " + who + " (expected decimal or 0x hex)");
          else
            error(n, "unknown value '" + s + "' for " + who + " (" + did_you_mean(s, labels) +
                         "expected a number or one of: " + join(labels) + ")");
          return std::nullopt;
        }
        if (f.bit_width < 64 && (*v >> f.bit_width) != 0) {
          const std::uint64_t max = (std::uint64_t{1} << f.bit_width) - 1;
          error(n, "value " + s + " is too wide for " + who + " (expected " + std::to_string(f.bit_width) + " bit" +
                       (f.bit_width == 1 ? "" : "s") + ": 0.." + hex(max) + ")");
          return std::nullopt;
        }
        out.value = *v;
        return out;
      }
      case FieldKind::ascii:
        if (!fits(n, f, s.size(), who)) return std::nullopt;
        out.value = s;
        return out;
      case FieldKind::rest:
        if (f.display == catalog::Display::text) {
          if (!fits(n, f, s.size(), who)) return std::nullopt;
          out.value = s;
          return out;
        }
        [[fallthrough]];
      case FieldKind::bytes: {
        auto b = hex_bytes(n, who);
        if (!b || !fits(n, f, b->size(), who)) return std::nullopt;
        out.value = std::move(*b);
        return out;
      }
    }
    return std::nullopt;
  }

  std::optional<Bytes> hex_bytes(const YAML::Node& n, const std::string& who) {
    if (!n.IsScalar()) {
      error(n, who + ": hex bytes must be text (expected \"d8 cb 8a f7\")");
      return std::nullopt;
    }
    auto b = parse_hex(n.Scalar());
    if (!b) {
      error(n, "bad hex bytes '" + n.Scalar() + "' for " + who + " (expected pairs of hex digits, e.g. \"d8 cb 8a f7\")");
      return std::nullopt;
    }
    return b;
  }

  bool fits(const YAML::Node& n, const Field& f, std::size_t size, const std::string& who) {
    const std::size_t max = f.kind == FieldKind::rest ? f.max_length : f.length;
    if (size > max) {
      error(n, "value of " + std::to_string(size) + " bytes is too long for " + who + " (expected at most " +
                   std::to_string(max) + ")");
      return false;
    }
    return true;
  }

  // ---- steps --------------------------------------------------------------------------------

  struct StepContext {
    const CommandDescriptor* file_command = nullptr;
  };

  std::optional<std::vector<std::uint8_t>> completion_codes(const YAML::Node& n) {
    std::vector<std::uint8_t> out;
    auto one = [&](const YAML::Node& x) -> bool {
      if (x.IsScalar()) {
        if (auto v = parse_number(x.Scalar())) {
          if (*v > 0xff) {
            error(x, "completion code " + x.Scalar() + " is too large (expected one byte, 0x00..0xff)");
            return false;
          }
          out.push_back(static_cast<std::uint8_t>(*v));
          return true;
        }
        const std::string key = label_key(x.Scalar());
        for (const auto& [name, code] : completion_code_names())
          if (label_key(name) == key) {
            out.push_back(code);
            return true;
          }
      }
      std::vector<std::string> names;
      for (const auto& nc : completion_code_names()) names.push_back(nc.first);
      const std::string s = x.IsScalar() ? x.Scalar() : std::string();
      error(x, "unknown completion code '" + s + "' (" + did_you_mean(s, names) +
                   "expected a byte such as 0xc1, or a name: " + join(names) + ")");
      return false;
    };
    if (n.IsSequence()) {
      if (n.size() == 0) {
        error(n, "completion_code list is empty (expected at least one code)");
        return std::nullopt;
      }
      bool ok = true;
      for (const auto& x : n) ok = one(x) && ok;
      if (!ok) return std::nullopt;
      return out;
    }
    if (!one(n)) return std::nullopt;
    return out;
  }

  std::optional<std::pair<std::uint64_t, std::uint64_t>> range(const YAML::Node& n, const std::string& what,
                                                                std::uint64_t max) {
    if (!n.IsSequence() || n.size() != 2) {
      error(n, what + " must be a pair (expected [low, high])");
      return std::nullopt;
    }
    auto lo = number(n[0], what + " low", max);
    auto hi = number(n[1], what + " high", max);
    if (!lo || !hi) return std::nullopt;
    if (*lo > *hi) {
      error(n, what + " [" + n[0].Scalar() + ", " + n[1].Scalar() + "] is empty (expected low <= high)");
      return std::nullopt;
    }
    return std::make_pair(*lo, *hi);
  }

  std::optional<Matcher> matcher(const Field& f, const YAML::Node& n, const Vars& vars, const CommandDescriptor& cmd) {
    Matcher m;
    m.where = loc(n);
    const std::string who = "field '" + f.name + "' of " + cmd.id;
    if (n.IsScalar() && (n.Scalar() == "any" || n.Scalar() == "absent")) {
      if (n.Scalar() == "any") {
        m.kind = Matcher::Kind::any;
      } else {
        if (!optional_field(cmd.response, f.name)) {
          error(n, "'absent' for " + who + ", which every response has (expected a field of an optional group)");
          return std::nullopt;
        }
        m.kind = Matcher::Kind::absent;
      }
      return m;
    }
    if (!n.IsMap()) {
      auto v = field_value(f, n, &vars, cmd.id);
      if (!v) return std::nullopt;
      m.values.push_back(std::move(*v));
      return m;
    }
    const std::size_t before = diags.size();
    auto map = mapping(n, "a matcher of " + who, "matcher");
    if (!map || diags.size() != before) return std::nullopt;  // an unknown key says it all
    std::vector<std::string> kinds;
    for (const auto& e : *map)
      if (e.key != "value") kinds.push_back(e.key);
    if (kinds.size() != 1) {
      error(n, "a matcher of " + who + " needs exactly one of equals, not_equal, mask, range, one_of, same_as (found " +
                   (kinds.empty() ? std::string("none") : join(kinds)) + ")");
      return std::nullopt;
    }
    const Entry& e = *get(*map, kinds.front());
    const Entry* value = get(*map, "value");
    if (value != nullptr && e.key != "mask") {
      error(value->k, "'value' goes with 'mask' only (expected {mask: 0x0f, value: 0x04})");
      return std::nullopt;
    }
    auto need_uint = [&]() {
      if (f.kind == FieldKind::uint) return true;
      error(e.k, "'" + e.key + "' applies to number fields; " + who + " holds bytes (expected equals or not_equal)");
      return false;
    };
    if (e.key == "equals" || e.key == "not_equal") {
      m.kind = e.key == "equals" ? Matcher::Kind::equals : Matcher::Kind::not_equal;
      auto v = field_value(f, e.v, &vars, cmd.id);
      if (!v) return std::nullopt;
      m.values.push_back(std::move(*v));
    } else if (e.key == "mask") {
      m.kind = Matcher::Kind::mask;
      if (!need_uint()) return std::nullopt;
      const std::uint64_t max = f.bit_width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << f.bit_width) - 1;
      auto mk = number(e.v, "mask of " + who, max);
      if (!mk) return std::nullopt;
      m.mask = *mk;
      if (value == nullptr) {
        error(n, "a mask matcher needs 'value' (expected {mask: 0x0f, value: 0x04})");
        return std::nullopt;
      }
      auto v = field_value(f, value->v, &vars, cmd.id);
      if (!v) return std::nullopt;
      m.values.push_back(std::move(*v));
    } else if (e.key == "range") {
      m.kind = Matcher::Kind::range;
      if (!need_uint()) return std::nullopt;
      if (!e.v.IsSequence() || e.v.size() != 2) {
        error(e.v, "range of " + who + " must be a pair (expected [low, high])");
        return std::nullopt;
      }
      auto lo = field_value(f, e.v[0], &vars, cmd.id);
      auto hi = field_value(f, e.v[1], &vars, cmd.id);
      if (!lo || !hi) return std::nullopt;
      const auto* l = std::get_if<std::uint64_t>(&lo->value);
      const auto* h = std::get_if<std::uint64_t>(&hi->value);
      if (l != nullptr && h != nullptr && *l > *h) {
        error(e.v, "range of " + who + " is empty (expected low <= high)");
        return std::nullopt;
      }
      m.values.push_back(std::move(*lo));
      m.values.push_back(std::move(*hi));
    } else if (e.key == "one_of") {
      m.kind = Matcher::Kind::one_of;
      if (!e.v.IsSequence() || e.v.size() == 0) {
        error(e.v, "one_of of " + who + " must be a non-empty list (expected [1, 2, 3])");
        return std::nullopt;
      }
      bool ok = true;
      for (const auto& x : e.v) {
        if (auto v = field_value(f, x, &vars, cmd.id)) m.values.push_back(std::move(*v));
        else ok = false;
      }
      if (!ok) return std::nullopt;
    } else {  // same_as
      m.kind = Matcher::Kind::same_as;
      if (!e.v.IsScalar() || e.v.Scalar().empty() || e.v.Scalar()[0] != '$') {
        error(e.v, "same_as of " + who + " takes a variable (expected {same_as: $name})");
        return std::nullopt;
      }
      if (!check_variable(e.v, e.v.Scalar(), vars)) return std::nullopt;
      m.values.push_back(Value{e.v.Scalar(), loc(e.v)});
    }
    return m;
  }

  // `action`: nullopt for a quirk alternative (it may stand in for any step's expectation).
  std::optional<Expectation> expectation(const YAML::Node& n, std::optional<Step::Action> action,
                                         const CommandDescriptor* cmd, const Vars& vars) {
    Expectation x;
    x.where = loc(n);
    auto map = mapping(n, "expect", "expect");
    if (!map) return std::nullopt;
    bool ok = true;
    const bool on_session = action == Step::Action::session;
    const bool on_sleep = action == Step::Action::sleep;
    for (const auto& e : *map) {
      if ((on_session || on_sleep) && (e.key == "completion_code" || e.key == "length" || e.key == "fields")) {
        error(e.k, "'" + e.key + "' in the expect of a " + (on_session ? "session" : "sleep_ms") +
                       " step (expected it on send or raw steps)");
        ok = false;
        continue;
      }
      if (e.key == "session" && action && !on_session) {
        error(e.k, "'session' in the expect of a step that is not a session action (expected it on session steps)");
        ok = false;
        continue;
      }
      if (e.key == "completion_code") {
        if (auto c = completion_codes(e.v)) x.completion_codes = std::move(*c);
        else ok = false;
      } else if (e.key == "length") {
        if (e.v.IsMap()) {
          auto lm = mapping(e.v, "length", "length");
          if (!lm) {
            ok = false;
            continue;
          }
          const Entry* r = get(*lm, "range");
          if (r == nullptr) {
            error(e.v, "length needs 'range' (expected N or {range: [a, b]})");
            ok = false;
            continue;
          }
          if (auto rg = range(r->v, "length range", 65535)) x.length = std::make_pair(rg->first, rg->second);
          else ok = false;
        } else if (auto v = number(e.v, "length", 65535)) {
          x.length = std::make_pair(*v, *v);
        } else {
          ok = false;
        }
      } else if (e.key == "fields") {
        auto fm = any_mapping(e.v, "fields", "response field: matcher");
        if (!fm) {
          ok = false;
          continue;
        }
        if (cmd == nullptr) {
          if (!fm->empty()) {
            error(e.k, "fields need a known command (expected `command:` on the step or the file, or raw bytes of a "
                       "catalog command)");
            ok = false;
          }
          continue;
        }
        for (const auto& fe : *fm) {
          const Field* f = lookup_field(*cmd, false, fe);
          if (f == nullptr) {
            ok = false;
            continue;
          }
          if (auto m = matcher(*f, fe.v, vars, *cmd)) x.fields.emplace_back(fe.key, std::move(*m));
          else ok = false;
        }
      } else if (e.key == "session") {
        SessionExpectation s;
        if (e.v.IsScalar() && e.v.Scalar() == "established") {
          s.established = true;
        } else if (e.v.IsMap()) {
          auto sm = mapping(e.v, "expect session", "session_expect");
          if (!sm) {
            ok = false;
            continue;
          }
          s.established = false;
          if (const Entry* fa = get(*sm, "failed_at")) {
            if (auto t = text(fa->v, "failed_at")) s.failed_at = *t;
            else ok = false;
          }
          if (const Entry* st = get(*sm, "status")) {
            if (auto v = number(st->v, "status", 0xff)) s.status = static_cast<std::uint8_t>(*v);
            else ok = false;
          }
        } else {
          error(e.v, "expect session must be 'established' or a mapping (expected established or "
                     "{failed_at: \"RAKP 2\", status: 0x0d})");
          ok = false;
          continue;
        }
        x.session = s;
      } else if (e.key == "no_response") {
        if (auto b = boolean(e.v, "no_response")) x.no_response = *b;
        else ok = false;
      } else if (e.key == "discarded" || e.key == "resent" || e.key == "sequence" || e.key == "integrity_pad") {
        if (on_sleep) {
          error(e.k, "'" + e.key + "' in the expect of a sleep_ms step (expected it on session, send or raw steps)");
          ok = false;
        } else if (e.key == "discarded") {
          if (auto v = number(e.v, "discarded", 1000)) x.discarded = static_cast<std::size_t>(*v);
          else ok = false;
        } else if (e.key == "resent") {
          if (auto v = number(e.v, "resent", 1000)) x.resent = static_cast<std::size_t>(*v);
          else ok = false;
        } else if (e.key == "sequence") {
          if (e.v.IsScalar() && e.v.Scalar() == "consecutive") {
            x.sequence_consecutive = true;
          } else {
            error(e.v, "bad sequence expectation (expected consecutive)");
            ok = false;
          }
        } else {
          if (e.v.IsScalar() && e.v.Scalar() == "minimal") {
            x.integrity_pad_minimal = true;
          } else {
            error(e.v, "bad integrity_pad expectation (expected minimal)");
            ok = false;
          }
        }
      }
    }
    if (x.no_response && (x.completion_codes || x.length || !x.fields.empty() || x.session || x.discarded || x.resent ||
                          x.sequence_consecutive || x.integrity_pad_minimal)) {
      error(n, "no_response with other expectations (expected no_response alone: nothing arrives to check)");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return x;
  }

  std::optional<SessionAction> session_action(const YAML::Node& n, const Vars& vars) {
    SessionAction a;
    std::string kind;
    YAML::Node params;
    if (n.IsScalar()) {
      kind = n.Scalar();
    } else if (n.IsMap()) {
      auto m = mapping(n, "session", "session_action");
      if (!m) return std::nullopt;
      if (m->size() != 1) {
        error(n, "a session action needs exactly one of open, close, set_privilege (found " +
                     std::to_string(m->size()) + ")");
        return std::nullopt;
      }
      kind = m->front().key;
      params.reset(m->front().v);
    } else {
      error(n, "session must be open, close or set_privilege (expected a name or {open: {...}})");
      return std::nullopt;
    }
    if (kind == "close") {
      a.kind = SessionAction::Kind::close;
      if (params && !params.IsNull()) {
        error(params, "close takes no parameters (expected session: close)");
        return std::nullopt;
      }
      return a;
    }
    if (kind != "open" && kind != "set_privilege") {
      const std::vector<std::string> kinds = {"open", "close", "set_privilege"};
      error(n, "unknown session action '" + kind + "' (" + did_you_mean(kind, kinds) +
                   "expected open, close or set_privilege)");
      return std::nullopt;
    }
    a.kind = kind == "open" ? SessionAction::Kind::open : SessionAction::Kind::set_privilege;
    if (!params || params.IsNull()) {
      if (a.kind == SessionAction::Kind::set_privilege) {
        error(n, "set_privilege needs a privilege (expected {set_privilege: {privilege: operator}})");
        return std::nullopt;
      }
      return a;
    }
    auto pm = mapping(params, kind, kind == "open" ? "session_open" : "session_set_privilege");
    if (!pm) return std::nullopt;
    bool ok = true;
    for (const auto& e : *pm) {
      if (e.key == "cipher_suite") {
        if (auto v = number(e.v, "cipher_suite", 0xff)) a.cipher_suite = static_cast<std::uint8_t>(*v);
        else ok = false;
      } else if (e.key == "auth_type") {
        auto t = text(e.v, "auth_type");
        if (!t) {
          ok = false;
          continue;
        }
        if (auto at = parse_auth_type(*t)) {
          a.auth_type = *at;
        } else {
          error(e.v, "unknown auth_type '" + *t + "' (expected none, md2, md5, password or oem)");
          ok = false;
        }
      } else if (e.key == "user" || e.key == "password") {
        auto t = text(e.v, e.key);
        if (!t) {
          ok = false;
          continue;
        }
        if (!t->empty() && (*t)[0] == '$' && !check_variable(e.v, *t, vars)) ok = false;
        (e.key == "user" ? a.user : a.password) = *t;
      } else if (e.key == "privilege") {
        auto t = text(e.v, "privilege");
        if (!t) {
          ok = false;
          continue;
        }
        if (auto p = parse_step_privilege(*t)) {
          a.privilege = *p;
        } else {
          error(e.v, "unknown privilege '" + *t + "' (expected callback, user, operator, administrator or oem)");
          ok = false;
        }
      } else if (e.key == "kg") {
        if (auto b = hex_bytes(e.v, "kg")) {
          if (b->size() > 20) {
            error(e.v, "kg of " + std::to_string(b->size()) + " bytes is too long (expected at most 20)");
            ok = false;
          } else {
            a.kg = std::move(*b);
          }
        } else {
          ok = false;
        }
      }
    }
    if (a.cipher_suite && a.auth_type) {
      error(params, "open with both cipher_suite and auth_type (expected cipher_suite for RMCP+ or auth_type for "
                    "IPMI 1.5)");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return a;
  }

  // `probe: NAME` or `probe: {NAME: {arg: value, ...}}`, checked against probe_spec.hpp.
  std::optional<ProbeAction> probe_action(const YAML::Node& n, const Vars& vars) {
    ProbeAction a;
    YAML::Node params;
    std::vector<std::string> names;
    for (const auto& spec : probe_specs()) names.push_back(spec.name);
    YAML::Node name_node = n;
    if (n.IsScalar()) {
      a.name = n.Scalar();
    } else if (n.IsMap() && n.size() == 1) {
      const auto kv = *n.begin();
      if (!kv.first.IsScalar()) {
        error(kv.first, "a probe name must be text (expected one of: " + join(names) + ")");
        return std::nullopt;
      }
      a.name = kv.first.Scalar();
      name_node.reset(kv.first);
      params.reset(kv.second);
    } else {
      error(n, "probe must be a name or {NAME: {arguments}} (expected one of: " + join(names) + ")");
      return std::nullopt;
    }
    const ProbeSpec* spec = find_probe_spec(a.name);
    if (spec == nullptr) {
      error(name_node, "unknown probe '" + a.name + "' (" + did_you_mean(a.name, names) + "expected one of: " +
                           join(names) + ")");
      return std::nullopt;
    }
    std::vector<std::string> keys;
    for (const auto& p : spec->params) keys.push_back(p.name);
    bool ok = true;
    Map given;
    if (params && !params.IsNull()) {
      auto m = any_mapping(params, "the arguments of probe " + a.name,
                           keys.empty() ? std::string("none") : join(keys));
      if (!m) return std::nullopt;
      given = std::move(*m);
    }
    for (const auto& e : given) {
      const auto it = std::find_if(spec->params.begin(), spec->params.end(),
                                   [&](const ProbeParam& p) { return p.name == e.key; });
      if (it == spec->params.end()) {
        error(e.k, "unknown argument '" + e.key + "' of probe " + a.name + " (" + did_you_mean(e.key, keys) +
                       (keys.empty() ? std::string("expected none: it takes no arguments)")
                                     : "expected one of: " + join(keys) + ")"));
        ok = false;
        continue;
      }
      if (auto v = probe_value(*it, e.v, vars, a.name)) a.args.emplace_back(e.key, std::move(*v));
      else ok = false;
    }
    for (const auto& p : spec->params) {
      if (p.required && get(given, p.name) == nullptr) {
        error(n, "probe " + a.name + " needs '" + p.name + "' (" + p.meaning + ")");
        ok = false;
      }
    }
    if (probe_arg(a, "cipher_suite") != nullptr && probe_arg(a, "auth_type") != nullptr) {
      error(params, "probe " + a.name + " with both cipher_suite and auth_type (expected cipher_suite for RMCP+ or "
                    "auth_type for IPMI 1.5)");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return a;
  }

  std::optional<ProbeArg> probe_value(const ProbeParam& p, const YAML::Node& n, const Vars& vars,
                                      const std::string& probe) {
    const std::string what = "argument '" + p.name + "' of probe " + probe;
    ProbeArg out;
    out.where = loc(n);
    auto scalar_row = [&](const YAML::Node& row, const std::string& row_what) -> std::optional<std::vector<std::string>> {
      std::vector<std::string> cells;
      if (!row.IsSequence()) {
        error(row, row_what + " must be a list (expected [user, password, vendor])");
        return std::nullopt;
      }
      for (const auto& c : row) {
        auto t = text(c, row_what + " item");
        if (!t) return std::nullopt;
        cells.push_back(*t);
      }
      return cells;
    };
    switch (p.kind) {
      case ProbeParam::Kind::number: {
        auto v = number(n, what, p.max);
        if (!v) return std::nullopt;
        if (*v < p.min) {
          error(n, what + " " + n.Scalar() + " is too small (expected " + std::to_string(p.min) + ".." +
                       std::to_string(p.max) + ")");
          return std::nullopt;
        }
        out.value = *v;
        return out;
      }
      case ProbeParam::Kind::text: {
        auto t = text(n, what);
        if (!t) return std::nullopt;
        if (!t->empty() && (*t)[0] == '$' && !check_variable(n, *t, vars)) return std::nullopt;
        out.value = *t;
        return out;
      }
      case ProbeParam::Kind::privilege: {
        auto t = text(n, what);
        if (!t) return std::nullopt;
        if (!parse_step_privilege(*t)) {
          error(n, "unknown privilege '" + *t + "' for " + what + " (expected callback, user, operator or administrator)");
          return std::nullopt;
        }
        out.value = *t;
        return out;
      }
      case ProbeParam::Kind::auth_type: {
        auto t = text(n, what);
        if (!t) return std::nullopt;
        if (!parse_auth_type(*t)) {
          error(n, "unknown auth_type '" + *t + "' for " + what + " (expected none, md2, md5, password or oem)");
          return std::nullopt;
        }
        out.value = *t;
        return out;
      }
      case ProbeParam::Kind::list: {
        if (!n.IsSequence() || n.size() == 0) {
          error(n, what + " must be a non-empty list (expected some of: " + join(p.choices) + ")");
          return std::nullopt;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& i : n) {
          auto t = text(i, what + " item");
          if (!t) return std::nullopt;
          if (std::find(p.choices.begin(), p.choices.end(), *t) == p.choices.end()) {
            error(i, "unknown " + p.name + " '" + *t + "' (" + did_you_mean(*t, p.choices) +
                         "expected one of: " + join(p.choices) + ")");
            return std::nullopt;
          }
          rows.push_back({*t});
        }
        out.value = std::move(rows);
        return out;
      }
      case ProbeParam::Kind::table: {
        if (!n.IsSequence() || n.size() == 0) {
          error(n, what + " must be a non-empty list of rows (expected - [user, password, vendor])");
          return std::nullopt;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& row : n) {
          auto cells = scalar_row(row, what + " row");
          if (!cells) return std::nullopt;
          if (cells->size() != p.columns) {
            error(row, what + " row has " + std::to_string(cells->size()) + " items (expected " +
                           std::to_string(p.columns) + ": " + p.meaning + ")");
            return std::nullopt;
          }
          rows.push_back(std::move(*cells));
        }
        out.value = std::move(rows);
        return out;
      }
    }
    return std::nullopt;
  }

  // `finding: {severity, title, remedy, references}` (docs/security.md).
  std::optional<CaseFinding> finding(const YAML::Node& n) {
    auto m = mapping(n, "finding", "finding");
    if (!m) return std::nullopt;
    CaseFinding f;
    f.where = loc(n);
    bool ok = true;
    for (const char* key : {"severity", "title", "remedy"}) {
      const Entry* e = get(*m, key);
      if (e == nullptr) {
        error(n, std::string("a finding needs '") + key + "' (expected {severity, title, remedy, references})");
        ok = false;
        continue;
      }
      auto t = text(e->v, key);
      if (!t || t->empty()) {
        if (t) error(e->v, std::string(key) + " must not be empty");
        ok = false;
        continue;
      }
      if (std::string_view(key) == "severity") {
        static const std::vector<std::string> levels = {"critical", "high", "medium", "low", "info"};
        if (std::find(levels.begin(), levels.end(), *t) == levels.end()) {
          error(e->v, "unknown severity '" + *t + "' (" + did_you_mean(*t, levels) +
                          "expected critical, high, medium, low or info)");
          ok = false;
          continue;
        }
        f.severity = *t;
      } else if (std::string_view(key) == "title") {
        f.title = *t;
      } else {
        f.remedy = *t;
      }
    }
    if (const Entry* r = get(*m, "references")) f.references = string_list(r->v, "references");
    if (!ok) return std::nullopt;
    return f;
  }

  // The step's command: `command:` on it, else the file's; raw bytes name their own.
  std::optional<Step> step(const YAML::Node& n, const StepContext& ctx, Vars& vars, const std::string& what) {
    auto map = mapping(n, what, "step");
    if (!map) return std::nullopt;
    Step s;
    s.where = loc(n);
    bool ok = true;
    std::vector<const Entry*> actions;
    for (const char* a : {"send", "raw", "session", "sleep_ms", "probe"})
      if (const Entry* e = get(*map, a)) actions.push_back(e);
    if (actions.size() != 1) {
      std::string found;
      for (const Entry* e : actions) found += (found.empty() ? "" : ", ") + e->key;
      error(n, "a step needs exactly one action, found " + (actions.empty() ? std::string("none") : found) +
                   " (expected one of: send, raw, session, sleep_ms, probe)");
      return std::nullopt;
    }
    const Entry& action = *actions.front();
    const CommandDescriptor* cmd = ctx.file_command;
    bool explicit_command = false;
    if (const Entry* c = get(*map, "command")) {
      explicit_command = true;
      cmd = command(c->v);
      if (cmd == nullptr) return std::nullopt;
    }
    if (action.key == "send") {
      s.action = Step::Action::send;
      if (cmd == nullptr) {
        error(action.k, "a send step needs a command (expected `command:` on the step or the file)");
        return std::nullopt;
      }
      s.command = cmd->id;
      if (auto fields = request_fields(action.v, *cmd, &vars)) s.fields = std::move(*fields);
      else ok = false;
    } else if (action.key == "raw") {
      s.action = Step::Action::raw;
      auto b = hex_bytes(action.v, "raw");
      if (!b) return std::nullopt;
      if (b->size() < 2) {
        error(action.v, "raw has " + std::to_string(b->size()) + " byte" + (b->size() == 1 ? "" : "s") +
                            " (expected NETFN CMD [DATA...])");
        return std::nullopt;
      }
      s.raw = std::move(*b);
      if (explicit_command) s.command = cmd->id;
      else cmd = cat_.find(s.raw[0], s.raw[1]);  // responses are decoded as that command's
    } else if (action.key == "session") {
      s.action = Step::Action::session;
      cmd = nullptr;
      if (auto a = session_action(action.v, vars)) s.session = std::move(*a);
      else ok = false;
    } else if (action.key == "probe") {
      s.action = Step::Action::probe;
      cmd = nullptr;
      if (auto p = probe_action(action.v, vars)) s.probe = std::move(*p);
      else ok = false;
      for (const char* k : {"command", "as", "expect", "capture", "repeat"}) {
        if (const Entry* e = get(*map, k)) {
          error(e->k, std::string("'") + k + "' on a probe step (expected the probe alone: it judges what it sees "
                                             "itself and records every exchange)");
          ok = false;
        }
      }
      if (!ok) return std::nullopt;
    } else {
      s.action = Step::Action::sleep;
      cmd = nullptr;
      if (auto v = number(action.v, "sleep_ms", 10000)) s.sleep_ms = static_cast<unsigned>(*v);
      else ok = false;
    }
    if (const Entry* as = get(*map, "as")) {
      auto t = text(as->v, "as");
      if (t && (*t == "user" || *t == "operator" || *t == "administrator" || *t == "admin")) {
        s.as = parse_step_privilege(*t);
      } else {
        if (t) error(as->v, "unknown privilege '" + *t + "' for 'as' (expected user, operator or administrator)");
        ok = false;
      }
    }
    if (const Entry* r = get(*map, "repeat")) {
      if (auto v = number(r->v, "repeat", 64)) {
        if (*v == 0) {
          error(r->v, "repeat 0 (expected 1..64)");
          ok = false;
        } else {
          s.repeat = static_cast<unsigned>(*v);
        }
      } else {
        ok = false;
      }
    }
    if (const Entry* x = get(*map, "expect")) {
      if (auto e = expectation(x->v, s.action, cmd, vars)) s.expect = std::move(*e);
      else ok = false;
    } else {
      s.expect.where = s.where;
    }
    if (const Entry* c = get(*map, "capture")) {
      auto cm = any_mapping(c->v, "capture", "variable: response field");
      if (!cm) {
        ok = false;
      } else if (cmd == nullptr) {
        error(c->k, "capture needs a response to read (expected it on a send or raw step of a catalog command)");
        ok = false;
      } else {
        for (const auto& e : *cm) {
          std::string var = e.key;
          if (!var.empty() && var[0] == '$') var.erase(0, 1);
          if (!valid_variable_name(var)) {
            error(e.k, "bad variable name '" + e.key + "' (expected [a-z_][a-z0-9_]*)");
            ok = false;
            continue;
          }
          auto field = text(e.v, "capture field");
          if (!field) {
            ok = false;
            continue;
          }
          if (lookup_field(*cmd, false, Entry{*field, e.v, e.v}) == nullptr) {
            ok = false;
            continue;
          }
          s.capture.emplace_back(var, *field);
        }
        // Visible from the next step on (this step's request and expect come first).
        for (const auto& [var, field] : s.capture) vars.insert(var);
      }
    }
    if (!ok) return std::nullopt;
    return s;
  }

  // `vars` nullptr: no variables allowed (valid_request).
  std::optional<std::vector<std::pair<std::string, Value>>> request_fields(const YAML::Node& n,
                                                                           const CommandDescriptor& cmd,
                                                                           const Vars* vars) {
    auto fm = any_mapping(n, "send", "request field: value");
    if (!fm) return std::nullopt;
    std::vector<std::pair<std::string, Value>> out;
    bool ok = true;
    for (const auto& e : *fm) {
      const Field* f = lookup_field(cmd, true, e);
      if (f == nullptr) {
        ok = false;
        continue;
      }
      if (auto v = field_value(*f, e.v, vars, cmd.id)) out.emplace_back(e.key, std::move(*v));
      else ok = false;
    }
    if (!ok) return std::nullopt;
    // The catalog decides what no single field can: one layout holding every field given, tail
    // lengths. Variables stand in as zero / empty.
    catalog::FieldValues values;
    for (const auto& [name, v] : out) {
      if (v.is_variable()) {
        const Field* f = find_field(cmd.request, name);
        // (a tail's placeholder has the tail's minimum length)
        values.emplace_back(name, f != nullptr && f->kind == FieldKind::uint
                                      ? catalog::FieldInput(0)
                                      : catalog::FieldInput(Bytes(f != nullptr && f->kind == FieldKind::rest ? f->length : 0, 0)));
      } else {
        values.emplace_back(name, to_field_input(v));
      }
    }
    if (auto enc = catalog::encode_request(cmd, values); !enc) {
      error(n, "the request cannot be encoded: " + enc.error() + " (expected fields of one layout of " + cmd.id + ")");
      return std::nullopt;
    }
    return out;
  }

  std::vector<Step> steps(const YAML::Node& n, const StepContext& ctx, Vars& vars, const std::string& what,
                          bool& ok) {
    std::vector<Step> out;
    if (!n.IsSequence()) {
      error(n, what + " must be a list of steps (expected - send: {...})");
      ok = false;
      return out;
    }
    for (const auto& x : n) {
      if (auto s = step(x, ctx, vars, "a step")) out.push_back(std::move(*s));
      else ok = false;
    }
    return out;
  }

  // ---- cases and the file -------------------------------------------------------------------

  void check_requires(const YAML::Node& n, const std::string& gate, bool& ok) {
    const auto& plain = requires_gates();
    if (std::find(plain.begin(), plain.end(), gate) != plain.end()) return;
    auto arg_of = [&](std::string_view prefix) -> std::optional<std::string> {
      if (gate.rfind(prefix, 0) == 0) return gate.substr(prefix.size());
      return std::nullopt;
    };
    auto suite = arg_of("cipher-suite:");
    if (!suite) suite = arg_of("not-cipher-suite:");
    if (auto a = suite) {
      auto v = parse_number(*a);
      if (v && *v <= 0xff) return;
      error(n, "bad gate '" + gate + "' (expected cipher-suite:N or not-cipher-suite:N with N 0..255)");
    } else if (auto at = arg_of("auth-type:")) {
      if (parse_auth_type(*at)) return;
      error(n, "bad gate '" + gate + "' (expected auth-type:none, md2, md5, password or oem)");
    } else if (auto c = arg_of("command:")) {
      if (cat_.find(*c) != nullptr) return;
      std::vector<std::string> ids;
      for (const auto& d : cat_.all()) ids.push_back(d.id);
      error(n, "unknown command '" + *c + "' in gate '" + gate + "' (" + did_you_mean(*c, ids) +
                   "expected command:<catalog id>)");
    } else if (gate.rfind("interface:", 0) == 0) {
      error(n, "bad gate '" + gate + "' (expected interface:system or interface:lan)");
    } else {
      std::vector<std::string> all = plain;
      for (const char* p : {"cipher-suite:N", "not-cipher-suite:N", "auth-type:md5", "command:<id>"}) all.emplace_back(p);
      error(n, "unknown requires gate '" + gate + "' (" + did_you_mean(gate, all) + "expected one of: " + join(all) +
                   ")");
    }
    ok = false;
  }

  std::optional<Case> a_case(const YAML::Node& n, const CaseFile& file, const StepContext& ctx) {
    auto map = mapping(n, "case", "case");
    if (!map) return std::nullopt;
    Case c;
    c.where = loc(n);
    c.command = file.command;
    c.spec = file.spec;
    c.tags = file.tags;
    bool ok = true;
    if (const Entry* id = get(*map, "id")) {
      if (auto t = text(id->v, "id")) {
        c.id = *t;
        if (!valid_id(c.id)) {
          error(id->v, "bad case id '" + c.id + "' (expected [a-z0-9.-]+, e.g. app.get-device-id.basic)");
          ok = false;
        }
      } else {
        ok = false;
      }
    } else {
      error(n, "a case needs 'id' (expected id: <area>.<command>.<what>)");
      ok = false;
    }
    if (!get(*map, "steps")) {
      error(n, "a case needs 'steps' (expected a list of steps)");
      ok = false;
    }
    Vars vars(builtin_variables().begin(), builtin_variables().end());
    // Steps are read in run order (setup, steps, teardown) so captures flow forward; the
    // other keys do not depend on variables except quirk alternatives (read last).
    for (const char* key : {"title", "spec", "tags", "mandatory", "privilege", "requires", "destructive", "isolated",
                            "interface", "severity", "finding", "setup", "steps", "teardown", "quirk_alternatives"}) {
      const Entry* e = get(*map, key);
      if (e == nullptr) continue;
      const std::string k = e->key;
      if (k == "title" || k == "spec") {
        if (auto t = text(e->v, k)) (k == "title" ? c.title : c.spec) = *t;
        else ok = false;
      } else if (k == "tags") {
        for (auto& t : string_list(e->v, "tags"))
          if (std::find(c.tags.begin(), c.tags.end(), t) == c.tags.end()) c.tags.push_back(std::move(t));
      } else if (k == "mandatory") {
        auto t = text(e->v, "mandatory");
        if (t && (*t == "M" || *t == "O")) {
          c.mandatory = *t == "M";
        } else {
          if (t) error(e->v, "mandatory must be M or O (got '" + *t + "')");
          ok = false;
        }
      } else if (k == "privilege") {
        auto t = text(e->v, "privilege");
        if (t && parse_step_privilege(*t)) {
          c.privilege = parse_step_privilege(*t);
        } else {
          if (t) error(e->v, "unknown privilege '" + *t + "' (expected callback, user, operator, administrator or oem)");
          ok = false;
        }
      } else if (k == "requires") {
        if (!e->v.IsSequence() && !e->v.IsScalar()) {
          error(e->v, "requires must be a list of gates (expected [ipmi20, cipher-suite:3])");
          ok = false;
          continue;
        }
        std::vector<YAML::Node> items;
        if (e->v.IsScalar()) items.push_back(e->v);
        else for (const auto& x : e->v) items.push_back(x);
        for (const auto& x : items) {
          auto g = text(x, "a requires gate");
          if (!g) {
            ok = false;
            continue;
          }
          check_requires(x, *g, ok);
          c.requires_.push_back(*g);
        }
      } else if (k == "destructive") {
        if (auto b = boolean(e->v, "destructive")) c.destructive = *b;
        else ok = false;
      } else if (k == "isolated") {
        if (auto b = boolean(e->v, "isolated")) c.isolated = *b;
        else ok = false;
      } else if (k == "interface") {
        auto t = text(e->v, "interface");
        if (t && (*t == "lan" || *t == "system")) {
          c.interface = *t == "lan" ? Case::Interface::lan : Case::Interface::system;
        } else {
          if (t) error(e->v, "unknown interface '" + *t + "' (expected lan or system)");
          ok = false;
        }
      } else if (k == "severity") {
        auto t = text(e->v, "severity");
        if (t && (*t == "must" || *t == "should")) {
          c.severity = *t == "must" ? Case::Severity::must : Case::Severity::should;
        } else {
          if (t) error(e->v, "unknown severity '" + *t + "' (expected must or should)");
          ok = false;
        }
      } else if (k == "finding") {
        if (auto f = finding(e->v)) c.finding = std::move(*f);
        else ok = false;
      } else if (k == "setup" || k == "steps" || k == "teardown") {
        auto list = steps(e->v, ctx, vars, k, ok);
        if (k == "setup") c.setup = std::move(list);
        else if (k == "steps") c.steps = std::move(list);
        else c.teardown = std::move(list);
        if (k == "steps" && e->v.IsSequence() && e->v.size() == 0) {
          error(e->v, "a case needs at least one step (expected a list of steps)");
          ok = false;
        }
      } else if (k == "quirk_alternatives") {
        if (!e->v.IsSequence()) {
          error(e->v, "quirk_alternatives must be a list (expected - quirk: NAME\\n  expect: {...})");
          ok = false;
          continue;
        }
        for (const auto& x : e->v) {
          auto qm = mapping(x, "a quirk alternative", "quirk_alternative");
          if (!qm) {
            ok = false;
            continue;
          }
          QuirkAlternative q;
          q.where = loc(x);
          const Entry* qn = get(*qm, "quirk");
          const Entry* qe = get(*qm, "expect");
          if (qn == nullptr || qe == nullptr) {
            error(x, std::string("a quirk alternative needs '") + (qn == nullptr ? "quirk" : "expect") +
                         "' (expected {quirk: NAME, expect: {...}})");
            ok = false;
            continue;
          }
          if (auto t = text(qn->v, "quirk")) {
            q.quirk = *t;
            if (quirks_ != nullptr && std::none_of(quirks_->begin(), quirks_->end(),
                                                   [&](const Quirk& kq) { return kq.name == *t; })) {
              std::vector<std::string> names;
              for (const auto& kq : *quirks_) names.push_back(kq.name);
              error(qn->v, "unknown quirk '" + *t + "' (" + did_you_mean(*t, names) +
                               "expected a quirk listed in cases/quirks.yaml" +
                               (names.empty() ? std::string(": none listed") : ": " + join(names)) + ")");
              ok = false;
            }
          } else {
            ok = false;
          }
          if (auto ex = expectation(qe->v, std::nullopt, ctx.file_command, vars)) q.expect = std::move(*ex);
          else ok = false;
          c.quirk_alternatives.push_back(std::move(q));
        }
      }
    }
    if (!ok) return std::nullopt;
    return c;
  }

  std::optional<CaseFile> file(const std::string& text) {
    CaseFile out;
    out.path = name_;
    const auto parsed = parse(text);
    if (!parsed) return std::nullopt;
    const YAML::Node& root = *parsed;
    if (!root.IsMap()) {
      if (!root.IsDefined() || root.IsNull())
        diags.push_back(Diagnostic{SourceLocation{name_, 1, 1}, "empty case file (expected a mapping with 'cases')"});
      else
        error(root, "a case file is a mapping (expected keys: " + join(keys_of("file")) + ")");
      return std::nullopt;
    }
    auto map = mapping(root, "the case file", "file");
    if (!map) return std::nullopt;
    bool ok = true;
    StepContext ctx;
    if (const Entry* c = get(*map, "command")) {
      ctx.file_command = command(c->v);
      if (ctx.file_command != nullptr) out.command = ctx.file_command->id;
      else ok = false;
    }
    if (const Entry* s = get(*map, "spec")) {
      if (auto t = this->text(s->v, "spec")) out.spec = *t;
      else ok = false;
    }
    if (const Entry* t = get(*map, "tags")) out.tags = string_list(t->v, "tags");
    if (const Entry* v = get(*map, "valid_request")) {
      if (auto s = valid_request(v->v, ctx)) out.valid_request = std::move(*s);
      else ok = false;
    }
    if (const Entry* g = get(*map, "generate")) {
      if (!get(*map, "valid_request")) {
        error(g->k, "generate without valid_request (expected a valid_request to generate negative cases from)");
        ok = false;
      } else if (g->v.IsScalar()) {
        if (auto b = boolean(g->v, "generate")) out.generate = GenerateOptions{*b, *b, *b};
        else ok = false;
      } else if (auto gm = mapping(g->v, "generate", "generate")) {
        GenerateOptions o;
        for (const auto& e : *gm) {
          auto b = boolean(e.v, e.key);
          if (!b) {
            ok = false;
            continue;
          }
          (e.key == "short" ? o.short_request : e.key == "long" ? o.long_request : o.reserved_bits) = *b;
        }
        out.generate = o;
      } else {
        ok = false;
      }
    }
    const Entry* cs = get(*map, "cases");
    if (cs == nullptr) {
      error(root, "a case file needs 'cases' (expected a list of cases)");
      return std::nullopt;
    }
    if (!cs->v.IsSequence()) {
      error(cs->v, "cases must be a list (expected - id: ...)");
      return std::nullopt;
    }
    std::map<std::string, SourceLocation> seen;
    for (const auto& x : cs->v) {
      auto c = a_case(x, out, ctx);
      if (!c) {
        ok = false;
        continue;
      }
      if (auto it = seen.find(c->id); it != seen.end()) {
        diags.push_back(Diagnostic{c->where, "duplicate case id '" + c->id + "' (first at " + it->second.to_string() +
                                                 "; expected ids unique across the library)"});
        ok = false;
        continue;
      }
      seen.emplace(c->id, c->where);
      out.cases.push_back(std::move(*c));
    }
    if (!ok) return std::nullopt;
    return out;
  }

  std::optional<Step> valid_request(const YAML::Node& n, const StepContext& ctx) {
    Step s;
    s.where = loc(n);
    s.expect.where = s.where;
    if (n.IsMap() && n["raw"]) {
      auto m = mapping(n, "valid_request", "valid_request_raw");
      if (!m) return std::nullopt;
      auto b = hex_bytes(get(*m, "raw")->v, "valid_request raw");
      if (!b) return std::nullopt;
      if (b->size() < 2) {
        error(n, "valid_request raw has " + std::to_string(b->size()) + " byte(s) (expected NETFN CMD [DATA...])");
        return std::nullopt;
      }
      const CommandDescriptor* c = cat_.find((*b)[0], (*b)[1]);
      if (c == nullptr || (ctx.file_command != nullptr && c != ctx.file_command)) {
        error(n, "valid_request raw is " + hex((*b)[0]) + " " + hex((*b)[1]) + ", not the file's command (expected " +
                     (ctx.file_command != nullptr ? ctx.file_command->id : std::string("a catalog command")) + ")");
        return std::nullopt;
      }
      s.action = Step::Action::raw;
      s.raw = std::move(*b);
      return s;
    }
    if (ctx.file_command == nullptr) {
      error(n, "valid_request needs the file's command (expected `command:` in the file)");
      return std::nullopt;
    }
    s.action = Step::Action::send;
    s.command = ctx.file_command->id;
    auto fields = request_fields(n, *ctx.file_command, nullptr);
    if (!fields) return std::nullopt;
    s.fields = std::move(*fields);
    return s;
  }

  const std::string& name() const { return name_; }

 private:
  std::string name_;
  const catalog::Catalog& cat_;
  const std::vector<Quirk>* quirks_;
};

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Diagnostic cannot_open(const std::string& path, const std::string& what) {
  return Diagnostic{SourceLocation{path, 0, 0}, "cannot open the " + what + " (expected a readable file)"};
}

// Profiles and target profiles: small files, parsed here with the same conventions.
std::optional<Profile> load_profile(Parser& p, const std::string& text, const std::string& stem) {
  const auto parsed = p.parse(text);
  if (!parsed) return std::nullopt;
  const YAML::Node& root = *parsed;
  auto map = p.mapping(root, "a profile", "profile");
  if (!map) return std::nullopt;
  Profile out;
  out.name = stem;
  out.where = p.loc(root);
  if (const Entry* e = get(*map, "profile"))
    if (auto t = p.text(e->v, "profile")) out.name = *t;
  if (const Entry* e = get(*map, "description"))
    if (auto t = p.text(e->v, "description")) out.description = *t;
  for (const char* side : {"include", "exclude"}) {
    const Entry* e = get(*map, side);
    if (e == nullptr) continue;
    auto sel = p.mapping(e->v, side, "selector");
    if (!sel) continue;
    const bool inc = std::string_view(side) == "include";
    if (const Entry* t = get(*sel, "tags")) (inc ? out.include_tags : out.exclude_tags) = p.string_list(t->v, "tags");
    if (const Entry* i = get(*sel, "ids")) (inc ? out.include_ids : out.exclude_ids) = p.string_list(i->v, "ids");
  }
  return out;
}

std::optional<TargetProfile> load_target(Parser& p, const std::string& text, const std::string& stem) {
  const auto parsed = p.parse(text);
  if (!parsed) return std::nullopt;
  const YAML::Node& root = *parsed;
  auto map = p.mapping(root, "a target profile", "target");
  if (!map) return std::nullopt;
  TargetProfile out;
  out.name = stem;
  out.where = p.loc(root);
  if (const Entry* e = get(*map, "target"))
    if (auto t = p.text(e->v, "target")) out.name = *t;
  if (const Entry* e = get(*map, "description"))
    if (auto t = p.text(e->v, "description")) out.description = *t;
  if (const Entry* e = get(*map, "quirks")) out.quirks = p.string_list(e->v, "quirks");
  return out;
}

// Quirk names of a target, with their nodes for positions (re-read: string_list drops them).
void check_target_quirks(Parser& p, const std::string& text, const std::vector<Quirk>& known) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return;  // reported by load_target
  }
  if (!root.IsMap()) return;
  for (const auto& kv : root) {
    if (!kv.first.IsScalar() || kv.first.Scalar() != "quirks") continue;
    std::vector<YAML::Node> items;
    if (kv.second.IsScalar()) items.push_back(kv.second);
    else if (kv.second.IsSequence())
      for (const auto& x : kv.second) items.push_back(x);
    std::vector<std::string> names;
    for (const auto& q : known) names.push_back(q.name);
    for (const auto& x : items) {
      if (!x.IsScalar()) continue;
      const std::string& q = x.Scalar();
      if (std::find(names.begin(), names.end(), q) == names.end())
        p.error(x, "unknown quirk '" + q + "' (" + did_you_mean(q, names) + "expected a quirk listed in cases/quirks.yaml" +
                       (names.empty() ? std::string(": none listed") : ": " + join(names)) + ")");
    }
  }
}

std::vector<fs::path> yaml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".yaml") out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

const std::vector<std::string>& builtin_variables() {
  static const std::vector<std::string> v = {"admin_user", "admin_password", "lan_channel", "user_id"};
  return v;
}

const std::vector<std::string>& requires_gates() {
  static const std::vector<std::string> g = {"ipmi15", "ipmi20", "interface:system", "interface:lan", "destructive"};
  return g;
}

const std::vector<KeyList>& accepted_keys() {
  static const std::vector<KeyList> k = {
      {"file", {"command", "spec", "tags", "valid_request", "generate", "cases"}},
      {"generate", {"short", "long", "reserved_bits"}},
      {"valid_request_raw", {"raw"}},
      {"case",
       {"id", "title", "spec", "tags", "mandatory", "privilege", "requires", "destructive", "isolated", "interface", "setup",
        "steps", "teardown", "severity", "finding", "quirk_alternatives"}},
      {"step", {"send", "raw", "session", "sleep_ms", "probe", "command", "as", "expect", "capture", "repeat"}},
      {"finding", {"severity", "title", "remedy", "references"}},
      {"expect", {"completion_code", "length", "fields", "session", "no_response", "discarded", "resent", "sequence", "integrity_pad"}},
      {"length", {"range"}},
      {"matcher", {"equals", "not_equal", "mask", "value", "range", "one_of", "same_as"}},
      {"bytes_value", {"hex"}},
      {"session_action", {"open", "close", "set_privilege"}},
      {"session_open", {"cipher_suite", "auth_type", "user", "password", "privilege", "kg"}},
      {"session_set_privilege", {"privilege"}},
      {"session_expect", {"failed_at", "status"}},
      {"quirk_alternative", {"quirk", "expect"}},
      {"profile", {"profile", "description", "include", "exclude"}},
      {"selector", {"tags", "ids"}},
      {"target", {"target", "description", "quirks"}},
      {"quirks_file", {"quirks"}},
      {"quirk", {"name", "relaxes"}},
  };
  return k;
}

void sort_diagnostics(std::vector<Diagnostic>& diags) {
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.where.file != b.where.file) return a.where.file < b.where.file;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
}

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

tl::expected<CaseFile, std::vector<Diagnostic>> load_case_text(const std::string& text, const std::string& name,
                                                               const catalog::Catalog& catalog,
                                                               const std::vector<Quirk>* known_quirks) {
  Parser p(name, catalog, known_quirks);
  auto f = p.file(text);
  if (!p.diags.empty() || !f) {
    sort_diagnostics(p.diags);
    return tl::unexpected(std::move(p.diags));
  }
  return std::move(*f);
}

tl::expected<CaseFile, std::vector<Diagnostic>> load_case_file(const std::string& path, const catalog::Catalog& catalog,
                                                               const std::vector<Quirk>* known_quirks) {
  auto text = read_text(path);
  if (!text) return tl::unexpected(std::vector<Diagnostic>{cannot_open(path, "case file")});
  return load_case_text(*text, path, catalog, known_quirks);
}

tl::expected<std::vector<Quirk>, std::vector<Diagnostic>> load_quirks_text(const std::string& text,
                                                                           const std::string& name) {
  static const catalog::Catalog empty;
  Parser p(name, empty, nullptr);
  std::vector<Quirk> out;
  std::map<std::string, std::size_t> quirk_index;
  const auto parsed = p.parse(text);
  if (!parsed) return tl::unexpected(std::move(p.diags));
  const YAML::Node& root = *parsed;
  if (auto map = p.mapping(root, "the quirk list", "quirks_file")) {
    const Entry* q = get(*map, "quirks");
    if (q == nullptr) {
      p.error(root, "the quirk list needs 'quirks' (expected quirks: [{name: ..., relaxes: ...}])");
    } else if (q->v.IsNull()) {
      // no quirks yet
    } else if (!q->v.IsSequence()) {
      p.error(q->v, "quirks must be a list (expected - name: ...\\n  relaxes: ...)");
    } else {
      for (const auto& x : q->v) {
        auto qm = p.mapping(x, "a quirk", "quirk");
        if (!qm) continue;
        Quirk k;
        k.where = p.loc(x);
        const Entry* n = get(*qm, "name");
        const Entry* r = get(*qm, "relaxes");
        if (n == nullptr || r == nullptr) {
          p.error(x, std::string("a quirk needs '") + (n == nullptr ? "name" : "relaxes") +
                         "' (expected {name: NAME, relaxes: \"the rule it relaxes\"})");
          continue;
        }
        if (auto t = p.text(n->v, "name")) k.name = *t;
        if (auto t = p.text(r->v, "relaxes")) k.relaxes = *t;
        if (!k.name.empty() && !std::all_of(k.name.begin(), k.name.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            })) {
          p.error(n->v, "bad quirk name '" + k.name + "' (expected [a-z0-9-]+)");
          continue;
        }
        // Names seen so far, by index: a search of `out` per entry was quadratic (a 240 kB
        // quirk list took 15 s under the case_loader fuzzer).
        const auto [seen, fresh] = quirk_index.try_emplace(k.name, out.size());
        if (!fresh) {
          const auto& first = out[seen->second];
          p.error(n->v, "duplicate quirk '" + k.name + "' (first at " + first.where.to_string() +
                            "; expected each quirk once)");
          continue;
        }
        out.push_back(std::move(k));
      }
    }
  }
  if (!p.diags.empty()) {
    sort_diagnostics(p.diags);
    return tl::unexpected(std::move(p.diags));
  }
  return out;
}

tl::expected<std::vector<Quirk>, std::vector<Diagnostic>> load_quirks_file(const std::string& path) {
  auto text = read_text(path);
  if (!text) return tl::unexpected(std::vector<Diagnostic>{cannot_open(path, "quirk list")});
  return load_quirks_text(*text, path);
}

LibraryReport check_library(const std::string& dir, const catalog::Catalog& catalog) {
  LibraryReport r;
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    r.problems.push_back(Diagnostic{SourceLocation{dir, 0, 0}, "not a directory (expected the case library folder)"});
    return r;
  }
  // The quirk list first: case files and targets are checked against it.
  const fs::path quirks_path = root / "quirks.yaml";
  if (fs::exists(quirks_path, ec)) {
    auto q = load_quirks_file(quirks_path.string());
    if (q) r.library.quirks = std::move(*q);
    else r.problems.insert(r.problems.end(), q.error().begin(), q.error().end());
  }
  // Case files: every *.yaml below dir, except the special folders and the quirk list.
  std::vector<fs::path> case_paths;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it.depth() == 0 && it->is_directory(ec) &&
        (it->path().filename() == "profiles" || it->path().filename() == "targets")) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || it->path().extension() != ".yaml") continue;
    if (it.depth() == 0 && it->path().filename() == "quirks.yaml") continue;
    case_paths.push_back(it->path());
  }
  std::sort(case_paths.begin(), case_paths.end());
  std::map<std::string, SourceLocation> ids;
  for (const auto& path : case_paths) {
    ++r.case_files;
    auto f = load_case_file(path.string(), catalog, &r.library.quirks);
    if (!f) {
      r.problems.insert(r.problems.end(), f.error().begin(), f.error().end());
      continue;
    }
    for (const auto& c : f->cases) {
      if (auto it = ids.find(c.id); it != ids.end()) {
        r.problems.push_back(Diagnostic{c.where, "duplicate case id '" + c.id + "' (first at " +
                                                     it->second.to_string() + "; expected ids unique across the library)"});
      } else {
        ids.emplace(c.id, c.where);
      }
    }
    r.library.files.push_back(std::move(*f));
  }
  for (const auto& f : r.library.files) {
    for (auto& g : generate_negative_cases(f, catalog)) {
      if (auto it = ids.find(g.id); it != ids.end()) {
        r.problems.push_back(Diagnostic{g.where, "generated case id '" + g.id + "' is also defined at " +
                                                     it->second.to_string() +
                                                     " (expected unique ids; rename that case or turn generation off)"});
        continue;
      }
      ids.emplace(g.id, g.where);
      r.library.generated.push_back(std::move(g));
    }
  }
  // Targets: their quirks must be known.
  for (const auto& path : yaml_files(root / "targets")) {
    auto text = read_text(path.string());
    if (!text) {
      r.problems.push_back(cannot_open(path.string(), "target profile"));
      continue;
    }
    Parser p(path.string(), catalog, nullptr);
    auto t = load_target(p, *text, path.stem().string());
    if (t) check_target_quirks(p, *text, r.library.quirks);
    if (t) r.library.targets.push_back(std::move(*t));
    r.problems.insert(r.problems.end(), p.diags.begin(), p.diags.end());
  }
  // Profiles: each tag and id glob must select some case (a typo there silently empties a run).
  const auto all = r.library.all_cases();
  for (const auto& path : yaml_files(root / "profiles")) {
    auto text = read_text(path.string());
    if (!text) {
      r.problems.push_back(cannot_open(path.string(), "profile"));
      continue;
    }
    Parser p(path.string(), catalog, nullptr);
    auto prof = load_profile(p, *text, path.stem().string());
    if (prof) {
      // Positions of the items, for the diagnostics.
      const YAML::Node root_node = YAML::Load(*text);
      for (const char* side : {"include", "exclude"}) {
        const YAML::Node sel = root_node[side];
        if (!sel || !sel.IsMap()) continue;
        for (const char* kind : {"tags", "ids"}) {
          const YAML::Node list = sel[kind];
          if (!list || !list.IsSequence()) continue;
          for (const auto& x : list) {
            if (!x.IsScalar()) continue;
            const std::string& s = x.Scalar();
            const bool tag = std::string_view(kind) == "tags";
            const bool hit = std::any_of(all.begin(), all.end(), [&](const Case* c) {
              return tag ? std::find(c->tags.begin(), c->tags.end(), s) != c->tags.end() : glob_match(s, c->id);
            });
            if (hit) continue;
            if (tag) {
              std::vector<std::string> tags;
              for (const Case* c : all)
                for (const auto& t : c->tags)
                  if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
              p.error(x, "profile '" + prof->name + "' " + side + "s tag '" + s + "' that no case has (" +
                             did_you_mean(s, tags) + "expected a tag of some case)");
            } else {
              p.error(x, "profile '" + prof->name + "' " + side + "s ids '" + s +
                             "' that match no case (expected a glob over case ids, e.g. app.get-device-id.*)");
            }
          }
        }
      }
      r.library.profiles.push_back(std::move(*prof));
    }
    r.problems.insert(r.problems.end(), p.diags.begin(), p.diags.end());
  }
  sort_diagnostics(r.problems);
  return r;
}

tl::expected<Library, std::vector<Diagnostic>> load_library(const std::string& dir, const catalog::Catalog& catalog) {
  auto r = check_library(dir, catalog);
  if (!r.problems.empty()) return tl::unexpected(std::move(r.problems));
  return std::move(r.library);
}

}  // namespace ipmict::cases
