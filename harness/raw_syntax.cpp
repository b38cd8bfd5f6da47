#include "harness/raw_syntax.hpp"

#include <fmt/format.h>

#include "harness/split_words.hpp"

namespace ipmict {

tl::expected<std::uint8_t, std::string> parse_raw_byte(std::string_view token) {
  unsigned base = 10;
  std::string_view digits = token;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.size() > 1 && digits[0] == '0') {
    base = 8;  // as strtoul(..., 0) and so ipmitool read it
    digits.remove_prefix(1);
  }
  unsigned value = 0;
  bool any = false;
  for (char c : digits) {
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      d = 99;
    }
    if (d >= base) {
      return tl::unexpected(fmt::format("'{}' is not a number ({})", token,
                                        base == 16 ? "hex after 0x" : base == 8 ? "a leading 0 means octal" : "decimal"));
    }
    value = value * base + d;
    any = true;
    if (value > 255) return tl::unexpected(fmt::format("'{}' is not a byte (0-255)", token));
  }
  if (!any && base != 8) return tl::unexpected(fmt::format("'{}' is not a number", token));
  return static_cast<std::uint8_t>(value);
}

tl::expected<session::Request, std::string> parse_raw_request(const std::vector<std::string>& tokens) {
  if (tokens.size() < 2) return tl::unexpected(std::string("need NETFN and CMD (e.g. 0x06 0x01)"));
  session::Request r;
  auto netfn = parse_raw_byte(tokens[0]);
  if (!netfn) return tl::unexpected("netfn " + netfn.error());
  if (*netfn > 0x3f) return tl::unexpected(fmt::format("netfn '{}' is more than 6 bits (0x00-0x3f)", tokens[0]));
  if (*netfn & 1u) {
    return tl::unexpected(fmt::format("netfn '{}' is odd: that is a response netfn (requests use even ones)", tokens[0]));
  }
  auto cmd = parse_raw_byte(tokens[1]);
  if (!cmd) return tl::unexpected("cmd " + cmd.error());
  r.netfn = *netfn;
  r.cmd = *cmd;
  for (std::size_t i = 2; i < tokens.size(); ++i) {
    auto b = parse_raw_byte(tokens[i]);
    if (!b) return tl::unexpected(fmt::format("data byte {} {}", i - 1, b.error()));
    r.data.push_back(*b);
  }
  return r;
}

tl::expected<std::optional<session::Request>, std::string> parse_raw_line(std::string_view line) {
  if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  std::vector<std::string> tokens = split_words(line);
  if (tokens.empty()) return std::optional<session::Request>{};
  if (tokens.front() == "raw") tokens.erase(tokens.begin());
  auto r = parse_raw_request(tokens);
  if (!r) return tl::unexpected(r.error());
  return std::optional<session::Request>(std::move(*r));
}

}  // namespace ipmict
