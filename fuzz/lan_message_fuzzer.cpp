// The IPMI LAN message / IPMB frame with its two checksums (IPMI 2.0 §13.8), strict and
// lenient, and the bridged (Send Message) response inside it.
// Properties: decode then encode gives the same bytes; the lenient decoder accepts
// everything the strict one does, with the same fields; where the lenient decoder saw
// checksum errors and nothing else, the strict one refuses with bad_checksum, and encoding
// what it read gives a frame that differs from the input in the checksum bytes only and
// that the strict decoder accepts (the IPMB checksums are recomputed right).
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/send_message.hpp"

namespace {

template <class Strict, class Lenient, class Encode, class Decode>
void check_checksums(const Strict& strict, const Lenient& lenient, const ipmict::Bytes& input, Encode encode,
                     Decode decode) {
  using namespace ipmict;
  if (lenient.checksum_errors.empty()) {
    FUZZ_ASSERT(strict.has_value());
    return;
  }
  FUZZ_ASSERT(!strict && strict.error().code == DecodeErrc::bad_checksum);
  const Bytes fixed = encode(lenient.message);
  FUZZ_ASSERT(fixed.size() == input.size());
  for (std::size_t i = 0; i < fixed.size(); ++i)
    if (i != 2 && i + 1 != fixed.size()) FUZZ_ASSERT(fixed[i] == input[i]);  // checksum 1 at 2, checksum 2 last
  auto again = decode(view(fixed));
  FUZZ_ASSERT(again && *again == lenient.message);
}

}  // namespace

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
  if (rq_lenient) check_checksums(rq, *rq_lenient, bytes, encode_ipmi_request, [](ByteView b) { return decode_ipmi_request(b); });
  auto rs = decode_ipmi_response(in);
  auto rs_lenient = decode_ipmi_response_lenient(in);
  if (rs) {
    FUZZ_ASSERT(encode_ipmi_response(*rs) == bytes);
    FUZZ_ASSERT(rs_lenient && rs_lenient->message == *rs && rs_lenient->checksum_errors.empty());
  }
  if (rs_lenient) check_checksums(rs, *rs_lenient, bytes, encode_ipmi_response, [](ByteView b) { return decode_ipmi_response(b); });
  auto bridged = decode_bridged_response(in, 0);
  if (!bridged) FUZZ_ASSERT(bridged.error().offset <= size);
  return 0;
}
