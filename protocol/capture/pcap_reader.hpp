#pragma once
// Reads capture files (classic pcap in either byte order, µs or ns timestamps, and
// pcapng) and extracts the UDP datagrams in them. Capture files are untrusted input:
// everything goes through the bounded Reader, and one bad record never hides the
// records before it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict::capture {

struct UdpDatagram {
  std::string src;  // "127.0.0.1" or "::1"
  std::uint16_t src_port = 0;
  std::string dst;
  std::uint16_t dst_port = 0;
  ByteView payload;  // points into the capture buffer the reader was given
};

// One frame of the capture: a UDP datagram, or why it is not one.
struct CaptureFrame {
  std::size_t number = 0;         // 1-based, as Wireshark numbers frames
  std::uint64_t timestamp_ns = 0; // since the Unix epoch
  std::size_t file_offset = 0;    // where the frame's packet bytes start in the file
  bool is_udp = false;
  UdpDatagram udp;                // valid when is_udp
  std::string skipped;            // why a frame is not a UDP datagram ("ARP", "TCP", "IPv4 fragment", ...)
  std::optional<DecodeError> error;  // a malformed frame (the file continues)
};

struct Capture {
  std::uint32_t link_type = 0;  // of the first interface
  std::vector<CaptureFrame> frames;
  // A file that ends inside a record: the frames before it are kept, this says where.
  std::optional<DecodeError> truncated;
};

// LINKTYPE_* values (tcpdump.org/linktypes.html) this reader understands.
inline constexpr std::uint32_t kLinkTypeNull = 0;         // BSD loopback: 4-byte family
inline constexpr std::uint32_t kLinkTypeEthernet = 1;
inline constexpr std::uint32_t kLinkTypeRaw = 101;        // raw IPv4/IPv6
inline constexpr std::uint32_t kLinkTypeLinuxSll = 113;   // Linux cooked v1
inline constexpr std::uint32_t kLinkTypeIpv4 = 228;
inline constexpr std::uint32_t kLinkTypeIpv6 = 229;
inline constexpr std::uint32_t kLinkTypeLinuxSll2 = 276;  // Linux cooked v2 (tcpdump -i any)

// Fails only when the file header itself is unreadable (not a capture file).
Decoded<Capture> read_capture(ByteView file);

// Extracts a UDP datagram from one link-layer frame; exposed for tests and fuzzers.
// Returns the datagram, or sets `skipped`/`error` on the frame.
void parse_link_frame(std::uint32_t link_type, ByteView packet, std::size_t base_offset, CaptureFrame& frame);

}  // namespace ipmict::capture
