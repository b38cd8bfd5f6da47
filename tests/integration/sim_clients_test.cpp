// Real IPMI clients (ipmitool, FreeIPMI, ipmiutil) against the built-in simulator over
// loopback, and sim:// targets through connect_target: each client succeeds and prints what
// the configuration says.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/connect.hpp"
#include "sim/config_yaml.hpp"
#include "sim/simulator.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::integration {
namespace {

using namespace std::chrono_literals;

// Test-only credentials (a literal password is fine in a test configuration only).
constexpr const char* kUser = "simadmin";
constexpr const char* kPassword = "sim-test-pw";

const char* kConfig = R"(
identity: {device_id: 0x42, firmware: "3.25", manufacturer_id: 0x1234, product_id: 0x5678}
users:
  - {id: 2, name: simadmin, password: sim-test-pw, privilege: admin}
  - {id: 3, name: simoper, password: op-test-pw, privilege: operator}
sensors:
  - {number: 1, name: Inlet Temp, type: temperature, units: degrees_c, raw_reading: 30, thresholds: {lcr: 5, ucr: 70}}
  - {number: 2, name: Rear Fan, type: fan, units: rpm, m: 50, raw_reading: 80}
fru:
  - {device_id: 0, board: {manufacturer: ACME, product_name: Sim Board}, product: {name: Sim Server}}
sel:
  - "00 00 02 00 00 00 00 20 00 04 01 01 01 09 ff ff"
)";

std::filesystem::path ipmict_binary() {
  std::error_code ec;
  return std::filesystem::read_symlink("/proc/self/exe", ec).parent_path().parent_path() / "harness" / "ipmict";
}

class SimClients : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = sim::parse_sim_config(kConfig, "sim_clients_test.yaml");
    ASSERT_TRUE(loaded) << loaded.error();
    sim::SimulatorOptions o;
    o.config = std::move(loaded->config);
    auto s = sim::Simulator::start(std::move(o));
    ASSERT_TRUE(s) << s.error();
    sim_ = std::move(*s);
    port_ = std::to_string(sim_->port());
  }

  std::vector<std::string> ipmitool(const std::string& interface, const std::string& suite_or_auth,
                                    std::vector<std::string> command) const {
    std::vector<std::string> argv{"ipmitool", "-I", interface, "-H", "127.0.0.1", "-p", port_, "-U", kUser, "-E", "-N", "1", "-R", "2"};
    if (interface == "lanplus") {
      argv.insert(argv.end(), {"-C", suite_or_auth});
    } else {
      argv.insert(argv.end(), {"-A", suite_or_auth});
    }
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
  }

  std::vector<std::string> freeipmi(const std::string& tool, const std::string& driver, std::vector<std::string> args) const {
    std::vector<std::string> argv{tool, "-h", "127.0.0.1:" + port_, "-u", kUser, "--config-file",
                                  (dir_.path() / "freeipmi.conf").string(), "-l", "ADMIN", "-D", driver};
    if (driver == "LAN_2_0") argv.insert(argv.end(), {"-I", "3"});
    else argv.insert(argv.end(), {"-a", "MD5"});
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }

  std::unique_ptr<sim::Simulator> sim_;
  std::string port_;
  test::TempDir dir_{"ipmict-sim-clients"};
};

struct Expect {
  std::vector<std::string> command;
  std::vector<std::string> contains;
};

void run_and_check(const std::vector<std::string>& argv, const std::vector<std::string>& contains,
                   const std::vector<std::string>& env = {}) {
  std::string line;
  for (const auto& a : argv) line += a + " ";
  const auto r = test::run_capture(argv, env, 30000ms);
  EXPECT_EQ(r.exit_code, 0) << line << "\n" << r.output;
  for (const auto& c : contains) EXPECT_NE(r.output.find(c), std::string::npos) << line << ": no '" << c << "' in\n" << r.output;
}

const std::vector<Expect> kIpmitoolCommands = {
    {{"mc", "info"}, {"Device ID                 : 66", "Firmware Revision         : 3.25", "Manufacturer ID           : 4660", "22136 (0x5678)"}},
    {{"mc", "getenables"}, {"Receive Message Queue Interrupt"}},
    {{"user", "list", "1"}, {"simadmin", "simoper"}},
    {{"channel", "info"}, {"802.3 LAN"}},
    {{"channel", "getciphers", "ipmi"}, {"\n3 ", "\n17 "}},
    {{"sel", "list"}, {"Temperature"}},
    {{"sdr", "list"}, {"Inlet Temp", "Rear Fan"}},
    {{"sensor", "list"}, {"Inlet Temp", "Rear Fan"}},
    {{"chassis", "status"}, {"System Power"}},
    {{"fru", "print", "0"}, {"ACME", "Sim Server"}},
    {{"raw", "0x06", "0x01"}, {" 42 "}},
    {{"raw", "0x06", "0x37"}, {}},
    {{"raw", "0x06", "0x42", "0x01"}, {" 01 "}},
    {{"raw", "0x00", "0x01"}, {}},
    {{"raw", "0x0a", "0x40"}, {" 51 "}},
};

class SimIpmitool : public SimClients, public ::testing::WithParamInterface<std::pair<std::string, std::string>> {};

TEST_P(SimIpmitool, EveryCommandSucceedsAndShowsTheConfiguration) {
  if (!test::find_in_path("ipmitool")) GTEST_SKIP() << "ipmitool not installed";
  const auto& [interface, suite] = GetParam();
  for (const auto& e : kIpmitoolCommands) {
    run_and_check(ipmitool(interface, suite, e.command), e.contains, {std::string("IPMI_PASSWORD=") + kPassword});
  }
}

INSTANTIATE_TEST_SUITE_P(LanMd5AndLanplus3And17, SimIpmitool,
                         ::testing::Values(std::make_pair(std::string("lan"), std::string("MD5")),
                                           std::make_pair(std::string("lanplus"), std::string("3")),
                                           std::make_pair(std::string("lanplus"), std::string("17"))),
                         [](const auto& p) { return p.param.first + "_" + p.param.second; });

class SimFreeIpmi : public SimClients, public ::testing::WithParamInterface<std::string> {};

TEST_P(SimFreeIpmi, ToolsSucceedAndShowTheConfiguration) {
  if (!test::find_in_path("bmc-info")) GTEST_SKIP() << "freeipmi-tools not installed";
  test::write_file(dir_.path() / "freeipmi.conf", std::string("password ") + kPassword + "\n");
  std::filesystem::permissions(dir_.path() / "freeipmi.conf", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::create_directories(dir_.path() / "sdr-cache");
  const std::string cache = "--sdr-cache-directory=" + (dir_.path() / "sdr-cache").string();
  const std::string d = GetParam();
  run_and_check(freeipmi("bmc-info", d, {}), {"Device ID             : 66", "Firmware Revision     : 3.25"});
  run_and_check(freeipmi("ipmi-sensors", d, {cache}), {"Inlet Temp", "Rear Fan"});
  run_and_check(freeipmi("ipmi-sel", d, {cache}), {"Temperature"});
  run_and_check(freeipmi("ipmi-chassis", d, {"--get-chassis-status"}), {"System Power"});
  run_and_check(freeipmi("ipmi-raw", d, {"00", "06", "01"}), {"rcvd: 01 00 42 "});
}

INSTANTIATE_TEST_SUITE_P(LanAndLan20, SimFreeIpmi, ::testing::Values("LAN", "LAN_2_0"));

TEST_F(SimClients, IpmiutilSelOverLan) {
  if (!test::find_in_path("ipmiutil")) GTEST_SKIP() << "ipmiutil not installed";
  // ipmiutil takes a port (-p) only for `sel` and only over IPMI 1.5 ("-F lan").
  run_and_check({"ipmiutil", "sel", "-N", "127.0.0.1", "-p", port_, "-U", kUser, "-P", kPassword, "-F", "lan", "-V", "4"},
                {"BMC version 3.25", "completed successfully"});
}

// ipmiutil health and sensor have no port option: run `ipmict sim` on port 623 inside a
// private network namespace (root only), where no other test can share the port.
TEST(SimIpmiutilNamespace, HealthAndSensorOverLanplus) {
  if (!test::find_in_path("ipmiutil")) GTEST_SKIP() << "ipmiutil not installed";
  if (!test::find_in_path("unshare") || ::geteuid() != 0) GTEST_SKIP() << "needs root and unshare for a private network namespace";
  if (!std::filesystem::exists(ipmict_binary())) FAIL() << ipmict_binary() << " is missing: build the ipmict target";
  test::TempDir dir("ipmict-sim-ns");
  test::write_file(dir.path() / "bmc.yaml", kConfig);
  const std::string script =
      "ip link set lo up || exit 77\n"
      "'" + ipmict_binary().string() + "' sim --config '" + (dir.path() / "bmc.yaml").string() +
      "' --listen 127.0.0.1:623 >'" + (dir.path() / "sim.out").string() + "' 2>&1 &\n"
      "P=$!\n"
      "for i in $(seq 1 100); do grep -q listening '" + (dir.path() / "sim.out").string() + "' && break; sleep 0.05; done\n"
      "rc=0\n"
      "timeout 30 ipmiutil health -N 127.0.0.1 -U simadmin -P sim-test-pw -F lan2 -J 3 -V 4 || rc=1\n"
      "timeout 30 ipmiutil sensor -N 127.0.0.1 -U simadmin -P sim-test-pw -F lan2 -J 3 -V 4 || rc=1\n"
      "kill -TERM $P; wait $P || rc=1\n"
      "exit $rc\n";
  test::write_file(dir.path() / "run.sh", script);
  const auto r = test::run_capture({"unshare", "--net", "bash", (dir.path() / "run.sh").string()}, {}, 90000ms);
  if (r.exit_code == 77 || r.output.find("unshare failed") != std::string::npos) GTEST_SKIP() << "no network namespace: " << r.output;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ipmiutil health, completed successfully"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Inlet Temp"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Rear Fan"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ipmiutil sensor, completed successfully"), std::string::npos) << r.output;
}

// --- sim:// through connect_target -------------------------------------------------------------

TEST(SimTarget, LanStartsAnInProcessSimulatorAndTalksRmcpPlus) {
  auto target = parse_target("sim://");
  ASSERT_TRUE(target) << target.error();
  auto c = connect_target(*target, SecretSource{}, SecretSource{}, std::nullopt);
  ASSERT_TRUE(c) << c.error();
  EXPECT_NE(c->transport->describe().find("sim:// on 127.0.0.1:"), std::string::npos) << c->transport->describe();
  EXPECT_NE(c->transport->describe().find("cipher suite 17"), std::string::npos) << c->transport->describe();
  auto r = c->transport->request(session::Request{0x06, 0x01, {}, 0, std::nullopt});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->completion_code, 0);
  ASSERT_GE(r->data.size(), 1u);
  EXPECT_EQ(r->data[0], 0x20);  // the secure default's device ID
}

TEST(SimTarget, SystemInterfaceNeedsNoNetwork) {
  auto target = parse_target("sim://?interface=system");
  ASSERT_TRUE(target) << target.error();
  auto c = connect_target(*target, SecretSource{}, SecretSource{}, std::nullopt);
  ASSERT_TRUE(c) << c.error();
  EXPECT_EQ(c->transport->describe(), "sim://?interface=system: sim://?interface=system (in-memory)");
  auto r = c->transport->request(session::Request{0x06, 0x01, {}, 0, std::nullopt});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->completion_code, 0);
}

TEST(SimTarget, RawCommandAgainstSim) {
  if (!std::filesystem::exists(ipmict_binary())) FAIL() << ipmict_binary() << " is missing";
  const auto r = test::run_capture({ipmict_binary().string(), "raw", "sim://", "0x06", "0x01"}, {}, 20000ms);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("data: 20 01 01 00"), std::string::npos) << r.output;
  const auto s = test::run_capture({ipmict_binary().string(), "raw", "sim://?interface=system", "0x06", "0x01"}, {}, 20000ms);
  EXPECT_EQ(s.exit_code, 0) << s.output;
}

}  // namespace
}  // namespace ipmict::integration
