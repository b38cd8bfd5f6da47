#pragma once
// IPMB bridging through Send Message (IPMI 2.0 §22.7, App netFn 06h, cmd 34h): a remote
// console reaches a controller behind the BMC by wrapping an IPMB request frame in the
// Send Message request data.
//
//   request data:  channel byte ([7:6] tracking, [5:4] reserved, [3:0] channel number)
//                  + the IPMB request frame (same layout as the LAN message, lan_message.hpp)
//   response data: after the Send Message completion code, either nothing (the bridged
//                  answer comes in a later datagram) or the IPMB response frame of the
//                  target, as ipmitool and real BMCs deliver it with tracking on.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/netfn.hpp"

namespace ipmict {

inline constexpr std::uint8_t kCmdSendMessage = 0x34;
inline constexpr std::uint8_t kChannelPrimaryIpmb = 0x00;

// Channel byte [7:6] (IPMI 2.0 §22.7).
enum class SendMessageTracking : std::uint8_t {
  no_tracking = 0,    // the BMC does not track the request; no response is routed back
  track_request = 1,  // the BMC tracks it and returns the response to the console
  send_raw = 2,       // the data is sent as is (test and bring-up use)
  reserved = 3,
};

struct SendMessageRequest {
  std::uint8_t channel = kChannelPrimaryIpmb;  // [3:0]
  SendMessageTracking tracking = SendMessageTracking::track_request;
  std::uint8_t reserved = 0;  // bits [5:4], shifted down to [1:0]
  IpmiRequest message;

  friend bool operator==(const SendMessageRequest&, const SendMessageRequest&) = default;
};

// The Send Message request data (channel byte + encoded inner frame), for an outer
// IpmiRequest with netfn kNetFnApp (netfn.hpp) and cmd kCmdSendMessage.
Bytes encode_send_message_request(std::uint8_t channel, SendMessageTracking tracking, const IpmiRequest& inner);
Bytes encode_send_message_request(const SendMessageRequest& request);

// For the simulator's side: the channel byte and the IPMB request frame (strict checksums).
// base_offset: absolute offset of the Send Message request data.
Decoded<SendMessageRequest> decode_send_message_request(ByteView data, std::size_t base_offset = 0);

// The data of a Send Message response after its completion code: nullopt when empty (the
// answer follows separately), else the encapsulated IPMB response (strict checksums).
Decoded<std::optional<IpmiResponse>> decode_bridged_response(ByteView send_message_response_data,
                                                             std::size_t base_offset = 0);

}  // namespace ipmict
