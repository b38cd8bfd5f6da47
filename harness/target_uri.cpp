#include "harness/target_uri.hpp"

#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace ipmict {
namespace {

constexpr std::size_t kMaxUserName = 16;  // IPMI 2.0 §13.20 (RAKP 1) and §22.15 (Get Session Challenge)

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

template <class T>
std::optional<T> number(std::string_view s) {
  T v{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// The URI as it may be shown: a "user:password@" part has its password masked.
std::string masked(std::string_view uri) {
  const auto scheme_end = uri.find("://");
  const auto at = uri.find('@');
  if (scheme_end == std::string_view::npos || at == std::string_view::npos) return std::string(uri);
  const auto colon = uri.find(':', scheme_end + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(uri);
  return std::string(uri.substr(0, colon + 1)) + "***" + std::string(uri.substr(at));
}

std::string_view privilege_word(Privilege p) {
  switch (p) {
    case Privilege::callback: return "callback";
    case Privilege::user: return "user";
    case Privilege::operator_: return "operator";
    case Privilege::oem: return "oem";
    default: return "admin";
  }
}

std::string_view auth_word(AuthType a) {
  switch (a) {
    case AuthType::none: return "none";
    case AuthType::md2: return "md2";
    case AuthType::md5: return "md5";
    default: return "password";
  }
}

}  // namespace

tl::expected<Target, std::string> parse_target(std::string_view uri) {
  const std::string shown = masked(uri);
  auto fail = [&](const std::string& what) { return tl::unexpected(fmt::format("target '{}': {}", shown, what)); };

  Target t;
  const auto scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos) return fail("no scheme (write lanplus://USER@HOST or lan://USER@HOST)");
  const std::string scheme = lower(uri.substr(0, scheme_end));
  if (scheme == "lan") {
    t.scheme = Target::Scheme::lan;
  } else if (scheme == "lanplus") {
    t.scheme = Target::Scheme::lanplus;
  } else if (scheme == "sim") {
    t.scheme = Target::Scheme::sim;
  } else {
    return fail(fmt::format("unknown scheme '{}' (use lan://, lanplus:// or sim://)", scheme));
  }
  std::string_view rest = uri.substr(scheme_end + 3);
  std::string_view query;
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }

  if (t.scheme != Target::Scheme::sim) {
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
      const std::string_view userinfo = rest.substr(0, at);
      if (userinfo.find(':') != std::string_view::npos) {
        return fail("a password in the URI is refused (use --password-env, --password-file or --password-prompt)");
      }
      t.user = std::string(userinfo);
      rest = rest.substr(at + 1);
    }
    if (t.user.size() > kMaxUserName) return fail("user name longer than 16 bytes");
    std::string_view port_text;
    if (!rest.empty() && rest.front() == '[') {
      const auto close = rest.find(']');
      if (close == std::string_view::npos) return fail("unclosed '[' in the host");
      t.host = std::string(rest.substr(1, close - 1));
      rest = rest.substr(close + 1);
      if (!rest.empty()) {
        if (rest.front() != ':') return fail("expected ':PORT' after the IPv6 address");
        port_text = rest.substr(1);
      }
    } else {
      const auto colon = rest.find(':');
      t.host = std::string(rest.substr(0, colon));
      if (colon != std::string_view::npos) port_text = rest.substr(colon + 1);
    }
    if (t.host.empty()) return fail("no host");
    if (!port_text.empty() || rest.find(':') != std::string_view::npos) {
      const auto port = number<unsigned>(port_text);
      if (!port || *port == 0 || *port > 65535) return fail(fmt::format("port '{}' is not 1-65535", port_text));
      t.port = static_cast<std::uint16_t>(*port);
    }
  } else if (!rest.empty()) {
    return fail("sim:// takes no host (use sim://?interface=system or sim://)");
  }

  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string key = lower(pair.substr(0, eq));
    const std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    const bool lanplus = t.scheme == Target::Scheme::lanplus;
    const bool lan = t.scheme == Target::Scheme::lan;
    if (key == "cipher") {
      if (!lanplus) return fail("'cipher' is for lanplus:// (RMCP+) targets");
      const auto v = number<unsigned>(value);
      if (!v || *v > 255) return fail(fmt::format("cipher '{}' is not 0-255", value));
      t.cipher_suite = static_cast<std::uint8_t>(*v);
    } else if (key == "auth") {
      if (!lan) return fail("'auth' is for lan:// (IPMI 1.5) targets");
      const std::string a = lower(value);
      if (a == "none") {
        t.auth_type = AuthType::none;
      } else if (a == "md2") {
        t.auth_type = AuthType::md2;
      } else if (a == "md5") {
        t.auth_type = AuthType::md5;
      } else if (a == "password" || a == "straight") {
        t.auth_type = AuthType::straight_password;
      } else {
        return fail(fmt::format("auth '{}' is not none, md2, md5 or password", value));
      }
    } else if (key == "privilege") {
      const auto p = parse_privilege(value);
      if (!p) return fail(fmt::format("privilege '{}' is not callback, user, operator, admin or oem", value));
      t.privilege = *p;
    } else if (key == "timeout") {
      const auto v = number<unsigned>(value);
      if (!v || *v == 0) return fail(fmt::format("timeout '{}' is not a number of milliseconds", value));
      t.timeout_ms = *v;
    } else if (key == "retries") {
      const auto v = number<unsigned>(value);
      if (!v || *v > 20) return fail(fmt::format("retries '{}' is not 0-20", value));
      t.retries = *v;
    } else if (key == "name-only") {
      if (!lanplus) return fail("'name-only' is for lanplus:// (RMCP+) targets");
      if (value != "0" && value != "1") return fail(fmt::format("name-only '{}' is not 0 or 1", value));
      t.name_only_lookup = value == "1";
    } else if (key == "personality") {
      if (t.scheme != Target::Scheme::sim) return fail("'personality' is for sim:// targets");
      std::string_view names = value;
      while (!names.empty()) {
        const auto comma = names.find(',');
        const std::string_view name = names.substr(0, comma);
        if (name.empty()) return fail("empty personality name");
        t.personalities.emplace_back(name);
        names = comma == std::string_view::npos ? std::string_view{} : names.substr(comma + 1);
      }
    } else if (key == "interface") {
      if (t.scheme != Target::Scheme::sim) return fail("'interface' is for sim:// targets");
      if (value != "lan" && value != "system") return fail(fmt::format("interface '{}' is not lan or system", value));
      t.interface = std::string(value);
    } else {
      return fail(fmt::format(
          "unknown parameter '{}' (known: cipher, privilege, timeout, retries, name-only, auth, interface, personality)", key));
    }
  }
  return t;
}

std::string Target::to_string() const {
  std::string s;
  std::vector<std::string> params;
  if (scheme == Scheme::sim) {
    s = "sim://";
    if (!interface.empty()) params.push_back("interface=" + interface);
    if (!personalities.empty()) {
      std::string names;
      for (const auto& n : personalities) names += (names.empty() ? "" : ",") + n;
      params.push_back("personality=" + names);
    }
  } else {
    s = scheme == Scheme::lan ? "lan://" : "lanplus://";
    s += user + "@";
    s += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    s += ":" + std::to_string(port);
    if (cipher_suite) params.push_back("cipher=" + std::to_string(*cipher_suite));
    if (auth_type) params.push_back("auth=" + std::string(auth_word(*auth_type)));
    if (privilege != Privilege::administrator) params.push_back("privilege=" + std::string(privilege_word(privilege)));
    if (timeout_ms) params.push_back("timeout=" + std::to_string(*timeout_ms));
    if (retries) params.push_back("retries=" + std::to_string(*retries));
    if (name_only_lookup) params.push_back(std::string("name-only=") + (*name_only_lookup ? "1" : "0"));
  }
  for (std::size_t i = 0; i < params.size(); ++i) s += (i ? "&" : "?") + params[i];
  return s;
}

}  // namespace ipmict
