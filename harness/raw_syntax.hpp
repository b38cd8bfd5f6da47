#pragma once
// The byte syntax of `ipmitool raw NETFN CMD [DATA...]`: each token is a number read like
// strtoul(token, 0) — "0x2e" hex, "046" octal (a leading 0), "46" decimal — from 0 to 255.
// Batch files hold one request per line, with or without ipmitool's leading "raw" (so an
// `ipmitool exec` file of raw lines works unchanged); '#' starts a comment.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "protocol/session/request.hpp"

namespace ipmict {

// One byte token; the error names the token ("'0x100' is not a byte (0-255)").
tl::expected<std::uint8_t, std::string> parse_raw_byte(std::string_view token);

// NETFN CMD DATA... as separate tokens (the command line).
tl::expected<session::Request, std::string> parse_raw_request(const std::vector<std::string>& tokens);

// One batch line. nullopt for a blank or comment-only line.
tl::expected<std::optional<session::Request>, std::string> parse_raw_line(std::string_view line);

}  // namespace ipmict
