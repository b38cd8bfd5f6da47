#pragma once
// Helpers shared by the crypto tests: hex literals in, hex text out (so a failing
// assertion prints both values readably).
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "protocol/core/bytes.hpp"
#include "protocol/crypto/secure_bytes.hpp"

namespace ipmict::crypto::test {

// Hex literal to bytes; a malformed literal is a bug in the test, reported as a failure.
inline Bytes hex(std::string_view text) {
  auto b = parse_hex(text);
  EXPECT_TRUE(b.has_value()) << "bad hex literal in test: " << text;
  return b.value_or(Bytes{});
}

inline Bytes ascii(std::string_view text) { return Bytes(text.begin(), text.end()); }

inline std::string hexs(ByteView bytes) { return to_hex(bytes, '\0'); }
inline std::string hexs(const Bytes& bytes) { return to_hex(view(bytes), '\0'); }
inline std::string hexs(const SecureBytes& bytes) { return to_hex(bytes.view(), '\0'); }

}  // namespace ipmict::crypto::test
