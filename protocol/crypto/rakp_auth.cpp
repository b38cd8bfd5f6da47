#include "protocol/crypto/rakp_auth.hpp"

#include <utility>

#include "protocol/core/writer.hpp"
#include "protocol/crypto/constant_time.hpp"

namespace ipmict::crypto {
namespace {

// ROLEm | ULENGTHm | UNAMEm, the tail shared by the RAKP2, RAKP3 and SIK inputs.
// IPMI 2.0 §13.31: ROLEm is the whole Requested Maximum Privilege byte of RAKP1,
// including bit 4 (name-only lookup); some BMCs hash only the privilege nibble, which
// is a deviation the suite must be able to detect, so nothing is masked here.
bool append_role_and_name(Writer& w, const RakpInputs& in) {
  if (in.username.size() > kMaxUserNameLength) return false;
  w.u8(in.role).u8(static_cast<std::uint8_t>(in.username.size())).bytes(in.username);
  return true;
}

ByteView view_of(const std::array<std::uint8_t, 16>& a) { return ByteView(a.data(), a.size()); }

// HMAC with the RAKP algorithm's hash, truncated to `length` bytes. An empty key is
// refused: K_UID is always 20 bytes (a blank password is 20 zero bytes) and SIK is a
// full HMAC, so an empty key can only mean a skipped step in the caller.
CryptoResult<Bytes> rakp_hmac(AuthAlg alg, ByteView key, ByteView data, std::size_t length) {
  const auto h = rakp_hash(alg);
  if (!h) return crypto_error(CryptoError::unsupported_algorithm);
  if (key.empty()) return crypto_error(CryptoError::bad_key_length);
  auto mac = hmac(*h, key, data);
  if (!mac) return mac;
  mac->resize(length);
  return mac;
}

}  // namespace

std::optional<HashAlg> rakp_hash(AuthAlg alg) {
  switch (alg) {
    case AuthAlg::none: return std::nullopt;
    case AuthAlg::hmac_sha1: return HashAlg::sha1;
    case AuthAlg::hmac_md5: return HashAlg::md5;
    case AuthAlg::hmac_sha256: return HashAlg::sha256;
  }
  return std::nullopt;
}

std::size_t key_exchange_auth_code_length(AuthAlg alg) { return session_key_length(alg); }

std::size_t integrity_check_value_length(AuthAlg alg) {
  switch (alg) {
    case AuthAlg::none: return 0;
    case AuthAlg::hmac_sha1: return 12;    // HMAC-SHA1-96
    case AuthAlg::hmac_md5: return 16;     // HMAC-MD5-128
    case AuthAlg::hmac_sha256: return 16;  // HMAC-SHA256-128
  }
  return 0;
}

std::size_t session_key_length(AuthAlg alg) {
  const auto h = rakp_hash(alg);
  return h ? digest_length(*h) : 0;
}

CryptoResult<SecureBytes> user_key_from_password(std::string_view password) {
  if (password.size() > kUserKeyLength) return crypto_error(CryptoError::bad_key_length);
  SecureBytes key(kUserKeyLength);  // zero filled: §13.31 pads short passwords with 00h
  for (std::size_t i = 0; i < password.size(); ++i) key.data()[i] = static_cast<std::uint8_t>(password[i]);
  return key;
}

ByteView select_kg(ByteView kg, ByteView user_key) {
  if (kg.empty() || constant_time_is_zero(kg)) return user_key;
  return kg;
}

CryptoResult<Bytes> rakp2_auth_code_input(const RakpInputs& in) {
  Writer w(4 + 4 + 16 + 16 + 16 + 1 + 1 + kMaxUserNameLength);
  w.u32le(in.console_session_id)
      .u32le(in.bmc_session_id)
      .bytes(view_of(in.console_random))
      .bytes(view_of(in.bmc_random))
      .bytes(view_of(in.bmc_guid));
  if (!append_role_and_name(w, in)) return crypto_error(CryptoError::bad_input_length);
  return w.take();
}

CryptoResult<Bytes> rakp3_auth_code_input(const RakpInputs& in) {
  Writer w(16 + 4 + 1 + 1 + kMaxUserNameLength);
  w.bytes(view_of(in.bmc_random)).u32le(in.console_session_id);
  if (!append_role_and_name(w, in)) return crypto_error(CryptoError::bad_input_length);
  return w.take();
}

CryptoResult<Bytes> sik_input(const RakpInputs& in) {
  Writer w(16 + 16 + 1 + 1 + kMaxUserNameLength);
  w.bytes(view_of(in.console_random)).bytes(view_of(in.bmc_random));
  if (!append_role_and_name(w, in)) return crypto_error(CryptoError::bad_input_length);
  return w.take();
}

Bytes rakp4_icv_input(const RakpInputs& in) {
  Writer w(16 + 4 + 16);
  w.bytes(view_of(in.console_random)).u32le(in.bmc_session_id).bytes(view_of(in.bmc_guid));
  return w.take();
}

CryptoResult<Bytes> rakp2_key_exchange_auth_code(AuthAlg alg, ByteView user_key, const RakpInputs& in) {
  auto data = rakp2_auth_code_input(in);
  if (!data) return data;
  // RAKP-none (§13.28.3): the Key Exchange Authentication Code field is absent.
  if (alg == AuthAlg::none) return Bytes{};
  return rakp_hmac(alg, user_key, *data, key_exchange_auth_code_length(alg));
}

CryptoResult<Bytes> rakp3_key_exchange_auth_code(AuthAlg alg, ByteView user_key, const RakpInputs& in) {
  auto data = rakp3_auth_code_input(in);
  if (!data) return data;
  if (alg == AuthAlg::none) return Bytes{};
  return rakp_hmac(alg, user_key, *data, key_exchange_auth_code_length(alg));
}

CryptoResult<SecureBytes> session_integrity_key(AuthAlg alg, ByteView kg_or_user_key, const RakpInputs& in) {
  auto data = sik_input(in);
  if (!data) return crypto_error(data.error());
  if (alg == AuthAlg::none) return SecureBytes{};
  auto sik = rakp_hmac(alg, kg_or_user_key, *data, session_key_length(alg));
  if (!sik) return crypto_error(sik.error());
  return SecureBytes::adopt(std::move(*sik));
}

CryptoResult<Bytes> rakp4_integrity_check_value(AuthAlg alg, ByteView sik, const RakpInputs& in) {
  if (alg == AuthAlg::none) return Bytes{};
  return rakp_hmac(alg, sik, rakp4_icv_input(in), integrity_check_value_length(alg));
}

CryptoResult<SecureBytes> derive_additional_key(AuthAlg alg, ByteView sik, std::uint8_t constant) {
  return derive_additional_key(alg, sik, constant, kKeyConstantLength);
}

CryptoResult<SecureBytes> derive_additional_key(AuthAlg alg, ByteView sik, std::uint8_t constant,
                                                std::size_t constant_length) {
  if (constant_length == 0) return crypto_error(CryptoError::bad_input_length);
  if (alg == AuthAlg::none) return SecureBytes{};
  const Bytes const_n(constant_length, constant);
  auto k = rakp_hmac(alg, sik, const_n, session_key_length(alg));
  if (!k) return crypto_error(k.error());
  return SecureBytes::adopt(std::move(*k));
}

}  // namespace ipmict::crypto
