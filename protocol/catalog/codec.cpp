// Generic decode / encode / print over the declarative layouts. No per-command code here:
// every byte of untrusted input is read through ipmict::Reader (DESIGN.md §4).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "protocol/catalog/catalog.hpp"
#include "protocol/core/reader.hpp"

namespace ipmict::catalog {

namespace {

// "0x" and at least enough digits for `bits` (two at minimum). Written by hand: one
// snprintf per field was a tenth of `ipmict raw`'s CPU time (docs/benchmarks.md).
std::string hex_number(std::uint64_t v, unsigned bits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  unsigned digits = std::max(2u, (bits + 3u) / 4u);
  while (digits < 16 && (v >> (4 * digits)) != 0) ++digits;
  std::string out(2 + digits, '0');
  out[1] = 'x';
  for (unsigned i = 0; i < digits; ++i) out[out.size() - 1 - i] = kDigits[(v >> (4 * i)) & 0xfu];
  return out;
}

std::uint64_t mask_of(unsigned width) { return width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1; }

// The integer a uint field spans (LE or BE), before shifting.
std::uint64_t assemble(ByteView b, Endian e) {
  std::uint64_t v = 0;
  if (e == Endian::little) {
    for (std::size_t i = b.size(); i-- > 0;) v = (v << 8) | b[i];
  } else {
    for (std::uint8_t x : b) v = (v << 8) | x;
  }
  return v;
}

// Reads `n` bytes at `offset` through a bounded reader. On a short input the error is at
// min(offset, size) and names `field`.
ByteView read_at(ByteView data, std::size_t offset, std::size_t n, std::string_view field,
                 std::optional<DecodeError>& err) {
  Reader r(data);
  r.bytes(std::min(offset, data.size()), field);
  if (offset > data.size()) {
    r.fail(DecodeErrc::truncated, field);
  }
  ByteView v = r.bytes(n, field);
  if (!r.ok()) err = *r.error();
  return v;
}

bool when_matches(const LayoutWhen& w, ByteView data) {
  std::optional<DecodeError> err;
  const std::size_t n = (static_cast<std::size_t>(w.bit_offset) + w.bit_width + 7u) / 8u;
  ByteView b = read_at(data, w.byte_offset, n, "layout discriminator", err);
  if (err) return false;
  const std::uint64_t v = (assemble(b, Endian::little) >> w.bit_offset) & mask_of(w.bit_width);
  return v >= w.min_value && v <= w.max_value;
}

bool length_fits(const Layout& l, std::size_t n) { return n >= l.min_length() && n <= l.max_length(); }

const Layout* choose_layout_for_decode(const std::vector<Layout>& layouts, ByteView data) {
  if (layouts.empty()) return nullptr;
  const std::size_t n = data.size();
  for (const auto& l : layouts)
    if (l.when && when_matches(*l.when, data) && length_fits(l, n)) return &l;
  for (const auto& l : layouts)
    if (l.when && l.when->decisive && when_matches(*l.when, data)) return &l;
  for (const auto& l : layouts)
    if (!l.when && length_fits(l, n)) return &l;
  for (const auto& l : layouts)
    if (l.when && when_matches(*l.when, data)) return &l;
  const Layout* best = nullptr;
  for (const auto& l : layouts) {
    if (l.when || l.min_length() > n) continue;
    if (best == nullptr || l.min_length() > best->min_length()) best = &l;
  }
  if (best != nullptr) return best;
  for (const auto& l : layouts)
    if (!l.when) return &l;
  return &layouts.front();
}

std::string printable(ByteView b) {
  std::string s;
  for (std::uint8_t c : b) s += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
  return s;
}

std::string render_ipv4(std::uint64_t v) {
  return std::to_string((v >> 24) & 0xff) + "." + std::to_string((v >> 16) & 0xff) + "." +
         std::to_string((v >> 8) & 0xff) + "." + std::to_string(v & 0xff);
}

std::string render_text(const Field& f, const FieldValue& fv) {
  switch (f.display) {
    case Display::ipv4:
      if (fv.number) return render_ipv4(*fv.number);
      if (fv.bytes.size() == 4) return render_ipv4(assemble(view(fv.bytes), Endian::big));
      return {};
    case Display::mac: {
      std::string s = to_hex(view(fv.bytes), ':');
      return s;
    }
    case Display::guid: {
      // Wire order, grouped 4-2-2-2-6 (IPMI 2.0 §20.8 leaves the rendering to software; see docs/catalog.md).
      const std::string h = to_hex(view(fv.bytes), '\0');
      if (h.size() != 32) return h;
      return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
    }
    case Display::text: {
      if (f.kind == FieldKind::ascii) {
        auto end = std::find(fv.bytes.begin(), fv.bytes.end(), std::uint8_t{0});
        return printable(ByteView(fv.bytes.data(), static_cast<std::size_t>(end - fv.bytes.begin())));
      }
      return printable(view(fv.bytes));
    }
    case Display::hex:
    case Display::decimal: return {};
  }
  return {};
}

std::string bits_text(const Field& f) {
  const unsigned hi = f.bit_offset + f.bit_width - 1u;
  if (f.bit_width == 1) return "bit " + std::to_string(f.bit_offset);
  return "bits " + std::to_string(hi) + ":" + std::to_string(f.bit_offset);
}

Decoded<DecodedFields> decode_layout(const Layout* l, ByteView data) {
  DecodedFields out;
  if (l == nullptr) {
    out.layout_name = "none";
    Reader r(data);
    r.expect_end("end of message (the command has no data)");
    return r.finish(std::move(out));
  }
  out.layout_name = l->name;
  const std::size_t n = data.size();
  unsigned groups = 0;
  for (const auto& f : l->fields) groups = std::max(groups, f.group);
  std::vector<bool> present(groups + 1, false);
  present[0] = true;
  for (unsigned g = 1; g <= groups; ++g) {
    std::size_t start = unbounded;
    for (const auto& f : l->fields)
      if (f.group == g) start = std::min(start, f.byte_offset);
    present[g] = present[g - 1] && n > start;
  }
  std::size_t consumed = 0;
  for (const auto& f : l->fields) {
    if (!present[f.group]) continue;
    std::optional<DecodeError> err;
    FieldValue fv;
    fv.name = f.name;
    fv.reserved = f.reserved;
    fv.byte_offset = f.byte_offset;
    fv.kind = f.kind;
    fv.display = f.display;
    if (f.kind == FieldKind::uint) {
      ByteView b = read_at(data, f.byte_offset, f.byte_length(), f.name, err);
      if (err) return tl::unexpected(*err);
      const std::uint64_t v = (assemble(b, f.endian) >> f.bit_offset) & mask_of(f.bit_width);
      fv.number = v;
      fv.bit_offset = f.bit_offset;
      fv.bit_width = f.bit_width;
      fv.bytes.assign(b.begin(), b.end());
      for (const auto& ev : f.values)
        if (ev.value == v) fv.label = ev.name;
      if (f.reserved && v != 0) {
        out.findings.push_back("reserved bits set in " + f.name + " (byte " + std::to_string(f.byte_offset) + " " +
                               bits_text(f) + " = " + hex_number(v, 1) + ")");
      }
      consumed = std::max(consumed, f.byte_offset + f.byte_length());
    } else if (f.kind == FieldKind::rest) {
      ByteView head = read_at(data, f.byte_offset, f.length, f.name, err);
      if (err) return tl::unexpected(*err);
      (void)head;
      Reader r(data);
      r.bytes(f.byte_offset, f.name);
      ByteView tail = r.rest();
      if (f.max_length != unbounded && tail.size() > f.max_length) tail = tail.first(f.max_length);
      fv.bytes.assign(tail.begin(), tail.end());
      consumed = std::max(consumed, f.byte_offset + tail.size());
    } else {
      ByteView b = read_at(data, f.byte_offset, f.length, f.name, err);
      if (err) return tl::unexpected(*err);
      fv.bytes.assign(b.begin(), b.end());
      if (f.reserved && std::any_of(b.begin(), b.end(), [](std::uint8_t x) { return x != 0; }))
        out.findings.push_back("reserved bytes non-zero in " + f.name + " (bytes " + std::to_string(f.byte_offset) +
                               ".." + std::to_string(f.byte_offset + f.length - 1) + ")");
      consumed = std::max(consumed, f.byte_offset + f.length);
    }
    fv.text = render_text(f, fv);
    out.fields.push_back(std::move(fv));
  }
  // Everything after the last field present is trailing.
  Reader r(data);
  r.bytes(std::min(consumed, n), "");
  r.expect_end();
  if (!r.ok()) return tl::unexpected(*r.error());
  // Count fields that disagree with the bytes they count.
  for (const auto& f : l->fields) {
    if (f.length_of.empty()) continue;
    const FieldValue* count = out.find(f.name);
    const FieldValue* tail = out.find(f.length_of);
    if (count != nullptr && tail != nullptr && count->number && *count->number != tail->bytes.size())
      out.findings.push_back(f.name + " (" + std::to_string(*count->number) + ") disagrees with the " +
                             std::to_string(tail->bytes.size()) + " bytes of " + f.length_of);
  }
  return out;
}

// Label matching ignores case and treats ' ', '-', '_' alike ("OEM Proprietary" == "oem_proprietary").
std::string label_key(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '_' || c == '/') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::optional<std::uint64_t> parse_number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  unsigned base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() > 1 && (s.back() == 'h' || s.back() == 'H')) {
    base = 16;
    s.remove_suffix(1);
  } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
    base = 2;
    s.remove_prefix(2);
  }
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    unsigned d = 0;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
    else if (c == '_') continue;
    else return std::nullopt;
    if (d >= base) return std::nullopt;
    if (v > (~std::uint64_t{0} - d) / base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

const FieldInput* given(const FieldValues& values, std::string_view name) {
  for (const auto& [n, v] : values)
    if (n == name) return &v;
  return nullptr;
}

// The field that holds exactly the discriminator bits of `w`, if any.
const Field* discriminator_field(const Layout& l) {
  if (!l.when) return nullptr;
  for (const auto& f : l.fields)
    if (f.kind == FieldKind::uint && f.byte_offset == l.when->byte_offset && f.bit_offset == l.when->bit_offset &&
        f.bit_width == l.when->bit_width)
      return &f;
  return nullptr;
}

tl::expected<std::uint64_t, std::string> to_number(const Field& f, const FieldInput& in) {
  if (const auto* n = std::get_if<std::uint64_t>(&in.value)) return *n;
  if (const auto* s = std::get_if<std::string>(&in.value)) {
    const std::string key = label_key(*s);
    for (const auto& ev : f.values)
      if (label_key(ev.name) == key) return ev.value;
    if (auto v = parse_number(*s)) return *v;
    std::string known;
    for (const auto& ev : f.values) known += (known.empty() ? "" : ", ") + ev.name;
    return tl::unexpected("'" + *s + "' is neither a number nor a value name" +
                          (known.empty() ? std::string() : " (names: " + known + ")"));
  }
  const auto& b = std::get<Bytes>(in.value);
  if (b.size() != f.byte_length()) return tl::unexpected("takes a number, not " + std::to_string(b.size()) + " bytes");
  return assemble(view(b), f.endian) >> f.bit_offset;
}

bool layout_has_all(const Layout& l, const FieldValues& values) {
  return std::all_of(values.begin(), values.end(), [&](const auto& kv) { return l.field(kv.first) != nullptr; });
}

// The bytes of a bytes/text input without copying them.
ByteView bytes_of(const FieldInput& in) {
  if (const auto* s = std::get_if<std::string>(&in.value))
    return ByteView(reinterpret_cast<const std::uint8_t*>(s->data()), s->size());
  if (const auto* b = std::get_if<Bytes>(&in.value)) return view(*b);
  return {};
}

// Encoding runs for every answer the simulator sends, so the happy path allocates only the
// output: error texts are built when an error is returned, and each given value is matched
// to its field once (the first value of a name wins, as a linear lookup would find it).
tl::expected<Bytes, std::string> encode(const CommandDescriptor& cmd, const std::vector<Layout>& layouts,
                                        const FieldValues& values, std::string_view layout_name,
                                        std::string_view side) {
  auto who = [&] { return cmd.id + ": " + std::string(side); };
  if (layouts.empty()) {
    if (!values.empty())
      return tl::unexpected(who() + " has no fields ('" + values.front().first + "' given)");
    return Bytes{};
  }
  const Layout* l = nullptr;
  if (!layout_name.empty()) {
    for (const auto& x : layouts)
      if (x.name == layout_name) l = &x;
    if (l == nullptr) return tl::unexpected(who() + " has no layout '" + std::string(layout_name) + "'");
  }
  if (l == nullptr) {  // a discriminator value given picks its layout
    for (const auto& x : layouts) {
      const Field* d = discriminator_field(x);
      if (d == nullptr || !layout_has_all(x, values)) continue;
      const FieldInput* in = given(values, d->name);
      if (in == nullptr) continue;
      auto v = to_number(*d, *in);
      if (v && *v >= x.when->min_value && *v <= x.when->max_value) {
        l = &x;
        break;
      }
    }
  }
  if (l == nullptr && layouts.size() == 1 && !layouts.front().when) {
    l = &layouts.front();  // the only layout: unknown names are reported below, alike
  }
  if (l == nullptr)
    for (const auto& x : layouts)
      if (!x.when && layout_has_all(x, values)) { l = &x; break; }
  if (l == nullptr)
    for (const auto& x : layouts)
      if (layout_has_all(x, values)) { l = &x; break; }
  if (l == nullptr) {
    // Name the first field no layout knows.
    for (const auto& kv : values) {
      const std::string& name = kv.first;  // (clang 14 cannot capture structured bindings)
      bool known = std::any_of(layouts.begin(), layouts.end(), [&](const Layout& x) { return x.field(name) != nullptr; });
      if (!known) {
        std::string names;
        for (const auto& f : layouts.front().fields) names += (names.empty() ? "" : ", ") + f.name;
        return tl::unexpected(who() + ": unknown field '" + name + "' (known: " + names + ")");
      }
    }
    return tl::unexpected(who() + ": no single layout has all the fields given");
  }
  // Each field's input (null: not given), and which optional groups to emit: up to the
  // highest group a given field belongs to.
  const std::size_t nfields = l->fields.size();
  constexpr std::size_t kInline = 48;
  const FieldInput* inline_slots[kInline] = {};
  std::vector<const FieldInput*> heap_slots;
  const FieldInput** slot = inline_slots;
  if (nfields > kInline) {
    heap_slots.assign(nfields, nullptr);
    slot = heap_slots.data();
  }
  unsigned include = 0;
  for (const auto& [name, v] : values) {
    const Field* f = l->field(name);
    if (f == nullptr) {
      if (layouts.size() == 1 && !layouts.front().when && layout_name.empty()) {
        // The message the layout search would have given for the only layout.
        std::string names;
        for (const auto& g : layouts.front().fields) names += (names.empty() ? "" : ", ") + g.name;
        return tl::unexpected(who() + ": unknown field '" + name + "' (known: " + names + ")");
      }
      return tl::unexpected(who() + ": unknown field '" + name + "' in layout '" + l->name + "'");
    }
    const auto index = static_cast<std::size_t>(f - l->fields.data());
    if (slot[index] == nullptr) slot[index] = &v;
    include = std::max(include, f->group);
  }
  auto input_named = [&](std::string_view name) -> const FieldInput* {
    const Field* f = l->field(name);
    return f == nullptr ? given(values, name) : slot[static_cast<std::size_t>(f - l->fields.data())];
  };

  // Size: every included field's end; a tail's length is its value's length.
  std::size_t size = 0;
  for (std::size_t i = 0; i < nfields; ++i) {
    const Field& f = l->fields[i];
    if (f.group > include) continue;
    if (f.kind == FieldKind::rest) {
      const FieldInput* in = slot[i];
      std::size_t len = f.length;
      if (in != nullptr) {
        if (std::holds_alternative<std::uint64_t>(in->value))
          return tl::unexpected(who() + " field '" + f.name + "' takes bytes or text, not a number");
        len = bytes_of(*in).size();
        if (len < f.length || len > f.max_length)
          return tl::unexpected(who() + " field '" + f.name + "': " + std::to_string(len) + " bytes, expected " +
                                std::to_string(f.length) + ".." +
                                (f.max_length == unbounded ? std::string("any") : std::to_string(f.max_length)));
      }
      size = std::max(size, f.byte_offset + len);
    } else {
      size = std::max(size, f.byte_offset + f.byte_length());
    }
  }
  Bytes out(size, 0);
  const Field* discriminator = l->when ? discriminator_field(*l) : nullptr;
  for (std::size_t i = 0; i < nfields; ++i) {
    const Field& f = l->fields[i];
    if (f.group > include) continue;
    const FieldInput* in = slot[i];
    auto fw = [&] { return who() + " field '" + f.name + "'"; };
    if (f.kind == FieldKind::uint) {
      std::uint64_t v = 0;
      if (in != nullptr) {
        if (const auto* n = std::get_if<std::uint64_t>(&in->value)) {
          v = *n;
        } else {
          auto n2 = to_number(f, *in);
          if (!n2) return tl::unexpected(fw() + ": " + n2.error());
          v = *n2;
        }
      } else if (&f == discriminator) {
        v = l->when->min_value;
      } else if (!f.length_of.empty()) {
        if (const FieldInput* t = input_named(f.length_of)) v = bytes_of(*t).size();
      }
      if (f.bit_width < 64 && (v >> f.bit_width) != 0)
        return tl::unexpected(fw() + ": value " + hex_number(v, 1) + " is wider than " + std::to_string(f.bit_width) +
                              " bit" + (f.bit_width == 1 ? "" : "s"));
      const std::size_t nb = f.byte_length();
      const std::uint64_t shifted_mask = mask_of(f.bit_width) << f.bit_offset;
      for (std::size_t k = 0; k < nb; ++k) {
        // k-th byte of the integer (LS first) holds bits [8k, 8k+8) of (v << bit_offset).
        const auto part = static_cast<std::uint8_t>(((v << f.bit_offset) >> (8 * k)) & 0xff);
        const auto pmask = static_cast<std::uint8_t>((shifted_mask >> (8 * k)) & 0xff);
        const std::size_t pos = f.endian == Endian::little ? f.byte_offset + k : f.byte_offset + nb - 1 - k;
        out[pos] = static_cast<std::uint8_t>((out[pos] & ~pmask) | (part & pmask));
      }
    } else if (in != nullptr) {
      if (std::holds_alternative<std::uint64_t>(in->value))
        return tl::unexpected(fw() + " takes bytes or text, not a number");
      const ByteView b = bytes_of(*in);
      if (f.kind != FieldKind::rest && b.size() > f.length)
        return tl::unexpected(fw() + ": " + std::to_string(b.size()) + " bytes do not fit in " + std::to_string(f.length));
      std::copy(b.begin(), b.end(), out.begin() + static_cast<std::ptrdiff_t>(f.byte_offset));
    }
  }
  return out;
}

}  // namespace

const FieldValue* DecodedFields::find(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<std::uint64_t> DecodedFields::number(std::string_view name) const {
  const FieldValue* f = find(name);
  if (f == nullptr) return std::nullopt;
  return f->number;
}

Decoded<DecodedFields> decode_request(const CommandDescriptor& cmd, ByteView data) {
  return decode_layout(choose_layout_for_decode(cmd.request, data), data);
}

Decoded<DecodedFields> decode_response(const CommandDescriptor& cmd, std::uint8_t completion_code, ByteView data) {
  if (completion_code != 0) {
    // IPMI 2.0 §5.2: an error response may be just the completion code ("sufficient").
    DecodedFields out;
    out.layout_name = "error";
    out.error_reply = true;
    out.completion_code = completion_code;
    out.completion_code_label = std::string(completion_code_name(&cmd, completion_code));
    if (!data.empty()) {
      Reader r(data);
      ByteView rest = r.rest();
      FieldValue fv;
      fv.name = "data";
      fv.kind = FieldKind::rest;
      fv.bytes.assign(rest.begin(), rest.end());
      out.fields.push_back(std::move(fv));
      out.findings.push_back(std::to_string(data.size()) + " data byte(s) after non-zero completion code " +
                             hex_number(completion_code, 8));
    }
    return out;
  }
  auto d = decode_layout(choose_layout_for_decode(cmd.response, data), data);
  if (d) {
    d->completion_code = completion_code;
    d->completion_code_label = std::string(completion_code_name(&cmd, completion_code));
  }
  return d;
}

tl::expected<Bytes, std::string> encode_request(const CommandDescriptor& cmd, const FieldValues& values,
                                                std::string_view layout) {
  return encode(cmd, cmd.request, values, layout, "request");
}

tl::expected<Bytes, std::string> encode_response(const CommandDescriptor& cmd, const FieldValues& values,
                                                 std::string_view layout) {
  return encode(cmd, cmd.response, values, layout, "response");
}

std::string format_fields(const DecodedFields& d, std::string_view indent, bool with_completion_code) {
  std::string out;
  if (d.completion_code && with_completion_code) {
    out += indent;
    out += "completion_code: " + hex_number(*d.completion_code, 8) + " (" + d.completion_code_label + ")\n";
  }
  for (const auto& f : d.fields) {
    out += indent;
    out += f.name;
    out += ": ";
    if (f.number) {
      if (f.display == Display::decimal) out += std::to_string(*f.number);
      else out += hex_number(*f.number, f.bit_width);
      if (!f.text.empty()) out += " " + f.text;
    } else {
      out += f.bytes.empty() ? std::string("(empty)") : to_hex(view(f.bytes));
      if (!f.text.empty()) {
        if (f.display == Display::text) out += " \"" + f.text + "\"";
        else out += " (" + f.text + ")";
      }
    }
    if (!f.label.empty()) out += " (" + f.label + ")";
    if (f.reserved && f.number && *f.number != 0) out += " [reserved, non-zero]";
    out += '\n';
  }
  for (const auto& finding : d.findings) {
    out += indent;
    out += "! ";
    out += finding;
    out += '\n';
  }
  return out;
}

}  // namespace ipmict::catalog
