// Simulator configuration YAML -> SimConfig (docs/simulator.md), and the secure default.
#include "sim/config_yaml.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "protocol/core/checksum.hpp"
#include "sim/personality_yaml.hpp"

namespace ipmict::sim {

namespace {

using yaml_detail::YamlError;
using yaml_detail::YamlReader;

class ConfigReader {
 public:
  ConfigReader(const std::string& file, const SimConfigOptions& options) : r_(file), options_(options) {}

  LoadedSimConfig read(const YAML::Node& doc) {
    r_.only_keys(doc, "the configuration",
                 {"identity", "max_users", "users", "channels", "lan", "sensors", "fru", "sel", "sel_capacity",
                  "sel_time", "watchdog_sensor_number", "personalities", "state_dir"});
    LoadedSimConfig out;
    SimConfig& c = out.config;
    if (const auto n = doc["identity"]) read_identity(n, c.identity);
    if (const auto n = doc["max_users"]) {
      c.max_users = static_cast<unsigned>(r_.number(n, "max_users", 63));
      if (c.max_users < 2) r_.fail(n, "max_users: expected 2..63 (user 1 is the null user)");
    }
    if (const auto n = doc["channels"]) {
      read_channels(n, c.channels);
    } else {
      c.channels = default_channels();
    }
    if (const auto n = doc["users"]) read_users(n, c);
    // Every user ID 1..max_users exists (Get User Name answers for each, §22.29); the ones
    // not configured are empty and disabled, like a BMC's unused slots.
    for (unsigned id = 1; id <= c.max_users; ++id) {
      if (std::none_of(c.users.begin(), c.users.end(), [&](const UserConfig& u) { return u.id == id; })) {
        UserConfig u;
        u.id = static_cast<std::uint8_t>(id);
        u.enabled = false;
        c.users.push_back(std::move(u));
      }
    }
    std::sort(c.users.begin(), c.users.end(), [](const UserConfig& a, const UserConfig& b) { return a.id < b.id; });
    if (const auto n = doc["lan"]) read_lan(n, c.lan);
    if (const auto n = doc["sensors"]) read_sensors(n, c.sensors);
    if (const auto n = doc["fru"]) read_fru(n, c.fru);
    if (const auto n = doc["sel_capacity"]) {
      c.sel_capacity = static_cast<unsigned>(r_.number(n, "sel_capacity", 0xfffe));
    }
    if (const auto n = doc["sel"]) read_sel(n, c);
    if (const auto n = doc["sel_time"]) c.sel_time = static_cast<std::uint32_t>(r_.number(n, "sel_time", 0xffffffff));
    if (const auto n = doc["watchdog_sensor_number"]) {
      c.watchdog_sensor_number = static_cast<std::uint8_t>(r_.number(n, "watchdog_sensor_number", 0xfe));
    }
    if (const auto n = doc["personalities"]) read_personalities(n, c.personalities);
    if (const auto n = doc["state_dir"]) c.state_dir = resolve(r_.text(n, "state_dir")).string();
    out.warnings = std::move(warnings_);
    return out;
  }

 private:
  YamlReader r_;
  const SimConfigOptions& options_;
  std::vector<std::string> warnings_;

  void warn(const YAML::Node& at, const std::string& what) {
    const auto m = at.Mark();
    warnings_.push_back(r_.file() + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) +
                        ": warning: " + what);
  }

  std::filesystem::path resolve(const std::string& p) const {
    std::filesystem::path path(p);
    if (path.is_relative() && !options_.base_dir.empty()) return options_.base_dir / path;
    return path;
  }

  std::optional<std::string> env(const std::string& name) const {
    if (options_.getenv) return options_.getenv(name);
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  }

  template <std::size_t N>
  std::array<std::uint8_t, N> fixed(const YAML::Node& n, const std::string& what) {
    const Bytes b = r_.bytes(n, what);
    if (b.size() != N) {
      r_.fail(n, what + ": expected exactly " + std::to_string(N) + " bytes, got " + std::to_string(b.size()));
    }
    std::array<std::uint8_t, N> a{};
    std::copy(b.begin(), b.end(), a.begin());
    return a;
  }

  Privilege privilege(const YAML::Node& n, const std::string& what, bool allow_no_access) {
    const std::string s = r_.text(n, what);
    if (allow_no_access && (s == "no_access" || s == "none")) return Privilege::no_access;
    auto p = parse_privilege(s);
    if (!p || *p == Privilege::unspecified || *p == Privilege::no_access) {
      r_.fail(n, what + ": expected callback, user, operator, admin or oem" +
                     std::string(allow_no_access ? " (or no_access)" : "") + ", got '" + s + "'");
    }
    return *p;
  }

  void read_identity(const YAML::Node& n, DeviceIdentity& id) {
    r_.only_keys(n, "identity",
                 {"device_id", "device_revision", "firmware", "manufacturer_id", "product_id", "aux_firmware",
                  "system_guid", "device_guid"});
    if (const auto v = n["device_id"]) id.device_id = static_cast<std::uint8_t>(r_.number(v, "identity.device_id", 0xff));
    if (const auto v = n["device_revision"]) {
      id.device_revision = static_cast<std::uint8_t>(r_.number(v, "identity.device_revision", 0x0f));
    }
    if (const auto v = n["firmware"]) {
      // "MAJOR.MINOR" as people write it (ipmitool prints "Firmware Revision : 2.17"); the
      // minor part is two decimal digits (DeviceIdentity keeps 17; §20.1 sends BCD 17h).
      const std::string s = r_.text(v, "identity.firmware");
      const auto dot = s.find('.');
      auto digits = [](std::string_view t) {
        return !t.empty() && std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      };
      if (dot == std::string::npos || !digits(std::string_view(s).substr(0, dot)) ||
          !digits(std::string_view(s).substr(dot + 1)) || s.size() - dot - 1 > 2 || dot > 3) {
        r_.fail(v, "identity.firmware: expected \"MAJOR.MINOR\" (0-127 . 00-99), got '" + s + "'");
      }
      const unsigned major = static_cast<unsigned>(std::stoul(s.substr(0, dot)));
      std::string minor_text = s.substr(dot + 1);
      if (minor_text.size() == 1) minor_text += '0';  // "1.5" is 1.50, as ipmitool prints it
      const unsigned minor = static_cast<unsigned>(std::stoul(minor_text));
      if (major > 127) r_.fail(v, "identity.firmware: the major revision is 7 bits (0-127), got " + std::to_string(major));
      id.firmware_major = static_cast<std::uint8_t>(major);
      id.firmware_minor = static_cast<std::uint8_t>(minor);  // decimal here; the Bmc sends it as BCD
    }
    if (const auto v = n["manufacturer_id"]) {
      id.manufacturer_id = static_cast<std::uint32_t>(r_.number(v, "identity.manufacturer_id", 0xfffff));
    }
    if (const auto v = n["product_id"]) id.product_id = static_cast<std::uint16_t>(r_.number(v, "identity.product_id", 0xffff));
    if (const auto v = n["aux_firmware"]) id.aux_firmware = fixed<4>(v, "identity.aux_firmware");
    if (const auto v = n["system_guid"]) id.system_guid = fixed<16>(v, "identity.system_guid");
    if (const auto v = n["device_guid"]) id.device_guid = fixed<16>(v, "identity.device_guid");
  }

  void read_channel_access(const YAML::Node& n, const std::string& what, ChannelConfig::Access& a) {
    r_.only_keys(n, what, {"access_mode", "user_level_auth", "per_message_auth", "alerting", "privilege_limit"});
    if (const auto v = n["access_mode"]) {
      const std::string s = r_.text(v, what + ".access_mode");
      if (s == "disabled") a.access_mode = 0;
      else if (s == "pre_boot") a.access_mode = 1;
      else if (s == "always") a.access_mode = 2;
      else if (s == "shared") a.access_mode = 3;
      else r_.fail(v, what + ".access_mode: expected disabled, pre_boot, always or shared, got '" + s + "'");
    }
    if (const auto v = n["user_level_auth"]) a.user_level_auth_disabled = !r_.boolean(v, what + ".user_level_auth");
    if (const auto v = n["per_message_auth"]) a.per_message_auth_disabled = !r_.boolean(v, what + ".per_message_auth");
    if (const auto v = n["alerting"]) a.alerting_disabled = !r_.boolean(v, what + ".alerting");
    if (const auto v = n["privilege_limit"]) a.privilege_limit = privilege(v, what + ".privilege_limit", false);
  }

  void read_channels(const YAML::Node& n, std::vector<ChannelConfig>& out) {
    if (!n.IsSequence()) r_.fail(n, "channels must be a list of {number, medium, access}");
    std::set<unsigned> seen;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node c = n[i];
      const std::string what = "channels[" + std::to_string(i) + "]";
      r_.only_keys(c, what, {"number", "medium", "access", "volatile"});
      ChannelConfig ch;
      ch.number = static_cast<std::uint8_t>(r_.number(r_.require(c, "number", what), what + ".number", 0x0f));
      if (!seen.insert(ch.number).second) r_.fail(c["number"], what + ".number: channel " + std::to_string(ch.number) + " is listed twice");
      const YAML::Node m = r_.require(c, "medium", what);
      const std::string medium = r_.text(m, what + ".medium");
      if (medium == "lan") ch.medium = ChannelConfig::Medium::lan;
      else if (medium == "system_interface") ch.medium = ChannelConfig::Medium::system_interface;
      else if (medium == "ipmb") ch.medium = ChannelConfig::Medium::ipmb;
      else r_.fail(m, what + ".medium: expected lan, system_interface or ipmb, got '" + medium + "'");
      if (const auto a = c["access"]) read_channel_access(a, what + ".access", ch.non_volatile);
      ch.volatile_ = ch.non_volatile;
      if (const auto a = c["volatile"]) read_channel_access(a, what + ".volatile", ch.volatile_);
      out.push_back(ch);
    }
  }

  Bytes secret(const YAML::Node& user, const std::string& what, const char* env_key, const char* file_key,
               const char* literal_key, std::size_t max, bool* given, bool hex_literal) {
    const YAML::Node e = user[env_key], f = user[file_key], l = user[literal_key];
    const int count = (e ? 1 : 0) + (f ? 1 : 0) + (l ? 1 : 0);
    *given = count > 0;
    if (count > 1) {
      r_.fail(e ? e : f, what + ": give only one of " + env_key + ", " + file_key + " and " + literal_key);
    }
    Bytes value;
    const YAML::Node at = e ? e : f ? f : l;
    if (e) {
      const std::string name = r_.text(e, what + "." + env_key);
      auto v = env(name);
      if (!v) r_.fail(e, what + "." + env_key + ": environment variable " + name + " is not set");
      value.assign(v->begin(), v->end());
    } else if (f) {
      const auto path = resolve(r_.text(f, what + "." + file_key));
      std::ifstream in(path, std::ios::binary);
      if (!in) r_.fail(f, what + "." + file_key + ": cannot read " + path.string());
      std::ostringstream text;
      text << in.rdbuf();
      std::string s = text.str();
      if (!s.empty() && s.back() == '\n') s.pop_back();  // one trailing newline, as harness/secret_source.hpp
      if (!s.empty() && s.back() == '\r') s.pop_back();
      value.assign(s.begin(), s.end());
    } else if (l) {
      if (hex_literal) {
        value = r_.bytes(l, what + "." + literal_key);
      } else {
        const std::string s = r_.text(l, what + "." + literal_key);
        value.assign(s.begin(), s.end());
      }
      warn(l, what + "." + literal_key + " is a literal secret in the configuration file: use " + env_key + " or " +
                  file_key + " outside of tests");
    } else {
      return value;
    }
    if (hex_literal && (e || f)) {
      // K_G as harness/secret_source.hpp reads it: "0x" + hex, or exactly 40 hex digits, is hex.
      const std::string s(value.begin(), value.end());
      const bool prefixed = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
      const bool forty = s.size() == 40 && s.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
      if (prefixed || forty) {
        auto b = parse_hex(prefixed ? s.substr(2) : s);
        if (!b) r_.fail(at, what + ": K_G starts with 0x but is not hex");
        value = *b;
      }
    }
    if (value.size() > max) {
      r_.fail(at, what + ": the secret is " + std::to_string(value.size()) + " bytes, more than " + std::to_string(max));
    }
    return value;
  }

  void read_users(const YAML::Node& n, SimConfig& c) {
    if (!n.IsSequence()) r_.fail(n, "users must be a list of {id, name, password_env | password_file, ...}");
    std::set<unsigned> ids;
    std::set<std::string> names;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node u = n[i];
      const std::string what = "users[" + std::to_string(i) + "]";
      r_.only_keys(u, what,
                   {"id", "name", "password_env", "password_file", "password", "password_20", "enabled", "privilege",
                    "access"});
      UserConfig user;
      const YAML::Node idn = r_.require(u, "id", what);
      user.id = static_cast<std::uint8_t>(r_.number(idn, what + ".id", 63));
      if (user.id < 1 || user.id > c.max_users) {
        r_.fail(idn, what + ".id: expected 1.." + std::to_string(c.max_users) + " (max_users), got " + std::to_string(user.id));
      }
      if (!ids.insert(user.id).second) r_.fail(idn, what + ".id: user " + std::to_string(user.id) + " is listed twice");
      if (const auto v = u["name"]) user.name = r_.text(v, what + ".name");
      if (user.name.size() > 16) r_.fail(u["name"], what + ".name: at most 16 bytes (IPMI 2.0 §22.28), got " + std::to_string(user.name.size()));
      if (user.id == 1 && !user.name.empty()) r_.fail(u["name"], what + ".name: user 1 is the null user and has no name (§22.28)");
      if (user.id != 1 && user.name.empty()) r_.fail(u, what + " needs 'name' (only user 1, the null user, has none)");
      if (!user.name.empty() && !names.insert(user.name).second) r_.fail(u["name"], what + ".name: '" + user.name + "' is used twice");
      if (const auto v = u["password_20"]) user.password_20 = r_.boolean(v, what + ".password_20");
      bool given = false;
      user.password = secret(u, what, "password_env", "password_file", "password", user.password_20 ? 20 : 16, &given, false);
      user.enabled = true;
      if (const auto v = u["enabled"]) user.enabled = r_.boolean(v, what + ".enabled");
      if (user.enabled && !given) {
        r_.fail(u, what + " is enabled but has no password: give password_env or password_file (or enabled: false)");
      }
      if (u["privilege"] && u["access"]) r_.fail(u["privilege"], what + ": give either privilege (LAN channel 1) or access, not both");
      if (const auto v = u["privilege"]) {
        UserConfig::Access a;
        a.channel = 1;
        a.privilege_limit = privilege(v, what + ".privilege", true);
        a.ipmi_messaging = a.privilege_limit != Privilege::no_access;
        user.access.push_back(a);
      }
      if (const auto acc = u["access"]) {
        if (!acc.IsSequence()) r_.fail(acc, what + ".access must be a list of {channel, privilege, ...}");
        for (std::size_t j = 0; j < acc.size(); ++j) {
          const YAML::Node an = acc[j];
          const std::string aw = what + ".access[" + std::to_string(j) + "]";
          r_.only_keys(an, aw, {"channel", "privilege", "ipmi_messaging", "link_auth", "callback_only", "session_limit"});
          UserConfig::Access a;
          const YAML::Node ch = r_.require(an, "channel", aw);
          a.channel = static_cast<std::uint8_t>(r_.number(ch, aw + ".channel", 0x0f));
          if (std::none_of(c.channels.begin(), c.channels.end(), [&](const ChannelConfig& x) { return x.number == a.channel; })) {
            r_.fail(ch, aw + ".channel: channel " + std::to_string(a.channel) + " is not configured (see channels)");
          }
          a.privilege_limit = privilege(r_.require(an, "privilege", aw), aw + ".privilege", true);
          a.ipmi_messaging = a.privilege_limit != Privilege::no_access;
          if (const auto v = an["ipmi_messaging"]) a.ipmi_messaging = r_.boolean(v, aw + ".ipmi_messaging");
          if (const auto v = an["link_auth"]) a.link_auth = r_.boolean(v, aw + ".link_auth");
          if (const auto v = an["callback_only"]) a.callback_only = r_.boolean(v, aw + ".callback_only");
          if (const auto v = an["session_limit"]) a.session_limit = static_cast<std::uint8_t>(r_.number(v, aw + ".session_limit", 15));
          user.access.push_back(a);
        }
      }
      c.users.push_back(std::move(user));
    }
  }

  std::uint8_t auth_type_bits(const YAML::Node& n, const std::string& what) {
    if (!n.IsSequence()) r_.fail(n, what + " must be a list of auth types (none, md2, md5, password, oem)");
    std::uint8_t bits = 0;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string s = r_.text(n[i], what + "[" + std::to_string(i) + "]");
      if (s == "none") bits |= 0x01;
      else if (s == "md2") bits |= 0x02;
      else if (s == "md5") bits |= 0x04;
      else if (s == "password" || s == "straight_password") bits |= 0x10;
      else if (s == "oem") bits |= 0x20;
      else r_.fail(n[i], what + ": expected none, md2, md5, password or oem, got '" + s + "'");
    }
    return bits;
  }

  void read_lan(const YAML::Node& n, LanConfig& lan) {
    r_.only_keys(n, "lan",
                 {"ipmi15", "ipmi20", "auth_types", "cipher_suites", "kg_env", "kg_file", "kg", "max_sessions",
                  "session_timeout_ms", "ip_address", "ip_address_source", "mac_address", "subnet_mask",
                  "default_gateway"});
    if (const auto v = n["ipmi15"]) lan.ipmi15 = r_.boolean(v, "lan.ipmi15");
    if (const auto v = n["ipmi20"]) lan.ipmi20 = r_.boolean(v, "lan.ipmi20");
    if (const auto a = n["auth_types"]) {
      r_.only_keys(a, "lan.auth_types", {"callback", "user", "operator", "admin", "oem"});
      const char* keys[] = {"callback", "user", "operator", "admin", "oem"};
      for (std::size_t i = 0; i < 5; ++i) {
        if (const auto v = a[keys[i]]) {
          lan.auth_types[i + 1] = auth_type_bits(v, std::string("lan.auth_types.") + keys[i]);
          if (lan.auth_types[i + 1] & 0x11) {
            warn(v, std::string("lan.auth_types.") + keys[i] +
                        " enables auth type none or straight password: anyone on the network can read or skip the password");
          }
        }
      }
    }
    if (const auto s = n["cipher_suites"]) {
      if (!s.IsSequence()) r_.fail(s, "lan.cipher_suites must be a list of {id, max_privilege}");
      lan.cipher_suites.clear();
      std::set<unsigned> seen;
      for (std::size_t i = 0; i < s.size(); ++i) {
        const YAML::Node e = s[i];
        const std::string what = "lan.cipher_suites[" + std::to_string(i) + "]";
        session::ServerConfig::Suite suite;
        if (e.IsScalar()) {
          suite.id = static_cast<std::uint8_t>(r_.number(e, what, 0x3f));
        } else {
          r_.only_keys(e, what, {"id", "max_privilege"});
          suite.id = static_cast<std::uint8_t>(r_.number(r_.require(e, "id", what), what + ".id", 0x3f));
          if (const auto p = e["max_privilege"]) suite.max_privilege = privilege(p, what + ".max_privilege", false);
        }
        // The suites of IPMI 2.0 Table 22-20 that protocol/session implements.
        static const std::set<unsigned> known{0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17};
        if (!known.count(suite.id)) {
          r_.fail(e, what + ": cipher suite " + std::to_string(suite.id) +
                         " is not implemented (expected one of 0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17)");
        }
        if (!seen.insert(suite.id).second) r_.fail(e, what + ": cipher suite " + std::to_string(suite.id) + " is listed twice");
        if (suite.id == 0) warn(e, what + ": cipher suite 0 has no authentication: anyone who knows a user name gets in");
        lan.cipher_suites.push_back(suite);
      }
    }
    bool given = false;
    lan.kg = secret(n, "lan", "kg_env", "kg_file", "kg", 20, &given, true);
    if (const auto v = n["max_sessions"]) {
      lan.max_sessions = static_cast<unsigned>(r_.number(v, "lan.max_sessions", 63));
      if (lan.max_sessions == 0) r_.fail(v, "lan.max_sessions: expected 1..63");
    }
    // Reported by Get LAN Configuration Parameters 3-6 and 12 only.
    if (const auto v = n["ip_address"]) lan.ip_address = ipv4(v, "lan.ip_address");
    if (const auto v = n["subnet_mask"]) lan.subnet_mask = ipv4(v, "lan.subnet_mask");
    if (const auto v = n["default_gateway"]) lan.default_gateway = ipv4(v, "lan.default_gateway");
    if (const auto v = n["ip_address_source"]) {
      lan.ip_address_source = named_or_number(v, "lan.ip_address_source", {{"static", 0x01}, {"dhcp", 0x02}, {"bios", 0x03}});
    }
    if (const auto v = n["mac_address"]) {
      std::string t = r_.text(v, "lan.mac_address");
      std::replace(t.begin(), t.end(), ':', ' ');
      auto b = parse_hex(t);
      if (!b || b->size() != 6) r_.fail(v, "lan.mac_address: expected six hex bytes (\"02:00:00:00:00:01\")");
      std::copy(b->begin(), b->end(), lan.mac_address.begin());
    }
    if (const auto v = n["session_timeout_ms"]) {
      lan.session_timeout_ms = static_cast<unsigned>(r_.number(v, "lan.session_timeout_ms", 3600000));
      if (lan.session_timeout_ms < 1000) r_.fail(v, "lan.session_timeout_ms: expected 1000..3600000");
    }
  }

  std::array<std::uint8_t, 4> ipv4(const YAML::Node& v, const std::string& what) {
    const std::string t = r_.text(v, what);
    std::array<std::uint8_t, 4> a{};
    std::size_t pos = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t end = i == 3 ? t.size() : t.find('.', pos);
      const std::string part = end == std::string::npos ? std::string() : t.substr(pos, end - pos);
      if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos ||
          std::stoul(part) > 255) {
        r_.fail(v, what + ": expected a dotted IPv4 address, got '" + t + "'");
      }
      a[i] = static_cast<std::uint8_t>(std::stoul(part));
      pos = end + 1;
    }
    return a;
  }

  std::uint8_t named_or_number(const YAML::Node& v, const std::string& what,
                               std::initializer_list<std::pair<std::string_view, std::uint8_t>> names) {
    const std::string s = r_.text(v, what);
    for (const auto& [name, value] : names) {
      if (s == name) return value;
    }
    if (!s.empty() && s[0] >= '0' && s[0] <= '9') return static_cast<std::uint8_t>(r_.number(v, what, 0xff));
    std::string list;
    for (const auto& nv : names) list += std::string(nv.first) + ", ";
    r_.fail(v, what + ": expected " + list + "or a number, got '" + s + "'");
  }

  void read_sensors(const YAML::Node& n, std::vector<SensorConfig>& out) {
    if (!n.IsSequence()) r_.fail(n, "sensors must be a list of {number, name, type, ...}");
    std::set<unsigned> numbers;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node s = n[i];
      const std::string what = "sensors[" + std::to_string(i) + "]";
      r_.only_keys(s, what,
                   {"number", "name", "type", "event_reading_type", "entity_id", "entity_instance", "units", "m", "b",
                    "b_exp", "r_exp", "raw_reading", "discrete_state", "thresholds", "event_messages"});
      SensorConfig c;
      const YAML::Node num = r_.require(s, "number", what);
      c.number = static_cast<std::uint8_t>(r_.number(num, what + ".number", 0xfe));
      if (!numbers.insert(c.number).second) r_.fail(num, what + ".number: sensor " + std::to_string(c.number) + " is listed twice");
      c.name = r_.text(r_.require(s, "name", what), what + ".name");
      if (c.name.empty() || c.name.size() > 16) {
        r_.fail(s["name"], what + ".name: expected 1-16 characters (the SDR ID string), got " + std::to_string(c.name.size()));
      }
      if (const auto v = s["type"]) {
        c.sensor_type = named_or_number(v, what + ".type",
                                        {{"temperature", 0x01}, {"voltage", 0x02}, {"current", 0x03}, {"fan", 0x04},
                                         {"physical_security", 0x05}, {"processor", 0x07}, {"power_supply", 0x08},
                                         {"memory", 0x0c}, {"watchdog", 0x23}});
      }
      if (const auto v = s["event_reading_type"]) {
        c.event_reading_type = named_or_number(v, what + ".event_reading_type", {{"threshold", 0x01}, {"sensor_specific", 0x6f}});
      }
      if (const auto v = s["entity_id"]) c.entity_id = static_cast<std::uint8_t>(r_.number(v, what + ".entity_id", 0xff));
      if (const auto v = s["entity_instance"]) {
        c.entity_instance = static_cast<std::uint8_t>(r_.number(v, what + ".entity_instance", 0x7f));
      }
      if (const auto v = s["units"]) {
        c.units = named_or_number(v, what + ".units",
                                  {{"unspecified", 0x00}, {"degrees_c", 0x01}, {"degrees_f", 0x02}, {"volts", 0x04},
                                   {"amps", 0x05}, {"watts", 0x06}, {"rpm", 0x12}});
      }
      // §36.3: M and B are 10-bit two's complement, the exponents 4-bit.
      if (const auto v = s["m"]) c.m = static_cast<std::int16_t>(r_.signed_number(v, what + ".m", -512, 511));
      if (const auto v = s["b"]) c.b = static_cast<std::int16_t>(r_.signed_number(v, what + ".b", -512, 511));
      if (const auto v = s["b_exp"]) c.b_exp = static_cast<std::int8_t>(r_.signed_number(v, what + ".b_exp", -8, 7));
      if (const auto v = s["r_exp"]) c.r_exp = static_cast<std::int8_t>(r_.signed_number(v, what + ".r_exp", -8, 7));
      if (const auto v = s["raw_reading"]) c.raw_reading = static_cast<std::uint8_t>(r_.number(v, what + ".raw_reading", 0xff));
      if (const auto v = s["discrete_state"]) {
        c.discrete_state = static_cast<std::uint16_t>(r_.number(v, what + ".discrete_state", 0x7fff));
      }
      if (const auto v = s["event_messages"]) c.event_messages = r_.boolean(v, what + ".event_messages");
      if (const auto t = s["thresholds"]) {
        if (c.event_reading_type != 0x01) r_.fail(t, what + ".thresholds: only threshold sensors (event_reading_type 0x01) have thresholds");
        r_.only_keys(t, what + ".thresholds", {"lnr", "lcr", "lnc", "unc", "ucr", "unr"});
        const char* keys[] = {"lnr", "lcr", "lnc", "unc", "ucr", "unr"};
        for (std::size_t k = 0; k < 6; ++k) {
          if (const auto v = t[keys[k]]) {
            c.thresholds[k] = static_cast<std::uint8_t>(r_.number(v, what + ".thresholds." + keys[k], 0xff));
          }
        }
        // Lower thresholds below upper ones, each side ordered (§36.2 reading the raw values as unsigned).
        std::optional<std::uint8_t> prev;
        for (std::size_t k = 0; k < 6; ++k) {
          if (!c.thresholds[k]) continue;
          if (prev && *c.thresholds[k] < *prev) {
            r_.fail(t[keys[k]], what + ".thresholds." + keys[k] + ": expected lnr <= lcr <= lnc <= unc <= ucr <= unr");
          }
          prev = c.thresholds[k];
        }
      }
      out.push_back(std::move(c));
    }
  }

  void read_fru(const YAML::Node& n, std::vector<FruConfig>& out) {
    if (!n.IsSequence()) r_.fail(n, "fru must be a list of {device_id, data | board/product}");
    std::set<unsigned> ids;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node f = n[i];
      const std::string what = "fru[" + std::to_string(i) + "]";
      r_.only_keys(f, what, {"device_id", "data", "board", "product"});
      FruConfig c;
      if (const auto v = f["device_id"]) c.device_id = static_cast<std::uint8_t>(r_.number(v, what + ".device_id", 0xfe));
      if (!ids.insert(c.device_id).second) r_.fail(f, what + ": FRU device " + std::to_string(c.device_id) + " is listed twice");
      if (const auto d = f["data"]) {
        if (f["board"] || f["product"]) r_.fail(d, what + ": give either data (hex) or board/product, not both");
        c.data = r_.bytes(d, what + ".data");
      } else {
        if (!f["board"] && !f["product"]) r_.fail(f, what + " needs data (hex) or board/product fields");
        FruFields fields;
        auto str = [&](const YAML::Node& area, const char* key, const std::string& aw, std::string& to) {
          if (const auto v = area[key]) {
            to = r_.text(v, aw + "." + key);
            if (to.size() > 63) r_.fail(v, aw + "." + key + ": at most 63 characters (a FRU type/length field)");
          }
        };
        if (const auto b = f["board"]) {
          const std::string aw = what + ".board";
          r_.only_keys(b, aw, {"manufacturer", "product_name", "serial_number", "part_number"});
          str(b, "manufacturer", aw, fields.board_manufacturer);
          str(b, "product_name", aw, fields.board_product_name);
          str(b, "serial_number", aw, fields.board_serial_number);
          str(b, "part_number", aw, fields.board_part_number);
        }
        if (const auto p = f["product"]) {
          const std::string aw = what + ".product";
          r_.only_keys(p, aw, {"manufacturer", "name", "part_number", "version", "serial_number", "asset_tag"});
          str(p, "manufacturer", aw, fields.product_manufacturer);
          str(p, "name", aw, fields.product_name);
          str(p, "part_number", aw, fields.product_part_number);
          str(p, "version", aw, fields.product_version);
          str(p, "serial_number", aw, fields.product_serial_number);
          str(p, "asset_tag", aw, fields.product_asset_tag);
        }
        c.data = encode_fru(fields);
      }
      out.push_back(std::move(c));
    }
  }

  void read_sel(const YAML::Node& n, SimConfig& c) {
    if (!n.IsSequence()) r_.fail(n, "sel must be a list of 16-byte records (hex)");
    if (n.size() > c.sel_capacity) r_.fail(n, "sel: " + std::to_string(n.size()) + " records exceed sel_capacity " + std::to_string(c.sel_capacity));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node e = n[i];
      const std::string what = "sel[" + std::to_string(i) + "]";
      YAML::Node rec = e;
      if (e.IsMap()) {
        r_.only_keys(e, what, {"record"});
        rec = r_.require(e, "record", what);
      }
      SelEntryConfig s;
      s.record = r_.bytes(rec, what);
      if (s.record.size() != 16) {
        r_.fail(rec, what + ": a SEL record is 16 bytes (IPMI 2.0 §32.1; the record ID is assigned), got " + std::to_string(s.record.size()));
      }
      c.sel.push_back(std::move(s));
    }
  }

  void read_personalities(const YAML::Node& n, std::vector<Personality>& out) {
    if (!n.IsSequence()) r_.fail(n, "personalities must be a list of built-in names or inline personalities");
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node p = n[i];
      if (p.IsScalar()) {
        auto b = builtin_personality(p.Scalar());
        if (!b) r_.fail(p, "personalities[" + std::to_string(i) + "]: " + b.error());
        out.push_back(std::move(*b));
      } else {
        out.push_back(yaml_detail::read_personality(r_, p));
      }
    }
  }
};

void put_field(Bytes& area, const std::string& s) {
  area.push_back(static_cast<std::uint8_t>(0xc0u | s.size()));  // 8-bit ASCII + Latin 1, length
  area.insert(area.end(), s.begin(), s.end());
}

// Ends an info area: end marker C1h, zero pad to a multiple of 8 with the checksum, length byte.
void finish_area(Bytes& area) {
  area.push_back(0xc1);
  while ((area.size() + 1) % 8 != 0) area.push_back(0x00);
  area[1] = static_cast<std::uint8_t>((area.size() + 1) / 8);
  area.push_back(ipmi_checksum(view(area)));
}

}  // namespace

Bytes encode_fru(const FruFields& f) {
  Bytes board{0x01, 0x00, 0x00, 0x00, 0x00, 0x00};  // version, length, language English, mfg date unspecified
  put_field(board, f.board_manufacturer);
  put_field(board, f.board_product_name);
  put_field(board, f.board_serial_number);
  put_field(board, f.board_part_number);
  board.push_back(0xc0);  // FRU file ID: empty
  finish_area(board);
  Bytes product{0x01, 0x00, 0x00};  // version, length, language
  put_field(product, f.product_manufacturer);
  put_field(product, f.product_name);
  put_field(product, f.product_part_number);
  put_field(product, f.product_version);
  put_field(product, f.product_serial_number);
  put_field(product, f.product_asset_tag);
  product.push_back(0xc0);  // FRU file ID
  finish_area(product);
  Bytes out{0x01, 0x00, 0x00, 0x01, static_cast<std::uint8_t>(1 + board.size() / 8), 0x00, 0x00};
  out.push_back(ipmi_checksum(view(out)));
  out.insert(out.end(), board.begin(), board.end());
  out.insert(out.end(), product.begin(), product.end());
  return out;
}

std::vector<ChannelConfig> default_channels() {
  ChannelConfig lan;
  lan.number = 1;
  lan.medium = ChannelConfig::Medium::lan;
  ChannelConfig system;
  system.number = 0x0f;
  system.medium = ChannelConfig::Medium::system_interface;
  ChannelConfig ipmb;
  ipmb.number = 0;
  ipmb.medium = ChannelConfig::Medium::ipmb;
  return {lan, system, ipmb};
}

tl::expected<LoadedSimConfig, std::string> parse_sim_config(std::string_view yaml_text, const std::string& file,
                                                            const SimConfigOptions& options) {
  try {
    YamlReader reader(file);
    const YAML::Node doc = reader.parse(yaml_text);
    if (!doc || doc.IsNull()) return tl::unexpected(file + ":1:1: empty configuration (expected a mapping; see docs/simulator.md)");
    ConfigReader config(file, options);
    return config.read(doc);
  } catch (const YamlError& e) {
    return tl::unexpected(e.message);
  } catch (const YAML::Exception& e) {
    return tl::unexpected(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

tl::expected<LoadedSimConfig, std::string> load_sim_config(const std::filesystem::path& path,
                                                           const SimConfigOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(path.string() + ": cannot open the configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  SimConfigOptions o = options;
  if (o.base_dir.empty()) o.base_dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  return parse_sim_config(text.str(), path.string(), o);
}

}  // namespace ipmict::sim
