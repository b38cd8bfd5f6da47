// Writes seeds for the sim_datagram fuzz target: real sessions of protocol/session's client
// against the same simulated BMC the target builds (fuzz/sim_fixture.hpp), recorded as the
// target's input format. Captured exchanges with other BMCs cannot get past RAKP 3 here
// (the BMC's random differs), these do: the fuzzer starts from established sessions.
//
//   make_sim_seeds OUTPUT_DIR      (fuzz/make_seeds.py runs it when it is built)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/sim_fixture.hpp"
#include "protocol/session/client_session.hpp"
#include "sim/lan_channel.hpp"

namespace {

using namespace ipmict;
using namespace ipmict::session;

struct Scenario {
  std::string name;
  std::uint8_t selector;
  Protocol protocol;
  std::optional<std::uint8_t> suite;
  std::optional<AuthType> auth;
  bool kg;
};

Bytes record(ByteView datagram) {
  Bytes out{0x00, static_cast<std::uint8_t>(datagram.size() & 0xffu), static_cast<std::uint8_t>(datagram.size() >> 8)};
  out.insert(out.end(), datagram.begin(), datagram.end());
  return out;
}

Bytes run(const Scenario& sc) {
  sim::Bmc bmc(fuzzing::fuzz_sim_config(sc.selector));
  sim::LanChannel channel(bmc, fuzzing::fuzz_server_config(bmc));
  ClientConfig c;
  c.protocol = sc.protocol;
  c.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  c.password.assign(fuzzing::kSimAdminPassword.begin(), fuzzing::kSimAdminPassword.end());
  if (sc.kg) c.kg = Bytes(fuzzing::kSimKg.begin(), fuzzing::kSimKg.end());
  c.cipher_suite = sc.suite;
  c.auth_type = sc.auth;
  c.random = fuzzing::fixed_random(0x77);
  ClientSession client(std::move(c));
  const TimePoint now{std::chrono::hours(1)};  // the target's clock, never advanced (control 0)
  const Peer peer{"127.0.0.1", 50001};         // the target's peer 0
  Bytes seed{sc.selector};
  auto exchange = [&] {
    for (int round = 0; round < 32; ++round) {
      auto out = client.take_outgoing();
      if (out.empty()) return;
      for (const Bytes& d : out) {
        const Bytes rec = record(view(d));
        seed.insert(seed.end(), rec.begin(), rec.end());
        for (const Bytes& reply : channel.handle(peer, view(d), now).replies) client.receive(view(reply), now);
      }
    }
  };
  client.start(now);
  exchange();
  if (client.state() != ClientState::established) {
    std::fprintf(stderr, "%s: the session did not come up; seed written anyway\n", sc.name.c_str());
  }
  const Request requests[] = {
      {0x06, 0x01, {}, 0, std::nullopt},                      // Get Device ID
      {0x06, 0x3d, {0x00}, 0, std::nullopt},                  // Get Session Info (current)
      {0x06, 0x42, {0x01}, 0, std::nullopt},                  // Get Channel Info
      {0x06, 0x46, {0x02}, 0, std::nullopt},                  // Get User Name
      {0x06, 0x44, {0x01, 0x02}, 0, std::nullopt},            // Get User Access
      {0x0a, 0x40, {}, 0, std::nullopt},                      // Get SEL Info
      {0x0a, 0x43, {0x00, 0x00, 0x00, 0x00, 0x00, 0xff}, 0, std::nullopt},  // Get SEL Entry
      {0x0a, 0x20, {}, 0, std::nullopt},                      // Get SDR Repository Info
      {0x04, 0x2d, {0x01}, 0, std::nullopt},                  // Get Sensor Reading
      {0x00, 0x01, {}, 0, std::nullopt},                      // Get Chassis Status
      {0x0c, 0x02, {0x01, 0x03, 0x00, 0x00}, 0, std::nullopt},  // Get LAN Configuration Parameters
      {0x0a, 0x10, {0x00}, 0, std::nullopt},                  // Get FRU Inventory Area Info
  };
  for (const Request& r : requests) {
    client.submit(r, now);
    exchange();
  }
  client.close(now);
  exchange();
  return seed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_sim_seeds OUTPUT_DIR\n");
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  std::vector<Scenario> scenarios = {
      {"lanplus-cs3", 0x00, Protocol::lanplus, 3, std::nullopt, false},
      {"lanplus-cs17", 0x00, Protocol::lanplus, 17, std::nullopt, false},
      {"lanplus-cs3-kg", 0x80, Protocol::lanplus, 3, std::nullopt, true},
      {"lanplus-cs1", 0x40, Protocol::lanplus, 1, std::nullopt, false},
      {"lanplus-cs2", 0x40, Protocol::lanplus, 2, std::nullopt, false},
      {"lanplus-cs12", 0x40, Protocol::lanplus, 12, std::nullopt, false},
      {"lan-md5", 0x00, Protocol::lan15, std::nullopt, AuthType::md5, false},
      {"lan-md2", 0x20, Protocol::lan15, std::nullopt, AuthType::md2, false},
      {"lan-straight", 0x20, Protocol::lan15, std::nullopt, AuthType::straight_password, false},
  };
  const auto& personalities = fuzzing::fuzz_personalities();
  for (std::size_t i = 1; i <= personalities.size() && i < 32; ++i)
    scenarios.push_back({"lanplus-cs3-" + personalities[i - 1].name, static_cast<std::uint8_t>(i), Protocol::lanplus, 3,
                         std::nullopt, false});
  for (const Scenario& sc : scenarios) {
    const Bytes seed = run(sc);
    std::ofstream out(dir / ("gen-" + sc.name), std::ios::binary);
    out.write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));  // NOLINT
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", (dir / ("gen-" + sc.name)).c_str());
      return 1;
    }
  }
  std::printf("%zu sim_datagram seeds written to %s\n", scenarios.size(), dir.c_str());
  return 0;
}
