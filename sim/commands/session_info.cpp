// Get Session Info (IPMI 2.0 §22.20) from the LAN server's session table, and the session
// set-up commands when they reach the model instead of the session layer.

#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

std::uint32_t ipv4_of(const std::string& address) {
  std::uint32_t v = 0;
  int parts = 0;
  std::size_t pos = 0;
  while (parts < 4) {
    std::size_t end = address.find('.', pos);
    const std::string part = address.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos) return 0;
    const unsigned long x = std::stoul(part);
    if (x > 255) return 0;
    v = (v << 8) | static_cast<std::uint32_t>(x);
    ++parts;
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return parts == 4 ? v : 0;  // IPv6 / unparsable: 0.0.0.0
}

Reply get_session_info(Call& c) {
  const auto sessions = c.model.sessions();
  const std::uint8_t index = c.u8("session_index");
  const session::SessionInfo* found = nullptr;
  if (index == 0x00) {
    for (const auto& s : sessions)
      if (c.context.interface == Context::Interface::lan && c.context.session.session_id != 0 &&
          s.session_id == c.context.session.session_id)
        found = &s;
  } else if (index == 0xfe) {
    const std::uint8_t handle = c.u8("session_handle");
    if (handle == 0x00 || handle == 0xff) return completion(cc::invalid_field);
    for (const auto& s : sessions)
      if (s.handle == handle) found = &s;
  } else if (index == 0xff) {
    const auto id = static_cast<std::uint32_t>(c.number("session_id"));
    if (id == 0) return completion(cc::invalid_field);
    for (const auto& s : sessions)
      if (s.session_id == id) found = &s;
  } else {
    // N: the Nth active session (1-based); N above the possible session count is out of range.
    if (index > c.model.config.lan.max_sessions) return completion(cc::parameter_out_of_range);
    if (index <= sessions.size()) found = &sessions[index - 1u];
  }
  catalog::FieldValues v{
      {"session_handle", found != nullptr ? found->handle : 0},
      {"possible_active_sessions", std::min(c.model.config.lan.max_sessions, 0x3fu)},
      {"active_sessions", std::min<std::size_t>(sessions.size(), 0x3f)},
  };
  if (found == nullptr) return ok(std::move(v));  // §22.20: handle 00h, no session bytes
  v.push_back({"user_id", found->user_id & 0x3f});
  v.push_back({"operating_privilege_level", privilege_nibble(found->privilege)});
  v.push_back({"channel_number", found->channel & 0x0f});
  v.push_back({"session_protocol_auxiliary_data", found->ipmi20 ? 1 : 0});
  const ChannelConfig* ch = c.model.channel(found->channel);
  if (ch != nullptr && ch->medium == ChannelConfig::Medium::lan) {
    v.push_back({"remote_console_ip_address", ipv4_of(found->peer.address)});
    v.push_back({"remote_console_mac_address", Bytes(6, 0)});  // not known above UDP
    v.push_back({"remote_console_port", found->peer.port});
  }
  return ok(std::move(v));
}

// Get Session Challenge, Activate Session, Set Session Privilege Level and Close Session
// belong to the session layer (protocol/session/server_session.hpp), which answers them on
// the LAN channel. On the session-less system interface and IPMB there is no session they
// could act on: D5h "not supported in present state" (the seed's BMC answers 3Bh in-band
// with 82h, a code whose meaning does not fit).
Reply session_command_without_session(Call&) { return completion(cc::not_supported_in_state); }

}  // namespace

void add_session_info_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x3d, get_session_info});
  out.push_back({0x06, 0x39, session_command_without_session});
  out.push_back({0x06, 0x3a, session_command_without_session});
  out.push_back({0x06, 0x3b, session_command_without_session});
  out.push_back({0x06, 0x3c, session_command_without_session});
}

}  // namespace ipmict::sim
