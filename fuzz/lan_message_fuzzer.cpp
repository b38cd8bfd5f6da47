// The IPMI LAN message / IPMB frame with its two checksums (IPMI 2.0 §13.8), strict and
// lenient, and the bridged (Send Message) response inside it.
// Properties: decode then encode gives the same bytes; the lenient decoder accepts
// everything the strict one does, with the same fields.
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/send_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  const ByteView in(data, size);
  const Bytes bytes(in.begin(), in.end());
  auto rq = decode_ipmi_request(in);
  auto rq_lenient = decode_ipmi_request_lenient(in);
  if (rq) {
    FUZZ_ASSERT(encode_ipmi_request(*rq) == bytes);
    FUZZ_ASSERT(rq_lenient && rq_lenient->message == *rq && rq_lenient->checksum_errors.empty());
  }
  auto rs = decode_ipmi_response(in);
  auto rs_lenient = decode_ipmi_response_lenient(in);
  if (rs) {
    FUZZ_ASSERT(encode_ipmi_response(*rs) == bytes);
    FUZZ_ASSERT(rs_lenient && rs_lenient->message == *rs && rs_lenient->checksum_errors.empty());
  }
  auto bridged = decode_bridged_response(in, 0);
  if (!bridged) FUZZ_ASSERT(bridged.error().offset <= size);
  return 0;
}
