#include "protocol/crypto/cipher_suite.hpp"

#include <array>

namespace ipmict::crypto {
namespace {

using A = AuthAlg;
using I = IntegrityAlg;
using C = ConfidentialityAlg;

// IPMI 2.0 §22.15.2, Table 22-20. Suites pair each RAKP algorithm only with integrity
// algorithms of the same hash family; xRC4 (suites 4, 5, 9, 10, 13, 14, 18, 19) is an
// optional, obsolete stream cipher this suite does not implement.
constexpr std::array<CipherSuite, 20> kStandardSuites = {{
    {0, A::none, I::none, C::none, true},
    {1, A::hmac_sha1, I::none, C::none, true},
    {2, A::hmac_sha1, I::hmac_sha1_96, C::none, true},
    {3, A::hmac_sha1, I::hmac_sha1_96, C::aes_cbc_128, true},
    {4, A::hmac_sha1, I::hmac_sha1_96, C::xrc4_128, false},
    {5, A::hmac_sha1, I::hmac_sha1_96, C::xrc4_40, false},
    {6, A::hmac_md5, I::none, C::none, true},
    {7, A::hmac_md5, I::hmac_md5_128, C::none, true},
    {8, A::hmac_md5, I::hmac_md5_128, C::aes_cbc_128, true},
    {9, A::hmac_md5, I::hmac_md5_128, C::xrc4_128, false},
    {10, A::hmac_md5, I::hmac_md5_128, C::xrc4_40, false},
    {11, A::hmac_md5, I::md5_128, C::none, true},
    {12, A::hmac_md5, I::md5_128, C::aes_cbc_128, true},
    {13, A::hmac_md5, I::md5_128, C::xrc4_128, false},
    {14, A::hmac_md5, I::md5_128, C::xrc4_40, false},
    {15, A::hmac_sha256, I::none, C::none, true},
    {16, A::hmac_sha256, I::hmac_sha256_128, C::none, true},
    {17, A::hmac_sha256, I::hmac_sha256_128, C::aes_cbc_128, true},
    {18, A::hmac_sha256, I::hmac_sha256_128, C::xrc4_128, false},
    {19, A::hmac_sha256, I::hmac_sha256_128, C::xrc4_40, false},
}};

}  // namespace

std::span<const CipherSuite> standard_cipher_suites() { return kStandardSuites; }

const CipherSuite* find_cipher_suite(std::uint8_t id) {
  if (id >= kStandardSuites.size()) return nullptr;
  return &kStandardSuites[id];
}

const CipherSuite* find_cipher_suite(AuthAlg auth, IntegrityAlg integrity, ConfidentialityAlg confidentiality) {
  for (const CipherSuite& s : kStandardSuites) {
    if (s.auth == auth && s.integrity == integrity && s.confidentiality == confidentiality) return &s;
  }
  return nullptr;
}

std::string_view name(AuthAlg alg) {
  switch (alg) {
    case AuthAlg::none: return "RAKP-none";
    case AuthAlg::hmac_sha1: return "RAKP-HMAC-SHA1";
    case AuthAlg::hmac_md5: return "RAKP-HMAC-MD5";
    case AuthAlg::hmac_sha256: return "RAKP-HMAC-SHA256";
  }
  return "unknown";
}

std::string_view name(IntegrityAlg alg) {
  switch (alg) {
    case IntegrityAlg::none: return "none";
    case IntegrityAlg::hmac_sha1_96: return "HMAC-SHA1-96";
    case IntegrityAlg::hmac_md5_128: return "HMAC-MD5-128";
    case IntegrityAlg::md5_128: return "MD5-128";
    case IntegrityAlg::hmac_sha256_128: return "HMAC-SHA256-128";
  }
  return "unknown";
}

std::string_view name(ConfidentialityAlg alg) {
  switch (alg) {
    case ConfidentialityAlg::none: return "none";
    case ConfidentialityAlg::aes_cbc_128: return "AES-CBC-128";
    case ConfidentialityAlg::xrc4_128: return "xRC4-128";
    case ConfidentialityAlg::xrc4_40: return "xRC4-40";
  }
  return "unknown";
}

std::optional<AuthAlg> auth_alg_from_byte(std::uint8_t value) {
  if (value <= static_cast<std::uint8_t>(AuthAlg::hmac_sha256)) return static_cast<AuthAlg>(value);
  return std::nullopt;
}

std::optional<IntegrityAlg> integrity_alg_from_byte(std::uint8_t value) {
  if (value <= static_cast<std::uint8_t>(IntegrityAlg::hmac_sha256_128)) return static_cast<IntegrityAlg>(value);
  return std::nullopt;
}

std::optional<ConfidentialityAlg> confidentiality_alg_from_byte(std::uint8_t value) {
  if (value <= static_cast<std::uint8_t>(ConfidentialityAlg::xrc4_40)) return static_cast<ConfidentialityAlg>(value);
  return std::nullopt;
}

}  // namespace ipmict::crypto
