#pragma once
// A UDP proxy on loopback that sits between a client and a BMC and misbehaves on purpose:
// drops, duplicates, reorders or delays datagrams, and can switch to another upstream port
// mid-session (a BMC restart). For the transport and session edge-case tests (issue 3).
// Every datagram is forwarded by one background thread; the proxy stops in its destructor.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "protocol/core/bytes.hpp"

namespace ipmict::test {

enum class Direction : std::uint8_t { to_bmc, to_console };

struct FaultPlan {
  // 1-based counts per direction: drop the Nth, 2Nth, ... datagram (0 = never).
  unsigned drop_every_to_bmc = 0;
  unsigned drop_every_to_console = 0;
  unsigned duplicate_every_to_console = 0;  // send it twice
  bool reorder_to_console = false;          // hold each datagram until the next one, then send both swapped
  std::chrono::milliseconds delay_to_console{0};
  // Decides per datagram (after the counters above): true drops it.
  std::function<bool(Direction, ByteView)> drop_if;
};

class FaultProxy {
 public:
  FaultProxy(std::uint16_t upstream_port, FaultPlan plan = {});
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::uint16_t port() const { return port_; }  // where the client should send
  void set_plan(FaultPlan plan);
  void set_upstream(std::uint16_t upstream_port);  // the "restarted" BMC's port

  std::size_t forwarded(Direction d) const;
  std::size_t dropped(Direction d) const;

 private:
  struct State;
  void run();

  std::unique_ptr<State> state_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ipmict::test
