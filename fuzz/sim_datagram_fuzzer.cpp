// The simulator's datagram handler end to end (sim/lan_channel.hpp: the path a datagram
// takes in `ipmict sim`, less the socket): datagram in, ServerSessions, the Bmc model, the
// framed answer out, with state kept across every datagram of one input.
//
// Input: one selector byte (fuzz/sim_fixture.hpp: personality, weak auth types, extra
// suites, K_G), then records [control][length, 2 bytes little endian][datagram]. Control
// bits 0-1 pick one of four peers (source ports), bits 2-4 how far the virtual clock moves
// before the datagram (0 ms .. 1 h, so idle timeouts run too).
//
// Properties, for every reply: at most kMaxReplies per datagram and kMaxReplyBytes each;
// it parses as RMCP (ASF, ACK or IPMI, whose session layer parses with the AuthCode length
// of some integrity algorithm); IPMI 1.5 and unencrypted RMCP+ IPMI payloads hold a
// well-formed IPMI response with both checksums right (the bad-checksum personality is
// played by the socket layer, not here); RMCP+ session setup answers parse as what they
// are. The session table never grows past the channel's limit.
#include <cstdint>
#include <variant>

#include "fuzz/fuzz_assert.hpp"
#include "fuzz/sim_fixture.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/payload_type.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "sim/lan_channel.hpp"

namespace {

using namespace ipmict;

// Two is the most one datagram earns (an RMCP ACK and the answer); 1500 bytes is the
// Ethernet MTU a BMC's answer has to fit (the largest IPMI answer is far below it).
constexpr std::size_t kMaxReplies = 2;
constexpr std::size_t kMaxReplyBytes = 1500;

void check_ipmi_response(ByteView message) {
  auto r = decode_ipmi_response(message);
  FUZZ_ASSERT(r.has_value());
  FUZZ_ASSERT(is_response_netfn(r->netfn));
}

void check_plus(const RmcpPlusSession& s) {
  if (s.encrypted) return;  // the session's keys are not ours to know here
  switch (s.payload_type) {
    case PayloadType::ipmi: check_ipmi_response(s.payload); break;
    case PayloadType::open_session_response: FUZZ_ASSERT(decode_open_session_response(s.payload).has_value()); break;
    case PayloadType::rakp2: FUZZ_ASSERT(decode_rakp2(s.payload).has_value()); break;
    case PayloadType::rakp4: FUZZ_ASSERT(decode_rakp4(s.payload).has_value()); break;
    default: FUZZ_ASSERT(false && "the BMC sent a payload type it never originates"); break;
  }
}

void check_reply(ByteView reply) {
  FUZZ_ASSERT(!reply.empty() && reply.size() <= kMaxReplyBytes);
  // The AuthCode length depends on the session's integrity algorithm: one must fit.
  for (std::size_t auth_len : {std::size_t{0}, std::size_t{12}, std::size_t{16}}) {
    auto d = decode_datagram(reply, auth_len);
    if (!d) continue;
    if (const auto* s15 = std::get_if<Session15>(&d->message)) check_ipmi_response(s15->payload);
    if (const auto* plus = std::get_if<RmcpPlusSession>(&d->message)) check_plus(*plus);
    return;
  }
  FUZZ_ASSERT(false && "a reply that does not parse as RMCP");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  if (size < 1) return 0;
  sim::Bmc bmc(fuzzing::fuzz_sim_config(data[0]));
  sim::LanChannel channel(bmc, fuzzing::fuzz_server_config(bmc));
  const unsigned max_sessions = channel.sessions().max_sessions();
  session::TimePoint now{std::chrono::hours(1)};
  std::size_t at = 1;
  while (at + 3 <= size) {  // each record consumes at least three bytes: bounded by the input
    const std::uint8_t control = data[at];
    const std::size_t len = static_cast<std::size_t>(data[at + 1]) | (static_cast<std::size_t>(data[at + 2]) << 8);
    at += 3;
    const std::size_t take = len < size - at ? len : size - at;
    const ByteView datagram(data + at, take);
    at += take;
    now += fuzzing::clock_step(control);
    channel.tick(now);
    static const session::Peer kPeers[] = {
        {"127.0.0.1", 50001}, {"127.0.0.1", 50002}, {"127.0.0.2", 50001}, {"::1", 50003}};
    const auto result = channel.handle(kPeers[control & 3u], datagram, now);
    FUZZ_ASSERT(result.replies.size() <= kMaxReplies);
    for (const Bytes& reply : result.replies) check_reply(view(reply));
    FUZZ_ASSERT(channel.sessions().sessions().size() <= max_sessions);
  }
  return 0;
}
