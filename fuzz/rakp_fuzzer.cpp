// RMCP+ Open Session Request/Response and RAKP Messages 1-4 (IPMI 2.0 §13.17-13.23).
// The first byte picks the message; the rest is its payload.
// Property: decode then encode gives the same bytes.
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/wire/rakp_messages.hpp"

namespace {

template <class Decoded, class Encode>
void round_trip(const Decoded& decoded, ipmict::ByteView in, Encode encode) {
  if (!decoded) {
    FUZZ_ASSERT(decoded.error().offset <= in.size());
    return;
  }
  FUZZ_ASSERT(encode(*decoded) == ipmict::Bytes(in.begin(), in.end()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  if (size < 1) return 0;
  const ByteView in(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0: round_trip(decode_open_session_request(in), in, encode_open_session_request); break;
    case 1: round_trip(decode_open_session_response(in), in, encode_open_session_response); break;
    case 2: round_trip(decode_rakp1(in), in, encode_rakp1); break;
    case 3: round_trip(decode_rakp2(in), in, encode_rakp2); break;
    case 4: round_trip(decode_rakp3(in), in, encode_rakp3); break;
    default: round_trip(decode_rakp4(in), in, encode_rakp4); break;
  }
  return 0;
}
