#pragma once
// Shared set-up for the end-to-end tests against OpenIPMI's ipmi_sim: skip with the reason
// when a real peer is missing, and open ipmict sessions the way the CLI does.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "harness/connect.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::integration {

inline std::string peers_unavailable_reason() {
  if (!test::find_in_path("ipmitool")) return "ipmitool not installed";
  return test::ipmi_sim_unavailable_reason();
}

class IpmiSimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string why = peers_unavailable_reason();
    if (!why.empty()) GTEST_SKIP() << why;
    peer_ = std::make_unique<test::IpmiSimPeer>();
  }

  // "lanplus://ipmiusr@127.0.0.1:PORT" + query, for the peer (or another port: a proxy).
  std::string uri(const std::string& scheme, const std::string& user, const std::string& query = {},
                  std::uint16_t port = 0) const {
    return scheme + "://" + user + "@127.0.0.1:" + std::to_string(port ? port : peer_->port()) +
           (query.empty() ? "" : "?" + query);
  }

  // Connects like the CLI: the password comes from an environment variable.
  tl::expected<Connection, std::string> connect(const std::string& target_uri, const std::string& password) {
    ::setenv("IPMICT_IT_PASSWORD", password.c_str(), 1);
    auto target = parse_target(target_uri);
    if (!target) return tl::unexpected(target.error());
    SecretSource pw;
    pw.env = "IPMICT_IT_PASSWORD";
    return connect_target(*target, pw, SecretSource{}, std::nullopt);
  }

  std::unique_ptr<test::IpmiSimPeer> peer_;
};

}  // namespace ipmict::integration
