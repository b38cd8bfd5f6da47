// bench: N concurrent RMCP+ sessions (our LanClient, one thread each) sending Get Device ID
// for a fixed time; prints requests/s, p50/p99 latency and, because on a small machine the
// load generator and the BMC share the same cores, the CPU time each side spent per
// answered request. Used by bench/sim_vs_ipmi_sim.sh.
//
//   session_load HOST PORT USER PASSWORD_ENV SUITE SESSIONS SECONDS [SERVER_PID]
//
// Output, one line:
//   SESSIONS REQ/S P50_US P99_US FAILURES SERVER_CPU_US/REQ CLIENT_CPU_US/REQ IDLE_%
// SERVER_CPU_US/REQ is the user + system time of process SERVER_PID (all its threads,
// /proc/PID/stat) over the measured window divided by the answered requests; "-" without
// SERVER_PID. CLIENT_CPU_US/REQ is this process's own (getrusage). IDLE_% is the machine's
// idle time over the window (/proc/stat): near 0 means the box, not the BMC, was the limit.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "transports/lan_client.hpp"

namespace {

// utime + stime of a process in seconds (all threads, live and exited); -1 when unreadable.
double process_cpu_seconds(long pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(f, line)) return -1;
  // The command name is in parentheses and may contain spaces: fields restart after ')'.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  // Fields 3.. after the name; utime is field 14, stime field 15 (proc(5)).
  for (int i = 3; i <= 15 && (rest >> field); ++i) {
    if (i == 14) utime = std::strtoull(field.c_str(), nullptr, 10);
    if (i == 15) stime = std::strtoull(field.c_str(), nullptr, 10);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

// (idle, total) jiffies of the whole machine.
std::pair<unsigned long long, unsigned long long> machine_jiffies() {
  std::ifstream f("/proc/stat");
  std::string cpu;
  f >> cpu;
  unsigned long long v = 0, idle = 0, total = 0;
  for (int i = 0; i < 8 && (f >> v); ++i) {
    total += v;
    if (i == 3 || i == 4) idle += v;  // idle, iowait
  }
  return {idle, total};
}

}  // namespace

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  if (argc != 8 && argc != 9) {
    std::fprintf(stderr, "usage: session_load HOST PORT USER PASSWORD_ENV SUITE SESSIONS SECONDS [SERVER_PID]\n");
    return 2;
  }
  const std::string host = argv[1];
  const auto port = static_cast<std::uint16_t>(std::strtoul(argv[2], nullptr, 10));
  const std::string user = argv[3];
  const char* password = std::getenv(argv[4]);
  if (password == nullptr) {
    std::fprintf(stderr, "session_load: environment variable %s is not set\n", argv[4]);
    return 2;
  }
  const auto suite = static_cast<std::uint8_t>(std::strtoul(argv[5], nullptr, 10));
  const unsigned sessions = static_cast<unsigned>(std::strtoul(argv[6], nullptr, 10));
  const double seconds = std::strtod(argv[7], nullptr);
  const long server_pid = argc == 9 ? std::strtol(argv[8], nullptr, 10) : 0;
  if (sessions == 0 || sessions > 64 || seconds <= 0 || seconds > 60) {
    std::fprintf(stderr, "session_load: SESSIONS 1-64, SECONDS up to 60\n");
    return 2;
  }

  std::mutex mutex;
  std::vector<double> latencies_us;
  std::atomic<unsigned> failures{0};
  std::atomic<unsigned> ready{0};
  std::atomic<bool> go{false};
  std::atomic<unsigned> measuring{0};  // threads still inside the measured loop
  std::vector<std::thread> threads;
  // Window end: when the last thread leaves its loop (before close(), which is not measured).
  Clock::time_point stop_time{};
  double server_cpu_end = 0, client_cpu_end = 0;
  std::pair<unsigned long long, unsigned long long> jiffies_end{};
  const ipmict::session::Request get_device_id{0x06, 0x01, {}, 0, std::nullopt};
  for (unsigned i = 0; i < sessions; ++i) {
    threads.emplace_back([&] {
      ipmict::session::ClientConfig c;
      c.protocol = ipmict::session::Protocol::lanplus;
      c.username.assign(user.begin(), user.end());
      c.password.assign(password, password + std::char_traits<char>::length(password));
      c.cipher_suite = suite;
      auto client = ipmict::transport::LanClient::connect(host, port, std::move(c));
      if (!client) {
        std::fprintf(stderr, "session_load: %s\n", client.error().message.c_str());
        ++failures;  // before `ready`: main counts the measuring threads from it
        ++ready;
        return;
      }
      ++ready;
      for (int spin = 0; !go && spin < 60000; ++spin) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      std::vector<double> mine;
      mine.reserve(1 << 16);
      const auto end = Clock::now() + std::chrono::duration<double>(seconds);
      for (unsigned n = 0; n < 10000000 && Clock::now() < end; ++n) {
        const auto t0 = Clock::now();
        auto r = (*client)->request(get_device_id);
        const auto t1 = Clock::now();
        if (!r || r->completion_code != 0) {
          ++failures;
          continue;
        }
        mine.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (--measuring == 0) {
          stop_time = Clock::now();
          server_cpu_end = server_pid > 0 ? process_cpu_seconds(server_pid) : 0;
          client_cpu_end = own_cpu_seconds();
          jiffies_end = machine_jiffies();
        }
        latencies_us.insert(latencies_us.end(), mine.begin(), mine.end());
      }
      (*client)->close();
    });
  }
  for (int spin = 0; ready < sessions && spin < 60000; ++spin) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const double server_cpu_start = server_pid > 0 ? process_cpu_seconds(server_pid) : 0;
  const double client_cpu_start = own_cpu_seconds();
  const auto jiffies_start = machine_jiffies();
  measuring = sessions - failures.load();
  const auto start = Clock::now();
  go = true;
  for (auto& t : threads) t.join();
  if (latencies_us.empty()) {
    std::fprintf(stderr, "session_load: no request answered (%u failures)\n", failures.load());
    return 1;
  }
  const double elapsed = std::chrono::duration<double>(stop_time - start).count();
  const double answered = static_cast<double>(latencies_us.size());
  std::sort(latencies_us.begin(), latencies_us.end());
  auto pct = [&](double p) { return latencies_us[static_cast<std::size_t>(p * static_cast<double>(latencies_us.size() - 1))]; };
  char server_text[32] = "-";
  if (server_pid > 0 && server_cpu_start >= 0 && server_cpu_end >= 0) {
    std::snprintf(server_text, sizeof server_text, "%.1f", (server_cpu_end - server_cpu_start) * 1e6 / answered);
  }
  const double jt = static_cast<double>(jiffies_end.second - jiffies_start.second);
  const double ji = static_cast<double>(jiffies_end.first - jiffies_start.first);
  std::printf("%u %.0f %.0f %.0f %u %s %.1f %.0f\n", sessions, answered / elapsed, pct(0.50), pct(0.99), failures.load(),
              server_text, (client_cpu_end - client_cpu_start) * 1e6 / answered, jt > 0 ? 100.0 * ji / jt : 0.0);
  return 0;
}
