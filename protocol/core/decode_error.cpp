#include "protocol/core/decode_error.hpp"

namespace ipmict {

std::string_view to_string(DecodeErrc code) {
  switch (code) {
    case DecodeErrc::truncated: return "truncated";
    case DecodeErrc::trailing_bytes: return "trailing bytes";
    case DecodeErrc::bad_checksum: return "bad checksum";
    case DecodeErrc::bad_value: return "bad value";
    case DecodeErrc::reserved_bits: return "reserved bits set";
    case DecodeErrc::bad_length: return "bad length";
    case DecodeErrc::unsupported: return "unsupported";
    case DecodeErrc::integrity_mismatch: return "integrity check failed";
    case DecodeErrc::decrypt_failed: return "decryption failed";
  }
  return "unknown error";
}

std::string to_string(const DecodeError& e) {
  std::string s(to_string(e.code));
  s += " at offset ";
  s += std::to_string(e.offset);
  if (!e.field.empty()) {
    s += " (";
    s += e.field;
    s += ')';
  }
  return s;
}

}  // namespace ipmict
