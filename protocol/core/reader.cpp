#include "protocol/core/reader.hpp"

namespace ipmict {

bool Reader::need(std::size_t n, std::string_view field) {
  if (error_) return false;
  if (remaining() < n) {
    fail(DecodeErrc::truncated, field);
    return false;
  }
  return true;
}

std::uint8_t Reader::u8(std::string_view field) {
  if (!need(1, field)) return 0;
  return data_[pos_++];
}

std::uint16_t Reader::u16le(std::string_view field) {
  if (!need(2, field)) return 0;
  const auto v = static_cast<std::uint16_t>(data_[pos_] | (data_[pos_ + 1] << 8));
  pos_ += 2;
  return v;
}

std::uint32_t Reader::u32le(std::string_view field) {
  if (!need(4, field)) return 0;
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(data_[pos_ + i]) << (8 * i);
  pos_ += 4;
  return v;
}

std::uint16_t Reader::u16be(std::string_view field) {
  if (!need(2, field)) return 0;
  const auto v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
  pos_ += 2;
  return v;
}

std::uint32_t Reader::u32be(std::string_view field) {
  if (!need(4, field)) return 0;
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | data_[pos_ + i];
  pos_ += 4;
  return v;
}

ByteView Reader::bytes(std::size_t n, std::string_view field) {
  if (!need(n, field)) return {};
  ByteView v = data_.subspan(pos_, n);
  pos_ += n;
  return v;
}

ByteView Reader::rest() {
  if (error_) return {};
  ByteView v = data_.subspan(pos_);
  pos_ = data_.size();
  return v;
}

std::optional<std::uint8_t> Reader::peek(std::size_t ahead) const {
  if (error_ || remaining() <= ahead) return std::nullopt;
  return data_[pos_ + ahead];
}

Reader Reader::sub(std::size_t n, std::string_view field) {
  const std::size_t start = offset();
  ByteView v = bytes(n, field);
  Reader r(v, start);
  if (error_) r.error_ = error_;
  return r;
}

void Reader::fail_at(DecodeErrc code, std::size_t absolute_offset, std::string_view field) {
  if (!error_) error_ = DecodeError{code, absolute_offset, field};
}

void Reader::expect_end(std::string_view field) {
  if (!error_ && remaining() != 0) fail(DecodeErrc::trailing_bytes, field);
}

}  // namespace ipmict
