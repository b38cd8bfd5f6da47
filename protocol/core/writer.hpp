#pragma once
// Appends wire fields to a byte buffer; the encoding twin of Reader.
#include <cstddef>
#include <cstdint>

#include "protocol/core/bytes.hpp"

namespace ipmict {

class Writer {
 public:
  Writer() = default;
  explicit Writer(std::size_t reserve) { out_.reserve(reserve); }

  Writer& u8(std::uint8_t v) { out_.push_back(v); return *this; }
  Writer& u16le(std::uint16_t v) { return u8(static_cast<std::uint8_t>(v)).u8(static_cast<std::uint8_t>(v >> 8)); }
  Writer& u32le(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
    return *this;
  }
  Writer& u16be(std::uint16_t v) { return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v)); }
  Writer& u32be(std::uint32_t v) {
    for (int i = 3; i >= 0; --i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
    return *this;
  }
  Writer& bytes(ByteView v) { out_.insert(out_.end(), v.begin(), v.end()); return *this; }
  Writer& zeros(std::size_t n) { out_.insert(out_.end(), n, 0); return *this; }

  std::size_t size() const { return out_.size(); }
  // Overwrites a byte already written (length fields known only at the end).
  void patch_u8(std::size_t pos, std::uint8_t v) { out_.at(pos) = v; }
  void patch_u16le(std::size_t pos, std::uint16_t v) {
    out_.at(pos) = static_cast<std::uint8_t>(v);
    out_.at(pos + 1) = static_cast<std::uint8_t>(v >> 8);
  }

  const Bytes& bytes() const { return out_; }
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

}  // namespace ipmict
