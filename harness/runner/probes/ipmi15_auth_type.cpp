// Probe `ipmi15-auth-type`: is an IPMI 1.5 authentication type that weakens the login
// (none: no password at all; straight password: the password in clear text, §22.17)
// offered on the LAN channel, and does the BMC activate sessions with it?
//
// Evidence ladder: Get Channel Authentication Capabilities outside a session (what the
// BMC advertises to anyone), then an activation with the run's user and a WRONG password.
// For "none" the activation succeeding proves it (no password is checked). For straight
// password a wrong password must fail; the BMC issuing a challenge for the type is the
// proof that consoles may use it. ipmict never sends the run's real password in clear.
#include <fmt/format.h>

#include "harness/cases/labels.hpp"
#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/probe.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/session15.hpp"

namespace ipmict::runner::probes {

namespace {

// The Get Channel Auth Caps response field of each auth type (catalog: get-channel-auth-caps).
const char* caps_field(AuthType t) {
  switch (t) {
    case AuthType::none: return "authentication_type_none";
    case AuthType::md2: return "authentication_type_md2";
    case AuthType::md5: return "authentication_type_md5";
    case AuthType::straight_password: return "authentication_type_straight_password_key";
    case AuthType::oem: return "authentication_type_oem_proprietary";
    case AuthType::rmcp_plus: break;
  }
  return "";
}

// Get Channel Authentication Capabilities for "this channel" at `privilege`, outside a
// session in IPMI 1.5 framing (§22.13: what any console sees before logging in). The
// decoded fields, or nullopt (recorded either way).
std::optional<catalog::DecodedFields> auth_caps(ProbeRun& run, Privilege privilege) {
  const auto* cmd = run.catalog().find("get-channel-auth-caps");
  if (cmd == nullptr) return std::nullopt;
  IpmiRequest m;
  m.netfn = cmd->netfn;
  m.cmd = cmd->cmd;
  m.rq_seq = 0x01;
  m.data = {0x0e, static_cast<std::uint8_t>(privilege)};
  const Bytes payload = encode_ipmi_request(m);
  Session15 s;
  s.auth_type = AuthType::none;
  s.payload = view(payload);
  const Bytes datagram = encode_rmcp(RmcpHeader{}, view(encode_session15(s)));
  auto link = run.raw_link();
  if (!link) return std::nullopt;
  auto replies = run.exchange_datagram(**link, view(datagram), run.answer_wait(),
                                       "Get Channel Authentication Capabilities outside a session (IPMI 1.5)");
  if (!replies || replies->empty()) return std::nullopt;
  auto d = decode_datagram(view(replies->front()), 0);
  if (!d) return std::nullopt;
  const auto* p = std::get_if<Session15>(&d->message);
  if (p == nullptr) return std::nullopt;
  auto r = decode_ipmi_response(p->payload, p->payload_offset);
  if (!r || r->completion_code != 0) return std::nullopt;
  auto f = catalog::decode_response(*cmd, r->completion_code, view(r->data));
  if (!f) return std::nullopt;
  return *f;
}

}  // namespace

ProbeResult ipmi15_auth_type(ProbeRun& run) {
  const std::string name = cases::probe_text(run.action(), "auth_type").value_or("none");
  const AuthType type = cases::parse_auth_type(name).value_or(AuthType::none);
  const Privilege privilege =
      cases::parse_step_privilege(cases::probe_text(run.action(), "privilege").value_or("administrator"))
          .value_or(Privilege::administrator);
  const std::string type_text(auth_type_name(static_cast<std::uint8_t>(type)).value_or("?"));

  const auto caps = auth_caps(run, privilege);
  const bool advertised = caps && caps->number(caps_field(type)).value_or(0) != 0;
  if (!advertised) return ProbeResult::silent();  // not offered (or IPMI 1.5 not answered at all)

  session::ClientConfig config = run.base_config();
  config.protocol = session::Protocol::lan15;
  config.auth_type = type;
  config.cipher_suite.reset();
  config.password = wrong_password(run.lan().config.password, 16);  // IPMI 1.5 passwords are 16 bytes
  config.privilege = privilege;
  const std::string what = fmt::format("IPMI 1.5 auth type {} as {} with a wrong password", type_text,
                                       user_label(config.username));
  auto s = run.open(std::move(config), "session activation: " + what);
  if (s) {
    const Access access = prove_access(run, **s, what);
    (*s)->close();
    return ProbeResult::fired({fmt::format(
        "auth type {}: expected it not to be enabled on the LAN channel, seen it advertised by Get Channel "
        "Authentication Capabilities and a session activated {}; in it {}",
        type_text, "with a wrong password", access.text)});
  }
  // The challenge was issued (the failure is at Activate Session, not before): the type is
  // usable for this user. For straight password that alone is the finding.
  const bool challenged = s.error().message.rfind("Activate Session", 0) == 0;
  if (type == AuthType::straight_password && challenged) {
    return ProbeResult::fired({fmt::format(
        "auth type {}: expected it not to be enabled on the LAN channel, seen it advertised by Get Channel "
        "Authentication Capabilities and a session challenge issued for it ({}): consoles that use it send the "
        "password in clear text",
        type_text, s.error().message)});
  }
  return ProbeResult::silent();
}

}  // namespace ipmict::runner::probes
