// Markdown escaping (see the header).
#include "reports/markdown_text.hpp"

#include <algorithm>
#include <string_view>

namespace ipmict::reports {

std::string md_text(std::string_view s) {
  // CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that
  // start emphasis, code, links, HTML, strike-through, entities or table cells inline.
  constexpr std::string_view kSpecial = "\\`*_[]<>|~&!#";
  std::string out;
  out.reserve(s.size() + 8);
  for (char ch : s) {
    if (ch == '\n' || ch == '\r' || ch == '\t') {
      out += ' ';
    } else if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) {
      out += ' ';  // control characters have no business in a comment
    } else {
      if (kSpecial.find(ch) != std::string_view::npos) out += '\\';
      out += ch;
    }
  }
  return out;
}

std::string md_code(std::string_view s, bool in_table) {
  std::string body;
  body.reserve(s.size());
  std::size_t run = 0, longest = 0;
  for (char ch : s) {
    if (ch == '`') {
      longest = std::max(longest, ++run);
    } else {
      run = 0;
    }
    if (ch == '\n' || ch == '\r' || ch == '\t' || static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) {
      body += ' ';
    } else if (ch == '|' && in_table) {
      body += "\\|";
    } else {
      body += ch;
    }
  }
  if (body.empty()) return "` `";
  // A fence longer than any backtick run inside; a space pads a span that begins or ends
  // with a backtick (CommonMark strips one space on each side).
  const std::string fence(longest + 1, '`');
  const bool pad = body.front() == '`' || body.back() == '`';
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string truncate_utf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t cut = max_bytes;
  // Step back over continuation bytes so a character is never split.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";
}

}  // namespace ipmict::reports
