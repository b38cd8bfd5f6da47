// Probe `login`: a session that must be refused (a wrong password, cipher suite 0, the null
// user with no password) and, when the BMC opens it anyway, what it can do. The proof is a
// completed handshake plus commands answered in the session, up to one that needs
// Administrator: an Open Session reply alone proves nothing (nmap's ipmi-cipher-zero false
// positives, ../shared/reference/anchors-conformance-fuzzing.md §3.2).
#include <fmt/format.h>

#include "harness/cases/labels.hpp"
#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/probe.hpp"

namespace ipmict::runner::probes {

ProbeResult login(ProbeRun& run) {
  const auto& action = run.action();
  session::ClientConfig config = run.base_config();
  std::string how;
  if (const auto t = cases::probe_text(action, "auth_type")) {
    config.protocol = session::Protocol::lan15;
    config.auth_type = cases::parse_auth_type(*t);
    config.cipher_suite.reset();
    how = "IPMI 1.5 auth type " + *t;
  } else {
    config.protocol = session::Protocol::lanplus;
    if (cases::probe_arg(action, "cipher_suite") != nullptr) {
      config.cipher_suite = static_cast<std::uint8_t>(cases::probe_number(action, "cipher_suite", 3));
      how = fmt::format("RMCP+ cipher suite {}", *config.cipher_suite);
    } else {
      how = "RMCP+";
    }
  }
  auto user = run.text_value(cases::probe_text(action, "user").value_or("$admin_user"));
  if (!user) return ProbeResult::error(user.error());
  config.username = *user;
  const std::string password = cases::probe_text(action, "password").value_or("wrong");
  std::string password_label;
  if (password == "wrong") {
    config.password = wrong_password(run.lan().config.password,
                                     config.protocol == session::Protocol::lan15 ? 16 : 20);
    password_label = "a wrong password";
  } else if (password.empty()) {
    config.password.clear();
    password_label = "an empty password";
  } else {
    auto pw = run.text_value(password);
    if (!pw) return ProbeResult::error(pw.error());
    config.password = *pw;
    password_label = password == "$admin_password" ? "the run's password" : "the password \"" + password + "\"";
  }
  const auto privilege = cases::parse_step_privilege(cases::probe_text(action, "privilege").value_or("administrator"));
  config.privilege = privilege.value_or(Privilege::administrator);
  const std::string what = fmt::format("{} as {} with {}", how, user_label(config.username), password_label);

  auto s = run.open(std::move(config), "session open: " + what);
  if (!s) {
    using K = transport::TransportError::Kind;
    if (s.error().kind == K::unreachable || s.error().kind == K::io) {
      return ProbeResult::error("cannot reach the BMC to try " + what + ": " + s.error().message);
    }
    return ProbeResult::silent();  // refused: the evidence says where and with which status
  }
  const Access access = prove_access(run, **s, what);
  (*s)->close();
  if (!access.worked) return ProbeResult::silent();
  return ProbeResult::fired({fmt::format("login: expected the BMC to refuse {}, seen a session ({}) in which {}{}", what,
                                         (*s)->describe(), access.text,
                                         access.administrator ? ": full Administrator control" : "")});
}

}  // namespace ipmict::runner::probes
