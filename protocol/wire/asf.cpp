#include "protocol/wire/asf.hpp"

#include "protocol/core/reader.hpp"
#include "protocol/core/writer.hpp"

namespace ipmict {

Decoded<AsfMessage> decode_asf(ByteView rmcp_body, std::size_t base_offset) {
  Reader r(rmcp_body, base_offset);
  AsfMessage m;
  m.iana = r.u32be("asf.iana");
  m.message_type = r.u8("asf.message_type");
  m.message_tag = r.u8("asf.message_tag");
  m.reserved = r.u8("asf.reserved");
  const std::uint8_t length = r.u8("asf.data_length");
  const ByteView data = r.bytes(length, "asf.data");
  m.data.assign(data.begin(), data.end());
  r.expect_end("asf.end");
  return r.finish(std::move(m));
}

Bytes encode_asf(const AsfMessage& message) {
  if (message.data.size() > 0xff) return {};
  Writer w(kAsfHeaderSize + message.data.size());
  w.u32be(message.iana).u8(message.message_type).u8(message.message_tag).u8(message.reserved);
  w.u8(static_cast<std::uint8_t>(message.data.size())).bytes(view(message.data));
  return w.take();
}

Decoded<AsfPong> decode_asf_pong(ByteView data, std::size_t base_offset) {
  Reader r(data, base_offset);
  AsfPong p;
  p.iana = r.u32be("asf_pong.iana");
  p.oem_defined = r.u32be("asf_pong.oem_defined");
  p.supported_entities = r.u8("asf_pong.supported_entities");
  p.supported_interactions = r.u8("asf_pong.supported_interactions");
  const ByteView reserved = r.bytes(p.reserved.size(), "asf_pong.reserved");
  for (std::size_t i = 0; i < reserved.size(); ++i) p.reserved[i] = reserved[i];
  r.expect_end("asf_pong.end");
  return r.finish(p);
}

Decoded<AsfPong> decode_asf_pong(const AsfMessage& message, std::size_t message_offset) {
  if (message.message_type != kAsfPresencePong) {
    return decode_error(DecodeErrc::bad_value, message_offset + 4, "asf.message_type");
  }
  return decode_asf_pong(view(message.data), message_offset + kAsfHeaderSize);
}

Bytes encode_asf_pong(const AsfPong& pong) {
  Writer w(kAsfPongDataSize);
  w.u32be(pong.iana).u32be(pong.oem_defined).u8(pong.supported_entities).u8(pong.supported_interactions);
  w.bytes(ByteView(pong.reserved.data(), pong.reserved.size()));
  return w.take();
}

AsfMessage asf_presence_ping(std::uint8_t message_tag) {
  AsfMessage m;
  m.message_type = kAsfPresencePing;
  m.message_tag = message_tag;
  return m;
}

AsfMessage asf_presence_pong(std::uint8_t message_tag, const AsfPong& pong) {
  AsfMessage m;
  m.message_type = kAsfPresencePong;
  m.message_tag = message_tag;
  m.data = encode_asf_pong(pong);
  return m;
}

}  // namespace ipmict
