// RMCP header, RMCP ACK and ASF Presence Ping/Pong (IPMI 2.0 §13.1.3, ASF 2.0).
// Properties: a decoded datagram re-encodes to the same bytes; errors point inside it.
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/wire/asf.hpp"
#include "protocol/wire/rmcp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  const ByteView in(data, size);
  auto packet = decode_rmcp(in);
  if (!packet) {
    FUZZ_ASSERT(packet.error().offset <= size);
    return 0;
  }
  FUZZ_ASSERT(encode_rmcp(packet->header, packet->body) == Bytes(in.begin(), in.end()));
  if (packet->header.message_class != kRmcpClassAsf || packet->header.ack) return 0;
  auto asf = decode_asf(packet->body, kRmcpHeaderSize);
  if (!asf) {
    FUZZ_ASSERT(asf.error().offset <= size);
    return 0;
  }
  FUZZ_ASSERT(encode_asf(*asf) == Bytes(packet->body.begin(), packet->body.end()));
  if (asf->message_type == kAsfPresencePong) {
    auto pong = decode_asf_pong(*asf, kRmcpHeaderSize);
    if (pong) FUZZ_ASSERT(encode_asf_pong(*pong) == asf->data);
  }
  return 0;
}
