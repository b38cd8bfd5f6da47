#pragma once
// Table-driven checks shared by the wire codec tests: one sample, one decode+re-encode
// function, and the expectations every decoder must meet (DESIGN.md §4): exact length
// decodes and re-encodes to the same bytes, one byte short and one byte long give the
// documented error, every truncation fails (or, for formats whose tail is "the rest",
// decodes to something that re-encodes to exactly that prefix), every single-byte
// length-field bump fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict::wire_test {

inline Bytes hex(std::string_view text) {
  auto b = parse_hex(text);
  EXPECT_TRUE(b.has_value()) << text;
  return b.value_or(Bytes{});
}

inline Bytes tail(const Bytes& b, std::size_t from) {
  return Bytes(b.begin() + static_cast<std::ptrdiff_t>(std::min(from, b.size())), b.end());
}

inline DecodeError err(DecodeErrc code, std::size_t offset, std::string_view field) {
  return DecodeError{code, offset, field};
}

// Decode, then re-encode what was decoded: the value side of a round trip.
using RoundTrip = std::function<Decoded<Bytes>(ByteView)>;

template <class Decode, class Encode>
RoundTrip round_trip(Decode decode, Encode encode) {
  return [decode, encode](ByteView in) -> Decoded<Bytes> {
    auto v = decode(in);
    if (!v) return tl::unexpected(v.error());
    return encode(*v);
  };
}

struct CodecCase {
  std::string name;
  Bytes sample;
  RoundTrip decode;
  DecodeError one_short;                 // error for sample minus its last byte (unless accepted below)
  std::optional<DecodeError> one_long;   // error for sample + 5Ah; nullopt: the format accepts it
  std::vector<std::size_t> length_fields = {};  // offsets of length bytes to bump by +1 and -1
  std::size_t min_valid_prefix = 0;      // prefixes at least this long may decode ("the rest" formats)
};

inline void expect_round_trip(const RoundTrip& decode, const Bytes& bytes, const std::string& what) {
  auto out = decode(view(bytes));
  ASSERT_TRUE(out.has_value()) << what << ": " << to_string(out.error());
  EXPECT_EQ(to_hex(view(*out)), to_hex(view(bytes))) << what;
}

inline void run_codec_case(const CodecCase& c) {
  SCOPED_TRACE(c.name);
  const std::size_t min_valid = c.min_valid_prefix == 0 ? c.sample.size() : c.min_valid_prefix;

  // Exact length decodes and re-encodes byte for byte.
  expect_round_trip(c.decode, c.sample, "exact sample");

  // One byte short.
  if (c.sample.size() - 1 < min_valid) {
    const Bytes short_by_one(c.sample.begin(), c.sample.end() - 1);
    auto r = c.decode(view(short_by_one));
    ASSERT_FALSE(r.has_value()) << "one byte short decoded";
    EXPECT_EQ(r.error(), c.one_short) << to_string(r.error());
  }

  // One byte long.
  Bytes long_by_one = c.sample;
  long_by_one.push_back(0x5a);
  auto r = c.decode(view(long_by_one));
  if (c.one_long) {
    ASSERT_FALSE(r.has_value()) << "one byte long decoded";
    EXPECT_EQ(r.error(), *c.one_long) << to_string(r.error());
  } else {
    EXPECT_TRUE(r.has_value()) << "one byte long rejected: " << to_string(r.error());
  }

  // Every truncation: a fresh copy each time so a sanitizer sees any read past the end.
  for (std::size_t n = 0; n < c.sample.size(); ++n) {
    const Bytes prefix(c.sample.begin(), c.sample.begin() + static_cast<std::ptrdiff_t>(n));
    auto t = c.decode(view(prefix));
    if (n < min_valid) {
      EXPECT_FALSE(t.has_value()) << "prefix of " << n << " bytes decoded";
      if (!t) {
        EXPECT_LE(t.error().offset, n) << "error offset past the input: " << to_string(t.error());
      }
    } else if (t) {
      EXPECT_EQ(to_hex(view(*t)), to_hex(view(prefix))) << "prefix of " << n << " bytes";
    }
  }

  // Every single-byte length-field bump.
  for (std::size_t at : c.length_fields) {
    for (int delta : {+1, -1}) {
      Bytes bumped = c.sample;
      if (delta < 0 && bumped.at(at) == 0) continue;
      bumped.at(at) = static_cast<std::uint8_t>(bumped.at(at) + delta);
      auto b = c.decode(view(bumped));
      EXPECT_FALSE(b.has_value()) << "length at " << at << " bumped by " << delta << " still decoded";
    }
  }
}

}  // namespace ipmict::wire_test
