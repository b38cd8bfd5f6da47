#include "fuzz/network/input.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace ipmict::netfuzz {
namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [value, text] : table) {
    if (text == name) return value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "?";
}

constexpr std::array<std::pair<FlowKind, std::string_view>, 11> kFlows{{
    {FlowKind::asf_ping, "asf-ping"},
    {FlowKind::auth_caps15, "auth-caps-15"},
    {FlowKind::auth_caps20, "auth-caps-20"},
    {FlowKind::open_session, "open-session"},
    {FlowKind::rakp1, "rakp1"},
    {FlowKind::rakp3, "rakp3"},
    {FlowKind::ipmi15_challenge, "ipmi15-challenge"},
    {FlowKind::ipmi15_activate, "ipmi15-activate"},
    {FlowKind::ipmi15_request, "ipmi15-request"},
    {FlowKind::rmcpplus_request, "rmcpplus-request"},
    {FlowKind::raw, "raw"},
}};

constexpr std::array<std::pair<FlowGroup, std::string_view>, 4> kGroups{{
    {FlowGroup::pre_session, "pre-session"},
    {FlowGroup::ipmi15, "ipmi15"},
    {FlowGroup::in_session, "in-session"},
    {FlowGroup::raw, "raw"},
}};

constexpr std::array<std::pair<MutationOp, std::string_view>, 13> kOps{{
    {MutationOp::flip_bit, "flip-bit"},
    {MutationOp::set_byte, "set-byte"},
    {MutationOp::insert_bytes, "insert"},
    {MutationOp::erase_bytes, "erase"},
    {MutationOp::truncate, "truncate"},
    {MutationOp::set_field, "set-field"},
    {MutationOp::set_length, "set-length"},
    {MutationOp::adjust_length, "adjust-length"},
    {MutationOp::empty_payload, "empty-payload"},
    {MutationOp::keep_checksums, "keep-checksums"},
    {MutationOp::bad_auth_code, "bad-auth-code"},
    {MutationOp::drop_step, "drop-step"},
    {MutationOp::repeat_step, "repeat-step"},
}};

constexpr std::array<std::pair<Layer, std::string_view>, 3> kLayers{{
    {Layer::payload, "payload"},
    {Layer::ipmi_data, "ipmi_data"},
    {Layer::datagram, "datagram"},
}};

constexpr std::array<std::pair<Field, std::string_view>, 16> kFields{{
    {Field::rmcp_version, "rmcp.version"},
    {Field::rmcp_sequence, "rmcp.sequence"},
    {Field::rmcp_class, "rmcp.class"},
    {Field::auth_type, "session.auth_type"},
    {Field::payload_type, "session.payload_type"},
    {Field::session_id, "session.id"},
    {Field::session_sequence, "session.sequence"},
    {Field::asf_message_type, "asf.message_type"},
    {Field::asf_message_tag, "asf.message_tag"},
    {Field::ipmi_rs_addr, "ipmi.rs_addr"},
    {Field::ipmi_netfn_lun, "ipmi.netfn_lun"},
    {Field::ipmi_rq_addr, "ipmi.rq_addr"},
    {Field::ipmi_rq_seq_lun, "ipmi.rq_seq_lun"},
    {Field::ipmi_cmd, "ipmi.cmd"},
    {Field::pad_length, "trailer.pad_length"},
    {Field::next_header, "trailer.next_header"},
}};

constexpr std::array<std::pair<LengthField, std::string_view>, 2> kLengths{{
    {LengthField::session, "session"},
    {LengthField::inner, "inner"},
}};

std::string hex_number(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[v & 0xf]);
    v >>= 4;
  } while (v != 0);
  return "0x" + out;
}

// "0x1f" or "31".
std::optional<std::uint64_t> parse_number(std::string_view text) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  if (text.empty()) return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(sep);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return parts;
}

bool is_byte_op(MutationOp op) {
  switch (op) {
    case MutationOp::flip_bit:
    case MutationOp::set_byte:
    case MutationOp::insert_bytes:
    case MutationOp::erase_bytes:
    case MutationOp::truncate: return true;
    default: return false;
  }
}

}  // namespace

std::string_view flow_name(FlowKind kind) { return name_of(kFlows, kind); }
std::optional<FlowKind> parse_flow(std::string_view name) { return lookup(kFlows, name); }
std::string_view group_name(FlowGroup group) { return name_of(kGroups, group); }
std::optional<FlowGroup> parse_group(std::string_view name) { return lookup(kGroups, name); }
std::string_view op_name(MutationOp op) { return name_of(kOps, op); }
std::string_view layer_name(Layer layer) { return name_of(kLayers, layer); }
std::string_view field_name(Field field) { return name_of(kFields, field); }
std::string_view length_name(LengthField length) { return name_of(kLengths, length); }

FlowGroup flow_group(FlowKind kind) {
  switch (kind) {
    case FlowKind::asf_ping:
    case FlowKind::auth_caps15:
    case FlowKind::auth_caps20:
    case FlowKind::open_session:
    case FlowKind::rakp1:
    case FlowKind::rakp3: return FlowGroup::pre_session;
    case FlowKind::ipmi15_challenge:
    case FlowKind::ipmi15_activate:
    case FlowKind::ipmi15_request: return FlowGroup::ipmi15;
    case FlowKind::rmcpplus_request: return FlowGroup::in_session;
    case FlowKind::raw: return FlowGroup::raw;
  }
  return FlowGroup::raw;
}

bool has_request(FlowKind kind) { return kind == FlowKind::ipmi15_request || kind == FlowKind::rmcpplus_request; }

Mutation canonical(Mutation m) {
  Mutation c;
  c.step = m.step;
  c.op = m.op;
  if (is_byte_op(m.op)) {
    c.layer = m.layer;
    c.pos = m.pos;
    if (m.op == MutationOp::flip_bit || m.op == MutationOp::set_byte || m.op == MutationOp::insert_bytes) c.value = m.value;
    if (m.op == MutationOp::insert_bytes || m.op == MutationOp::erase_bytes) c.count = m.count;
  } else if (m.op == MutationOp::set_field) {
    c.field = m.field;
    c.value = m.value;
  } else if (m.op == MutationOp::set_length || m.op == MutationOp::adjust_length) {
    c.length = m.length;
    if (m.length == LengthField::inner) c.pos = m.pos;
    c.value = m.value;
  }
  return c;
}

std::string format_mutation(const Mutation& m) {
  std::string out = std::to_string(m.step) + ":" + std::string(op_name(m.op));
  if (is_byte_op(m.op)) {
    out += ":" + std::string(layer_name(m.layer)) + ":pos=" + std::to_string(m.pos);
    if (m.op == MutationOp::flip_bit || m.op == MutationOp::set_byte || m.op == MutationOp::insert_bytes) {
      out += ":value=" + hex_number(m.value);
    }
    if (m.op == MutationOp::insert_bytes || m.op == MutationOp::erase_bytes) out += ":count=" + std::to_string(m.count);
  } else if (m.op == MutationOp::set_field) {
    out += ":" + std::string(field_name(m.field)) + ":value=" + hex_number(m.value);
  } else if (m.op == MutationOp::set_length || m.op == MutationOp::adjust_length) {
    out += ":" + std::string(length_name(m.length));
    if (m.length == LengthField::inner) out += ":pos=" + std::to_string(m.pos);
    if (m.op == MutationOp::set_length) {
      out += ":value=" + hex_number(m.value);
    } else {
      const auto delta = static_cast<std::int32_t>(m.value);
      out += ":delta=" + std::string(delta >= 0 ? "+" : "") + std::to_string(delta);
    }
  }
  return out;
}

tl::expected<Mutation, std::string> parse_mutation(std::string_view text) {
  const auto parts = split(text, ':');
  auto bad = [&](std::string_view why) {
    return tl::unexpected("mutation '" + std::string(text) + "': " + std::string(why));
  };
  if (parts.size() < 2) return bad("expected STEP:OP[:TARGET][:pos=N][:value=N][:count=N]");
  Mutation m;
  const auto step = parse_number(parts[0]);
  if (!step || *step > 255) return bad("step is not a number 0-255");
  m.step = static_cast<std::uint8_t>(*step);
  const auto op = lookup(kOps, parts[1]);
  if (!op) return bad("unknown operation '" + std::string(parts[1]) + "'");
  m.op = *op;
  std::size_t next = 2;
  const bool length_op = m.op == MutationOp::set_length || m.op == MutationOp::adjust_length;
  if (is_byte_op(m.op) || m.op == MutationOp::set_field || length_op) {
    if (parts.size() < 3) return bad("the operation needs a target (layer, field or length)");
    bool ok = true;
    if (is_byte_op(m.op)) {
      const auto l = lookup(kLayers, parts[2]);
      ok = l.has_value();
      if (l) m.layer = *l;
    } else if (m.op == MutationOp::set_field) {
      const auto f = lookup(kFields, parts[2]);
      ok = f.has_value();
      if (f) m.field = *f;
    } else {
      const auto l = lookup(kLengths, parts[2]);
      ok = l.has_value();
      if (l) m.length = *l;
    }
    if (!ok) return bad("unknown target '" + std::string(parts[2]) + "'");
    next = 3;
  }
  for (std::size_t i = next; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    if (eq == std::string_view::npos) return bad("expected name=value, got '" + std::string(parts[i]) + "'");
    const std::string_view key = parts[i].substr(0, eq);
    if (key == "delta") {
      std::string_view text_delta = parts[i].substr(eq + 1);
      const bool negative = !text_delta.empty() && text_delta.front() == '-';
      if (!text_delta.empty() && (text_delta.front() == '-' || text_delta.front() == '+')) text_delta.remove_prefix(1);
      const auto magnitude = parse_number(text_delta);
      if (!magnitude || *magnitude > 0x7fffffffu) return bad("'" + std::string(parts[i]) + "' is not a signed 32-bit number");
      const auto delta = static_cast<std::int64_t>(*magnitude) * (negative ? -1 : 1);
      m.value = static_cast<std::uint32_t>(static_cast<std::int32_t>(delta));
      continue;
    }
    const auto v = parse_number(parts[i].substr(eq + 1));
    if (!v || *v > 0xffffffffu) return bad("'" + std::string(parts[i]) + "' is not a 32-bit number");
    if (key == "pos") {
      m.pos = static_cast<std::uint32_t>(*v);
    } else if (key == "value") {
      m.value = static_cast<std::uint32_t>(*v);
    } else if (key == "count") {
      if (*v > 0xffff) return bad("count above 65535");
      m.count = static_cast<std::uint16_t>(*v);
    } else {
      return bad("unknown argument '" + std::string(key) + "'");
    }
  }
  return m;
}

std::string format_input(const Input& input) {
  std::string out = "flow=" + std::string(flow_name(input.flow));
  if (has_request(input.flow)) {
    out += " netfn=" + hex_number(input.netfn) + " cmd=" + hex_number(input.cmd);
    if (!input.data.empty()) out += " data=" + to_hex(view(input.data), '\0');
  }
  for (const Mutation& m : input.mutations) out += " m=" + format_mutation(m);
  return out;
}

tl::expected<Input, std::string> parse_input(std::string_view line) {
  Input input;
  bool have_flow = false;
  for (std::string_view token : split(line, ' ')) {
    if (token.empty()) continue;
    const auto eq = token.find('=');
    if (eq == std::string_view::npos) return tl::unexpected("input token '" + std::string(token) + "': expected name=value");
    const std::string_view key = token.substr(0, eq);
    const std::string_view value = token.substr(eq + 1);
    auto bad = [&](std::string_view why) {
      return tl::unexpected("input token '" + std::string(token) + "': " + std::string(why));
    };
    if (key == "flow") {
      const auto f = parse_flow(value);
      if (!f) return bad("unknown flow");
      input.flow = *f;
      have_flow = true;
    } else if (key == "netfn" || key == "cmd") {
      const auto v = parse_number(value);
      if (!v || *v > (key == "netfn" ? 0x3fu : 0xffu)) return bad(key == "netfn" ? "netFn is 0-0x3f" : "cmd is 0-0xff");
      (key == "netfn" ? input.netfn : input.cmd) = static_cast<std::uint8_t>(*v);
    } else if (key == "data") {
      auto bytes = parse_hex(value);
      if (!bytes) return bad("not hex");
      input.data = std::move(*bytes);
    } else if (key == "m") {
      auto m = parse_mutation(value);
      if (!m) return tl::unexpected(m.error());
      input.mutations.push_back(*m);
    } else {
      return bad("unknown name");
    }
  }
  if (!have_flow) return tl::unexpected(std::string("input line without flow=NAME"));
  return input;
}

}  // namespace ipmict::netfuzz
