#include "protocol/wire/lan_message.hpp"

#include <optional>

#include "protocol/core/checksum.hpp"
#include "protocol/core/reader.hpp"
#include "protocol/core/writer.hpp"

namespace ipmict {

namespace {

std::uint8_t high6(std::uint8_t b) { return static_cast<std::uint8_t>(b >> 2); }
std::uint8_t low2(std::uint8_t b) { return static_cast<std::uint8_t>(b & 0x03u); }
std::uint8_t pack(std::uint8_t six, std::uint8_t two) {
  return static_cast<std::uint8_t>(((six & 0x3fu) << 2) | (two & 0x03u));
}

// The parts common to both directions: 3-byte header, 3-byte body header, and (for
// responses) the completion code, then data and checksum 2.
struct Frame {
  std::uint8_t addr1 = 0, netfn_lun = 0, checksum1 = 0, addr2 = 0, seq_lun = 0, cmd = 0, cc = 0, checksum2 = 0;
  ByteView data;
  std::vector<DecodeError> checksum_errors;
};

Decoded<Frame> decode_frame(ByteView message, std::size_t base_offset, bool response) {
  Reader r(message, base_offset);
  Frame f;
  f.addr1 = r.u8(response ? "lan.rq_addr" : "lan.rs_addr");
  f.netfn_lun = r.u8(response ? "lan.netfn_rq_lun" : "lan.netfn_rs_lun");
  const std::size_t checksum1_at = r.offset();
  f.checksum1 = r.u8("lan.checksum1");
  const std::size_t body_at = r.offset();
  f.addr2 = r.u8(response ? "lan.rs_addr" : "lan.rq_addr");
  f.seq_lun = r.u8(response ? "lan.rq_seq_rs_lun" : "lan.rq_seq_rq_lun");
  f.cmd = r.u8("lan.cmd");
  if (response) f.cc = r.u8("lan.completion_code");
  if (r.ok() && r.remaining() < 1) r.fail(DecodeErrc::truncated, "lan.checksum2");
  f.data = r.bytes(r.ok() ? r.remaining() - 1 : 0, "lan.data");
  const std::size_t checksum2_at = r.offset();
  f.checksum2 = r.u8("lan.checksum2");
  r.expect_end("lan.end");
  if (!r.ok()) return tl::unexpected(*r.error());

  // IPMB 1.0 §2.2: each checksum makes its range (checksum included) sum to zero.
  if (!checksum_ok(message.subspan(0, 3))) {
    f.checksum_errors.push_back(DecodeError{DecodeErrc::bad_checksum, checksum1_at, "lan.checksum1"});
  }
  if (!checksum_ok(message.subspan(body_at - base_offset))) {
    f.checksum_errors.push_back(DecodeError{DecodeErrc::bad_checksum, checksum2_at, "lan.checksum2"});
  }
  return f;
}

IpmiRequest request_of(const Frame& f) {
  return IpmiRequest{f.addr1, high6(f.netfn_lun), low2(f.netfn_lun), f.addr2, high6(f.seq_lun), low2(f.seq_lun),
                     f.cmd, Bytes(f.data.begin(), f.data.end())};
}

IpmiResponse response_of(const Frame& f) {
  return IpmiResponse{f.addr1, high6(f.netfn_lun), low2(f.netfn_lun), f.addr2, high6(f.seq_lun), low2(f.seq_lun),
                      f.cmd, f.cc, Bytes(f.data.begin(), f.data.end())};
}

Bytes encode_frame(std::uint8_t addr1, std::uint8_t netfn_lun, std::uint8_t addr2, std::uint8_t seq_lun,
                   std::uint8_t cmd, std::optional<std::uint8_t> cc, const Bytes& data) {
  Writer w(kIpmiResponseMinSize + data.size());
  w.u8(addr1).u8(netfn_lun);
  w.u8(ipmi_checksum(ByteView(w.bytes())));
  const std::size_t body_at = w.size();
  w.u8(addr2).u8(seq_lun).u8(cmd);
  if (cc) w.u8(*cc);
  w.bytes(view(data));
  w.u8(ipmi_checksum(ByteView(w.bytes()).subspan(body_at)));
  return w.take();
}

}  // namespace

Decoded<LenientDecoded<IpmiRequest>> decode_ipmi_request_lenient(ByteView message, std::size_t base_offset) {
  auto f = decode_frame(message, base_offset, false);
  if (!f) return tl::unexpected(f.error());
  return LenientDecoded<IpmiRequest>{request_of(*f), f->checksum1, f->checksum2, std::move(f->checksum_errors)};
}

Decoded<LenientDecoded<IpmiResponse>> decode_ipmi_response_lenient(ByteView message, std::size_t base_offset) {
  auto f = decode_frame(message, base_offset, true);
  if (!f) return tl::unexpected(f.error());
  return LenientDecoded<IpmiResponse>{response_of(*f), f->checksum1, f->checksum2, std::move(f->checksum_errors)};
}

Decoded<IpmiRequest> decode_ipmi_request(ByteView message, std::size_t base_offset) {
  auto f = decode_frame(message, base_offset, false);
  if (!f) return tl::unexpected(f.error());
  if (!f->checksum_errors.empty()) return tl::unexpected(f->checksum_errors.front());
  return request_of(*f);
}

Decoded<IpmiResponse> decode_ipmi_response(ByteView message, std::size_t base_offset) {
  auto f = decode_frame(message, base_offset, true);
  if (!f) return tl::unexpected(f.error());
  if (!f->checksum_errors.empty()) return tl::unexpected(f->checksum_errors.front());
  return response_of(*f);
}

Bytes encode_ipmi_request(const IpmiRequest& q) {
  return encode_frame(q.rs_addr, pack(q.netfn, q.rs_lun), q.rq_addr, pack(q.rq_seq, q.rq_lun), q.cmd, std::nullopt,
                      q.data);
}

Bytes encode_ipmi_response(const IpmiResponse& s) {
  return encode_frame(s.rq_addr, pack(s.netfn, s.rq_lun), s.rs_addr, pack(s.rq_seq, s.rs_lun), s.cmd,
                      s.completion_code, s.data);
}

}  // namespace ipmict
