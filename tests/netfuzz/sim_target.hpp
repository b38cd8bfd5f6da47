#pragma once
// Test helper: the built-in simulator on loopback (an ephemeral port), with the
// credentials the fuzzer logs in with.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fuzz/network/credentials.hpp"
#include "fuzz/network/target.hpp"
#include "sim/personality_yaml.hpp"
#include "sim/simulator.hpp"

namespace ipmict::netfuzz::test {

struct SimTarget {
  std::unique_ptr<sim::Simulator> simulator;
  Credentials credentials;
  TargetEndpoint endpoint;
};

inline SimTarget start_sim(const std::vector<std::string>& personalities = {}) {
  SimTarget t;
  const Bytes password{'f', 'u', 'z', 'z', '-', 't', 'e', 's', 't', '-', 'p', 'a', 's', 's', '1', '6'};
  sim::SimulatorOptions options;
  options.config = sim::default_sim_config(password);
  for (const auto& name : personalities) {
    auto p = sim::builtin_personality(name);
    EXPECT_TRUE(p) << name;
    if (p) options.config.personalities.push_back(*p);
  }
  auto s = sim::Simulator::start(std::move(options));
  EXPECT_TRUE(s) << (s ? "" : s.error());
  if (!s) return t;
  t.simulator = std::move(*s);
  t.credentials.username = {'a', 'd', 'm', 'i', 'n'};
  t.credentials.password = crypto::SecureBytes(view(password));
  t.endpoint = TargetEndpoint{t.simulator->address(), t.simulator->port()};
  return t;
}

}  // namespace ipmict::netfuzz::test
