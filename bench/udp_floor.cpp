// The kernel's floor for a UDP request/response server on this machine: a loopback echo
// server that does no work at all, with N client threads (one datagram outstanding each,
// as bench/session_load). It prints the server thread's CPU time per answered request
// (user + system, getrusage(RUSAGE_THREAD)): what any BMC implementation pays per request
// before it reads a byte. docs/benchmarks.md compares it with the simulator and ipmi_sim.
//
//   udp_floor [CLIENTS] [SECONDS]      (defaults 16 and 3; loopback, an ephemeral port)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

double seconds_of(const timeval& v) { return static_cast<double>(v.tv_sec) + static_cast<double>(v.tv_usec) / 1e6; }

double thread_cpu_seconds() {
  rusage r{};
  ::getrusage(RUSAGE_THREAD, &r);
  return seconds_of(r.ru_utime) + seconds_of(r.ru_stime);
}

void set_receive_timeout(int fd) {
  timeval tv{0, 100000};  // 100 ms: every loop below re-checks `stop` at least that often
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

}  // namespace

int main(int argc, char** argv) {
  const int clients = argc > 1 ? std::atoi(argv[1]) : 16;
  const double run_seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
  if (clients < 1 || clients > 256 || run_seconds <= 0 || run_seconds > 60) {
    std::fprintf(stderr, "usage: udp_floor [CLIENTS 1..256] [SECONDS 0..60]\n");
    return 2;
  }
  const int server = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (server < 0 || ::bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(server, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("udp_floor: socket");
    return 2;
  }
  set_receive_timeout(server);
  std::atomic<bool> stop{false};
  long served = 0;
  double server_cpu = 0;
  std::thread echo([&] {
    const double cpu0 = thread_cpu_seconds();
    std::array<char, 512> buf{};
    while (!stop.load(std::memory_order_relaxed)) {
      sockaddr_in from{};
      socklen_t from_len = sizeof from;
      const ssize_t n = ::recvfrom(server, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &from_len);
      if (n <= 0) continue;
      ::sendto(server, buf.data(), static_cast<std::size_t>(n), 0, reinterpret_cast<sockaddr*>(&from), from_len);
      ++served;
    }
    server_cpu = thread_cpu_seconds() - cpu0;
  });
  std::vector<std::thread> load;
  for (int i = 0; i < clients; ++i) {
    load.emplace_back([&] {
      const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
      set_receive_timeout(fd);
      std::array<char, 64> buf{};  // about the size of an RMCP+ Get Device ID request
      while (!stop.load(std::memory_order_relaxed)) {
        ::sendto(fd, buf.data(), 60, 0, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
        (void)::recv(fd, buf.data(), buf.size(), 0);
      }
      ::close(fd);
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(run_seconds));
  stop = true;
  for (auto& t : load) t.join();
  echo.join();
  ::close(server);
  if (served == 0) {
    std::fprintf(stderr, "udp_floor: nothing answered\n");
    return 1;
  }
  std::printf("clients %d: %.0f req/s, echo server CPU %.2f us/req\n", clients, static_cast<double>(served) / run_seconds,
              server_cpu * 1e6 / static_cast<double>(served));
  return 0;
}
