#include "protocol/wire/send_message.hpp"

#include "protocol/core/reader.hpp"

namespace ipmict {

Bytes encode_send_message_request(std::uint8_t channel, SendMessageTracking tracking, const IpmiRequest& inner) {
  return encode_send_message_request(SendMessageRequest{channel, tracking, 0, inner});
}

Bytes encode_send_message_request(const SendMessageRequest& request) {
  Bytes out;
  out.push_back(static_cast<std::uint8_t>(((static_cast<unsigned>(request.tracking) & 0x3u) << 6) |
                                          ((request.reserved & 0x3u) << 4) | (request.channel & 0x0fu)));
  const Bytes frame = encode_ipmi_request(request.message);
  out.insert(out.end(), frame.begin(), frame.end());
  return out;
}

Decoded<SendMessageRequest> decode_send_message_request(ByteView data, std::size_t base_offset) {
  Reader r(data, base_offset);
  const std::uint8_t channel_byte = r.u8("send_message.channel");
  if (!r.ok()) return tl::unexpected(*r.error());
  const std::size_t frame_at = r.offset();
  auto inner = decode_ipmi_request(r.rest(), frame_at);
  if (!inner) return tl::unexpected(inner.error());
  return SendMessageRequest{static_cast<std::uint8_t>(channel_byte & 0x0fu),
                            static_cast<SendMessageTracking>(channel_byte >> 6),
                            static_cast<std::uint8_t>((channel_byte >> 4) & 0x3u), std::move(*inner)};
}

Decoded<std::optional<IpmiResponse>> decode_bridged_response(ByteView send_message_response_data,
                                                             std::size_t base_offset) {
  if (send_message_response_data.empty()) return std::optional<IpmiResponse>{};
  auto inner = decode_ipmi_response(send_message_response_data, base_offset);
  if (!inner) return tl::unexpected(inner.error());
  return std::optional<IpmiResponse>(std::move(*inner));
}

}  // namespace ipmict
