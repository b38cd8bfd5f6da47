#pragma once
// The bounded reader: the only way protocol/ reads untrusted bytes (DESIGN.md §4).
//
// Every read checks `remaining() < n` first. The first failure is sticky: later reads
// return zero / empty views and do not advance, so a decoder can read a whole layout
// straight through and check `ok()` once at the end, and the error still names the
// first field that did not fit. Offsets are absolute (relative to the outermost input)
// so an error deep inside a payload still points at the right byte of the datagram.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict {

class Reader {
 public:
  explicit Reader(ByteView data, std::size_t base_offset = 0) : data_(data), base_(base_offset) {}

  std::size_t remaining() const { return data_.size() - pos_; }
  std::size_t offset() const { return base_ + pos_; }
  bool ok() const { return !error_.has_value(); }
  bool at_end() const { return remaining() == 0; }
  const std::optional<DecodeError>& error() const { return error_; }

  std::uint8_t u8(std::string_view field);
  std::uint16_t u16le(std::string_view field);
  std::uint32_t u32le(std::string_view field);
  std::uint16_t u16be(std::string_view field);
  std::uint32_t u32be(std::string_view field);

  // The next n bytes, or an empty view and a `truncated` error.
  ByteView bytes(std::size_t n, std::string_view field);
  // Everything left (possibly empty); never fails.
  ByteView rest();
  // Peek without consuming; nullopt when past the end.
  std::optional<std::uint8_t> peek(std::size_t ahead = 0) const;

  // A reader over the next n bytes (offsets stay absolute); this reader skips them.
  Reader sub(std::size_t n, std::string_view field);

  // Records an error at the current offset (or a given absolute one). First wins.
  void fail(DecodeErrc code, std::string_view field) { fail_at(code, offset(), field); }
  void fail_at(DecodeErrc code, std::size_t absolute_offset, std::string_view field);

  // Trailing bytes are an error unless the format allows them.
  void expect_end(std::string_view field = "end of message");

  template <class T>
  Decoded<T> finish(T value) const {
    if (error_) return tl::unexpected<DecodeError>(*error_);
    return Decoded<T>(std::move(value));
  }

 private:
  bool need(std::size_t n, std::string_view field);

  ByteView data_;
  std::size_t base_;
  std::size_t pos_ = 0;
  std::optional<DecodeError> error_;
};

}  // namespace ipmict
