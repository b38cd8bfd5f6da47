#pragma once
// RMCP+ authentication: the RAKP message authentication codes, the Session Integrity
// Key and the additional keying material K1/K2 (IPMI 2.0 §13.31, §13.32).
//
// All multi-byte integers go into the HMAC inputs least-significant byte first, exactly
// as they travel on the wire (IPMI 2.0 §13.31 builds the inputs from the message fields).
// The subscripts follow the spec: "m" is the remote console (manager), "c" the BMC.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "protocol/core/bytes.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/crypto_error.hpp"
#include "protocol/crypto/digest.hpp"
#include "protocol/crypto/secure_bytes.hpp"

namespace ipmict::crypto {

// IPMI 2.0 §13.31: user passwords (K_UID) and K_G are 20 bytes; user names 0-16 bytes.
inline constexpr std::size_t kUserKeyLength = 20;
inline constexpr std::size_t kMaxUserNameLength = 16;
// IPMI 2.0 §13.32: length of Const1/Const2 as every known implementation builds them
// (see derive_additional_key).
inline constexpr std::size_t kKeyConstantLength = 20;

struct RakpInputs {
  std::uint32_t console_session_id;            // SIDm: Remote Console Session ID (Open Session Request)
  std::uint32_t bmc_session_id;                // SIDc: Managed System Session ID (Open Session Response)
  std::array<std::uint8_t, 16> console_random;  // Rm: from RAKP Message 1
  std::array<std::uint8_t, 16> bmc_random;      // Rc: from RAKP Message 2
  std::array<std::uint8_t, 16> bmc_guid;        // GUIDc: from RAKP Message 2
  std::uint8_t role;  // ROLEm: the whole RAKP1 requested-role byte incl. name-only-lookup bit 4
  Bytes username;     // UNAMEm: 0..16 bytes, no terminator (ULENGTHm is its size)
};

// The HMAC each RAKP algorithm uses; nullopt for RAKP-none.
std::optional<HashAlg> rakp_hash(AuthAlg alg);

// RAKP2/RAKP3 Key Exchange Authentication Code length: 0 / 20 / 16 / 32 (none, SHA1, MD5, SHA256).
std::size_t key_exchange_auth_code_length(AuthAlg alg);
// RAKP4 Integrity Check Value length: 0 / 12 / 16 / 16 (§13.31: HMAC-SHA1-96, HMAC-MD5-128,
// HMAC-SHA256-128 truncations).
std::size_t integrity_check_value_length(AuthAlg alg);
// SIK, K1 and K2 length: the full HMAC output, 0 / 20 / 16 / 32.
std::size_t session_key_length(AuthAlg alg);

// K_UID: the password zero-padded to 20 bytes. bad_key_length when longer than 20.
CryptoResult<SecureBytes> user_key_from_password(std::string_view password);

// IPMI 2.0 §13.31: the SIK is keyed by K_G, "the BMC key"; when K_G is not set (empty,
// or all zero bytes, which is how Set Channel Security Keys reports an unset key) the user
// key K_UID is used instead ("one-key login").
ByteView select_kg(ByteView kg, ByteView user_key);

// The exact HMAC inputs (exposed for dissectors, tests and personalities that corrupt them).
// bad_input_length when the user name is longer than 16 bytes.
// RAKP2: SIDm | SIDc | Rm | Rc | GUIDc | ROLEm | ULENGTHm | UNAMEm
CryptoResult<Bytes> rakp2_auth_code_input(const RakpInputs& in);
// RAKP3: Rc | SIDm | ROLEm | ULENGTHm | UNAMEm
CryptoResult<Bytes> rakp3_auth_code_input(const RakpInputs& in);
// SIK:   Rm | Rc | ROLEm | ULENGTHm | UNAMEm
CryptoResult<Bytes> sik_input(const RakpInputs& in);
// RAKP4: Rm | SIDc | GUIDc
Bytes rakp4_icv_input(const RakpInputs& in);

// Every HMAC below refuses an empty key with bad_key_length (K_UID is never empty: a blank
// password is 20 zero bytes).
// RAKP Message 2 Key Exchange Authentication Code = HMAC_KUID(rakp2 input). Empty for RAKP-none.
CryptoResult<Bytes> rakp2_key_exchange_auth_code(AuthAlg alg, ByteView user_key, const RakpInputs& in);
// RAKP Message 3 Key Exchange Authentication Code = HMAC_KUID(rakp3 input). Empty for RAKP-none.
CryptoResult<Bytes> rakp3_key_exchange_auth_code(AuthAlg alg, ByteView user_key, const RakpInputs& in);
// SIK = HMAC_KG(sik input); pass select_kg(kg, user_key). Empty for RAKP-none.
CryptoResult<SecureBytes> session_integrity_key(AuthAlg alg, ByteView kg_or_user_key, const RakpInputs& in);
// RAKP Message 4 Integrity Check Value = HMAC_SIK(rakp4 input), truncated to
// integrity_check_value_length(alg). Empty for RAKP-none.
CryptoResult<Bytes> rakp4_integrity_check_value(AuthAlg alg, ByteView sik, const RakpInputs& in);

// IPMI 2.0 §13.32: Kn = HMAC_SIK(Const_n), Const_n = the byte n repeated. K1 (n = 1) keys
// the HMAC integrity algorithms, K2 (n = 2) the AES key. The HMAC is the authentication
// algorithm's (the spec only says "HMAC"; ipmitool, FreeIPMI and phosphor-net-ipmid all
// use the RAKP algorithm). The constant is kKeyConstantLength (20) bytes for every
// algorithm, SHA256 included: the spec says "repeated up to the HMAC block size" but all
// three implementations use 20, and interoperating with them is what matters. Empty for
// RAKP-none (no keying material exists).
CryptoResult<SecureBytes> derive_additional_key(AuthAlg alg, ByteView sik, std::uint8_t constant);
// The same with an explicit constant length, to model BMCs that read §13.32 differently
// (e.g. 32 bytes for SHA256). bad_input_length for 0.
CryptoResult<SecureBytes> derive_additional_key(AuthAlg alg, ByteView sik, std::uint8_t constant,
                                                std::size_t constant_length);

}  // namespace ipmict::crypto
