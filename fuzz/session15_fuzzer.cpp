// IPMI 1.5 session wrapper (IPMI 2.0 §13.6) and its AuthCodes (§22.17.1).
// Properties: decode then encode gives the same bytes; the AuthCode computation never
// fails for a decoded wrapper of a computable type.
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/crypto/ipmi15_auth.hpp"
#include "protocol/wire/session15.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  const ByteView in(data, size);
  auto s = decode_session15(in, 0);
  if (!s) {
    FUZZ_ASSERT(s.error().offset <= size);
    return 0;
  }
  FUZZ_ASSERT(encode_session15(*s) == Bytes(in.begin(), in.end()));
  static const Bytes password16(16, 0x61);
  if (s->auth_type == AuthType::md2 || s->auth_type == AuthType::md5 || s->auth_type == AuthType::straight_password) {
    auto code = crypto::ipmi15_auth_code(s->auth_type, view(password16), s->session_id, s->payload, s->session_sequence);
    FUZZ_ASSERT(code.has_value());
  }
  return 0;
}
