#include "protocol/core/bytes.hpp"

namespace ipmict {
namespace {
constexpr char kDigits[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string to_hex(ByteView bytes, char sep) {
  std::string out;
  out.reserve(bytes.size() * 3);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0 && sep != '\0') out.push_back(sep);
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 0x0f]);
  }
  return out;
}

std::string to_hex(std::uint8_t byte) { return {kDigits[byte >> 4], kDigits[byte & 0x0f]}; }

std::optional<Bytes> parse_hex(std::string_view text) {
  Bytes out;
  int high = -1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ',') {
      if (high >= 0) return std::nullopt;  // a token with an odd number of digits
      continue;
    }
    if (c == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X') && high < 0) {
      // "0x" prefix: a single token such as 0x5 means one byte.
      std::size_t j = i + 2;
      std::size_t start = j;
      while (j < text.size() && hex_value(text[j]) >= 0) ++j;
      const std::size_t digits = j - start;
      if (digits == 0 || digits > 2) return std::nullopt;
      int v = 0;
      for (std::size_t k = start; k < j; ++k) v = v * 16 + hex_value(text[k]);
      out.push_back(static_cast<std::uint8_t>(v));
      i = j - 1;
      continue;
    }
    const int v = hex_value(c);
    if (v < 0) return std::nullopt;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  if (high >= 0) return std::nullopt;
  return out;
}

}  // namespace ipmict
