// Saving and loading the model's mutable state (see persistence.hpp).
#include "sim/model/persistence.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include <yaml-cpp/yaml.h>

namespace ipmict::sim {

namespace {

constexpr int kStateVersion = 1;

std::string hex(ByteView b) { return to_hex(b, '\0'); }

Bytes unhex(const YAML::Node& n, const char* what) {
  auto b = parse_hex(n.as<std::string>());
  if (!b) throw YAML::ParserException(n.Mark(), std::string("bad hex in ") + what);
  return *b;
}

template <class T>
T number(const YAML::Node& n, const char* what) {
  if (!n) throw YAML::ParserException(YAML::Mark::null_mark(), std::string("missing ") + what);
  return static_cast<T>(n.as<unsigned long long>());
}

Privilege privilege_of(const YAML::Node& n, const char* what) {
  const auto v = number<unsigned>(n, what);
  if (!(v <= 5 || v == 0x0f)) throw YAML::ParserException(n.Mark(), std::string("bad privilege in ") + what);
  return static_cast<Privilege>(v);
}

}  // namespace

tl::expected<void, std::string> save_state(const Model& m, const std::filesystem::path& dir) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "version" << YAML::Value << kStateVersion;
  out << YAML::Key << "users" << YAML::Value << YAML::BeginSeq;
  for (const auto& u : m.config.users) {
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << unsigned{u.id};
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << u.name;
    out << YAML::Key << "password_hex" << YAML::Value << YAML::DoubleQuoted << hex(view(u.password));
    out << YAML::Key << "password_20" << YAML::Value << u.password_20;
    out << YAML::Key << "enabled" << YAML::Value << u.enabled;
    out << YAML::Key << "access" << YAML::Value << YAML::BeginSeq;
    for (const auto& a : u.access) {
      out << YAML::Flow << YAML::BeginMap;
      out << YAML::Key << "channel" << YAML::Value << unsigned{a.channel};
      out << YAML::Key << "privilege" << YAML::Value << unsigned{static_cast<std::uint8_t>(a.privilege_limit)};
      out << YAML::Key << "ipmi_messaging" << YAML::Value << a.ipmi_messaging;
      out << YAML::Key << "link_auth" << YAML::Value << a.link_auth;
      out << YAML::Key << "callback_only" << YAML::Value << a.callback_only;
      out << YAML::Key << "session_limit" << YAML::Value << unsigned{a.session_limit};
      out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "channels" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : m.config.channels) {
    const auto& a = c.non_volatile;
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "number" << YAML::Value << unsigned{c.number};
    out << YAML::Key << "access_mode" << YAML::Value << unsigned{a.access_mode};
    out << YAML::Key << "user_level_auth_disabled" << YAML::Value << a.user_level_auth_disabled;
    out << YAML::Key << "per_message_auth_disabled" << YAML::Value << a.per_message_auth_disabled;
    out << YAML::Key << "alerting_disabled" << YAML::Value << a.alerting_disabled;
    out << YAML::Key << "privilege_limit" << YAML::Value << unsigned{static_cast<std::uint8_t>(a.privilege_limit)};
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "kg_hex" << YAML::Value << YAML::DoubleQuoted << hex(view(m.config.lan.kg));
  out << YAML::Key << "kg_locked" << YAML::Value << m.kg_locked;
  out << YAML::Key << "global_enables" << YAML::Value << unsigned{m.global_enables};
  out << YAML::Key << "event_receiver" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "address" << YAML::Value << unsigned{m.event_receiver_address};
  out << YAML::Key << "lun" << YAML::Value << unsigned{m.event_receiver_lun} << YAML::EndMap;
  out << YAML::Key << "system_info" << YAML::Value << YAML::BeginSeq;
  for (const auto& [param, blocks] : m.system_info)
    for (const auto& [block, bytes] : blocks) {
      out << YAML::Flow << YAML::BeginMap;
      out << YAML::Key << "parameter" << YAML::Value << unsigned{param};
      out << YAML::Key << "block" << YAML::Value << unsigned{block};
      out << YAML::Key << "data_hex" << YAML::Value << YAML::DoubleQuoted << hex(ByteView(bytes.data(), bytes.size()));
      out << YAML::EndMap;
    }
  out << YAML::EndSeq;
  out << YAML::Key << "sel" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "next_record_id" << YAML::Value << unsigned{m.next_sel_record_id};
  out << YAML::Key << "overflow" << YAML::Value << m.sel_overflow;
  out << YAML::Key << "last_addition" << YAML::Value << m.sel_last_addition;
  out << YAML::Key << "last_erase" << YAML::Value << m.sel_last_erase;
  out << YAML::Key << "records_hex" << YAML::Value << YAML::BeginSeq;
  for (const auto& r : m.sel) out << YAML::DoubleQuoted << hex(ByteView(r.data(), r.size()));
  out << YAML::EndSeq << YAML::EndMap;
  out << YAML::Key << "chassis" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "power_on" << YAML::Value << m.chassis.power_on;
  out << YAML::Key << "restore_policy" << YAML::Value << unsigned{m.chassis.restore_policy} << YAML::EndMap;
  out << YAML::EndMap;
  if (!out.good()) return tl::unexpected("saving the BMC state: YAML emitter: " + out.GetLastError());

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return tl::unexpected("saving the BMC state: cannot create " + dir.string() + ": " + ec.message());
  const auto target = dir / kStateFileName;
  const auto temp = dir / (std::string(kStateFileName) + ".tmp");
  {
    std::ofstream f(temp, std::ios::binary | std::ios::trunc);
    if (!f) return tl::unexpected("saving the BMC state: cannot write " + temp.string());
    std::filesystem::permissions(temp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
    f << out.c_str() << '\n';
    f.flush();
    if (!f) return tl::unexpected("saving the BMC state: write to " + temp.string() + " failed");
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) return tl::unexpected("saving the BMC state: cannot rename " + temp.string() + " to " + target.string() + ": " + ec.message());
  return {};
}

tl::expected<void, std::string> load_state(Model& m, const std::filesystem::path& dir) {
  const auto path = dir / kStateFileName;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};  // first start
  std::ifstream f(path, std::ios::binary);
  if (!f) return tl::unexpected("loading the BMC state: cannot read " + path.string());
  std::stringstream text;
  text << f.rdbuf();
  // Parse into a copy: a bad file changes nothing.
  Model next = m;
  try {
    const YAML::Node root = YAML::Load(text.str());
    if (number<int>(root["version"], "version") != kStateVersion)
      return tl::unexpected(path.string() + ": unsupported state version (expected " + std::to_string(kStateVersion) + ")");
    for (const auto& un : root["users"]) {
      const auto id = number<std::uint8_t>(un["id"], "users.id");
      UserConfig* u = next.user(id);
      if (u == nullptr) continue;  // a smaller user table now: drop the extra users
      u->name = id == 1 ? std::string() : un["name"].as<std::string>();
      u->password = unhex(un["password_hex"], "users.password_hex");
      if (u->password.size() > 20) throw YAML::ParserException(un.Mark(), "password longer than 20 bytes");
      u->password_20 = un["password_20"].as<bool>();
      u->enabled = un["enabled"].as<bool>();
      u->access.clear();
      for (const auto& an : un["access"]) {
        UserConfig::Access a;
        a.channel = number<std::uint8_t>(an["channel"], "access.channel");
        a.privilege_limit = privilege_of(an["privilege"], "access.privilege");
        a.ipmi_messaging = an["ipmi_messaging"].as<bool>();
        a.link_auth = an["link_auth"].as<bool>();
        a.callback_only = an["callback_only"].as<bool>();
        a.session_limit = number<std::uint8_t>(an["session_limit"], "access.session_limit");
        u->access.push_back(a);
      }
    }
    for (const auto& cn : root["channels"]) {
      ChannelConfig* c = next.channel(number<std::uint8_t>(cn["number"], "channels.number"));
      if (c == nullptr) continue;
      auto& a = c->non_volatile;
      a.access_mode = number<std::uint8_t>(cn["access_mode"], "channels.access_mode");
      a.user_level_auth_disabled = cn["user_level_auth_disabled"].as<bool>();
      a.per_message_auth_disabled = cn["per_message_auth_disabled"].as<bool>();
      a.alerting_disabled = cn["alerting_disabled"].as<bool>();
      a.privilege_limit = privilege_of(cn["privilege_limit"], "channels.privilege_limit");
      c->volatile_ = a;  // after a restart the volatile settings are the non-volatile ones
    }
    next.config.lan.kg = unhex(root["kg_hex"], "kg_hex");
    next.kg_locked = root["kg_locked"].as<bool>();
    next.global_enables = number<std::uint8_t>(root["global_enables"], "global_enables");
    next.event_receiver_address = number<std::uint8_t>(root["event_receiver"]["address"], "event_receiver.address");
    next.event_receiver_lun = number<std::uint8_t>(root["event_receiver"]["lun"], "event_receiver.lun");
    next.system_info.clear();
    for (const auto& sn : root["system_info"]) {
      const Bytes b = unhex(sn["data_hex"], "system_info.data_hex");
      if (b.size() != 16) throw YAML::ParserException(sn.Mark(), "system_info block is not 16 bytes");
      std::array<std::uint8_t, 16> block{};
      std::copy(b.begin(), b.end(), block.begin());
      next.system_info[number<std::uint8_t>(sn["parameter"], "system_info.parameter")]
                      [number<std::uint8_t>(sn["block"], "system_info.block")] = block;
    }
    const YAML::Node sel = root["sel"];
    next.next_sel_record_id = number<std::uint16_t>(sel["next_record_id"], "sel.next_record_id");
    next.sel_overflow = sel["overflow"].as<bool>();
    next.sel_last_addition = number<std::uint32_t>(sel["last_addition"], "sel.last_addition");
    next.sel_last_erase = number<std::uint32_t>(sel["last_erase"], "sel.last_erase");
    next.sel.clear();
    for (const auto& rn : sel["records_hex"]) {
      const Bytes b = unhex(rn, "sel.records_hex");
      if (b.size() != 16) throw YAML::ParserException(rn.Mark(), "SEL record is not 16 bytes");
      SelRecordBytes r{};
      std::copy(b.begin(), b.end(), r.begin());
      next.sel.push_back(r);
    }
    next.chassis.power_on = root["chassis"]["power_on"].as<bool>();
    next.chassis.restore_policy = number<std::uint8_t>(root["chassis"]["restore_policy"], "chassis.restore_policy");
  } catch (const YAML::Exception& e) {
    return tl::unexpected(path.string() + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                          ": " + e.msg + " (delete the file to start from the configuration)");
  }
  m = std::move(next);
  return {};
}

}  // namespace ipmict::sim
