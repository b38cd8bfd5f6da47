#pragma once
// ASF messages carried in RMCP class 06h (ASF 2.0 §3.2.4; IPMI 2.0 §13.2.3): the
// Presence Ping a console uses to discover a BMC and the Presence Pong that answers it.
// ASF fields are big endian, unlike everything IPMI.
//
//   RMCP body: IANA Enterprise Number (4, BE; 4542 = ASF), Message Type, Message Tag,
//              Reserved (00h), Data Length, Data[Data Length]
//   Pong data (Data Length 10h): IANA Enterprise Number (4, BE), OEM-defined (4, BE),
//              Supported Entities ([7] IPMI supported, [3:0] ASF version 1h),
//              Supported Interactions, Reserved (6 bytes)
#include <array>
#include <cstddef>
#include <cstdint>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict {

inline constexpr std::uint32_t kAsfIana = 4542;  // 00 00 11 BE on the wire
inline constexpr std::uint8_t kAsfPresencePing = 0x80;
inline constexpr std::uint8_t kAsfPresencePong = 0x40;
inline constexpr std::size_t kAsfHeaderSize = 8;     // the data starts this far into the RMCP body
inline constexpr std::size_t kAsfPongDataSize = 16;  // Data Length of a Presence Pong
inline constexpr std::uint8_t kAsfEntitiesIpmiSupported = 0x80;

struct AsfMessage {
  std::uint32_t iana = kAsfIana;
  std::uint8_t message_type = kAsfPresencePing;
  std::uint8_t message_tag = 0x00;  // echoed in the Pong; FFh means "no response expected"
  std::uint8_t reserved = 0x00;
  Bytes data;  // Data Length is data.size()

  friend bool operator==(const AsfMessage&, const AsfMessage&) = default;
};

struct AsfPong {
  std::uint32_t iana = kAsfIana;
  std::uint32_t oem_defined = 0;
  std::uint8_t supported_entities = kAsfEntitiesIpmiSupported | 0x01;  // IPMI supported, ASF 1.0
  std::uint8_t supported_interactions = 0x00;
  std::array<std::uint8_t, 6> reserved{};

  bool ipmi_supported() const { return (supported_entities & kAsfEntitiesIpmiSupported) != 0; }

  friend bool operator==(const AsfPong&, const AsfPong&) = default;
};

// Decodes an RMCP body of class ASF. Data Length must match the bytes present: fewer is
// truncated (asf.data), more is trailing_bytes. base_offset is the body's absolute offset
// (kRmcpHeaderSize inside a datagram).
Decoded<AsfMessage> decode_asf(ByteView rmcp_body, std::size_t base_offset);
// Empty output when data.size() > 255 (Data Length is one byte); no valid encoding is empty.
Bytes encode_asf(const AsfMessage& message);

// Decodes the 16 data bytes of a Presence Pong (base_offset: their absolute offset).
Decoded<AsfPong> decode_asf_pong(ByteView data, std::size_t base_offset);
// Type check plus data decode of a whole ASF message: bad_value (asf.message_type) when it
// is not a Pong. message_offset is the absolute offset of the ASF message.
Decoded<AsfPong> decode_asf_pong(const AsfMessage& message, std::size_t message_offset);
Bytes encode_asf_pong(const AsfPong& pong);

AsfMessage asf_presence_ping(std::uint8_t message_tag);
AsfMessage asf_presence_pong(std::uint8_t message_tag, const AsfPong& pong);

}  // namespace ipmict
