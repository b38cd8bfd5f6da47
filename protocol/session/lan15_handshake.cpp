// The IPMI 1.5 session set-up (IPMI 2.0 §22.13, §22.16, §22.17, §22.18):
//   Get Channel Authentication Capabilities → Get Session Challenge → Activate Session →
//   Set Session Privilege Level (in session) → established.
#include <array>

#include "protocol/session/client_session_impl.hpp"

namespace ipmict::session {
namespace {

std::string auth_type_text(AuthType t) {
  return std::string(auth_type_name(static_cast<std::uint8_t>(t)).value_or("unknown"));
}

}  // namespace

void ClientSession::Impl::lan15_start(TimePoint now) {
  bmc_session_id = 0;
  send_command(Step::auth_caps, commands.get_channel_auth_caps(),
               commands.get_channel_auth_caps_request(config.channel, config.privilege, false), Framing::sessionless15,
               tries(), now);
}

void ClientSession::Impl::lan15_auth_caps(const IpmiResponse& r, std::size_t data_offset, TimePoint now) {
  auto caps = accept_auth_caps(r, data_offset);
  if (!caps) return;
  // The types offered are those enabled for the requested privilege level (§22.13), so
  // only they can be used. Strongest first: MD5, MD2, straight password, none.
  std::optional<AuthType> chosen;
  if (config.auth_type) {
    if (caps->offers(*config.auth_type)) chosen = config.auth_type;
  } else {
    for (AuthType t : {AuthType::md5, AuthType::md2, AuthType::straight_password, AuthType::none}) {
      if (caps->offers(t)) {
        chosen = t;
        break;
      }
    }
  }
  if (!chosen) {
    std::string offered;
    for (AuthType t : {AuthType::none, AuthType::md2, AuthType::md5, AuthType::straight_password, AuthType::oem}) {
      if (caps->offers(t)) offered += (offered.empty() ? "" : ", ") + auth_type_text(t);
    }
    fail_session(make_failure(Step::auth_caps, Failure::Kind::unsupported,
                              (config.auth_type ? "authentication type " + auth_type_text(*config.auth_type) +
                                                      " is not offered"
                                                : std::string("no usable authentication type is offered")) +
                                  " for this privilege level (the BMC offers: " +
                                  (offered.empty() ? std::string("none") : offered) + ")"));
    return;
  }
  auth_type = *chosen;
  send_command(Step::session_challenge, commands.get_session_challenge(),
               commands.get_session_challenge_request(auth_type, view(config.username)), Framing::sessionless15,
               tries(), now);
}

void ClientSession::Impl::lan15_challenge(const IpmiResponse& r, std::size_t data_offset, TimePoint now) {
  if (r.completion_code != 0) {
    pending.reset();
    const std::string text = SessionCommands::completion_code_text(commands.get_session_challenge(), r.completion_code);
    fail_session(make_failure(Step::session_challenge, Failure::Kind::rejected, text, r.completion_code));
    return;
  }
  auto c = commands.decode_session_challenge(view(r.data), data_offset);
  if (!c) return on_malformed("Get Session Challenge response", c.error());
  pending.reset();
  challenge = *c;
  // §22.17: the console chooses where the BMC's sequence numbers start; random and
  // non-zero so that a replayed session's packets do not fall into the new window.
  initial_outbound = random.nonzero_u32();
  send_command(Step::activate_session, commands.activate_session(),
               commands.activate_session_request(auth_type, config.privilege, challenge.challenge, initial_outbound),
               Framing::activation, tries(), now);
}

void ClientSession::Impl::lan15_activate(const IpmiResponse& r, std::size_t data_offset, TimePoint now) {
  if (r.completion_code != 0) {
    pending.reset();
    const std::string text = SessionCommands::completion_code_text(commands.activate_session(), r.completion_code);
    fail_session(make_failure(Step::activate_session, Failure::Kind::rejected, text, r.completion_code));
    return;
  }
  auto s = commands.decode_activate_session(view(r.data), data_offset);
  if (!s) return on_malformed("Activate Session response", s.error());
  pending.reset();
  const auto type = static_cast<AuthType>(s->auth_type);
  if (type != AuthType::none && type != AuthType::md2 && type != AuthType::md5 && type != AuthType::straight_password) {
    fail_session(make_failure(Step::activate_session, Failure::Kind::unsupported,
                              "the BMC chose authentication type " + hex_byte(s->auth_type) +
                                  " for the session, which ipmict does not implement"));
    return;
  }
  if (s->session_id == 0) {
    fail_session(make_failure(Step::activate_session, Failure::Kind::malformed,
                              "session ID 0 at offset " + std::to_string(s->session_id_offset)));
    return;
  }
  session_auth_type = type;
  bmc_session_id = s->session_id;
  // §22.17: "initial inbound sequence number" is what the BMC expects from us next; our
  // own initial outbound number is where its packets start.
  v15_outbound = s->initial_inbound_sequence;
  v15_inbound = SequenceWindow(SequenceWindow::kIpmi15);
  v15_inbound.expect_first(initial_outbound);
  set_privilege(now);
}

}  // namespace ipmict::session
