#pragma once
// RMCP+ session integrity: the AuthCode that closes an authenticated IPMI 2.0 packet
// (IPMI 2.0 §13.28.4, §13.6 session trailer).
//
// covered_bytes is everything the AuthCode protects: the RMCP+ session header from the
// Authentication Type byte (06h) through the Next Header byte of the session trailer,
// i.e. header | payload | integrity pad | pad length | next header (§13.28.4: "starting
// with the AuthType/Format field up to and including the field that immediately
// precedes the AuthCode field itself"). The RMCP header is not covered.
#include <cstddef>

#include "protocol/core/bytes.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/crypto_error.hpp"

namespace ipmict::crypto {

// AuthCode length: 0 / 12 / 16 / 16 / 16 (none, HMAC-SHA1-96, HMAC-MD5-128, MD5-128,
// HMAC-SHA256-128).
std::size_t integrity_auth_code_length(IntegrityAlg alg);

// The AuthCode for covered_bytes. Readings taken where §13.28.4 is ambiguous:
// - HMAC-SHA1-96:    HMAC-SHA1(K1, data), first 12 bytes.
// - HMAC-MD5-128:    HMAC-MD5(K1, data), 16 bytes. §13.28.4 says the HMAC algorithms use
//                    "the session integrity key"; §13.32 says integrity keying material
//                    is K1 derived from the SIK. K1 is what ipmitool (README.lanplus),
//                    FreeIPMI and phosphor-net-ipmid use, so K1 it is.
// - MD5-128:         MD5(password | data | password), the password zero padded to 20
//                    bytes (IPMI 2.0 passwords are 20 bytes; FreeIPMI pads to 20 too).
//                    No K1: this algorithm is keyed by the user password directly.
// - HMAC-SHA256-128: HMAC-SHA256(K1, data), first 16 bytes.
// - none:            an empty AuthCode (the field is absent).
// k1 is ignored by MD5-128; user_password_20 is ignored by the others.
// bad_key_length when the password is longer than 20 bytes, or when an HMAC algorithm
// gets an empty K1 (a key that was never derived, not a valid key).
CryptoResult<Bytes> integrity_auth_code(IntegrityAlg alg, ByteView k1, ByteView user_password_20,
                                        ByteView covered_bytes);

// Recomputes the AuthCode and compares it with `received` in constant time. False also
// when received has the wrong length for the algorithm.
CryptoResult<bool> verify_integrity_auth_code(IntegrityAlg alg, ByteView k1, ByteView user_password_20,
                                              ByteView covered_bytes, ByteView received);

}  // namespace ipmict::crypto
