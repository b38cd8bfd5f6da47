// bench: N concurrent RMCP+ sessions (our LanClient, one thread each) sending Get Device ID
// for a fixed time; prints requests/s and p50/p99 latency. Used by bench/sim_vs_ipmi_sim.sh.
//
//   session_load HOST PORT USER PASSWORD_ENV SUITE SESSIONS SECONDS
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "transports/lan_client.hpp"

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  if (argc != 8) {
    std::fprintf(stderr, "usage: session_load HOST PORT USER PASSWORD_ENV SUITE SESSIONS SECONDS\n");
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
  if (sessions == 0 || sessions > 64 || seconds <= 0 || seconds > 60) {
    std::fprintf(stderr, "session_load: SESSIONS 1-64, SECONDS up to 60\n");
    return 2;
  }

  std::mutex mutex;
  std::vector<double> latencies_us;
  std::atomic<unsigned> failures{0};
  std::atomic<unsigned> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  const ipmict::session::Request get_device_id{0x06, 0x01, {}, 0, std::nullopt};
  for (unsigned i = 0; i < sessions; ++i) {
    threads.emplace_back([&] {
      ipmict::session::ClientConfig c;
      c.protocol = ipmict::session::Protocol::lanplus;
      c.username.assign(user.begin(), user.end());
      c.password.assign(password, password + std::char_traits<char>::length(password));
      c.cipher_suite = suite;
      auto client = ipmict::transport::LanClient::connect(host, port, std::move(c));
      ++ready;
      if (!client) {
        std::fprintf(stderr, "session_load: %s\n", client.error().message.c_str());
        ++failures;
        return;
      }
      for (int spin = 0; !go && spin < 60000; ++spin) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      std::vector<double> mine;
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
      (*client)->close();
      std::lock_guard<std::mutex> lock(mutex);
      latencies_us.insert(latencies_us.end(), mine.begin(), mine.end());
    });
  }
  for (int spin = 0; ready < sessions && spin < 60000; ++spin) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto start = Clock::now();
  go = true;
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  if (latencies_us.empty()) {
    std::fprintf(stderr, "session_load: no request answered (%u failures)\n", failures.load());
    return 1;
  }
  std::sort(latencies_us.begin(), latencies_us.end());
  auto pct = [&](double p) { return latencies_us[static_cast<std::size_t>(p * static_cast<double>(latencies_us.size() - 1))]; };
  std::printf("%u %.0f %.0f %.0f %u\n", sessions, static_cast<double>(latencies_us.size()) / elapsed, pct(0.50), pct(0.99),
              failures.load());
  return 0;
}
