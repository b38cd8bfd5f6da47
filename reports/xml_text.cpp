// XML 1.0 text and attribute escaping (see the header).
#include "reports/xml_text.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace ipmict::reports {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF) and its code point; 0 when the bytes are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<std::uint8_t>(s[i]);
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<std::uint8_t>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    const int c1 = cont(1);
    if (c1 < 0) return 0;
    cp = static_cast<char32_t>(((b0 & 0x1F) << 6) | c1);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int c1 = cont(1), c2 = cont(2);
    if (c1 < 0 || c2 < 0) return 0;
    cp = static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int c1 = cont(1), c2 = cont(2), c3 = cont(3);
    if (c1 < 0 || c2 < 0 || c3 < 0) return 0;
    cp = static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

std::string escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    const std::size_t n = utf8_sequence(s, i, cp);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    switch (cp) {
      case U'&': out += "&amp;"; break;
      case U'<': out += "&lt;"; break;
      case U'>': out += "&gt;"; break;  // also keeps "]]>" out of character data
      case U'"': out += attribute ? "&quot;" : "\""; break;
      case U'\'': out += attribute ? "&apos;" : "'"; break;
      case U'\t': out += attribute ? "&#9;" : "\t"; break;
      case U'\n': out += attribute ? "&#10;" : "\n"; break;
      case U'\r': out += "&#13;"; break;
      default:
        if (cp < 0x20) {
          // Not a Char in XML 1.0 even as a character reference: show it instead.
          out += fmt::format("\\x{:02X}", static_cast<unsigned>(cp));
        } else if (cp == 0xFFFE || cp == 0xFFFF) {
          out += fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(cp));
        } else {
          out.append(s.substr(i, n));
        }
    }
    i += n;
  }
  return out;
}

}  // namespace

std::string xml_text(std::string_view s) { return escape(s, false); }
std::string xml_attribute(std::string_view s) { return escape(s, true); }

}  // namespace ipmict::reports
