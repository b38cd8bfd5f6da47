// Personality YAML (sim/personalities/*.yaml and inline in configurations) -> Personality,
// and the shared located YAML reader of sim/'s loaders.
#include "sim/personality_yaml.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

namespace ipmict::sim {

namespace yaml_detail {

void YamlReader::fail(const YAML::Node& at, const std::string& what) const { fail_mark(at.Mark(), what); }

void YamlReader::fail_mark(const YAML::Mark& m, const std::string& what) const {
  // yaml-cpp marks are 0-based; an unknown position (-1) is reported as line 1, column 1.
  const int line = m.line < 0 ? 1 : m.line + 1;
  const int column = m.column < 0 ? 1 : m.column + 1;
  throw YamlError{file_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what};
}

void YamlReader::only_keys(const YAML::Node& map, const std::string& what,
                           std::initializer_list<std::string_view> keys) const {
  if (!map.IsMap()) fail(map, what + " must be a mapping");
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) fail(it->first, "keys of " + what + " must be plain names");
    const std::string k = it->first.Scalar();
    if (std::none_of(keys.begin(), keys.end(), [&](std::string_view x) { return k == x; })) {
      std::string list;
      for (std::string_view x : keys) list += (list.empty() ? "" : ", ") + std::string(x);
      fail(it->first, "unknown key '" + k + "' in " + what + " (expected one of: " + list + ")");
    }
  }
}

YAML::Node YamlReader::require(const YAML::Node& map, const char* key, const std::string& what) const {
  const YAML::Node n = map[key];
  if (!n) fail(map, what + " needs '" + key + "'");
  return n;
}

std::string YamlReader::text(const YAML::Node& n, const std::string& what) const {
  if (!n.IsScalar()) fail(n, what + " must be a scalar (text)");
  return n.Scalar();
}

std::uint64_t YamlReader::number(const YAML::Node& n, const std::string& what, std::uint64_t max) const {
  if (!n.IsScalar()) fail(n, what + " must be a number");
  const std::string s = n.Scalar();
  std::uint64_t v = 0;
  std::size_t i = 0;
  unsigned base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    i = 2;
  }
  if (i >= s.size()) fail(n, what + ": expected a number (decimal or 0x hex), got '" + s + "'");
  for (; i < s.size(); ++i) {
    const char c = s[i];
    unsigned d = 0;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
    else fail(n, what + ": expected a number (decimal or 0x hex), got '" + s + "'");
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / base) fail(n, what + ": " + s + " is too large");
    v = v * base + d;
  }
  if (v > max) fail(n, what + ": " + s + " is larger than " + std::to_string(max));
  return v;
}

std::int64_t YamlReader::signed_number(const YAML::Node& n, const std::string& what, std::int64_t min,
                                       std::int64_t max) const {
  if (!n.IsScalar()) fail(n, what + " must be a number");
  const std::string s = n.Scalar();
  const bool negative = !s.empty() && s[0] == '-';
  std::int64_t v = 0;
  std::size_t i = negative ? 1 : 0;
  if (i >= s.size()) fail(n, what + ": expected a whole number, got '" + s + "'");
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || v > 1000000) {
      fail(n, what + ": expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                  ", got '" + s + "'");
    }
    v = v * 10 + (s[i] - '0');
  }
  if (negative) v = -v;
  if (v < min || v > max) {
    fail(n, what + ": " + s + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return v;
}

bool YamlReader::boolean(const YAML::Node& n, const std::string& what) const {
  const std::string s = text(n, what);
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  fail(n, what + ": expected true or false, got '" + s + "'");
}

Bytes YamlReader::bytes(const YAML::Node& n, const std::string& what) const {
  if (n.IsSequence()) {
    Bytes out;
    for (std::size_t i = 0; i < n.size(); ++i) {
      out.push_back(static_cast<std::uint8_t>(number(n[i], what + "[" + std::to_string(i) + "]", 0xff)));
    }
    return out;
  }
  const std::string s = text(n, what);
  auto b = parse_hex(s);
  if (!b) fail(n, what + ": expected hex bytes (\"0a 1b ...\") or a list of numbers, got '" + s + "'");
  return *b;
}

YAML::Node YamlReader::parse(std::string_view text) const {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    fail_mark(e.mark, "YAML syntax error: " + e.msg);
  }
}

// `accounts:` - users the personality adds (or replaces, by ID) on LAN channel 1. Their
// passwords are written out: they are the public factory defaults and test values the
// security checks look for, never a real secret.
void read_accounts(const YamlReader& r, const YAML::Node& n, Personality& p) {
  if (!n.IsSequence()) r.fail(n, "accounts must be a list of {id, name, password, privilege, enabled}");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node a = n[i];
    const std::string what = "accounts[" + std::to_string(i) + "]";
    r.only_keys(a, what, {"id", "name", "password", "privilege", "enabled"});
    UserConfig u;
    u.id = static_cast<std::uint8_t>(r.number(r.require(a, "id", what), what + ".id", 63));
    if (u.id == 0) r.fail(a["id"], what + ".id: expected 1..63");
    if (const auto v = a["name"]) u.name = r.text(v, what + ".name");
    if (u.name.size() > 16) r.fail(a["name"], what + ".name: at most 16 bytes (IPMI 2.0 §22.28)");
    if (u.id == 1 && !u.name.empty()) r.fail(a["name"], what + ".name: user 1 is the null user and has no name (§22.28)");
    if (u.id != 1 && u.name.empty()) r.fail(a, what + " needs 'name' (only user 1, the null user, has none)");
    if (const auto v = a["password"]) {
      const std::string pw = r.text(v, what + ".password");
      if (pw.size() > 20) r.fail(v, what + ".password: at most 20 bytes");
      u.password.assign(pw.begin(), pw.end());
      u.password_20 = pw.size() > 16;
    }
    u.enabled = true;
    if (const auto v = a["enabled"]) u.enabled = r.boolean(v, what + ".enabled");
    UserConfig::Access access;
    access.channel = 1;
    access.privilege_limit = Privilege::administrator;
    if (const auto v = a["privilege"]) {
      const std::string t = r.text(v, what + ".privilege");
      auto pr = parse_privilege(t);
      if (!pr || *pr == Privilege::unspecified || *pr == Privilege::no_access) {
        r.fail(v, what + ".privilege: expected callback, user, operator, admin or oem, got '" + t + "'");
      }
      access.privilege_limit = *pr;
    }
    access.ipmi_messaging = true;
    u.access.push_back(access);
    p.accounts.push_back(std::move(u));
  }
}

Personality read_personality(const YamlReader& r, const YAML::Node& node) {
  r.only_keys(node, "personality",
              {"name", "breaks", "description", "commands", "session", "datagram", "accounts", "lan", "model"});
  Personality p;
  p.name = r.text(r.require(node, "name", "personality"), "name");
  if (p.name.empty()) r.fail(node["name"], "name must not be empty");
  p.breaks = r.text(r.require(node, "breaks", "personality '" + p.name + "'"), "breaks");
  if (p.breaks.empty()) r.fail(node["breaks"], "breaks must say which spec rule the personality breaks");
  if (const auto d = node["description"]) r.text(d, "description");

  if (const auto cmds = node["commands"]) {
    if (!cmds.IsSequence()) r.fail(cmds, "commands must be a list of {netfn, cmd, ...}");
    for (std::size_t i = 0; i < cmds.size(); ++i) {
      const YAML::Node c = cmds[i];
      const std::string what = "commands[" + std::to_string(i) + "]";
      r.only_keys(c, what, {"netfn", "cmd", "completion_code", "drop_last_byte", "extra_byte", "set_reserved_bits"});
      Personality::CommandFault f;
      f.netfn = static_cast<std::uint8_t>(r.number(r.require(c, "netfn", what), what + ".netfn", 0x3f));
      if (f.netfn & 1u) r.fail(c["netfn"], what + ".netfn: expected a request netFn (even), got an odd one");
      f.cmd = static_cast<std::uint8_t>(r.number(r.require(c, "cmd", what), what + ".cmd", 0xff));
      if (const auto v = c["completion_code"]) {
        f.completion_code = static_cast<std::uint8_t>(r.number(v, what + ".completion_code", 0xff));
      }
      if (const auto v = c["drop_last_byte"]) f.drop_last_byte = r.boolean(v, what + ".drop_last_byte");
      if (const auto v = c["extra_byte"]) f.extra_byte = r.boolean(v, what + ".extra_byte");
      if (const auto v = c["set_reserved_bits"]) f.set_reserved_bits = r.boolean(v, what + ".set_reserved_bits");
      if (!f.completion_code && !f.drop_last_byte && !f.extra_byte && !f.set_reserved_bits) {
        r.fail(c, what + " changes nothing (expected completion_code, drop_last_byte, extra_byte or set_reserved_bits)");
      }
      p.commands.push_back(f);
    }
  }

  if (const auto s = node["session"]) {
    r.only_keys(s, "session",
                {"accept_cipher_suite_0", "rakp2_hmac_wrong_privilege", "null_user_any_password", "reuse_session_ids",
                 "ignore_replay_window", "outbound_sequence_off_by_one", "outbound_sequence_byte_swapped",
                 "usable_after_rakp1", "integrity_pad_always_4", "sequential_session_ids", "keep_closed_sessions",
                 "privilege_above_limit", "hold_half_open_sessions"});
    struct {
      const char* key;
      bool session::ServerQuirks::*flag;
    } const flags[] = {
        {"accept_cipher_suite_0", &session::ServerQuirks::accept_cipher_suite_0},
        {"rakp2_hmac_wrong_privilege", &session::ServerQuirks::rakp2_hmac_wrong_privilege},
        {"null_user_any_password", &session::ServerQuirks::null_user_any_password},
        {"reuse_session_ids", &session::ServerQuirks::reuse_session_ids},
        {"ignore_replay_window", &session::ServerQuirks::ignore_replay_window},
        {"outbound_sequence_off_by_one", &session::ServerQuirks::outbound_sequence_off_by_one},
        {"outbound_sequence_byte_swapped", &session::ServerQuirks::outbound_sequence_byte_swapped},
        {"usable_after_rakp1", &session::ServerQuirks::usable_after_rakp1},
        {"integrity_pad_always_4", &session::ServerQuirks::integrity_pad_always_4},
        {"sequential_session_ids", &session::ServerQuirks::sequential_session_ids},
        {"keep_closed_sessions", &session::ServerQuirks::keep_closed_sessions},
        {"privilege_above_limit", &session::ServerQuirks::privilege_above_limit},
        {"hold_half_open_sessions", &session::ServerQuirks::hold_half_open_sessions},
    };
    for (const auto& f : flags) {
      if (const auto v = s[f.key]) p.session.*f.flag = r.boolean(v, std::string("session.") + f.key);
    }
  }

  if (const auto a = node["accounts"]) read_accounts(r, a, p);
  if (const auto l = node["lan"]) {
    r.only_keys(l, "lan", {"enable_auth_types"});
    const YAML::Node types = r.require(l, "enable_auth_types", "lan");
    if (!types.IsSequence()) r.fail(types, "lan.enable_auth_types must be a list (none, md2, md5, password, oem)");
    for (std::size_t i = 0; i < types.size(); ++i) {
      const std::string t = r.text(types[i], "lan.enable_auth_types[" + std::to_string(i) + "]");
      if (t == "none") p.enable_auth_types |= 0x01;
      else if (t == "md2") p.enable_auth_types |= 0x02;
      else if (t == "md5") p.enable_auth_types |= 0x04;
      else if (t == "password") p.enable_auth_types |= 0x10;
      else if (t == "oem") p.enable_auth_types |= 0x20;
      else r.fail(types[i], "lan.enable_auth_types: expected none, md2, md5, password or oem, got '" + t + "'");
    }
  }
  if (const auto m = node["model"]) {
    r.only_keys(m, "model", {"ignore_command_privilege"});
    if (const auto v = m["ignore_command_privilege"]) {
      p.ignore_command_privilege = r.boolean(v, "model.ignore_command_privilege");
    }
  }

  if (const auto d = node["datagram"]) {
    r.only_keys(d, "datagram",
                {"bad_checksum", "drop_every", "delay_ms", "hang_on_zero_length_rmcpplus", "stop_on_oversized_length",
                 "hang_on_truncated_header"});
    if (const auto v = d["bad_checksum"]) p.bad_checksum = r.boolean(v, "datagram.bad_checksum");
    if (const auto v = d["drop_every"]) {
      p.drop_every = static_cast<unsigned>(r.number(v, "datagram.drop_every", 1000000));
      if (p.drop_every == 1) r.fail(v, "datagram.drop_every: 1 would drop every reply (expected 0 = never, or 2 or more)");
    }
    if (const auto v = d["delay_ms"]) p.delay_ms = static_cast<unsigned>(r.number(v, "datagram.delay_ms", 60000));
    if (const auto v = d["hang_on_zero_length_rmcpplus"]) {
      p.hang_on_zero_length_rmcpplus = r.boolean(v, "datagram.hang_on_zero_length_rmcpplus");
    }
    if (const auto v = d["stop_on_oversized_length"]) {
      p.stop_on_oversized_length = r.boolean(v, "datagram.stop_on_oversized_length");
    }
    if (const auto v = d["hang_on_truncated_header"]) {
      p.hang_on_truncated_header = r.boolean(v, "datagram.hang_on_truncated_header");
    }
  }
  return p;
}

}  // namespace yaml_detail

tl::expected<Personality, std::string> parse_personality(std::string_view yaml_text, const std::string& file) {
  using namespace yaml_detail;
  const YamlReader reader(file);
  try {
    const YAML::Node doc = reader.parse(yaml_text);
    if (!doc || doc.IsNull()) return tl::unexpected(file + ":1:1: empty personality (expected name, breaks, ...)");
    return read_personality(reader, doc);
  } catch (const YamlError& e) {
    return tl::unexpected(e.message);
  } catch (const YAML::Exception& e) {
    return tl::unexpected(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                          ": " + e.msg);
  }
}

tl::expected<Personality, std::string> load_personality_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(path.string() + ": cannot open the personality file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_personality(text.str(), path.string());
}

tl::expected<Personality, std::string> builtin_personality(std::string_view name) {
  for (const auto& b : builtin_personalities()) {
    if (b.name == name) return parse_personality(b.yaml, "sim/personalities/" + std::string(b.name) + ".yaml");
  }
  std::string known;
  for (const auto& b : builtin_personalities()) known += (known.empty() ? "" : ", ") + std::string(b.name);
  return tl::unexpected("unknown personality '" + std::string(name) + "' (built-in: " + known + ")");
}

Personality combine_personalities(const std::vector<Personality>& personalities) {
  Personality all;
  for (const auto& p : personalities) {
    all.name += (all.name.empty() ? "" : "+") + p.name;
    all.breaks += (all.breaks.empty() ? "" : "; ") + p.breaks;
    all.commands.insert(all.commands.end(), p.commands.begin(), p.commands.end());
    all.session.accept_cipher_suite_0 |= p.session.accept_cipher_suite_0;
    all.session.rakp2_hmac_wrong_privilege |= p.session.rakp2_hmac_wrong_privilege;
    all.session.null_user_any_password |= p.session.null_user_any_password;
    all.session.reuse_session_ids |= p.session.reuse_session_ids;
    all.session.ignore_replay_window |= p.session.ignore_replay_window;
    all.session.outbound_sequence_off_by_one |= p.session.outbound_sequence_off_by_one;
    all.session.outbound_sequence_byte_swapped |= p.session.outbound_sequence_byte_swapped;
    all.session.usable_after_rakp1 |= p.session.usable_after_rakp1;
    all.session.integrity_pad_always_4 |= p.session.integrity_pad_always_4;
    all.session.sequential_session_ids |= p.session.sequential_session_ids;
    all.session.keep_closed_sessions |= p.session.keep_closed_sessions;
    all.session.privilege_above_limit |= p.session.privilege_above_limit;
    all.session.hold_half_open_sessions |= p.session.hold_half_open_sessions;
    all.accounts.insert(all.accounts.end(), p.accounts.begin(), p.accounts.end());
    all.enable_auth_types = static_cast<std::uint8_t>(all.enable_auth_types | p.enable_auth_types);
    all.ignore_command_privilege |= p.ignore_command_privilege;
    all.bad_checksum |= p.bad_checksum;
    if (p.drop_every != 0 && (all.drop_every == 0 || p.drop_every < all.drop_every)) all.drop_every = p.drop_every;
    all.delay_ms = std::max(all.delay_ms, p.delay_ms);
    all.hang_on_zero_length_rmcpplus |= p.hang_on_zero_length_rmcpplus;
    all.stop_on_oversized_length |= p.stop_on_oversized_length;
    all.hang_on_truncated_header |= p.hang_on_truncated_header;
  }
  return all;
}

}  // namespace ipmict::sim
