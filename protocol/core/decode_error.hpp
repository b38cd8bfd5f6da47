#pragma once
// The one error type of every decoder in protocol/: what went wrong, at which byte
// offset of the input, and which field was being read. Decoders never throw; they
// return Decoded<T> (a value or a DecodeError).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace ipmict {

enum class DecodeErrc : std::uint8_t {
  truncated,           // fewer bytes than the field needs
  trailing_bytes,      // bytes left after the last field of a fixed format
  bad_checksum,        // a two's-complement checksum does not sum to zero
  bad_value,           // a field holds a value the format forbids
  reserved_bits,       // a reserved field is non-zero where the decoder is strict
  bad_length,          // a length field disagrees with the bytes present
  unsupported,         // valid format, but a variant this code does not implement
  integrity_mismatch,  // an AuthCode / HMAC does not verify
  decrypt_failed,      // ciphertext is not a whole block, or its pad is malformed
};

std::string_view to_string(DecodeErrc code);

struct DecodeError {
  DecodeErrc code;
  std::size_t offset;      // byte offset in the outermost input the decoder was given
  std::string_view field;  // static name of the field being read ("session_id")

  friend bool operator==(const DecodeError&, const DecodeError&) = default;
};

// "truncated at offset 12 (session_id)"
std::string to_string(const DecodeError& e);

template <class T>
using Decoded = tl::expected<T, DecodeError>;

inline tl::unexpected<DecodeError> decode_error(DecodeErrc code, std::size_t offset, std::string_view field) {
  return tl::unexpected<DecodeError>(DecodeError{code, offset, field});
}

}  // namespace ipmict
