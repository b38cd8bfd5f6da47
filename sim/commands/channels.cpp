// Channel commands (IPMI 2.0 §22.22-22.24), Get Channel Authentication Capabilities
// (§22.13), Get Channel Cipher Suites (§22.15) and Set Channel Security Keys (§22.25).
#include <algorithm>
#include <set>

#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/constant_time.hpp"
#include "protocol/session/cipher_suite_records.hpp"
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

bool session_based(const ChannelConfig& ch) { return ch.medium == ChannelConfig::Medium::lan; }

Reply get_channel_info(Call& c) {
  const std::uint8_t n = c.channel();
  const ChannelConfig* ch = c.model.channel(n);
  if (ch == nullptr) return completion(cc::invalid_field);
  std::uint8_t protocol = 0x01;  // IPMB-1.0 (also what LAN channels report, §6.4 / seed A25)
  std::uint8_t support = 0;      // session-less
  Bytes aux{0x00, 0x00};
  std::size_t active = 0;
  switch (ch->medium) {
    case ChannelConfig::Medium::system_interface:
      protocol = 0x05;  // KCS
      aux = {0xff, 0xff};  // no SMS / event message buffer interrupt
      break;
    case ChannelConfig::Medium::lan: {
      support = 2;  // multi-session
      const auto sessions = c.model.sessions();
      active = static_cast<std::size_t>(
          std::count_if(sessions.begin(), sessions.end(), [&](const session::SessionInfo& s) { return s.channel == n; }));
      break;
    }
    case ChannelConfig::Medium::ipmb: break;
  }
  return ok({
      {"actual_channel_number", n},
      {"channel_medium_type", static_cast<std::uint8_t>(ch->medium)},
      {"channel_protocol_type", protocol},
      {"active_session_count", std::min<std::size_t>(active, 0x3f)},
      {"session_support", support},
      {"vendor_id", kIpmiForumIana},
      {"auxiliary_channel_info", aux},
  });
}

Reply get_channel_access(Call& c) {
  const ChannelConfig* ch = c.model.channel(c.channel());
  if (ch == nullptr) return completion(cc::invalid_field);
  const std::uint64_t which = c.number("channel_access_get");
  if (which != 1 && which != 2) return completion(cc::invalid_field);
  if (!session_based(*ch)) return completion(0x82);  // session-less channel
  const auto& a = which == 1 ? ch->non_volatile : ch->volatile_;
  return ok({
      {"ipmi_messaging_access_mode", a.access_mode},
      {"user_level_authentication_disabled", a.user_level_auth_disabled},
      {"per_message_authentication_disabled", a.per_message_auth_disabled},
      {"pef_alerting_disabled", a.alerting_disabled},
      {"channel_privilege_level_limit", privilege_nibble(a.privilege_limit)},
  });
}

Reply set_channel_access(Call& c) {
  ChannelConfig* ch = c.model.channel(c.channel());
  if (ch == nullptr) return completion(cc::invalid_field);
  const std::uint64_t access_set = c.number("channel_access_set");
  const std::uint64_t limit_set = c.number("channel_privilege_level_limit_set");
  if (access_set == 3 || limit_set == 3) return completion(cc::invalid_field);
  if (!session_based(*ch)) return completion(0x82);
  const std::uint64_t mode = c.number("ipmi_messaging_access_mode");
  const std::uint64_t limit = c.number("channel_privilege_level_limit");
  if (access_set != 0 && mode > 3) return completion(cc::invalid_field);
  // Only "disabled" and "always available" make sense without a pre-boot state or a
  // shared (serial) port.
  if (access_set != 0 && mode != 0 && mode != 2) return completion(0x83);
  if (limit_set != 0 && !valid_privilege_level(limit)) return completion(cc::invalid_field);
  auto apply_access = [&](ChannelConfig::Access& a) {
    a.access_mode = static_cast<std::uint8_t>(mode);
    a.user_level_auth_disabled = c.number("user_level_authentication_disabled") != 0;
    a.per_message_auth_disabled = c.number("per_message_authentication_disabled") != 0;
    a.alerting_disabled = c.number("pef_alerting_disabled") != 0;
  };
  if (access_set == 1) apply_access(ch->non_volatile);
  if (access_set == 2) apply_access(ch->volatile_);
  if (limit_set == 1) ch->non_volatile.privilege_limit = static_cast<Privilege>(limit);
  if (limit_set == 2) ch->volatile_.privilege_limit = static_cast<Privilege>(limit);
  return ok();
}

bool lan_user_usable(const UserConfig& u, std::uint8_t lan) {
  const auto* a = Model::access(u, lan);
  return u.enabled && a != nullptr && a->privilege_limit != Privilege::no_access;
}

Reply get_channel_auth_caps(Call& c) {
  const std::uint8_t n = c.channel();
  const ChannelConfig* ch = c.model.channel(n);
  if (ch == nullptr || !session_based(*ch)) return completion(cc::invalid_field);
  const std::uint64_t priv = c.number("requested_maximum_privilege_level");
  if (!valid_privilege_level(priv)) return completion(cc::invalid_field);
  const LanConfig& lan = c.model.config.lan;
  const std::uint8_t types = lan.ipmi15 ? static_cast<std::uint8_t>(lan.auth_types[priv] & 0x37) : 0;
  const bool extended = c.number("get_ipmi_v20_extended_data") != 0 && lan.ipmi20;
  // §22.13 byte 3 [2:0]: anonymous login = the null user (ID 1, null name) with a null
  // password; null user names = the null user with a password; non-null user names =
  // any other enabled user with LAN access.
  bool anonymous = false, null_names = false, non_null = false;
  for (const auto& u : c.model.config.users) {
    if (!lan_user_usable(u, n)) continue;
    if (u.name.empty()) {
      if (u.password.empty()) anonymous = true;
      else null_names = true;
    } else {
      non_null = true;
    }
  }
  const bool kg_set = !lan.kg.empty() && !crypto::constant_time_is_zero(view(lan.kg));
  return ok({
      {"channel_number", n},
      {"authentication_type_none", (types & 0x01) != 0},
      {"authentication_type_md2", (types & 0x02) != 0},
      {"authentication_type_md5", (types & 0x04) != 0},
      {"authentication_type_straight_password_key", (types & 0x10) != 0},
      {"authentication_type_oem_proprietary", (types & 0x20) != 0},
      {"ipmi_v20_extended_capabilities_available", extended},
      {"anonymous_login_enabled", anonymous},
      {"null_usernames_enabled", null_names},
      {"non_null_usernames_enabled", non_null},
      {"user_level_authentication_disabled", ch->volatile_.user_level_auth_disabled},
      {"per_message_authentication_disabled", ch->volatile_.per_message_auth_disabled},
      {"kg_status", kg_set},
      {"channel_supports_ipmi_v15_connections", extended && lan.ipmi15},
      {"channel_supports_ipmi_v20_connections", extended},
      {"oem_id", 0},
      {"oem_auxiliary_data", 0},
  });
}

// The record data of §22.15 for the configured suites: by suite (Table 22-19 records) or
// the algorithm list (every distinct tagged algorithm number, ascending).
Bytes cipher_suite_data(const LanConfig& lan, bool by_suite) {
  Bytes out;
  std::set<std::uint8_t> algorithms;
  for (const auto& s : lan.cipher_suites) {
    const crypto::CipherSuite* cs = crypto::find_cipher_suite(s.id);
    if (cs == nullptr) continue;
    const auto auth = static_cast<std::uint8_t>(cs->auth);
    const auto integ = static_cast<std::uint8_t>(0x40 | static_cast<std::uint8_t>(cs->integrity));
    const auto conf = static_cast<std::uint8_t>(0x80 | static_cast<std::uint8_t>(cs->confidentiality));
    if (by_suite) out.insert(out.end(), {session::kCipherSuiteRecordStandard, s.id, auth, integ, conf});
    algorithms.insert({auth, integ, conf});
  }
  if (!by_suite) out.assign(algorithms.begin(), algorithms.end());
  return out;
}

Reply get_channel_cipher_suites(Call& c) {
  const std::uint8_t n = c.channel();
  const ChannelConfig* ch = c.model.channel(n);
  if (ch == nullptr || !session_based(*ch)) return completion(cc::invalid_field);
  const LanConfig& lan = c.model.config.lan;
  Bytes data;
  // Only IPMI messages (payload type 0) are offered; SOL and OEM payloads get an empty list.
  if (c.number("payload_type") == 0 && lan.ipmi20)
    data = cipher_suite_data(lan, c.number("list_algorithms_by_cipher_suite") != 0);
  const std::size_t from = std::size_t{c.u8("list_index")} * session::kCipherSuiteRecordBytesPerResponse;
  Bytes page;
  if (from < data.size())
    page.assign(data.begin() + static_cast<std::ptrdiff_t>(from),
                data.begin() + static_cast<std::ptrdiff_t>(
                                   std::min(data.size(), from + session::kCipherSuiteRecordBytesPerResponse)));
  return ok({{"channel_number", n}, {"cipher_suite_record_data", page}});
}

Reply set_channel_security_keys(Call& c) {
  const ChannelConfig* ch = c.model.channel(c.channel());
  if (ch == nullptr || !session_based(*ch)) return completion(cc::invalid_field);
  const std::uint64_t op = c.number("operation");
  if (op == 3) return completion(cc::invalid_field);
  const std::uint64_t key_id = c.number("key_id");
  if (key_id == 0) return completion(0x84);  // K_R is not used: RMCP+ keys come from the user password
  if (key_id != 1) return completion(cc::invalid_field);
  Bytes& kg = c.model.config.lan.kg;
  const Bytes value = c.bytes("key_value");
  const std::uint8_t lock = c.model.kg_locked ? 1 : 2;
  switch (op) {
    case 0: {  // read key
      Bytes k = kg;
      k.resize(20, 0);
      return ok({{"lock_status", lock}, {"key_value", k}});
    }
    case 1:  // set key: K_G is 20 bytes (§22.25)
      if (c.model.kg_locked) return completion(0x80);
      if (value.size() < 20) return completion(0x81);
      if (value.size() > 20) return completion(0x82);
      kg = value;
      return ok({{"lock_status", 2}});
    default:  // lock key
      c.model.kg_locked = true;
      return ok({{"lock_status", 1}});
  }
}

}  // namespace

void add_channel_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x42, get_channel_info});
  out.push_back({0x06, 0x41, get_channel_access});
  out.push_back({0x06, 0x40, set_channel_access});
  out.push_back({0x06, 0x38, get_channel_auth_caps});
  out.push_back({0x06, 0x54, get_channel_cipher_suites});
  out.push_back({0x06, 0x56, set_channel_security_keys});
}

}  // namespace ipmict::sim
