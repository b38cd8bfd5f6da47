#include "protocol/capture/pcap_reader.hpp"

#include <algorithm>
#include <cstdio>

#include "protocol/core/reader.hpp"

namespace ipmict::capture {
namespace {

// Reads a u16/u32 in the byte order the file header declared.
struct Endian {
  bool big = false;
  std::uint16_t u16(Reader& r, std::string_view f) const { return big ? r.u16be(f) : r.u16le(f); }
  std::uint32_t u32(Reader& r, std::string_view f) const { return big ? r.u32be(f) : r.u32le(f); }
};

std::string ipv4_text(ByteView a) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
  return buf;
}

// RFC 5952 short form is not needed for reading; groups without zero compression
// except the common "::1" loopback, which tests and users recognise.
std::string ipv6_text(ByteView a) {
  bool loopback = a[15] == 1;
  for (std::size_t i = 0; i < 15 && loopback; ++i) loopback = a[i] == 0;
  if (loopback) return "::1";
  std::string s;
  char buf[8];
  for (std::size_t i = 0; i < 16; i += 2) {
    std::snprintf(buf, sizeof buf, "%x", static_cast<unsigned>((a[i] << 8) | a[i + 1]));
    if (i) s += ':';
    s += buf;
  }
  return s;
}

void parse_udp(Reader& r, CaptureFrame& frame, std::string src, std::string dst) {
  Reader udp = r.sub(8, "udp header");
  const std::uint16_t sport = udp.u16be("udp source port");
  const std::uint16_t dport = udp.u16be("udp destination port");
  const std::uint16_t length = udp.u16be("udp length");
  udp.u16be("udp checksum");
  if (!udp.ok()) {
    frame.error = *udp.error();
    return;
  }
  if (length < 8) {
    frame.error = DecodeError{DecodeErrc::bad_length, udp.offset() - 4, "udp length"};
    return;
  }
  ByteView payload = r.bytes(length - 8u, "udp payload");
  if (!r.ok()) {
    frame.error = *r.error();  // a snap length cut the datagram short
    return;
  }
  frame.is_udp = true;
  frame.udp = UdpDatagram{std::move(src), sport, std::move(dst), dport, payload};
}

void parse_ipv4(Reader& r, CaptureFrame& frame) {
  const std::size_t start = r.offset();
  const auto first = r.peek();
  if (!first) {
    frame.error = DecodeError{DecodeErrc::truncated, start, "ipv4 header"};
    return;
  }
  const std::size_t ihl = (*first & 0x0fu) * 4u;
  if (ihl < 20) {
    frame.error = DecodeError{DecodeErrc::bad_value, start, "ipv4 header length"};
    return;
  }
  Reader h = r.sub(ihl, "ipv4 header");
  h.u8("ipv4 version/ihl");
  h.u8("ipv4 tos");
  const std::uint16_t total = h.u16be("ipv4 total length");
  h.u16be("ipv4 identification");
  const std::uint16_t frag = h.u16be("ipv4 flags/fragment offset");
  h.u8("ipv4 ttl");
  const std::uint8_t proto = h.u8("ipv4 protocol");
  h.u16be("ipv4 checksum");
  ByteView src = h.bytes(4, "ipv4 source");
  ByteView dst = h.bytes(4, "ipv4 destination");
  if (!h.ok()) {
    frame.error = *h.error();
    return;
  }
  if (total < ihl) {
    frame.error = DecodeError{DecodeErrc::bad_length, start + 2, "ipv4 total length"};
    return;
  }
  if ((frag & 0x3fffu) != 0) {  // MF set or a non-zero offset
    frame.skipped = "IPv4 fragment";
    return;
  }
  if (proto != 17) {
    frame.skipped = proto == 6 ? "TCP" : proto == 1 ? "ICMP" : "IPv4 protocol " + std::to_string(proto);
    return;
  }
  // The total length bounds the datagram: Ethernet may pad short frames.
  if (r.remaining() < total - ihl) {
    frame.error = DecodeError{DecodeErrc::truncated, r.offset(), "ipv4 payload"};
    return;
  }
  Reader body = r.sub(total - ihl, "ipv4 payload");
  parse_udp(body, frame, ipv4_text(src), ipv4_text(dst));
}

void parse_ipv6(Reader& r, CaptureFrame& frame) {
  Reader h = r.sub(40, "ipv6 header");
  h.u32be("ipv6 version/class/flow");
  const std::uint16_t payload_length = h.u16be("ipv6 payload length");
  std::uint8_t next = h.u8("ipv6 next header");
  h.u8("ipv6 hop limit");
  ByteView src = h.bytes(16, "ipv6 source");
  ByteView dst = h.bytes(16, "ipv6 destination");
  if (!h.ok()) {
    frame.error = *h.error();
    return;
  }
  if (r.remaining() < payload_length) {
    frame.error = DecodeError{DecodeErrc::truncated, r.offset(), "ipv6 payload"};
    return;
  }
  Reader body = r.sub(payload_length, "ipv6 payload");
  // Skip the extension headers that carry a length (bounded: each consumes >= 8 bytes).
  while (next == 0 || next == 43 || next == 60) {
    const std::uint8_t following = body.u8("ipv6 extension next header");
    const std::uint8_t len = body.u8("ipv6 extension length");
    body.bytes(static_cast<std::size_t>(len) * 8u + 6u, "ipv6 extension header");
    if (!body.ok()) {
      frame.error = *body.error();
      return;
    }
    next = following;
  }
  if (next == 44) {
    frame.skipped = "IPv6 fragment";
    return;
  }
  if (next != 17) {
    frame.skipped = next == 6 ? "TCP" : next == 58 ? "ICMPv6" : "IPv6 next header " + std::to_string(next);
    return;
  }
  parse_udp(body, frame, ipv6_text(src), ipv6_text(dst));
}

void parse_by_ethertype(std::uint16_t ethertype, Reader& r, CaptureFrame& frame) {
  if (ethertype == 0x0800) return parse_ipv4(r, frame);
  if (ethertype == 0x86dd) return parse_ipv6(r, frame);
  char buf[32];
  std::snprintf(buf, sizeof buf, "ethertype 0x%04x", ethertype);
  frame.skipped = ethertype == 0x0806 ? "ARP" : buf;
}

void parse_by_ip_version(Reader& r, CaptureFrame& frame) {
  const auto first = r.peek();
  if (!first) {
    frame.error = DecodeError{DecodeErrc::truncated, r.offset(), "ip header"};
    return;
  }
  if ((*first >> 4) == 4) return parse_ipv4(r, frame);
  if ((*first >> 4) == 6) return parse_ipv6(r, frame);
  frame.error = DecodeError{DecodeErrc::bad_value, r.offset(), "ip version"};
}

// ns = ts / 10^n or ts / 2^n (pcapng if_tsresol), without overflow for sane inputs.
std::uint64_t to_ns(std::uint64_t ts, std::uint8_t tsresol) {
  const unsigned n = tsresol & 0x7fu;
  if (tsresol & 0x80u) {
    unsigned shift = n;
    if (shift >= 64) return 0;
    if (shift > 32) {  // keep the fraction times 1e9 within 64 bits; loses sub-ns only
      ts >>= (shift - 32);
      shift = 32;
    }
    const std::uint64_t whole = ts >> shift;
    const std::uint64_t frac = ts & ((std::uint64_t{1} << shift) - 1);
    return whole * 1000000000u + ((frac * 1000000000u) >> shift);
  }
  std::uint64_t v = ts;
  if (n <= 9) {
    for (unsigned i = n; i < 9; ++i) v *= 10;
  } else {
    for (unsigned i = 9; i < n && i < 40; ++i) v /= 10;
  }
  return v;
}

Decoded<Capture> read_classic(ByteView file, bool big, bool nanosecond) {
  Endian e{big};
  Reader r(file);
  r.u32le("pcap magic");
  e.u16(r, "pcap major version");
  e.u16(r, "pcap minor version");
  e.u32(r, "pcap thiszone");
  e.u32(r, "pcap sigfigs");
  e.u32(r, "pcap snaplen");
  Capture cap;
  cap.link_type = e.u32(r, "pcap link type") & 0x0fffffffu;  // upper bits: FCS flags
  if (!r.ok()) return tl::unexpected<DecodeError>(*r.error());
  // Each record consumes at least its 16-byte header, so this loop is bounded by the file size.
  while (!r.at_end()) {
    Reader rec = r;  // tentative read; a torn record leaves `r` where it began
    const std::size_t record_start = rec.offset();
    const std::uint32_t sec = e.u32(rec, "pcap record ts_sec");
    const std::uint32_t frac = e.u32(rec, "pcap record ts_frac");
    const std::uint32_t incl = e.u32(rec, "pcap record incl_len");
    e.u32(rec, "pcap record orig_len");
    CaptureFrame frame;
    frame.number = cap.frames.size() + 1;
    frame.file_offset = rec.offset();
    ByteView packet = rec.bytes(incl, "pcap record data");
    if (!rec.ok()) {
      cap.truncated = DecodeError{rec.error()->code, record_start, rec.error()->field};
      break;
    }
    r = rec;
    frame.timestamp_ns = static_cast<std::uint64_t>(sec) * 1000000000u + (nanosecond ? frac : static_cast<std::uint64_t>(frac) * 1000u);
    parse_link_frame(cap.link_type, packet, frame.file_offset, frame);
    cap.frames.push_back(std::move(frame));
  }
  return cap;
}

constexpr std::uint32_t kPcapngShb = 0x0a0d0d0a;
constexpr std::uint32_t kPcapngIdb = 0x00000001;
constexpr std::uint32_t kPcapngSpb = 0x00000003;
constexpr std::uint32_t kPcapngEpb = 0x00000006;
constexpr std::uint32_t kByteOrderMagic = 0x1a2b3c4d;

struct Interface {
  std::uint32_t link_type;
  std::uint32_t snaplen;
  std::uint8_t tsresol;
};

// Reads if_tsresol (option 9) from an IDB's options.
std::uint8_t read_tsresol(Reader opts, const Endian& e) {
  std::uint8_t tsresol = 6;
  for (int guard = 0; guard < 1024 && opts.remaining() >= 4; ++guard) {
    const std::uint16_t code = e.u16(opts, "option code");
    const std::uint16_t len = e.u16(opts, "option length");
    ByteView value = opts.bytes((len + 3u) & ~3u, "option value");
    if (!opts.ok() || code == 0) break;
    if (code == 9 && len >= 1) tsresol = value[0];
  }
  return tsresol;
}

Decoded<Capture> read_pcapng(ByteView file) {
  Reader r(file);
  Capture cap;
  Endian e;
  std::vector<Interface> interfaces;
  bool seen_shb = false;
  while (!r.at_end()) {
    const std::size_t block_start = r.offset();
    // The block type of an SHB is a palindrome, so it reads the same in either order.
    Reader peek = r;
    const std::uint32_t type_le = peek.u32le("pcapng block type");
    if (type_le == kPcapngShb) {
      Reader shb = r;
      shb.u32le("pcapng block type");
      shb.u32le("pcapng block length");
      const std::uint32_t magic = shb.u32le("pcapng byte-order magic");
      if (!shb.ok()) {
        if (!seen_shb) return tl::unexpected<DecodeError>(*shb.error());
        cap.truncated = DecodeError{DecodeErrc::truncated, block_start, "pcapng section header"};
        break;
      }
      if (magic == kByteOrderMagic) {
        e.big = false;
      } else if (magic == 0x4d3c2b1a) {
        e.big = true;
      } else {
        return decode_error(DecodeErrc::bad_value, block_start + 8, "pcapng byte-order magic");
      }
      interfaces.clear();  // interface IDs are per section
      seen_shb = true;
    } else if (!seen_shb) {
      return decode_error(DecodeErrc::bad_value, block_start, "pcapng section header");
    }
    Reader blk = r;
    const std::uint32_t type = e.u32(blk, "pcapng block type");
    const std::uint32_t total = e.u32(blk, "pcapng block length");
    if (!blk.ok()) {
      cap.truncated = DecodeError{DecodeErrc::truncated, block_start, "pcapng block header"};
      break;
    }
    if (total < 12 || total % 4 != 0) {
      cap.truncated = DecodeError{DecodeErrc::bad_length, block_start + 4, "pcapng block length"};
      break;
    }
    Reader body = blk.sub(total - 12u, "pcapng block body");
    const std::uint32_t trailer = e.u32(blk, "pcapng block trailing length");
    if (!blk.ok()) {
      cap.truncated = DecodeError{DecodeErrc::truncated, block_start, "pcapng block"};
      break;
    }
    if (trailer != total) {
      cap.truncated = DecodeError{DecodeErrc::bad_length, blk.offset() - 4, "pcapng block trailing length"};
      break;
    }
    r = blk;

    if (type == kPcapngIdb) {
      const std::uint16_t link = e.u16(body, "pcapng interface link type");
      e.u16(body, "pcapng interface reserved");
      const std::uint32_t snaplen = e.u32(body, "pcapng interface snaplen");
      if (!body.ok()) {
        cap.truncated = *body.error();
        break;
      }
      interfaces.push_back(Interface{link, snaplen, read_tsresol(body, e)});
      if (interfaces.size() == 1 && cap.frames.empty()) cap.link_type = link;
    } else if (type == kPcapngEpb || type == kPcapngSpb) {
      CaptureFrame frame;
      frame.number = cap.frames.size() + 1;
      std::uint32_t iface = 0;
      std::uint32_t captured = 0;
      std::uint64_t ts = 0;
      if (type == kPcapngEpb) {
        iface = e.u32(body, "pcapng interface id");
        const std::uint32_t hi = e.u32(body, "pcapng timestamp high");
        const std::uint32_t lo = e.u32(body, "pcapng timestamp low");
        ts = (static_cast<std::uint64_t>(hi) << 32) | lo;
        captured = e.u32(body, "pcapng captured length");
        e.u32(body, "pcapng original length");
      } else {
        const std::uint32_t original = e.u32(body, "pcapng original length");
        captured = static_cast<std::uint32_t>(std::min<std::size_t>(original, body.remaining()));
      }
      frame.file_offset = body.offset();
      ByteView packet = body.bytes(captured, "pcapng packet data");
      if (!body.ok()) {
        frame.error = *body.error();
        cap.frames.push_back(std::move(frame));
        continue;
      }
      if (iface >= interfaces.size()) {
        frame.error = DecodeError{DecodeErrc::bad_value, block_start + 8, "pcapng interface id"};
        cap.frames.push_back(std::move(frame));
        continue;
      }
      if (type == kPcapngSpb && interfaces[iface].snaplen != 0 && captured > interfaces[iface].snaplen) {
        packet = packet.first(interfaces[iface].snaplen);
      }
      frame.timestamp_ns = to_ns(ts, interfaces[iface].tsresol);
      parse_link_frame(interfaces[iface].link_type, packet, frame.file_offset, frame);
      cap.frames.push_back(std::move(frame));
    }
    // Other block types (name resolution, statistics, custom) carry no packets.
  }
  return cap;
}

}  // namespace

void parse_link_frame(std::uint32_t link_type, ByteView packet, std::size_t base_offset, CaptureFrame& frame) {
  Reader r(packet, base_offset);
  switch (link_type) {
    case kLinkTypeEthernet: {
      r.bytes(12, "ethernet addresses");
      std::uint16_t ethertype = r.u16be("ethertype");
      // 802.1Q / 802.1ad VLAN tags (at most two).
      for (int tags = 0; tags < 2 && (ethertype == 0x8100 || ethertype == 0x88a8); ++tags) {
        r.u16be("vlan tag");
        ethertype = r.u16be("ethertype");
      }
      if (!r.ok()) {
        frame.error = *r.error();
        return;
      }
      return parse_by_ethertype(ethertype, r, frame);
    }
    case kLinkTypeLinuxSll: {
      r.bytes(14, "linux cooked header");
      const std::uint16_t proto = r.u16be("linux cooked protocol");
      if (!r.ok()) {
        frame.error = *r.error();
        return;
      }
      return parse_by_ethertype(proto, r, frame);
    }
    case kLinkTypeLinuxSll2: {
      const std::uint16_t proto = r.u16be("linux cooked v2 protocol");
      r.bytes(18, "linux cooked v2 header");
      if (!r.ok()) {
        frame.error = *r.error();
        return;
      }
      return parse_by_ethertype(proto, r, frame);
    }
    case kLinkTypeNull: {
      // The family is in the capturing host's byte order; AF_INET is 2 everywhere,
      // AF_INET6 is 10 (Linux), 24, 28 or 30 (BSDs, macOS). Read either order.
      ByteView fam = r.bytes(4, "loopback family");
      if (!r.ok()) {
        frame.error = *r.error();
        return;
      }
      const std::uint32_t le = static_cast<std::uint32_t>(fam[0] | (fam[1] << 8) | (fam[2] << 16) | (fam[3] << 24));
      const std::uint32_t family = le > 0xffff ? static_cast<std::uint32_t>((fam[0] << 24) | (fam[1] << 16) | (fam[2] << 8) | fam[3]) : le;
      if (family == 2) return parse_ipv4(r, frame);
      if (family == 10 || family == 24 || family == 28 || family == 30) return parse_ipv6(r, frame);
      frame.skipped = "loopback family " + std::to_string(family);
      return;
    }
    case kLinkTypeRaw:
      return parse_by_ip_version(r, frame);
    case kLinkTypeIpv4:
      return parse_ipv4(r, frame);
    case kLinkTypeIpv6:
      return parse_ipv6(r, frame);
    default:
      frame.skipped = "link type " + std::to_string(link_type) + " not supported";
      return;
  }
}

Decoded<Capture> read_capture(ByteView file) {
  Reader r(file);
  const std::uint32_t magic = r.u32le("capture file magic");
  if (!r.ok()) return tl::unexpected<DecodeError>(*r.error());
  switch (magic) {
    case 0xa1b2c3d4: return read_classic(file, false, false);
    case 0xd4c3b2a1: return read_classic(file, true, false);
    case 0xa1b23c4d: return read_classic(file, false, true);
    case 0x4d3cb2a1: return read_classic(file, true, true);
    case kPcapngShb: return read_pcapng(file);
    default: return decode_error(DecodeErrc::bad_value, 0, "capture file magic (not pcap or pcapng)");
  }
}

}  // namespace ipmict::capture
