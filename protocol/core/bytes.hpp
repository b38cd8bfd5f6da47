#pragma once
// Byte buffers and hex text: the vocabulary every layer of protocol/ shares.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipmict {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// "0a 1b ff" (sep = ' ') or "0a1bff" (sep = '\0'); lower case.
std::string to_hex(ByteView bytes, char sep = ' ');
// One byte: "0a"; lower case, no prefix or suffix.
std::string to_hex(std::uint8_t byte);

// Parses hex text leniently as people write it: "0a 1b", "0x0a 0x1b", "0a1b", "0A:1B".
// Returns nullopt on an odd digit count or a non-hex character.
std::optional<Bytes> parse_hex(std::string_view text);

inline ByteView view(const Bytes& b) { return ByteView(b.data(), b.size()); }

}  // namespace ipmict
