#include "tests/support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <deque>
#include <optional>
#include <stdexcept>
#include <string>

namespace ipmict::test {
namespace {

using Clock = std::chrono::steady_clock;

int udp_socket_on_loopback() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) throw std::runtime_error("fault proxy: socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // ephemeral
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {  // NOLINT: sockets API
    ::close(fd);
    throw std::runtime_error("fault proxy: bind() failed");
  }
  return fd;
}

std::uint16_t local_port(int fd) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);  // NOLINT: sockets API
  return ntohs(addr.sin_port);
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  return addr;
}

struct Pending {
  Clock::time_point due;
  Bytes bytes;
};

}  // namespace

struct FaultProxy::State {
  int front = -1;  // faces the client
  int back = -1;   // faces the BMC
  std::mutex mutex;
  FaultPlan plan;
  std::uint16_t upstream = 0;
  sockaddr_in console{};
  bool have_console = false;
  std::size_t seen[2] = {0, 0};
  std::atomic<std::size_t> forwarded[2] = {0, 0};
  std::atomic<std::size_t> dropped[2] = {0, 0};
  std::deque<Pending> delayed;     // to the console
  std::optional<Bytes> held;       // reorder: waiting for the next datagram
  Clock::time_point held_since{};

  ~State() {
    if (front >= 0) ::close(front);
    if (back >= 0) ::close(back);
  }

  void send_console(const Bytes& b) {
    if (!have_console) return;
    ::sendto(front, b.data(), b.size(), 0, reinterpret_cast<const sockaddr*>(&console), sizeof console);  // NOLINT
    ++forwarded[1];
  }
  void send_bmc(const Bytes& b) {
    const sockaddr_in to = loopback(upstream);
    ::sendto(back, b.data(), b.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);  // NOLINT
    ++forwarded[0];
  }
};

FaultProxy::FaultProxy(std::uint16_t upstream_port, FaultPlan plan) : state_(std::make_unique<State>()) {
  state_->front = udp_socket_on_loopback();
  state_->back = udp_socket_on_loopback();
  state_->upstream = upstream_port;
  state_->plan = std::move(plan);
  port_ = local_port(state_->front);
  thread_ = std::thread([this] { run(); });
}

FaultProxy::~FaultProxy() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void FaultProxy::set_plan(FaultPlan plan) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->plan = std::move(plan);
  state_->seen[0] = state_->seen[1] = 0;
}

void FaultProxy::set_upstream(std::uint16_t upstream_port) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->upstream = upstream_port;
}

std::size_t FaultProxy::forwarded(Direction d) const { return state_->forwarded[static_cast<int>(d)]; }
std::size_t FaultProxy::dropped(Direction d) const { return state_->dropped[static_cast<int>(d)]; }

void FaultProxy::run() {
  State& s = *state_;
  std::uint8_t buf[65536];
  // Bounded by stop_: the destructor ends the loop within one poll interval (20 ms).
  while (!stop_) {
    pollfd fds[2] = {{s.front, POLLIN, 0}, {s.back, POLLIN, 0}};
    ::poll(fds, 2, 20);
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (fds[0].revents & POLLIN) {
      sockaddr_in from{};
      socklen_t len = sizeof from;
      const ssize_t n = ::recvfrom(s.front, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);  // NOLINT
      if (n >= 0) {
        s.console = from;
        s.have_console = true;
        const Bytes b(buf, buf + n);
        const std::size_t k = ++s.seen[0];
        const bool drop = (s.plan.drop_every_to_bmc && k % s.plan.drop_every_to_bmc == 0) ||
                          (s.plan.drop_if && s.plan.drop_if(Direction::to_bmc, view(b)));
        if (drop) {
          ++s.dropped[0];
        } else {
          s.send_bmc(b);
        }
      }
    }
    if (fds[1].revents & POLLIN) {
      const ssize_t n = ::recv(s.back, buf, sizeof buf, 0);
      if (n >= 0) {
        Bytes b(buf, buf + n);
        const std::size_t k = ++s.seen[1];
        const bool drop = (s.plan.drop_every_to_console && k % s.plan.drop_every_to_console == 0) ||
                          (s.plan.drop_if && s.plan.drop_if(Direction::to_console, view(b)));
        if (drop) {
          ++s.dropped[1];
        } else {
          const int copies = s.plan.duplicate_every_to_console && k % s.plan.duplicate_every_to_console == 0 ? 2 : 1;
          for (int c = 0; c < copies; ++c) s.delayed.push_back(Pending{now + s.plan.delay_to_console, b});
        }
      }
    }
    // Release what is due, in order; with reordering, swap each consecutive pair (a held
    // datagram goes out after the next one, or alone after 200 ms).
    while (!s.delayed.empty() && s.delayed.front().due <= now) {
      Bytes b = std::move(s.delayed.front().bytes);
      s.delayed.pop_front();
      if (!s.plan.reorder_to_console) {
        s.send_console(b);
      } else if (!s.held) {
        s.held = std::move(b);
        s.held_since = now;
      } else {
        s.send_console(b);
        s.send_console(*s.held);
        s.held.reset();
      }
    }
    if (s.held && now - s.held_since > std::chrono::milliseconds(200)) {
      s.send_console(*s.held);
      s.held.reset();
    }
  }
}

}  // namespace ipmict::test
