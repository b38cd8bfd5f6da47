#pragma once
// The IPMI LAN message (IPMI 2.0 §13.8), which is the IPMB frame of IPMB 1.0 §2.2: the
// payload of an IPMI 1.5 session and of an RMCP+ payload of type IPMI.
//
//   Request                              Response
//   rsAddr                               rqAddr
//   netFn [7:2] / rsLUN [1:0]            netFn [7:2] / rqLUN [1:0]
//   checksum 1 (over the two above)      checksum 1
//   rqAddr                               rsAddr
//   rqSeq [7:2] / rqLUN [1:0]            rqSeq [7:2] / rsLUN [1:0]
//   cmd                                  cmd
//   data (0..n)                          completion code, data (0..n)
//   checksum 2 (rqAddr .. data)          checksum 2 (rsAddr .. data)
//
// Checksums are the 8-bit two's complement of protocol/core/checksum.hpp. A response needs
// its completion code; the data after it may be empty (an error reply often is just that).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict {

inline constexpr std::uint8_t kBmcSlaveAddress = 0x20;    // IPMB address of the BMC
inline constexpr std::uint8_t kRemoteConsoleSwid = 0x81;  // software ID of a remote console
inline constexpr std::size_t kIpmiRequestMinSize = 7;
inline constexpr std::size_t kIpmiResponseMinSize = 8;

struct IpmiRequest {
  std::uint8_t rs_addr = kBmcSlaveAddress;
  std::uint8_t netfn = 0;   // 6 bits
  std::uint8_t rs_lun = 0;  // 2 bits
  std::uint8_t rq_addr = kRemoteConsoleSwid;
  std::uint8_t rq_seq = 0;  // 6 bits
  std::uint8_t rq_lun = 0;  // 2 bits
  std::uint8_t cmd = 0;
  Bytes data;

  friend bool operator==(const IpmiRequest&, const IpmiRequest&) = default;
};

struct IpmiResponse {
  std::uint8_t rq_addr = kRemoteConsoleSwid;
  std::uint8_t netfn = 0;   // 6 bits, odd
  std::uint8_t rq_lun = 0;  // 2 bits
  std::uint8_t rs_addr = kBmcSlaveAddress;
  std::uint8_t rq_seq = 0;  // 6 bits
  std::uint8_t rs_lun = 0;  // 2 bits
  std::uint8_t cmd = 0;
  std::uint8_t completion_code = 0;
  Bytes data;  // after the completion code; may be empty

  friend bool operator==(const IpmiResponse&, const IpmiResponse&) = default;
};

// IPMI 2.0 §5.1: a response's netFn is the request's plus one, so responses are odd.
constexpr bool is_response_netfn(std::uint8_t netfn) { return (netfn & 1u) != 0; }

// A message decoded in spite of bad checksums, for dissectors and fuzz triage: the struct,
// the checksum bytes as received, and one bad_checksum error per checksum that fails
// (empty when both are right). Truncation is still an error: without the bytes there is
// nothing to show.
template <class Message>
struct LenientDecoded {
  Message message;
  std::uint8_t checksum1 = 0;
  std::uint8_t checksum2 = 0;
  std::vector<DecodeError> checksum_errors;
};

// Strict decoders: the whole view is one message (its last byte is checksum 2).
//   truncated      the first missing field (lan.checksum2 when only the checksum is missing)
//   bad_checksum   at the checksum's offset, field lan.checksum1 or lan.checksum2
// Netfn parity is not checked here: a request with an odd netfn is the catalog's business.
Decoded<IpmiRequest> decode_ipmi_request(ByteView message, std::size_t base_offset = 0);
Decoded<IpmiResponse> decode_ipmi_response(ByteView message, std::size_t base_offset = 0);
Decoded<LenientDecoded<IpmiRequest>> decode_ipmi_request_lenient(ByteView message, std::size_t base_offset = 0);
Decoded<LenientDecoded<IpmiResponse>> decode_ipmi_response_lenient(ByteView message, std::size_t base_offset = 0);

// Compute both checksums. netfn and rq_seq are written from their low 6 bits, LUNs from 2.
Bytes encode_ipmi_request(const IpmiRequest& request);
Bytes encode_ipmi_response(const IpmiResponse& response);

}  // namespace ipmict
