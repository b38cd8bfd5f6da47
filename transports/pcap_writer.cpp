#include "transports/pcap_writer.hpp"

#include <arpa/inet.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace ipmict::transport {

namespace {

constexpr std::uint8_t kIpProtoUdp = 17;
constexpr std::size_t kIpv4HeaderSize = 20;
constexpr std::size_t kIpv6HeaderSize = 40;
constexpr std::size_t kUdpHeaderSize = 8;
constexpr std::uint32_t kSnapLength = 262144;  // what tcpdump and dumpcap write

struct Address {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // the first 4 for IPv4
};

std::optional<Address> parse_address(const std::string& text) {
  Address a;
  if (inet_pton(AF_INET, text.c_str(), a.bytes.data()) == 1) return a;
  if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) == 1) {
    a.v6 = true;
    return a;
  }
  return std::nullopt;
}

void put16be(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xffu));
  out.push_back(static_cast<std::uint8_t>(v & 0xffu));
}
void put32le(Bytes& out, std::uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<std::uint8_t>((v >> shift) & 0xffu));
}
void put16le(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v & 0xffu));
  out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xffu));
}

// RFC 1071 one's complement sum of 16-bit big-endian words (an odd last byte padded with 0).
std::uint32_t ones_sum(ByteView bytes, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    std::uint32_t word = static_cast<std::uint32_t>(bytes[i]) << 8;
    if (i + 1 < bytes.size()) word |= bytes[i + 1];
    sum += word;
  }
  return sum;
}
std::uint16_t fold(std::uint32_t sum) {
  while ((sum >> 16) != 0) sum = (sum & 0xffffu) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffffu);
}

}  // namespace

Bytes synthesize_udp_packet(const IpEndpoint& source, const IpEndpoint& destination, ByteView payload,
                            std::uint16_t ipv4_identification) {
  const auto src = parse_address(source.address);
  const auto dst = parse_address(destination.address);
  if (!src || !dst || src->v6 != dst->v6) return {};
  const std::size_t ip_header = src->v6 ? kIpv6HeaderSize : kIpv4HeaderSize;
  // UDP length is 16 bits; IPv4 total length too (IPv6 payload length counts UDP only).
  if (kUdpHeaderSize + payload.size() > 0xffffu || (!src->v6 && ip_header + kUdpHeaderSize + payload.size() > 0xffffu)) {
    return {};
  }
  const auto udp_length = static_cast<std::uint32_t>(kUdpHeaderSize + payload.size());
  const std::size_t address_size = src->v6 ? 16 : 4;
  const ByteView src_bytes(src->bytes.data(), address_size);
  const ByteView dst_bytes(dst->bytes.data(), address_size);

  Bytes udp;
  udp.reserve(udp_length);
  put16be(udp, source.port);
  put16be(udp, destination.port);
  put16be(udp, udp_length);
  put16be(udp, 0);  // checksum, filled below
  udp.insert(udp.end(), payload.begin(), payload.end());

  // Pseudo-header: RFC 768 (IPv4) and RFC 8200 §8.1 (IPv6); both sum the same words in a
  // different layout, and the sum does not depend on the order of the words.
  std::uint32_t sum = ones_sum(src_bytes);
  sum = ones_sum(dst_bytes, sum);
  sum += kIpProtoUdp;
  sum += udp_length;  // fits 16 bits (checked above), as IPv6's 32-bit length does here
  sum = ones_sum(view(udp), sum);
  std::uint16_t checksum = fold(sum);
  if (checksum == 0) checksum = 0xffff;  // 0 means "no checksum" (RFC 768); IPv6 forbids it
  udp[6] = static_cast<std::uint8_t>(checksum >> 8);
  udp[7] = static_cast<std::uint8_t>(checksum & 0xffu);

  Bytes packet;
  packet.reserve(ip_header + udp.size());
  if (src->v6) {
    put16be(packet, 0x6000);  // version 6, traffic class 0, flow label 0
    put16be(packet, 0x0000);
    put16be(packet, udp_length);  // payload length
    packet.push_back(kIpProtoUdp);  // next header
    packet.push_back(64);           // hop limit
  } else {
    packet.push_back(0x45);  // version 4, IHL 5 (no options)
    packet.push_back(0x00);  // DSCP/ECN
    put16be(packet, static_cast<std::uint32_t>(kIpv4HeaderSize) + udp_length);
    put16be(packet, ipv4_identification);
    put16be(packet, 0x4000);  // don't fragment, offset 0
    packet.push_back(64);     // TTL
    packet.push_back(kIpProtoUdp);
    put16be(packet, 0);  // header checksum, filled below
  }
  packet.insert(packet.end(), src_bytes.begin(), src_bytes.end());
  packet.insert(packet.end(), dst_bytes.begin(), dst_bytes.end());
  if (!src->v6) {
    const std::uint16_t header_checksum = fold(ones_sum(ByteView(packet.data(), kIpv4HeaderSize)));
    packet[10] = static_cast<std::uint8_t>(header_checksum >> 8);
    packet[11] = static_cast<std::uint8_t>(header_checksum & 0xffu);
  }
  packet.insert(packet.end(), udp.begin(), udp.end());
  return packet;
}

PcapWriter::PcapWriter(std::filesystem::path path, std::FILE* file) : path_(std::move(path)), file_(file) {}

PcapWriter::~PcapWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

tl::expected<std::unique_ptr<PcapWriter>, TransportError> PcapWriter::create(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    const int err = errno;
    return tl::unexpected(TransportError{TransportError::Kind::io,
                                         "cannot create capture file " + path.string() + ": " + std::strerror(err), {}});
  }
  std::unique_ptr<PcapWriter> writer(new PcapWriter(path, file));
  // Classic pcap global header, little endian, microsecond timestamps (pcap-savefile(5)).
  Bytes header;
  put32le(header, 0xa1b2c3d4u);
  put16le(header, 2);  // version 2.4
  put16le(header, 4);
  put32le(header, 0);  // thiszone
  put32le(header, 0);  // sigfigs
  put32le(header, kSnapLength);
  put32le(header, kPcapLinkTypeRaw);
  if (std::fwrite(header.data(), 1, header.size(), file) != header.size() || std::fflush(file) != 0) {
    const int err = errno;
    return tl::unexpected(TransportError{TransportError::Kind::io,
                                         "cannot write capture file " + path.string() + ": " + std::strerror(err), {}});
  }
  return writer;
}

void PcapWriter::datagram(const IpEndpoint& source, const IpEndpoint& destination, ByteView payload) {
  if (error_) return;
  const Bytes packet = synthesize_udp_packet(source, destination, payload, next_ipv4_id_++);
  if (packet.empty()) {
    error_ = "cannot record a datagram " + source.to_string() + " -> " + destination.to_string() + " of " +
             std::to_string(payload.size()) + " bytes (not numeric addresses of one family, or too long)";
    return;
  }
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count();
  Bytes record;
  record.reserve(16 + packet.size());
  // 32-bit seconds: pcap's classic format ends in 2106 (unsigned), which is fine here.
  put32le(record, static_cast<std::uint32_t>(micros / 1000000));
  put32le(record, static_cast<std::uint32_t>(micros % 1000000));
  put32le(record, static_cast<std::uint32_t>(packet.size()));  // captured length
  put32le(record, static_cast<std::uint32_t>(packet.size()));  // original length
  record.insert(record.end(), packet.begin(), packet.end());
  if (std::fwrite(record.data(), 1, record.size(), file_) != record.size() || std::fflush(file_) != 0) {
    const int err = errno;
    error_ = "cannot write capture file " + path_.string() + ": " + std::strerror(err);
    return;
  }
  ++records_;
}

}  // namespace ipmict::transport
