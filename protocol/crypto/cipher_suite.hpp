#pragma once
// RMCP+ algorithm numbers (IPMI 2.0 §13.28, Tables 13-17/13-18/13-19) and the standard
// cipher suites that combine them (IPMI 2.0 §22.15.2, Table 22-20, IDs 0-19).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ipmict::crypto {

// IPMI 2.0 §13.28.3 Authentication Algorithm Numbers (RAKP).
enum class AuthAlg : std::uint8_t { none = 0, hmac_sha1 = 1, hmac_md5 = 2, hmac_sha256 = 3 };

// IPMI 2.0 §13.28.4 Integrity Algorithm Numbers.
enum class IntegrityAlg : std::uint8_t {
  none = 0,
  hmac_sha1_96 = 1,
  hmac_md5_128 = 2,
  md5_128 = 3,
  hmac_sha256_128 = 4,
};

// IPMI 2.0 §13.28.5 Confidentiality Algorithm Numbers.
enum class ConfidentialityAlg : std::uint8_t { none = 0, aes_cbc_128 = 1, xrc4_128 = 2, xrc4_40 = 3 };

struct CipherSuite {
  std::uint8_t id;
  AuthAlg auth;
  IntegrityAlg integrity;
  ConfidentialityAlg confidentiality;
  bool implemented;  // false for the xRC4 suites: listed by the spec, not implemented here

  friend bool operator==(const CipherSuite&, const CipherSuite&) = default;
};

// The 20 standard suites of Table 22-20, ordered by ID (index == id).
std::span<const CipherSuite> standard_cipher_suites();

// The standard suite with this ID, or nullptr (20h-FFh: reserved or OEM, Table 22-20).
const CipherSuite* find_cipher_suite(std::uint8_t id);

// The standard suite using exactly these three algorithms, or nullptr.
const CipherSuite* find_cipher_suite(AuthAlg auth, IntegrityAlg integrity, ConfidentialityAlg confidentiality);

// The spec's names: "RAKP-none", "RAKP-HMAC-SHA1", "RAKP-HMAC-MD5", "RAKP-HMAC-SHA256".
std::string_view name(AuthAlg alg);
// "none", "HMAC-SHA1-96", "HMAC-MD5-128", "MD5-128", "HMAC-SHA256-128".
std::string_view name(IntegrityAlg alg);
// "none", "AES-CBC-128", "xRC4-128", "xRC4-40".
std::string_view name(ConfidentialityAlg alg);

// Wire byte to algorithm; nullopt for reserved and OEM numbers. The algorithm number is
// the low 6 bits of the byte in Open Session payloads (§13.17); callers mask first.
std::optional<AuthAlg> auth_alg_from_byte(std::uint8_t value);
std::optional<IntegrityAlg> integrity_alg_from_byte(std::uint8_t value);
std::optional<ConfidentialityAlg> confidentiality_alg_from_byte(std::uint8_t value);

}  // namespace ipmict::crypto
