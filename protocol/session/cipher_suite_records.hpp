#pragma once
// Get Channel Cipher Suites record data (IPMI 2.0 §22.15, Table 22-19) and the choice of
// the suite a session asks for.
//
// Record data, listed "by cipher suite" (request byte 3 bit 7 = 1), is the concatenation
// of every response's bytes after the channel number:
//   C0h  Cipher Suite ID                           (standard suite)
//   C1h  Cipher Suite ID, OEM IANA (3 bytes, LE)   (OEM suite)
//   then algorithm tags: [7:6] 00b authentication, 01b integrity, 10b confidentiality;
//   [5:0] the algorithm number. A suite record ends where the next C0h/C1h starts.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict::session {

inline constexpr std::uint8_t kCipherSuiteRecordStandard = 0xc0;
inline constexpr std::uint8_t kCipherSuiteRecordOem = 0xc1;
// IPMI 2.0 §22.15: each response carries up to 16 bytes of record data; fewer ends the list.
inline constexpr std::size_t kCipherSuiteRecordBytesPerResponse = 16;
inline constexpr std::uint8_t kCipherSuiteMaxListIndex = 0x3f;

struct CipherSuiteRecord {
  std::uint8_t id = 0;
  std::optional<std::uint32_t> oem_iana;  // present for C1h records
  std::vector<std::uint8_t> authentication;   // algorithm numbers, in order of appearance
  std::vector<std::uint8_t> integrity;
  std::vector<std::uint8_t> confidentiality;

  friend bool operator==(const CipherSuiteRecord&, const CipherSuiteRecord&) = default;
};

// Errors: bad_value (cipher_suites.start_of_record) when the data does not begin with
// C0h/C1h, or a tag byte has [7:6] = 11b other than C0h/C1h; truncated when a record stops
// inside its ID or IANA. base_offset: absolute offset of the first record byte.
Decoded<std::vector<CipherSuiteRecord>> decode_cipher_suite_records(ByteView records, std::size_t base_offset = 0);

// Strongest first. Why this order (IPMI 2.0 §22.15.2 Table 22-20, §13.28):
//   17  HMAC-SHA256 RAKP, HMAC-SHA256-128 integrity, AES-CBC-128: the only suite with
//       SHA-256 everywhere plus confidentiality (the DCMI/Redfish-era recommendation).
//    3  HMAC-SHA1 + HMAC-SHA1-96 + AES: what every BMC offers and ipmitool defaults to.
//   16  SHA-256 with integrity but no confidentiality, then 2 (the SHA-1 equivalent):
//       integrity protects the session even when the payload is readable.
//    8, 7  HMAC-MD5 RAKP and integrity (with, then without AES): MD5 is weaker than SHA-1.
//   12, 11  MD5-128 integrity: a keyed hash of the *password*, not of K1, so a captured
//       packet allows an offline password search; below the HMAC suites.
//   15, 1, 6  authentication only (SHA-256, SHA-1, MD5): the session after RAKP carries
//       no integrity at all.
//   0 is never chosen automatically (no authentication); xRC4 suites are not implemented.
std::span<const std::uint8_t> cipher_suite_preference();

// The standard suites offered (C0h records with an implemented standard suite's ID) in
// preference order. OEM records are ignored: their algorithms are vendor-defined.
std::vector<std::uint8_t> choose_cipher_suites(std::span<const CipherSuiteRecord> offered);

}  // namespace ipmict::session
