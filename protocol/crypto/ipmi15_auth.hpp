#pragma once
// IPMI 1.5 session AuthCodes (IPMI 2.0 §22.17.1 "AuthCode Algorithms", §13.6 session
// header): the 16-byte AuthCode of an IPMI 1.5 session header.
//
//   straight password: AuthCode = password (16 bytes, zero padded)
//   MD2 / MD5:         AuthCode = H(password | Session ID | IPMI message data |
//                                   Session Sequence Number | password)
//
// with the password zero padded to 16 bytes and the session ID and sequence number as
// 4 bytes least-significant first, as they appear in the session header. "IPMI message
// data" is the whole IPMI message of the packet (rsAddr through the second checksum).
//
// Activate Session (§22.17) uses the same algorithm: its session header carries the
// temporary session ID from Get Session Challenge and the AuthCode is computed over the
// Activate Session request, whose data includes the 16-byte challenge string, so callers
// pass that request as ipmi_message; no separate function is needed.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/crypto/crypto_error.hpp"
#include "protocol/crypto/secure_bytes.hpp"

namespace ipmict::crypto {

// IPMI 1.5 passwords are 16 bytes.
inline constexpr std::size_t kIpmi15PasswordLength = 16;

using Ipmi15AuthCode = std::array<std::uint8_t, 16>;

// The password zero padded to 16 bytes; bad_key_length when longer.
CryptoResult<SecureBytes> ipmi15_password_key(std::string_view password);

// The AuthCode for one packet. password16 may be shorter than 16 bytes (zero padded
// here); longer is bad_key_length.
// AuthType none, OEM and RMCP+ return unsupported_algorithm: with "none" the session
// header has no AuthCode field at all (§13.6), so there is nothing to compute, and an
// all-zero code would hide a caller that forgot to check the type; OEM algorithms are
// vendor defined; RMCP+ uses integrity_auth_code().
CryptoResult<Ipmi15AuthCode> ipmi15_auth_code(AuthType type, ByteView password16, std::uint32_t session_id,
                                              ByteView ipmi_message, std::uint32_t session_sequence);

}  // namespace ipmict::crypto
