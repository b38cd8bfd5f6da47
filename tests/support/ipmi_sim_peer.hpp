// Test support: temp dirs, child processes without a shell, and an RAII
// OpenIPMI ipmi_sim peer on an ephemeral loopback port.
//
// The peer is started by tests/peers/run-ipmi-sim.sh (configs in
// tests/peers/ipmi_sim/). Credentials are test-only; see tests/peers/README.md.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipmict::test {

// ---- files and directories -------------------------------------------------

// Whole file as bytes; throws std::runtime_error naming the path on failure.
std::string read_file(const std::filesystem::path& path);

// Create/truncate and write; throws std::runtime_error on failure.
void write_file(const std::filesystem::path& path, std::string_view content);

// A fresh directory under $TMPDIR (or /tmp), removed recursively on destruction.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "ipmict-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  // Keep the directory on destruction (e.g. to inspect after a failure).
  void keep() noexcept { keep_ = true; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

// Absolute path of an executable found in $PATH (or name itself if it contains
// a '/' and is executable); nullopt if not found.
std::optional<std::filesystem::path> find_in_path(std::string_view name);

// ---- child processes -------------------------------------------------------

struct ChildOptions {
  // "NAME=value" entries. With inherit_env they override/extend the parent's
  // environment; without, they are the whole environment.
  std::vector<std::string> env;
  bool inherit_env = true;
  // Where stdout/stderr go; unset = /dev/null. The same path for both is fine
  // (opened once, O_APPEND). stdin is always /dev/null.
  std::optional<std::filesystem::path> stdout_path;
  std::optional<std::filesystem::path> stderr_path;
  // Put the child in its own session (setsid): no controlling terminal, and
  // kill() signals the whole process group.
  bool new_session = true;
};

// fork/execve of argv (argv[0] looked up in $PATH), no shell. The destructor
// kills (SIGTERM, then SIGKILL) and reaps the child if it is still running.
class ChildProcess {
 public:
  ChildProcess(std::vector<std::string> argv, ChildOptions options = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;

  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  // True until the child has been reaped.
  [[nodiscard]] bool running();
  // Exit code (0-255), or 128 + signal number if killed by a signal;
  // nullopt if still running after timeout.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  // SIGTERM, wait up to grace, then SIGKILL and reap. Returns the exit status
  // as wait_for does. No-op (returns the known status) if already reaped.
  int kill_and_wait(std::chrono::milliseconds grace = std::chrono::milliseconds{2000});

 private:
  bool try_reap(bool block);
  pid_t pid_ = -1;
  bool new_session_ = true;
  std::optional<int> status_;
};

struct RunResult {
  int exit_code = -1;      // as ChildProcess::wait_for; -1 if timed out
  bool timed_out = false;  // the child was killed after the timeout
  std::string output;      // stdout and stderr, interleaved
};

// Run argv to completion (bounded by timeout), capturing stdout+stderr.
RunResult run_capture(const std::vector<std::string>& argv,
                      const std::vector<std::string>& env = {},
                      std::chrono::milliseconds timeout = std::chrono::milliseconds{30000});

// ---- ipmi_sim peer ---------------------------------------------------------

// tests/peers/run-ipmi-sim.sh: $IPMICT_RUN_IPMI_SIM if set, else located
// relative to this source file.
std::filesystem::path default_run_ipmi_sim_script();

// ipmi_sim, ipmitool and ss are in $PATH and the start script exists.
bool ipmi_sim_available();
// Empty if available, else a one-line reason for GTEST_SKIP().
std::string ipmi_sim_unavailable_reason();

// Starts ipmi_sim (BMC at 0x20, LAN channel 1) on 127.0.0.1:<ephemeral port>
// in a fresh temp state dir; stops it and removes the dir on destruction.
// Throws std::runtime_error (with the script's output) if it cannot start.
class IpmiSimPeer {
 public:
  // Test-only credentials (see tests/peers/ipmi_sim/lan.conf.in).
  static constexpr std::string_view kHost = "127.0.0.1";
  static constexpr std::string_view kAdminUser = "ipmiusr";  // user 2
  static constexpr std::string_view kAdminPassword = "test-password";
  static constexpr std::string_view kOperatorUser = "operator";  // user 3
  static constexpr std::string_view kOperatorPassword = "op-password";
  static constexpr std::string_view kUserUser = "user";  // user 4
  static constexpr std::string_view kUserPassword = "user-password";
  static constexpr std::string_view kPasswordEnvVar = "IPMI_PASSWORD";  // ipmitool -E
  static constexpr std::uint8_t kBmcAddress = 0x20;
  static constexpr std::uint8_t kLanChannel = 1;
  // RMCP+ cipher suites with which ipmitool 1.8.19 completes a session with
  // this ipmi_sim build; FreeIPMI also manages 11 (see tests/peers/README.md).
  // ipmi_sim lists 0-14 in Get Channel Cipher Suites but fails the others.
  static constexpr std::uint8_t kIpmitoolCipherSuites[] = {0, 1, 2, 3, 6};

  // `lan_conf`: another lan.conf template in tests/peers/ipmi_sim/ (e.g.
  // "lan-permissive.conf.in", the security profile's weak configuration); empty = the default.
  explicit IpmiSimPeer(std::filesystem::path script = default_run_ipmi_sim_script(),
                       std::chrono::milliseconds start_timeout = std::chrono::milliseconds{30000},
                       std::string lan_conf = {});
  ~IpmiSimPeer();
  IpmiSimPeer(const IpmiSimPeer&) = delete;
  IpmiSimPeer& operator=(const IpmiSimPeer&) = delete;
  IpmiSimPeer(IpmiSimPeer&&) = delete;
  IpmiSimPeer& operator=(IpmiSimPeer&&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  [[nodiscard]] const std::filesystem::path& state_dir() const noexcept { return state_.path(); }

  // "ipmitool -I <interface> -H 127.0.0.1 -p PORT -U <user> -E -N 1 -R 2"
  // plus "-C <cipher_suite>" for lanplus or "-A <auth_type>" for lan.
  // Run with ipmitool_env() so -E finds the password.
  [[nodiscard]] std::vector<std::string> ipmitool_argv(std::string_view interface = "lanplus",
                                                       int cipher_suite = 3,
                                                       std::string_view auth_type = "MD5",
                                                       std::string_view user = kAdminUser) const;
  // {"IPMI_PASSWORD=<password>"}
  [[nodiscard]] static std::vector<std::string> ipmitool_env(
      std::string_view password = kAdminPassword);

  // Stop now (idempotent); the destructor calls this.
  void stop() noexcept;

 private:
  TempDir state_;
  std::filesystem::path script_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
  bool running_ = false;
};

}  // namespace ipmict::test
