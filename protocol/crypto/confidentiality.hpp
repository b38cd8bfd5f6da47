#pragma once
// RMCP+ payload confidentiality, AES-CBC-128 (IPMI 2.0 §13.29, §13.29.1).
//
// Encrypted payload = 16-byte IV | AES-128-CBC(key, IV, plaintext), where
// plaintext = payload data | confidentiality pad 01h 02h ... nh | pad length n,
// n in 0..15 chosen so the plaintext is a whole number of 16-byte blocks. The key is the
// first 16 bytes of K2 (§13.29: "the first 128 bits of K2").
// (xRC4, §13.30, is not implemented.)
#include <cstddef>

#include "protocol/core/bytes.hpp"
#include "protocol/crypto/crypto_error.hpp"

namespace ipmict::crypto {

inline constexpr std::size_t kAesBlockLength = 16;

// Number of confidentiality pad bytes (0..15) for a payload of this many bytes.
std::size_t aes_cbc_128_pad_length(std::size_t payload_length);

// IV | ciphertext of data | pad | pad length. bad_key_length when k2 is shorter than 16
// bytes (only the first 16 are used); bad_input_length when iv16 is not 16 bytes.
CryptoResult<Bytes> aes_cbc_128_encrypt(ByteView k2, ByteView iv16, ByteView plaintext);

// The payload data with pad and pad length removed.
// bad_key_length: k2 shorter than 16 bytes.
// bad_input_length: not IV + at least one whole block.
// bad_padding: pad length > 15, or (strict_pad) pad bytes other than 01h 02h ... nh.
// §13.29.1 defines the pad bytes but real BMCs differ in whether they check them, so a
// lenient reader can pass strict_pad = false and check only the pad length.
CryptoResult<Bytes> aes_cbc_128_decrypt(ByteView k2, ByteView iv_and_ciphertext, bool strict_pad = true);

// The bare AES-128-CBC transform over whole blocks, with no IPMI trailer and no IV in the
// output: for known-answer tests, and for personalities and fuzzers that must build
// payloads with deliberately malformed confidentiality trailers.
// bad_key_length: key16 not 16 bytes; bad_input_length: iv16 not 16 bytes, or blocks not
// a whole number of blocks.
CryptoResult<Bytes> aes_128_cbc_encrypt_blocks(ByteView key16, ByteView iv16, ByteView blocks);
CryptoResult<Bytes> aes_128_cbc_decrypt_blocks(ByteView key16, ByteView iv16, ByteView blocks);

}  // namespace ipmict::crypto
