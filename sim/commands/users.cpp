// User commands (IPMI 2.0 §22.26-22.30): access per channel, names, passwords, enable.
#include <algorithm>

#include "protocol/crypto/constant_time.hpp"
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

// User ID checks shared by the user commands: 0 is reserved (CCh), above the table's
// size is out of range (C9h).
std::optional<std::uint8_t> check_user_id(const Call& c, std::uint8_t id) {
  if (id == 0) return cc::invalid_field;
  if (id > c.model.config.users.size()) return cc::parameter_out_of_range;
  return std::nullopt;
}

// Users are per channel only on channels with sessions (§6.9): the LAN channel here.
bool user_channel(const Call& c, std::uint8_t ch) {
  const auto* chan = c.model.channel(ch);
  return chan != nullptr && chan->medium == ChannelConfig::Medium::lan;
}

Reply set_user_access(Call& c) {
  const std::uint8_t ch = c.channel();
  if (!user_channel(c, ch)) return completion(cc::invalid_field);
  const std::uint8_t id = c.u8("user_id");
  if (auto e = check_user_id(c, id)) return completion(*e);
  const std::uint64_t limit = c.number("user_privilege_level_limit");
  if (!valid_privilege_level(limit) && limit != 0x0f) return completion(cc::invalid_field);
  auto& a = Model::access_or_create(*c.model.user(id), ch);
  if (c.number("change_bits_in_byte") != 0) {
    a.ipmi_messaging = c.number("user_ipmi_messaging") != 0;
    a.link_auth = c.number("user_link_authentication") != 0;
    a.callback_only = c.number("user_restricted_to_callback") != 0;
  }
  a.privilege_limit = static_cast<Privilege>(limit);
  if (c.has("user_session_limit")) a.session_limit = c.u8("user_session_limit");
  return ok();
}

Reply get_user_access(Call& c) {
  const std::uint8_t ch = c.channel();
  if (!user_channel(c, ch)) return completion(cc::invalid_field);
  const std::uint8_t id = c.u8("user_id");
  if (auto e = check_user_id(c, id)) return completion(*e);
  const auto& users = c.model.config.users;
  const auto enabled = std::count_if(users.begin(), users.end(), [](const UserConfig& u) { return u.enabled; });
  const UserConfig& u = *c.model.user(id);
  const UserConfig::Access* a = Model::access(u, ch);
  return ok({
      {"maximum_user_ids", users.size()},
      {"enabled_user_ids", static_cast<std::uint64_t>(enabled)},
      {"user_id_enable_status", u.enabled ? 1 : 2},
      {"fixed_name_user_ids", 1},  // user 1, the null user (§22.28)
      {"user_privilege_level_limit", privilege_nibble(a != nullptr ? a->privilege_limit : Privilege::no_access)},
      {"user_ipmi_messaging", a != nullptr && a->ipmi_messaging},
      {"user_link_authentication", a != nullptr && a->link_auth},
      {"user_restricted_to_callback", a != nullptr && a->callback_only},
  });
}

Reply set_user_name(Call& c) {
  const std::uint8_t id = c.u8("user_id");
  if (auto e = check_user_id(c, id)) return completion(*e);
  if (id == 1) return completion(cc::invalid_field);  // §22.28: user 1's name is fixed (null)
  Bytes name = c.bytes("user_name");
  name.erase(std::find(name.begin(), name.end(), std::uint8_t{0}), name.end());
  c.model.user(id)->name.assign(name.begin(), name.end());
  return ok();
}

Reply get_user_name(Call& c) {
  const std::uint8_t id = c.u8("user_id");
  if (auto e = check_user_id(c, id)) return completion(*e);
  return ok({{"user_name", c.model.user(id)->name}});
}

Reply set_user_password(Call& c) {
  const std::uint8_t id = c.u8("user_id");
  if (auto e = check_user_id(c, id)) return completion(*e);
  UserConfig& u = *c.model.user(id);
  const bool size_20 = c.number("password_size") != 0;
  const std::size_t size = size_20 ? 20 : 16;
  switch (c.number("operation")) {
    case 0: u.enabled = false; return ok();
    case 1: u.enabled = true; return ok();
    case 2: {
      // The password is optional in the layout only for enable/disable.
      if (!c.has("password")) return completion(cc::request_length_invalid);
      Bytes p = c.bytes("password");
      while (!p.empty() && p.back() == 0) p.pop_back();
      u.password = std::move(p);
      u.password_20 = size_20;
      return ok();
    }
    default: {  // 3: test password
      if (!c.has("password")) return completion(cc::request_length_invalid);
      if (size_20 != u.password_20) return completion(0x81);  // wrong password size
      Bytes stored = u.password;
      stored.resize(size, 0);
      const Bytes given = c.bytes("password");
      if (!crypto::constant_time_equal(view(stored), view(given))) return completion(0x80);
      return ok();
    }
  }
}

}  // namespace

void add_user_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x43, set_user_access});
  out.push_back({0x06, 0x44, get_user_access});
  out.push_back({0x06, 0x45, set_user_name});
  out.push_back({0x06, 0x46, get_user_name});
  out.push_back({0x06, 0x47, set_user_password});
}

}  // namespace ipmict::sim
