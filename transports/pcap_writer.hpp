#pragma once
// The pcap tap: records every datagram a link sends and receives into a classic pcap file
// that tshark, Wireshark and `ipmict decode` read. LINKTYPE_RAW (101, one IPv4 or IPv6
// packet per record, told apart by the version nibble) because one file may hold both
// families, and because tshark dissects it without the synthesized MAC addresses an
// Ethernet link type would need. The IP and UDP headers are synthesized around the real
// endpoints with correct lengths and checksums.
//
// Every record is flushed as it is written, so a crash loses nothing already recorded.
// The file holds the datagrams only: no comments, no options, nothing that could carry a
// password (the datagrams themselves never do: IPMI sends HMACs, not passwords, except the
// IPMI 1.5 "straight password" auth type, whose captures are as secret as the password).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "protocol/core/bytes.hpp"
#include "transports/datagram_tap.hpp"
#include "transports/ip_endpoint.hpp"
#include "transports/transport.hpp"

namespace ipmict::transport {

inline constexpr std::uint32_t kPcapLinkTypeRaw = 101;

// An IPv4 or IPv6 packet carrying one UDP datagram, as it would have been on the wire
// (TTL/hop limit 64, IPv4 "don't fragment", the given IPv4 identification). Empty when an
// address is not numeric, the families differ, or the payload does not fit one packet.
Bytes synthesize_udp_packet(const IpEndpoint& source, const IpEndpoint& destination, ByteView payload,
                            std::uint16_t ipv4_identification = 0);

class PcapWriter final : public DatagramTap {
 public:
  // Creates (truncates) the file and writes the pcap header. Kind::io on failure.
  static tl::expected<std::unique_ptr<PcapWriter>, TransportError> create(const std::filesystem::path& path);
  ~PcapWriter() override;
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;

  // Appends one record stamped with the system clock. A write error is kept (error()) and
  // later records are dropped: a tap must never fail the exchange it watches.
  void datagram(const IpEndpoint& source, const IpEndpoint& destination, ByteView payload) override;

  std::size_t records() const { return records_; }
  const std::filesystem::path& path() const { return path_; }
  // The first problem met (write error, unusable endpoint), if any.
  const std::optional<std::string>& error() const { return error_; }

 private:
  PcapWriter(std::filesystem::path path, std::FILE* file);
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::size_t records_ = 0;
  std::uint16_t next_ipv4_id_ = 1;
  std::optional<std::string> error_;
};

}  // namespace ipmict::transport
