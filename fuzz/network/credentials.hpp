#pragma once
// What the fuzzer logs in with: the target's real user and password, so that mutations of
// in-session requests are authenticated and encrypted the way the BMC expects.
#include <cstdint>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/privilege.hpp"
#include "protocol/crypto/secure_bytes.hpp"

namespace ipmict::netfuzz {

struct Credentials {
  Bytes username;                  // 0..16 bytes
  crypto::SecureBytes password;    // 0..20 bytes (IPMI 1.5 uses the first 16)
  crypto::SecureBytes kg;          // K_G; empty = not set
  std::uint8_t cipher_suite = 3;   // RMCP+ sessions (3: HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128)
  AuthType auth15 = AuthType::md5; // IPMI 1.5 sessions
  Privilege privilege = Privilege::administrator;
};

}  // namespace ipmict::netfuzz
