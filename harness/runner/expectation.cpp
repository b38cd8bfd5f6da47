// The expectation engine: matchers over catalog-decoded fields (docs/case-format.md).
#include "harness/runner/expectation.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace ipmict::runner {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// "0x1f", "31", "0b101" as people write numbers in YAML strings.
std::optional<std::uint64_t> parse_number(std::string_view text) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
    base = 2;
    text.remove_prefix(2);
  }
  if (text.empty()) return std::nullopt;
  std::uint64_t v = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v, base);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

std::string hex_number(std::uint64_t v) { return v <= 0xff ? fmt::format("0x{:02x}", v) : fmt::format("0x{:x}", v); }

std::string cc_text(const catalog::CommandDescriptor* cmd, std::uint8_t cc) {
  return fmt::format("{:02X}h ({})", cc, catalog::completion_code_name(cmd, cc));
}

std::string seen_text(const catalog::FieldValue& f) {
  if (f.number) {
    std::string s = hex_number(*f.number);
    if (!f.label.empty()) s += " (" + f.label + ")";
    return s;
  }
  if (f.kind == catalog::FieldKind::ascii) return fmt::format("\"{}\"", f.text);
  if (f.bytes.empty()) return "(no bytes)";
  return to_hex(view(f.bytes));
}

std::string value_text(const cases::Value& v, const Variables& variables) {
  if (const auto* n = std::get_if<std::uint64_t>(&v.value)) return hex_number(*n);
  if (const auto* b = std::get_if<Bytes>(&v.value)) return b->empty() ? std::string("(no bytes)") : to_hex(view(*b));
  const auto& s = std::get<std::string>(v.value);
  if (!s.empty() && s[0] == '$') {
    auto it = variables.find(std::string_view(s).substr(1));
    if (it == variables.end()) return s + " (undefined)";
    return s + " (" + to_display(it->second) + ")";
  }
  return s;
}

// The number a string names for this field: an enum label of the catalog field, the seen
// field's own label, or a number written as text.
std::optional<std::uint64_t> label_value(std::string_view s, const catalog::FieldValue& seen, const catalog::Field* field) {
  if (field != nullptr) {
    for (const auto& ev : field->values) {
      if (iequals(ev.name, s)) return ev.value;
    }
  }
  if (!seen.label.empty() && iequals(seen.label, s) && seen.number) return seen.number;
  // Privilege fields: "admin" as well as the catalog's "Administrator".
  if (field != nullptr && !field->values.empty()) {
    if (auto p = parse_privilege(s)) {
      const auto name = privilege_name(static_cast<std::uint8_t>(*p));
      if (name) {
        for (const auto& ev : field->values) {
          if (iequals(ev.name, *name)) return ev.value;
        }
      }
    }
  }
  return parse_number(s);
}

enum class Cmp : std::uint8_t { equal, different, incomparable };

Cmp compare_variable(const VariableValue& v, const catalog::FieldValue& seen) {
  if (seen.kind == catalog::FieldKind::ascii) {
    // NUL-padded text: "admin" equals the 16 bytes "admin\0\0..." of a user name field.
    const std::string want = v.text.empty() ? std::string(v.bytes.begin(), v.bytes.end()) : v.text;
    return want == seen.text ? Cmp::equal : Cmp::different;
  }
  if (v.number && seen.number) return *v.number == *seen.number ? Cmp::equal : Cmp::different;
  if (!v.number && !seen.number) return v.bytes == seen.bytes ? Cmp::equal : Cmp::different;
  if (v.number && !seen.bytes.empty() && seen.kind != catalog::FieldKind::uint) {
    // a number captured from a 1-byte field against a bytes field: compare the bytes' value
    if (seen.bytes.size() == 1) return seen.bytes[0] == *v.number ? Cmp::equal : Cmp::different;
  }
  if (!v.bytes.empty()) return v.bytes == seen.bytes ? Cmp::equal : Cmp::different;
  return Cmp::incomparable;
}

// Does `seen` equal the case value `expected`? `why` explains an incomparable pair.
Cmp compare(const cases::Value& expected, const catalog::FieldValue& seen, const catalog::Field* field,
            const Variables& variables, std::string& why) {
  if (const auto* n = std::get_if<std::uint64_t>(&expected.value)) {
    if (seen.number) return *n == *seen.number ? Cmp::equal : Cmp::different;
    if (seen.bytes.size() == 1) return seen.bytes[0] == *n ? Cmp::equal : Cmp::different;
    why = "a number for a field of bytes";
    return Cmp::incomparable;
  }
  if (const auto* b = std::get_if<Bytes>(&expected.value)) {
    return *b == seen.bytes ? Cmp::equal : Cmp::different;
  }
  const auto& s = std::get<std::string>(expected.value);
  if (!s.empty() && s[0] == '$') {
    auto it = variables.find(std::string_view(s).substr(1));
    if (it == variables.end()) {
      why = "undefined variable " + s;
      return Cmp::incomparable;
    }
    const Cmp c = compare_variable(it->second, seen);
    if (c == Cmp::incomparable) why = "variable " + s + " and the field are of different kinds";
    return c;
  }
  switch (seen.kind) {
    case catalog::FieldKind::uint: {
      auto v = label_value(s, seen, field);
      if (!v) {
        why = fmt::format("'{}' is neither a number nor a value name of this field", s);
        return Cmp::incomparable;
      }
      return *v == seen.number.value_or(~*v) ? Cmp::equal : Cmp::different;
    }
    case catalog::FieldKind::ascii: return seen.text == s ? Cmp::equal : Cmp::different;
    case catalog::FieldKind::bytes:
    case catalog::FieldKind::rest:
      if (auto hex = parse_hex(s)) return *hex == seen.bytes ? Cmp::equal : Cmp::different;
      if (!seen.text.empty()) return seen.text == s ? Cmp::equal : Cmp::different;  // GUID/MAC/IPv4 renderings
      return Bytes(s.begin(), s.end()) == seen.bytes ? Cmp::equal : Cmp::different;
  }
  return Cmp::incomparable;
}

std::optional<std::uint64_t> number_of(const cases::Value& v, const catalog::FieldValue& seen, const catalog::Field* field,
                                       const Variables& variables) {
  if (const auto* n = std::get_if<std::uint64_t>(&v.value)) return *n;
  if (const auto* s = std::get_if<std::string>(&v.value)) {
    if (!s->empty() && (*s)[0] == '$') {
      auto it = variables.find(std::string_view(*s).substr(1));
      if (it != variables.end()) return it->second.number;
      return std::nullopt;
    }
    return label_value(*s, seen, field);
  }
  return std::nullopt;
}

}  // namespace

std::string to_display(const VariableValue& v) {
  if (v.secret) return "<secret>";
  if (v.number) return hex_number(*v.number);
  if (!v.text.empty()) return fmt::format("\"{}\"", v.text);
  return v.bytes.empty() ? std::string("(no bytes)") : to_hex(view(v.bytes));
}

std::string Mismatch::to_string() const { return fmt::format("{}: expected {}, seen {}", what, expected, seen); }

std::string describe(const cases::Matcher& m, const Variables& variables) {
  using K = cases::Matcher::Kind;
  auto list = [&] {
    std::string s;
    for (const auto& v : m.values) s += (s.empty() ? "" : ", ") + value_text(v, variables);
    return s;
  };
  switch (m.kind) {
    case K::equals: return m.values.empty() ? "?" : value_text(m.values[0], variables);
    case K::not_equal: return "not " + (m.values.empty() ? std::string("?") : value_text(m.values[0], variables));
    case K::mask:
      return fmt::format("mask {} = {}", hex_number(m.mask), m.values.empty() ? "?" : value_text(m.values[0], variables));
    case K::range: return "range [" + list() + "]";
    case K::one_of: return "one of [" + list() + "]";
    case K::any: return "any value";
    case K::same_as: return "same as " + (m.values.empty() ? std::string("?") : value_text(m.values[0], variables));
    case K::absent: return "absent";
  }
  return "?";
}

std::optional<Mismatch> match_field(std::string_view name, const cases::Matcher& m, const catalog::FieldValue* seen,
                                    const catalog::Field* field, const Variables& variables) {
  using K = cases::Matcher::Kind;
  Mismatch mm{"fields." + std::string(name), describe(m, variables), seen ? seen_text(*seen) : "absent"};
  if (m.kind == K::absent) {
    if (seen == nullptr) return std::nullopt;
    return mm;
  }
  if (seen == nullptr) return mm;
  std::string why;
  auto incomparable = [&] {
    mm.seen += " (cannot compare: " + why + ")";
    return mm;
  };
  switch (m.kind) {
    case K::any: return std::nullopt;
    case K::equals:
    case K::same_as:
    case K::not_equal: {
      if (m.values.empty()) {
        why = "the matcher has no value";
        return incomparable();
      }
      const Cmp c = compare(m.values[0], *seen, field, variables, why);
      if (c == Cmp::incomparable) return incomparable();
      const bool want_equal = m.kind != K::not_equal;
      if ((c == Cmp::equal) == want_equal) return std::nullopt;
      return mm;
    }
    case K::one_of: {
      for (const auto& v : m.values) {
        std::string w;
        if (compare(v, *seen, field, variables, w) == Cmp::equal) return std::nullopt;
      }
      return mm;
    }
    case K::mask:
    case K::range: {
      if (!seen->number) {
        why = "the field is not a number";
        return incomparable();
      }
      const std::size_t need = m.kind == K::mask ? 1 : 2;
      if (m.values.size() < need) {
        why = "the matcher lacks values";
        return incomparable();
      }
      auto a = number_of(m.values[0], *seen, field, variables);
      auto b = m.kind == K::range ? number_of(m.values[1], *seen, field, variables) : a;
      if (!a || !b) {
        why = "a bound is not a number";
        return incomparable();
      }
      const std::uint64_t n = *seen->number;
      const bool ok = m.kind == K::mask ? (n & m.mask) == *a : (n >= *a && n <= *b);
      if (ok) return std::nullopt;
      if (m.kind == K::mask) mm.seen += fmt::format(" (masked: {})", hex_number(n & m.mask));
      return mm;
    }
    case K::absent: break;
  }
  return mm;
}

const catalog::Field* response_field(const catalog::CommandDescriptor* command, const catalog::DecodedFields& decoded,
                                     std::string_view name) {
  if (command == nullptr) return nullptr;
  for (const auto& layout : command->response) {
    if (layout.name == decoded.layout_name) {
      if (const auto* f = layout.field(name)) return f;
    }
  }
  for (const auto& layout : command->response) {
    if (const auto* f = layout.field(name)) return f;
  }
  return nullptr;
}

Observation observe(const catalog::CommandDescriptor* command, std::optional<session::Response> response) {
  Observation o;
  o.command = command;
  o.response = std::move(response);
  if (command != nullptr && o.response) {
    auto d = catalog::decode_response(*command, o.response->completion_code, view(o.response->data));
    if (d) {
      o.decoded = std::move(*d);
    } else {
      o.decode_error = ipmict::to_string(d.error());
    }
  }
  return o;
}

std::vector<Mismatch> match_expectation(const cases::Expectation& e, const Observation& o, const Variables& variables) {
  std::vector<Mismatch> out;
  if (e.no_response) {
    if (o.response) {
      out.push_back({"no_response", "no response", "an answer with cc " + cc_text(o.command, o.response->completion_code)});
    }
    return out;
  }
  if (!o.response) {
    out.push_back({"response", "an answer", "none within the timeout"});
    return out;
  }
  const auto& r = *o.response;
  const std::vector<std::uint8_t> default_cc{0x00};
  const auto& ccs = e.completion_codes ? *e.completion_codes : default_cc;
  if (std::find(ccs.begin(), ccs.end(), r.completion_code) == ccs.end()) {
    std::string want;
    for (auto c : ccs) want += (want.empty() ? "" : " or ") + cc_text(o.command, c);
    out.push_back({"completion_code", want.empty() ? "(none)" : want, cc_text(o.command, r.completion_code)});
    return out;  // the code alone is the finding; fields of an unexpected reply say nothing more
  }
  if (e.length) {
    const auto [lo, hi] = *e.length;
    if (r.data.size() < lo || r.data.size() > hi) {
      out.push_back({"length", lo == hi ? fmt::format("{} data bytes", lo) : fmt::format("{}..{} data bytes", lo, hi),
                     fmt::format("{} data bytes", r.data.size())});
    }
  }
  if (o.command != nullptr && !o.decoded && r.completion_code == 0x00) {
    out.push_back({"response layout", "the fields of " + o.command->name,
                   fmt::format("{} data bytes that do not decode: {}", r.data.size(), o.decode_error)});
    return out;
  }
  if (e.fields.empty()) return out;
  if (o.command == nullptr) {
    out.push_back({"fields", "fields decoded by the catalog", "a command the catalog does not describe"});
    return out;
  }
  for (const auto& [name, matcher] : e.fields) {
    const catalog::FieldValue* seen = o.decoded ? o.decoded->find(name) : nullptr;
    const catalog::Field* field = o.decoded ? response_field(o.command, *o.decoded, name) : nullptr;
    if (seen == nullptr && field == nullptr && response_field(o.command, catalog::DecodedFields{}, name) == nullptr) {
      out.push_back({"fields." + name, describe(matcher, variables),
                     fmt::format("no field '{}' in the response of {}", name, o.command->name)});
      continue;
    }
    if (auto m = match_field(name, matcher, seen, field, variables)) out.push_back(std::move(*m));
  }
  return out;
}

std::vector<Mismatch> match_session(const std::optional<cases::SessionExpectation>& expect, const SessionRecord& seen) {
  std::vector<Mismatch> out;
  const cases::SessionExpectation e = expect.value_or(cases::SessionExpectation{});
  auto seen_text_of = [&] {
    if (seen.established) return std::string("established");
    std::string s = "failed at " + (seen.failed_at.empty() ? std::string("?") : seen.failed_at);
    if (seen.status) s += fmt::format(", status {:02X}h", *seen.status);
    if (!seen.detail.empty()) s += " (" + seen.detail + ")";
    return s;
  };
  const bool want_established = e.established && !e.failed_at && !e.status;
  if (want_established) {
    if (!seen.established) out.push_back({"session", "established", seen_text_of()});
    return out;
  }
  std::string want = "a failure";
  if (e.failed_at) want += " at " + *e.failed_at;
  if (e.status) want += fmt::format(" with status {:02X}h", *e.status);
  if (seen.established) {
    out.push_back({"session", want, "established"});
    return out;
  }
  if (e.failed_at && !iequals(*e.failed_at, seen.failed_at)) out.push_back({"session.failed_at", *e.failed_at, seen_text_of()});
  if (e.status && seen.status != e.status) {
    out.push_back({"session.status", fmt::format("{:02X}h", *e.status),
                   seen.status ? fmt::format("{:02X}h", *seen.status) : std::string("no status")});
  }
  return out;
}

tl::expected<ResolvedValue, std::string> resolve_value(const cases::Value& value, const Variables& variables) {
  if (const auto* n = std::get_if<std::uint64_t>(&value.value)) return ResolvedValue{catalog::FieldInput(*n), false};
  if (const auto* b = std::get_if<Bytes>(&value.value)) return ResolvedValue{catalog::FieldInput(*b), false};
  const auto& s = std::get<std::string>(value.value);
  if (s.empty() || s[0] != '$') return ResolvedValue{catalog::FieldInput(s), false};
  auto it = variables.find(std::string_view(s).substr(1));
  if (it == variables.end()) return tl::unexpected("undefined variable " + s);
  const auto& v = it->second;
  if (v.number) return ResolvedValue{catalog::FieldInput(*v.number), v.secret};
  return ResolvedValue{catalog::FieldInput(v.bytes), v.secret};
}

}  // namespace ipmict::runner
