// The probe catalog: names, arguments, and one line each on what the probe proves.
#include "harness/cases/probe_spec.hpp"

#include <algorithm>

namespace ipmict::cases {

namespace {

using K = ProbeParam::Kind;

ProbeParam number(std::string name, std::uint64_t min, std::uint64_t max, std::string meaning) {
  ProbeParam p;
  p.kind = K::number;
  p.name = std::move(name);
  p.min = min;
  p.max = max;
  p.meaning = std::move(meaning);
  return p;
}

ProbeParam of_kind(K kind, std::string name, std::string meaning, bool required = false) {
  ProbeParam p;
  p.kind = kind;
  p.name = std::move(name);
  p.required = required;
  p.meaning = std::move(meaning);
  return p;
}

}  // namespace

// The kinds of malformed datagram `malformed-datagrams` sends (harness/runner/probes/malformed_datagrams.cpp).
const std::vector<std::string>& malformed_datagram_kinds() {
  static const std::vector<std::string> kinds = {"empty",         "zero-length-rmcpplus", "zero-length-ipmi15",
                                                 "oversized-length", "oversized-datagram", "truncated-rmcp",
                                                 "truncated-rmcpplus"};
  return kinds;
}

const std::vector<ProbeSpec>& probe_specs() {
  static const std::vector<ProbeSpec> specs = [] {
    std::vector<ProbeSpec> s;
    s.push_back({"login",
                 "opens a session with the given credentials (by default the run's user with a wrong password) and "
                 "runs Get Device ID, then an Administrator command (a no-op Set Channel Access); fires when the "
                 "session works",
                 {number("cipher_suite", 0, 255, "RMCP+ cipher suite to ask for"),
                  of_kind(K::auth_type, "auth_type", "IPMI 1.5 authentication type to ask for (instead of RMCP+)"),
                  of_kind(K::text, "user", "user name; \"\" is the null user (default $admin_user)"),
                  of_kind(K::text, "password", "\"wrong\" (default: not the user's password), \"\", or a literal"),
                  of_kind(K::privilege, "privilege", "the privilege to ask for (default administrator)")}});
    s.push_back({"ipmi15-auth-type",
                 "Get Channel Authentication Capabilities, then an IPMI 1.5 activation with this auth type and a wrong "
                 "password; fires when the type is offered and the BMC activates it (none: with a wrong password; "
                 "password: a challenge for clear-text passwords)",
                 {of_kind(K::auth_type, "auth_type", "none, password, md2, md5", true),
                  of_kind(K::privilege, "privilege", "the privilege to ask for (default administrator)")}});
    s.push_back({"rakp2-disclosure",
                 "RAKP 1 for the run's user and for an unknown name; an advisory (never a FAIL) when RAKP 2 hands out "
                 "the password HMAC (CVE-2013-4786), saying whether the two answers tell user names apart",
                 {of_kind(K::text, "unknown_user", "a name that is not a user (default ipmict-nobody)")}});
    s.push_back({"null-user",
                 "Get User Name / Get User Access of user 1, then RAKP 1 with the null user name; fires when the null "
                 "user is accepted (RAKP 2 status 00h)",
                 {of_kind(K::privilege, "privilege", "the role to ask for in RAKP 1 (default user)")}});
    {
      ProbeSpec d{"default-credentials",
                  "tries each factory-default user/password over RMCP+ (the password is checked against the RAKP 2 "
                  "HMAC, so a wrong one never reaches RAKP 3); fires when one logs in; stops at a lockout sign",
                  {}};
      ProbeParam t = of_kind(K::table, "credentials", "rows of [user, password, vendor]", true);
      t.columns = 3;
      d.params.push_back(std::move(t));
      d.params.push_back(number("max_attempts", 1, 32, "at most this many rows are tried (default 16)"));
      s.push_back(std::move(d));
    }
    s.push_back({"session-ids",
                 "opens and closes sessions one after another; fires when a BMC session ID is 0, repeats, or the IDs "
                 "follow a sequence (a constant step, or all within 16 bits)",
                 {number("sessions", 3, 32, "how many sessions (default 8)")}});
    s.push_back({"replay",
                 "sends requests in a session, then resends the last request datagram and the first one byte for "
                 "byte; fires when the BMC answers a replayed sequence number",
                 {number("requests", 17, 64, "requests sent before the replay (default 20: the first is outside the "
                                             "16-number window)")}});
    s.push_back({"closed-session",
                 "closes a session with Close Session, sends a request with its ID and keys, then opens a new "
                 "session; fires when the closed session still answers or its ID is handed out again",
                 {}});
    s.push_back({"before-rakp3",
                 "completes RAKP 1/2, never sends RAKP 3, and sends a request in the half-open session; fires when it "
                 "is answered (CVE-2021-39296 class)",
                 {}});
    {
      ProbeSpec m{"malformed-datagrams",
                  "sends malformed datagrams, then checks that a new session still works; fires when the BMC stops "
                  "answering",
                  {}};
      ProbeParam l = of_kind(K::list, "datagrams", "which datagrams to send", true);
      l.choices = malformed_datagram_kinds();
      m.params.push_back(std::move(l));
      s.push_back(std::move(m));
    }
    s.push_back({"session-flood",
                 "sends the BMC's session limit plus `extra` Open Session requests without going on to RAKP, then "
                 "tries to log in, waiting up to recovery_wait_ms; fires when no login works by then",
                 {number("extra", 1, 64, "Open Session requests beyond the advertised limit (default 4)"),
                  number("recovery_wait_ms", 0, 600000, "the longest wait for a login to work again (default 65000)")}});
    return s;
  }();
  return specs;
}

const ProbeSpec* find_probe_spec(std::string_view name) {
  for (const auto& s : probe_specs())
    if (s.name == name) return &s;
  return nullptr;
}

const ProbeArg* probe_arg(const ProbeAction& action, std::string_view name) {
  for (const auto& [n, a] : action.args)
    if (n == name) return &a;
  return nullptr;
}

std::uint64_t probe_number(const ProbeAction& action, std::string_view name, std::uint64_t fallback) {
  const ProbeArg* a = probe_arg(action, name);
  if (a == nullptr) return fallback;
  const auto* v = std::get_if<std::uint64_t>(&a->value);
  return v != nullptr ? *v : fallback;
}

std::optional<std::string> probe_text(const ProbeAction& action, std::string_view name) {
  const ProbeArg* a = probe_arg(action, name);
  if (a == nullptr) return std::nullopt;
  const auto* v = std::get_if<std::string>(&a->value);
  if (v == nullptr) return std::nullopt;
  return *v;
}

std::vector<std::vector<std::string>> probe_table(const ProbeAction& action, std::string_view name) {
  const ProbeArg* a = probe_arg(action, name);
  if (a == nullptr) return {};
  const auto* v = std::get_if<std::vector<std::vector<std::string>>>(&a->value);
  return v != nullptr ? *v : std::vector<std::vector<std::string>>{};
}

}  // namespace ipmict::cases
