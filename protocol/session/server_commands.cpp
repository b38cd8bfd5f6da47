// The in-session commands the session layer answers itself (IPMI 2.0 §22.18 Set Session
// Privilege Level, §22.19 Close Session), for both protocols. Request and response data
// go through the command catalog (DESIGN.md §5).
#include <algorithm>

#include "protocol/session/server_session_impl.hpp"
#include "protocol/wire/netfn.hpp"

namespace ipmict::session {
namespace {

constexpr std::uint8_t kCmdSetSessionPrivilegeLevel = 0x3b;
constexpr std::uint8_t kCmdCloseSession = 0x3c;
constexpr std::uint8_t kCcInvalidDataField = 0xcc;
constexpr std::uint8_t kCcRequestDataLength = 0xc7;
constexpr std::uint8_t kCcInsufficientPrivilege = 0xd4;

std::uint8_t length_or_field(const DecodeError& e) {
  return e.code == DecodeErrc::truncated || e.code == DecodeErrc::trailing_bytes ? kCcRequestDataLength
                                                                                   : kCcInvalidDataField;
}

}  // namespace

bool ServerSessions::Impl::session_command(const IpmiRequest& m, ServerSession& s, TimePoint now) {
  (void)now;
  if (m.netfn != kNetFnApp) return false;
  switch (m.cmd) {
    case kCmdSetSessionPrivilegeLevel: set_session_privilege(m, s); return true;
    case kCmdCloseSession: close_session(m, s); return true;
    default: return false;
  }
}

void ServerSessions::Impl::set_session_privilege(const IpmiRequest& m, ServerSession& s) {
  auto answer = [&](std::uint8_t cc, Bytes data = {}) {
    reply(frame(ServerFraming::in_session, &s, response_to(m, cc, std::move(data))));
  };
  auto d = catalog::decode_request(*cmd_set_privilege, view(m.data));
  if (!d) return answer(length_or_field(d.error()));
  if (!d->findings.empty()) return answer(kCcInvalidDataField);
  const auto level = static_cast<std::uint8_t>(d->number("requested_privilege_level").value_or(0));
  if (level != 0) {
    // 1h is reserved in this request (a session cannot drop to Callback), 6h+ undefined.
    if (level < static_cast<std::uint8_t>(Privilege::user) || level > static_cast<std::uint8_t>(Privilege::oem)) {
      return answer(kCcInvalidDataField);
    }
    // Reading taken: 81h when the level exceeds the user's or the channel's limit (the
    // code's own words); 80h when it is within them but above the maximum the session was
    // activated for (Activate Session / RAKP 1), i.e. not available to this user here.
    // quirks.privilege_above_limit: anything up to Administrator, whatever the limits.
    const bool unchecked = config.quirks.privilege_above_limit && level <= static_cast<std::uint8_t>(Privilege::administrator);
    if (!unchecked && (!s.user || level > static_cast<std::uint8_t>(user_limit(*s.user)))) return answer(0x81);
    if (!unchecked && level > static_cast<std::uint8_t>(s.max_privilege)) return answer(0x80);
    s.privilege = static_cast<Privilege>(level);
  }
  auto data = catalog::encode_response(*cmd_set_privilege,
                                       {{"new_privilege_level", static_cast<unsigned>(s.privilege)}});
  if (!data) {
    note("cannot encode the Set Session Privilege Level response: " + data.error());
    return;
  }
  answer(0x00, std::move(*data));
}

void ServerSessions::Impl::close_session(const IpmiRequest& m, ServerSession& s) {
  auto answer = [&](std::uint8_t cc) { reply(frame(ServerFraming::in_session, &s, response_to(m, cc))); };
  auto d = catalog::decode_request(*cmd_close_session, view(m.data));
  if (!d) return answer(length_or_field(d.error()));
  const auto id = static_cast<std::uint32_t>(d->number("session_id").value_or(0));
  const std::optional<std::uint64_t> handle = d->number("session_handle");
  ServerSession* target = nullptr;
  if (id != 0) {
    // The session's own ID first (with reused IDs, "this session" is the natural reading).
    if (id == s.id) {
      target = &s;
    } else {
      for (ServerSession& t : table)
        if (t.id == id && t.state == ServerSessionState::active) target = &t;
    }
    if (target == nullptr) return answer(0x87);  // invalid session ID in request
  } else {
    // §22.19: Session ID 0 means "by handle", and the handle byte must be present.
    if (!handle) return answer(kCcRequestDataLength);
    for (ServerSession& t : table)
      if (t.handle == *handle && t.state == ServerSessionState::active) target = &t;
    if (target == nullptr) return answer(0x88);  // invalid session handle in request
  }
  if (target != &s && s.privilege < Privilege::administrator) {
    // Reading taken: closing another session needs Administrator privilege (§22.19 lets
    // a session close itself at any level).
    return answer(kCcInsufficientPrivilege);
  }
  const std::uint64_t closing = target->serial;
  answer(0x00);  // framed while the session still has its keys and sequence numbers
  if (config.quirks.keep_closed_sessions) {
    // The session lives on (its ID and keys still work) until the next Close Session, so
    // that closed sessions do not fill the table.
    if (kept_closed && *kept_closed != closing) erase_serial(*kept_closed);
    kept_closed = closing;
    return;
  }
  erase_serial(closing);
}

}  // namespace ipmict::session
