#pragma once
// The simulated BMC the sim_datagram fuzz target talks to, shared with make_sim_seeds (which
// records real client sessions against the same BMC as seeds). Everything that varies per
// input comes from one byte, so a seed made here replays identically in the target:
//   bits 0-4  personality: 0 = conformant, n = the nth built-in personality
//   bit 5     weak IPMI 1.5 auth types too (none, straight password, MD2)
//   bit 6     cipher suites 0, 1, 2 and 12 offered too (RAKP-none, SHA1 without AES, MD5)
//   bit 7     a K_G is set
// Users: "admin"/"fuzz-password" (ID 2) and the sample captures' "ipmiusr"/"test-password"
// (ID 3), both administrators on LAN channel 1. The session layer's randomness is a fixed
// sequence, so session IDs, RAKP randoms and AES IVs are the same on every replay.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/session/server_session.hpp"
#include "sim/bmc.hpp"
#include "sim/sim_config.hpp"
#include "sim/personality_yaml.hpp"

namespace ipmict::fuzzing {

inline constexpr std::string_view kSimAdminPassword = "fuzz-password";
inline constexpr std::string_view kCaptureUser = "ipmiusr";
inline constexpr std::string_view kCapturePassword = "test-password";
inline constexpr std::string_view kSimKg = "fuzz-kg-0123456789ab";

// The built-in personalities, parsed once.
inline const std::vector<sim::Personality>& fuzz_personalities() {
  static const std::vector<sim::Personality> all = [] {
    std::vector<sim::Personality> out;
    for (const auto& p : sim::builtin_personalities()) {
      auto parsed = sim::parse_personality(p.yaml, std::string(p.name) + ".yaml");
      if (parsed) out.push_back(std::move(*parsed));
    }
    return out;
  }();
  return all;
}

inline sim::SimConfig fuzz_sim_config(std::uint8_t selector) {
  const Bytes admin_pw(kSimAdminPassword.begin(), kSimAdminPassword.end());
  sim::SimConfig c = sim::default_sim_config(admin_pw);
  for (auto& u : c.users) {
    if (u.id != 3) continue;
    u.name = std::string(kCaptureUser);
    u.password.assign(kCapturePassword.begin(), kCapturePassword.end());
    u.enabled = true;
    sim::UserConfig::Access a;
    a.channel = 1;
    a.privilege_limit = Privilege::administrator;
    a.ipmi_messaging = true;
    u.access.push_back(a);
  }
  const auto& personalities = fuzz_personalities();
  const std::size_t p = selector & 0x1fu;
  if (p != 0 && !personalities.empty()) c.personalities.push_back(personalities[(p - 1) % personalities.size()]);
  if ((selector & 0x20u) != 0)
    for (std::size_t i = 1; i <= 4; ++i) c.lan.auth_types[i] = 0x17;  // none, MD2, MD5, straight
  if ((selector & 0x40u) != 0) {
    static constexpr std::uint8_t kExtraSuites[] = {0, 1, 2, 12};
    for (std::uint8_t id : kExtraSuites) c.lan.cipher_suites.push_back({id, Privilege::administrator});
  }
  if ((selector & 0x80u) != 0) c.lan.kg.assign(kSimKg.begin(), kSimKg.end());
  return c;
}

// A fixed byte sequence standing in for RAND_bytes (reproducible crashes and seeds).
inline std::function<void(std::uint8_t*, std::size_t)> fixed_random(std::uint8_t start) {
  auto state = std::make_shared<std::uint8_t>(start);
  return [state](std::uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = *state = static_cast<std::uint8_t>(*state * 5u + 0x3bu);
  };
}

inline session::ServerConfig fuzz_server_config(const sim::Bmc& bmc) {
  session::ServerConfig c = bmc.lan_server_config();
  c.random = fixed_random(0x21);
  return c;
}

// The virtual clock: the step a record's control byte picks (bits 2-4).
inline session::Millis clock_step(std::uint8_t control) {
  static constexpr std::int64_t kSteps[] = {0, 10, 250, 1000, 5000, 30000, 61000, 3600000};
  return session::Millis(kSteps[(control >> 2) & 7u]);
}

}  // namespace ipmict::fuzzing
