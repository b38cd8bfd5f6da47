#include "tests/support/ipmi_sim_peer.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>

extern char** environ;

namespace ipmict::test {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds{10};

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::string env_key(std::string_view entry) {
  const auto eq = entry.find('=');
  return std::string(entry.substr(0, eq));
}

int decode_status(int status) {
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  if (WIFSIGNALED(status)) {
    return 128 + WTERMSIG(status);
  }
  return -1;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

}  // namespace

// ---- files and directories -------------------------------------------------

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open '" + path.string() + "' for reading");
  }
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw std::runtime_error("error reading '" + path.string() + "'");
  }
  return content;
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw std::runtime_error("cannot open '" + path.string() + "' for writing");
  }
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    throw std::runtime_error("error writing '" + path.string() + "'");
  }
}

TempDir::TempDir(std::string_view prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::filesystem::path base = (tmp != nullptr && *tmp != '\0') ? tmp : "/tmp";
  std::string templ = (base / (std::string(prefix) + "-XXXXXX")).string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    throw_errno("mkdtemp(" + templ + ")");
  }
  path_ = std::filesystem::path(buf.data());
}

TempDir::~TempDir() {
  if (!path_.empty() && !keep_) {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
}

TempDir::TempDir(TempDir&& other) noexcept
    : path_(std::exchange(other.path_, {})), keep_(other.keep_) {}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    if (!path_.empty() && !keep_) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
    path_ = std::exchange(other.path_, {});
    keep_ = other.keep_;
  }
  return *this;
}

std::optional<std::filesystem::path> find_in_path(std::string_view name) {
  if (name.empty()) {
    return std::nullopt;
  }
  const std::string n(name);
  if (n.find('/') != std::string::npos) {
    if (::access(n.c_str(), X_OK) == 0) {
      return std::filesystem::path(n);
    }
    return std::nullopt;
  }
  const char* path_env = std::getenv("PATH");
  std::string path = (path_env != nullptr) ? path_env : "/usr/local/bin:/usr/bin:/bin";
  std::stringstream ss(path);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) {
      dir = ".";
    }
    std::filesystem::path candidate = std::filesystem::path(dir) / n;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

// ---- child processes -------------------------------------------------------

ChildProcess::ChildProcess(std::vector<std::string> argv, ChildOptions options)
    : new_session_(options.new_session) {
  if (argv.empty()) {
    throw std::invalid_argument("ChildProcess: empty argv");
  }
  const auto exe = find_in_path(argv.front());
  if (!exe) {
    throw std::runtime_error("ChildProcess: '" + argv.front() + "' not found in PATH");
  }

  // Everything the child needs is prepared before fork(): after fork only
  // async-signal-safe calls are made.
  std::vector<std::string> env;
  if (options.inherit_env) {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
      const std::string entry(*e);
      bool overridden = false;
      for (const auto& o : options.env) {
        if (env_key(o) == env_key(entry)) {
          overridden = true;
          break;
        }
      }
      if (!overridden) {
        env.push_back(entry);
      }
    }
  }
  env.insert(env.end(), options.env.begin(), options.env.end());

  std::vector<char*> argv_c;
  argv_c.reserve(argv.size() + 1);
  for (auto& a : argv) {
    argv_c.push_back(a.data());
  }
  argv_c.push_back(nullptr);
  std::vector<char*> env_c;
  env_c.reserve(env.size() + 1);
  for (auto& e : env) {
    env_c.push_back(e.data());
  }
  env_c.push_back(nullptr);
  const std::string exe_str = exe->string();
  const std::string out_path = options.stdout_path ? options.stdout_path->string() : "/dev/null";
  const std::string err_path = options.stderr_path ? options.stderr_path->string() : "/dev/null";
  const bool same_file = out_path == err_path;
  const bool new_session = options.new_session;

  const pid_t pid = ::fork();
  if (pid < 0) {
    throw_errno("fork");
  }
  if (pid == 0) {
    if (new_session) {
      (void)::setsid();
    }
    const int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int err_fd = same_file
                           ? out_fd
                           : ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                                    0644);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0 || ::dup2(in_fd, STDIN_FILENO) < 0 ||
        ::dup2(out_fd, STDOUT_FILENO) < 0 || ::dup2(err_fd, STDERR_FILENO) < 0) {
      ::_exit(126);
    }
    ::execve(exe_str.c_str(), argv_c.data(), env_c.data());
    ::_exit(127);
  }
  pid_ = pid;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !status_) {
    (void)kill_and_wait();
  }
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      new_session_(other.new_session_),
      status_(std::exchange(other.status_, std::nullopt)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0 && !status_) {
      (void)kill_and_wait();
    }
    pid_ = std::exchange(other.pid_, -1);
    new_session_ = other.new_session_;
    status_ = std::exchange(other.status_, std::nullopt);
  }
  return *this;
}

bool ChildProcess::try_reap(bool block) {
  if (pid_ <= 0 || status_) {
    return true;
  }
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
    if (r == pid_) {
      status_ = decode_status(status);
      return true;
    }
    if (r == 0) {
      return false;
    }
    if (errno == EINTR) {
      continue;
    }
    status_ = -1;  // ECHILD: reaped elsewhere
    return true;
  }
}

bool ChildProcess::running() { return !try_reap(false); }

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!try_reap(false)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  return status_;
}

int ChildProcess::kill_and_wait(std::chrono::milliseconds grace) {
  if (pid_ <= 0) {
    return -1;
  }
  if (try_reap(false)) {
    return status_.value_or(-1);
  }
  // The whole group if the child called setsid(); the child alone if it has
  // not got that far yet (kill(-pid) then fails with ESRCH).
  const auto signal_child = [this](int sig) {
    if (!new_session_ || ::kill(-pid_, sig) != 0) {
      (void)::kill(pid_, sig);
    }
  };
  signal_child(SIGTERM);
  if (const auto st = wait_for(grace)) {
    return *st;
  }
  signal_child(SIGKILL);
  (void)try_reap(true);
  return status_.value_or(-1);
}

RunResult run_capture(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                      std::chrono::milliseconds timeout) {
  TempDir dir("ipmict-run");
  const auto out = dir.path() / "output";
  RunResult result;
  {
    ChildOptions opts;
    opts.env = env;
    opts.stdout_path = out;
    opts.stderr_path = out;
    ChildProcess child(argv, opts);
    if (const auto st = child.wait_for(timeout)) {
      result.exit_code = *st;
    } else {
      result.timed_out = true;
      (void)child.kill_and_wait();
    }
  }
  std::error_code ec;
  if (std::filesystem::exists(out, ec)) {
    result.output = read_file(out);
  }
  return result;
}

// ---- ipmi_sim peer ---------------------------------------------------------

std::filesystem::path default_run_ipmi_sim_script() {
  if (const char* s = std::getenv("IPMICT_RUN_IPMI_SIM"); s != nullptr && *s != '\0') {
    return s;
  }
  // From the source tree CMake names (not __FILE__: ccache's base_dir makes that relative).
  return std::filesystem::path(IPMICT_SOURCE_DIR) / "tests" / "peers" / "run-ipmi-sim.sh";
}

std::string ipmi_sim_unavailable_reason() {
  for (const char* tool : {"ipmi_sim", "ipmitool", "ss", "bash"}) {
    if (!find_in_path(tool)) {
      return std::string(tool) +
             " not found in PATH (install Debian packages openipmi, ipmitool, iproute2)";
    }
  }
  // A missing start script is not a reason to skip: it is part of this tree, so the peer's
  // start fails loudly instead (IpmiSimPeer's constructor names the script).
  return {};
}

bool ipmi_sim_available() { return ipmi_sim_unavailable_reason().empty(); }

IpmiSimPeer::IpmiSimPeer(std::filesystem::path script, std::chrono::milliseconds start_timeout,
                         std::string lan_conf)
    : state_("ipmict-ipmi-sim"), script_(std::move(script)) {
  std::vector<std::string> env;
  if (!lan_conf.empty()) env.push_back("IPMICT_IPMI_SIM_LAN_CONF=" + lan_conf);
  const RunResult r = run_capture({"bash", script_.string(), state_.path().string()}, env,
                                  start_timeout);
  const std::string out = trim(r.output);
  if (r.timed_out || r.exit_code != 0) {
    // The script may have started ipmi_sim before failing: stop it.
    (void)run_capture({"bash", script_.string(), "--stop", state_.path().string()}, {},
                      std::chrono::milliseconds{15000});
    throw std::runtime_error("ipmi_sim peer did not start (" +
                             (r.timed_out ? std::string("timed out")
                                          : "exit " + std::to_string(r.exit_code)) +
                             "): " + out);
  }
  // stdout+stderr are merged; the port is the last line.
  const auto nl = out.rfind('\n');
  const std::string last = nl == std::string::npos ? out : out.substr(nl + 1);
  unsigned int port = 0;
  const auto [p, ec] = std::from_chars(last.data(), last.data() + last.size(), port);
  long pid = 0;
  try {
    pid = std::stol(read_file(state_.path() / "pid"));
  } catch (const std::exception&) {
    pid = 0;
  }
  running_ = true;  // from here on stop() must run
  if (ec != std::errc{} || p != last.data() + last.size() || port == 0 || port > 65535 ||
      pid <= 0) {
    stop();
    throw std::runtime_error("ipmi_sim peer: unexpected start output: " + out);
  }
  port_ = static_cast<std::uint16_t>(port);
  pid_ = static_cast<pid_t>(pid);
}

IpmiSimPeer::~IpmiSimPeer() { stop(); }

void IpmiSimPeer::stop() noexcept {
  if (!running_) {
    return;
  }
  running_ = false;
  try {
    const RunResult r = run_capture({"bash", script_.string(), "--stop", state_.path().string()},
                                    {}, std::chrono::milliseconds{15000});
    if (r.exit_code == 0) {
      return;
    }
  } catch (...) {
    // fall through to the direct kill
  }
  if (pid_ > 0) {
    (void)::kill(pid_, SIGKILL);
    // Not our child (the script started it), so it cannot be waited for;
    // give the kernel a moment, bounded.
    for (int i = 0; i < 100 && ::kill(pid_, 0) == 0; ++i) {
      std::this_thread::sleep_for(kPollInterval);
    }
  }
}

std::vector<std::string> IpmiSimPeer::ipmitool_argv(std::string_view interface, int cipher_suite,
                                                    std::string_view auth_type,
                                                    std::string_view user) const {
  std::vector<std::string> argv{"ipmitool", "-I", std::string(interface)};
  if (interface == "lanplus") {
    argv.insert(argv.end(), {"-C", std::to_string(cipher_suite)});
  } else {
    argv.insert(argv.end(), {"-A", std::string(auth_type)});
  }
  argv.insert(argv.end(), {"-H", std::string(kHost), "-p", std::to_string(port_), "-U",
                           std::string(user), "-E", "-N", "1", "-R", "2"});
  return argv;
}

std::vector<std::string> IpmiSimPeer::ipmitool_env(std::string_view password) {
  return {std::string(kPasswordEnvVar) + "=" + std::string(password)};
}

}  // namespace ipmict::test
