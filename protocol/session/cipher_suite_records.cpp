#include "protocol/session/cipher_suite_records.hpp"

#include <algorithm>
#include <array>

#include "protocol/core/reader.hpp"
#include "protocol/crypto/cipher_suite.hpp"

namespace ipmict::session {
namespace {

constexpr std::uint8_t kTagMask = 0xc0;
constexpr std::uint8_t kTagAuthentication = 0x00;
constexpr std::uint8_t kTagIntegrity = 0x40;
constexpr std::uint8_t kTagConfidentiality = 0x80;
constexpr std::uint8_t kAlgorithmBits = 0x3f;

constexpr std::array<std::uint8_t, 11> kPreference = {17, 3, 16, 2, 8, 7, 12, 11, 15, 1, 6};

}  // namespace

Decoded<std::vector<CipherSuiteRecord>> decode_cipher_suite_records(ByteView records, std::size_t base_offset) {
  Reader r(records, base_offset);
  std::vector<CipherSuiteRecord> out;
  while (r.ok() && !r.at_end()) {
    const std::uint8_t tag = r.u8("cipher_suites.record_byte");
    if (tag == kCipherSuiteRecordStandard || tag == kCipherSuiteRecordOem) {
      CipherSuiteRecord rec;
      rec.id = r.u8("cipher_suites.cipher_suite_id");
      if (tag == kCipherSuiteRecordOem) {
        const ByteView iana = r.bytes(3, "cipher_suites.oem_iana");
        if (iana.size() == 3) {
          rec.oem_iana = static_cast<std::uint32_t>(iana[0]) | (static_cast<std::uint32_t>(iana[1]) << 8) |
                         (static_cast<std::uint32_t>(iana[2]) << 16);
        }
      }
      out.push_back(std::move(rec));
      continue;
    }
    if (out.empty()) {
      // Algorithm tags before any start-of-record byte: nothing to attach them to.
      r.fail_at(DecodeErrc::bad_value, r.offset() - 1, "cipher_suites.start_of_record");
      break;
    }
    const std::uint8_t alg = tag & kAlgorithmBits;
    switch (tag & kTagMask) {
      case kTagAuthentication: out.back().authentication.push_back(alg); break;
      case kTagIntegrity: out.back().integrity.push_back(alg); break;
      case kTagConfidentiality: out.back().confidentiality.push_back(alg); break;
      default:  // 11b with a value other than C0h/C1h: reserved
        r.fail_at(DecodeErrc::bad_value, r.offset() - 1, "cipher_suites.algorithm_tag");
        break;
    }
  }
  return r.finish(std::move(out));
}

std::span<const std::uint8_t> cipher_suite_preference() { return kPreference; }

std::vector<std::uint8_t> choose_cipher_suites(std::span<const CipherSuiteRecord> offered) {
  std::vector<std::uint8_t> out;
  for (const std::uint8_t id : kPreference) {
    const bool listed = std::any_of(offered.begin(), offered.end(),
                                    [id](const CipherSuiteRecord& r) { return !r.oem_iana && r.id == id; });
    const crypto::CipherSuite* suite = crypto::find_cipher_suite(id);
    if (listed && suite != nullptr && suite->implemented) out.push_back(id);
  }
  return out;
}

}  // namespace ipmict::session
