#pragma once
// Helpers for the BMC model tests: a Bmc with the default configuration, the three kinds
// of requester (system interface, LAN session at a privilege, session-less LAN), and a
// fake clock the tests move by hand.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "protocol/core/bytes.hpp"
#include "sim/bmc.hpp"
#include "sim/sim_config.hpp"

namespace ipmict::sim::test {

inline Bytes hex(const std::string& s) {
  auto b = parse_hex(s);
  EXPECT_TRUE(b.has_value()) << "bad hex in test: " << s;
  return b.value_or(Bytes{});
}

inline Bytes text16(const std::string& s, std::size_t n = 16) {
  Bytes b(s.begin(), s.end());
  b.resize(n, 0);
  return b;
}

inline Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

inline const Bytes kAdminPassword{'s', '3', 'c', 'r', '3', 't', '!'};

inline Context system_interface() {
  Context c;
  c.interface = Context::Interface::system;
  c.session.channel = 0x0f;
  return c;
}

inline Context lan_session(Privilege p, std::uint32_t session_id = 0x11223344, std::uint8_t user = 2) {
  Context c;
  c.interface = Context::Interface::lan;
  c.session.channel = 1;
  c.session.session_id = session_id;
  c.session.privilege = p;
  c.session.user_id = user;
  c.session.ipmi20 = true;
  c.session.peer = {"192.0.2.7", 0x3de9};
  return c;
}

inline Context lan_sessionless() {
  Context c;
  c.interface = Context::Interface::lan;
  c.session.channel = 1;
  return c;
}

struct BmcHarness {
  explicit BmcHarness(SimConfig config = default_sim_config(kAdminPassword)) : bmc(std::move(config)) {}

  session::Response send(const Context& ctx, std::uint8_t netfn, std::uint8_t cmd, const Bytes& data = {}) {
    session::Request r;
    r.netfn = netfn;
    r.cmd = cmd;
    r.data = data;
    return bmc.handle(ctx, r, now);
  }
  // From the system interface (Local privilege).
  session::Response local(std::uint8_t netfn, std::uint8_t cmd, const Bytes& data = {}) {
    return send(system_interface(), netfn, cmd, data);
  }
  // Expects completion code 00h and returns the data.
  Bytes ok(std::uint8_t netfn, std::uint8_t cmd, const Bytes& data = {}) {
    auto r = local(netfn, cmd, data);
    EXPECT_EQ(r.completion_code, 0x00) << "netfn " << int{netfn} << " cmd " << int{cmd} << " data " << to_hex(view(data));
    return r.data;
  }
  std::uint8_t code(std::uint8_t netfn, std::uint8_t cmd, const Bytes& data = {}) {
    return local(netfn, cmd, data).completion_code;
  }
  void advance(std::chrono::milliseconds d) { now += d; }

  Bmc bmc;
  session::TimePoint now{std::chrono::hours(1000)};
};

}  // namespace ipmict::sim::test
