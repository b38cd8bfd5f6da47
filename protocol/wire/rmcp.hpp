#pragma once
// RMCP (ASF 2.0 §3.2.2.1; IPMI 2.0 §13.1.3): the 4-byte header that opens every datagram
// on UDP port 623, and the RMCP ACK that is nothing but that header with bit 7 of the
// class byte set.
//
//   byte 0  Version           06h = RMCP Version 1.0 (00h-05h were pre-1.0 and are reserved)
//   byte 1  Reserved          00h
//   byte 2  Sequence Number   FFh = "do not send an RMCP ACK" (IPMI always uses FFh)
//   byte 3  Class of Message  [7] 1 = ACK, [6:4] reserved, [3:0] class (06h ASF, 07h IPMI, 08h OEM)
#include <cstddef>
#include <cstdint>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/core/reader.hpp"

namespace ipmict {

inline constexpr std::uint8_t kRmcpVersion1 = 0x06;
inline constexpr std::uint8_t kRmcpSequenceNoAck = 0xff;
inline constexpr std::uint8_t kRmcpClassAsf = 0x06;
inline constexpr std::uint8_t kRmcpClassIpmi = 0x07;
inline constexpr std::uint8_t kRmcpClassOem = 0x08;
inline constexpr std::uint8_t kRmcpClassAckBit = 0x80;
inline constexpr std::size_t kRmcpHeaderSize = 4;

struct RmcpHeader {
  std::uint8_t version = kRmcpVersion1;
  std::uint8_t reserved = 0x00;
  std::uint8_t sequence = kRmcpSequenceNoAck;
  bool ack = false;                             // class byte bit 7
  std::uint8_t message_class = kRmcpClassIpmi;  // class byte [3:0]

  friend bool operator==(const RmcpHeader&, const RmcpHeader&) = default;
};

// A datagram split into its RMCP header and the class-specific body that follows it.
// `body` views the caller's buffer; it starts at absolute offset kRmcpHeaderSize.
struct RmcpPacket {
  RmcpHeader header;
  ByteView body;
};

// An RMCP ACK (ASF 2.0 §3.2.2.3): the acknowledged message's sequence number and class
// with the ACK bit set, and no body.
struct RmcpAck {
  RmcpHeader header;

  friend bool operator==(const RmcpAck&, const RmcpAck&) = default;
};

// Reads the 4 header bytes. Errors (also recorded in `r`):
//   truncated at the missing byte; bad_value at 0 (rmcp.version) for a version other than
//   06h, because older RMCP versions have a different layout; reserved_bits at 3
//   (rmcp.message_class) when class bits [6:4] are set.
// The reserved byte is recorded, not checked: ASF says "00h", and a conformance case,
// not the codec, is the place to judge a peer that sets it.
Decoded<RmcpHeader> decode_rmcp_header(Reader& r);

// Header plus body. An ACK must be exactly 4 bytes (trailing_bytes at 4, rmcp.ack_body).
Decoded<RmcpPacket> decode_rmcp(ByteView datagram);

Bytes encode_rmcp_header(const RmcpHeader& header);
// message_class is written from its low 4 bits (the only ones the format has).
Bytes encode_rmcp(const RmcpHeader& header, ByteView body);
// The ACK a receiver sends for `acked` (same sequence number and class).
Bytes encode_rmcp_ack(const RmcpHeader& acked);

}  // namespace ipmict
