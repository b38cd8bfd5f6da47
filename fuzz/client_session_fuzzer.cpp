// The client session state machine facing a hostile BMC: whatever datagrams come back,
// the tester must not crash, hang or read out of bounds. The first byte picks IPMI 1.5 or
// RMCP+ and a suite; then each datagram is [length byte][bytes], fed after start() with
// the virtual clock advancing 100 ms between datagrams (so retries and timeouts run too).
// Properties: the session ends in a defined state and always reports why it failed.
#include <cstdint>
#include <variant>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/session/client_session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  using namespace ipmict::session;
  if (size < 1) return 0;
  ClientConfig config;
  config.protocol = (data[0] & 1u) ? Protocol::lan15 : Protocol::lanplus;
  static constexpr std::uint8_t kSuites[] = {3, 17, 1, 8, 12};
  if ((data[0] & 2u) != 0) config.cipher_suite = kSuites[(data[0] >> 2) % 5];
  config.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  config.password = Bytes{'p', 'w'};
  config.random = [](std::uint8_t* out, std::size_t n) {  // deterministic: reproducible crashes
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(0x5a + i);
  };
  ClientSession client(std::move(config));
  TimePoint now{};
  client.start(now);
  std::size_t at = 1;
  // Bounded by the input: each step consumes at least one byte.
  while (at < size) {
    const std::size_t len = data[at++];
    const std::size_t take = len < size - at ? len : size - at;
    client.receive(ByteView(data + at, take), now);
    at += take;
    now += Millis(100);
    client.tick(now);
    if (client.state() == ClientState::established) client.submit(Request{0x06, 0x01, {}, 0, std::nullopt}, now);
    (void)client.take_outgoing();
  }
  // Let every timer run out: the session must reach an end state.
  for (int i = 0; i < 200 && client.next_deadline(); ++i) {
    now = *client.next_deadline();
    client.tick(now);
    (void)client.take_outgoing();
  }
  const ClientState end = client.state();
  if (end == ClientState::failed) {
    bool reported = false;
    for (const auto& e : client.take_events()) reported = reported || std::holds_alternative<SessionFailed>(e);
    FUZZ_ASSERT(reported);
  }
  return 0;
}
