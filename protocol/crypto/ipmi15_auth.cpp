#include "protocol/crypto/ipmi15_auth.hpp"

#include <algorithm>

#include <openssl/crypto.h>

#include "protocol/crypto/digest.hpp"

namespace ipmict::crypto {
namespace {

void append_u32le(Bytes& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void append_password(Bytes& out, ByteView password) {
  out.insert(out.end(), password.begin(), password.end());
  out.insert(out.end(), kIpmi15PasswordLength - password.size(), 0);
}

}  // namespace

CryptoResult<SecureBytes> ipmi15_password_key(std::string_view password) {
  if (password.size() > kIpmi15PasswordLength) return crypto_error(CryptoError::bad_key_length);
  SecureBytes key(kIpmi15PasswordLength);
  for (std::size_t i = 0; i < password.size(); ++i) key.data()[i] = static_cast<std::uint8_t>(password[i]);
  return key;
}

CryptoResult<Ipmi15AuthCode> ipmi15_auth_code(AuthType type, ByteView password16, std::uint32_t session_id,
                                              ByteView ipmi_message, std::uint32_t session_sequence) {
  if (password16.size() > kIpmi15PasswordLength) return crypto_error(CryptoError::bad_key_length);
  Ipmi15AuthCode code{};

  switch (type) {
    case AuthType::straight_password:
      // §22.17.1: the password itself travels as the AuthCode (zero padded).
      std::copy(password16.begin(), password16.end(), code.begin());
      return code;
    case AuthType::md2:
    case AuthType::md5:
      break;
    case AuthType::none:
    case AuthType::oem:
    case AuthType::rmcp_plus:
      return crypto_error(CryptoError::unsupported_algorithm);
  }
  // A value outside the enum (cast from a wire byte) matches no case above.
  if (type != AuthType::md2 && type != AuthType::md5) return crypto_error(CryptoError::unsupported_algorithm);

  Bytes input;
  input.reserve(2 * kIpmi15PasswordLength + 8 + ipmi_message.size());  // once: no unwiped copies
  append_password(input, password16);
  append_u32le(input, session_id);
  input.insert(input.end(), ipmi_message.begin(), ipmi_message.end());
  append_u32le(input, session_sequence);
  append_password(input, password16);

  Bytes digest;
  if (type == AuthType::md2) {
    digest = md2(input);
  } else {
    auto h = hash(HashAlg::md5, input);
    if (!h) {
      secure_wipe(input);
      return crypto_error(h.error());
    }
    digest = std::move(*h);
  }
  secure_wipe(input);
  if (digest.size() != code.size()) return crypto_error(CryptoError::openssl_failure);
  std::copy(digest.begin(), digest.end(), code.begin());
  return code;
}

}  // namespace ipmict::crypto
