// `ipmict sim` as a daemon: the built binary, started like a user would, on an ephemeral port.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "tests/support/ipmi_sim_peer.hpp"
#include "transports/lan_client.hpp"

namespace ipmict {
namespace {

using namespace std::chrono_literals;

// <build>/tests/sim_tests -> <build>/harness/ipmict
std::filesystem::path ipmict_binary() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return self.parent_path().parent_path() / "harness" / "ipmict";
}

Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

// A running `ipmict sim`: its port from the first line of its stdout.
struct Daemon {
  test::TempDir logs{"ipmict-sim-daemon"};
  std::unique_ptr<test::ChildProcess> child;
  std::uint16_t port = 0;
  std::string first_line;

  explicit Daemon(std::vector<std::string> args, std::vector<std::string> env = {}) {
    std::vector<std::string> argv{ipmict_binary().string(), "sim", "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), args.begin(), args.end());
    test::ChildOptions o;
    o.env = std::move(env);
    o.stdout_path = logs.path() / "stdout";
    o.stderr_path = logs.path() / "stderr";
    child = std::make_unique<test::ChildProcess>(argv, o);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    for (int i = 0; i < 400 && std::chrono::steady_clock::now() < deadline; ++i) {
      std::string out;
      try {
        out = test::read_file(logs.path() / "stdout");
      } catch (const std::exception&) {
      }
      if (const auto nl = out.find('\n'); nl != std::string::npos) {
        first_line = out.substr(0, nl);
        const auto colon = first_line.rfind(':');
        if (first_line.rfind("listening on 127.0.0.1:", 0) == 0 && colon != std::string::npos) {
          port = static_cast<std::uint16_t>(std::stoul(first_line.substr(colon + 1)));
        }
        return;
      }
      if (!child->running()) return;
      std::this_thread::sleep_for(25ms);
    }
  }
  std::string stderr_text() {
    try {
      return test::read_file(logs.path() / "stderr");
    } catch (const std::exception&) {
      return {};
    }
  }
};

std::unique_ptr<transport::LanClient> connect(std::uint16_t port, const std::string& user, const std::string& password) {
  session::ClientConfig c;
  c.protocol = session::Protocol::lanplus;
  c.username = bytes_of(user);
  c.password = bytes_of(password);
  c.cipher_suite = 17;
  c.timeout = session::Millis(500);
  auto client = transport::LanClient::connect("127.0.0.1", port, std::move(c));
  EXPECT_TRUE(client) << client.error().message;
  return client ? std::move(*client) : nullptr;
}

class SimDaemon : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ipmict_binary())) {
      FAIL() << ipmict_binary() << " is missing: build the ipmict target (the whole build) before these tests";
    }
  }
  test::TempDir dir_{"ipmict-sim-test"};
};

TEST_F(SimDaemon, PrintsListeningLineAnswersAndExitsZeroOnSigterm) {
  test::write_file(dir_.path() / "bmc.yaml",
                   "identity: {device_id: 0x42, firmware: \"3.25\", manufacturer_id: 0x1234, product_id: 0x5678}\n"
                   "users:\n  - {id: 2, name: tester, password_env: DAEMON_TEST_PW, privilege: admin}\n");
  Daemon d({"--config", (dir_.path() / "bmc.yaml").string()}, {"DAEMON_TEST_PW=daemon-pw"});
  ASSERT_NE(d.port, 0) << "first line: '" << d.first_line << "'; stderr: " << d.stderr_text();
  {
    auto client = connect(d.port, "tester", "daemon-pw");
    ASSERT_TRUE(client);
    auto r = client->request(session::Request{0x06, 0x01, {}, 0, std::nullopt});
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->completion_code, 0);
    ASSERT_GE(r->data.size(), 11u);
    EXPECT_EQ(r->data[0], 0x42);
    EXPECT_EQ(r->data[2] & 0x7f, 3);
    EXPECT_EQ(r->data[3], 0x25);
    client->close();
  }
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(d.child->kill_and_wait(5000ms), 0) << d.stderr_text();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
  EXPECT_NE(d.stderr_text().find("SIGTERM: stopped"), std::string::npos) << d.stderr_text();
}

TEST_F(SimDaemon, SigintAlsoExitsZero) {
  Daemon d({"--password-env", "DAEMON_TEST_PW"}, {"DAEMON_TEST_PW=default-pw"});
  ASSERT_NE(d.port, 0) << d.stderr_text();
  ASSERT_EQ(::kill(d.child->pid(), SIGINT), 0);
  EXPECT_EQ(d.child->wait_for(5000ms), std::optional<int>(0)) << d.stderr_text();
}

TEST_F(SimDaemon, SecureDefaultWithPasswordFromEnvironment) {
  Daemon d({"--password-env", "DAEMON_TEST_PW"}, {"DAEMON_TEST_PW=default-pw"});
  ASSERT_NE(d.port, 0) << d.stderr_text();
  auto client = connect(d.port, "admin", "default-pw");
  ASSERT_TRUE(client);
  EXPECT_TRUE(client->request(session::Request{0x06, 0x01, {}, 0, std::nullopt}));
  client->close();
  EXPECT_EQ(d.child->kill_and_wait(5000ms), 0);
}

TEST_F(SimDaemon, RefusesToStartWithoutAPassword) {
  const auto r = test::run_capture({ipmict_binary().string(), "sim", "--listen", "127.0.0.1:0"}, {}, 10000ms);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("no admin password"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("listening on"), std::string::npos) << r.output;
}

TEST_F(SimDaemon, ConfigurationErrorIsOneLineWithPosition) {
  test::write_file(dir_.path() / "bad.yaml", "identity:\n  device_idd: 1\n");
  const auto r = test::run_capture(
      {ipmict_binary().string(), "sim", "--config", (dir_.path() / "bad.yaml").string(), "--listen", "127.0.0.1:0"}, {},
      10000ms);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.yaml:2:3: unknown key 'device_idd' in identity"), std::string::npos) << r.output;
}

TEST_F(SimDaemon, StateSurvivesARestart) {
  const std::string state = (dir_.path() / "state").string();
  const session::Request set_name{0x06, 0x45, {0x05, 'p', 'e', 'r', 's', 'i', 's', 't', 'e', 'd', 0, 0, 0, 0, 0, 0, 0}, 0,
                                  std::nullopt};
  const session::Request get_name{0x06, 0x46, {0x05}, 0, std::nullopt};
  {
    Daemon d({"--password-env", "DAEMON_TEST_PW", "--state-dir", state}, {"DAEMON_TEST_PW=state-pw"});
    ASSERT_NE(d.port, 0) << d.stderr_text();
    auto client = connect(d.port, "admin", "state-pw");
    ASSERT_TRUE(client);
    auto r = client->request(set_name);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->completion_code, 0);
    client->close();
    ASSERT_EQ(d.child->kill_and_wait(5000ms), 0) << d.stderr_text();
  }
  {
    Daemon d({"--password-env", "DAEMON_TEST_PW", "--state-dir", state}, {"DAEMON_TEST_PW=state-pw"});
    ASSERT_NE(d.port, 0) << d.stderr_text();
    auto client = connect(d.port, "admin", "state-pw");
    ASSERT_TRUE(client);
    auto r = client->request(get_name);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->completion_code, 0);
    ASSERT_GE(r->data.size(), 9u);
    EXPECT_EQ(std::string(r->data.begin(), r->data.begin() + 9), "persisted");
    client->close();
    EXPECT_EQ(d.child->kill_and_wait(5000ms), 0);
  }
}

TEST_F(SimDaemon, UnknownPersonalityIsRefused) {
  const auto r = test::run_capture({ipmict_binary().string(), "sim", "--password-env", "X", "--personality", "nope"},
                                   {"X=pw"}, 10000ms);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--personality: unknown personality 'nope'"), std::string::npos) << r.output;
}

TEST_F(SimDaemon, ListsPersonalities) {
  const auto r = test::run_capture({ipmict_binary().string(), "sim", "--list-personalities"}, {}, 10000ms);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("bad-checksum: IPMI 2.0 §13.8"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ipmict
