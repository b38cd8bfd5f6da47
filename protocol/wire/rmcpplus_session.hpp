#pragma once
// The RMCP+ session header and trailer (IPMI 2.0 §13.6, Table 13-8, "IPMI v2.0 RMCP+
// Session"): the RMCP body of class IPMI whenever the Authentication Type is 06h.
//
//   Authentication Type      1     06h (RMCP+)
//   Payload Type             1     [7] encrypted, [6] authenticated, [5:0] payload type
//   OEM IANA                 4 LE  only for payload type 02h: [23:0] IANA number, [31:24] reserved
//   OEM Payload ID           2 LE  only for payload type 02h
//   Session ID               4 LE  00000000h outside a session (Open Session, RAKP)
//   Session Sequence Number  4 LE
//   IPMI Payload Length      2 LE
//   Payload                  n     possibly encrypted (the confidentiality layer is not ours)
//   -- session trailer, present only when the payload is authenticated and Session ID != 0:
//   Integrity PAD            0..   FFh bytes so that AuthType..Next Header is a multiple of 4
//   Pad Length               1     the number of Integrity PAD bytes
//   Next Header              1     07h
//   AuthCode                 k     k set by the negotiated integrity algorithm (12 for
//                                  HMAC-SHA1-96, 16 for HMAC-MD5-128/MD5-128/HMAC-SHA256-128)
//
// Integrity pad reading: "added as needed" to reach a multiple of 4. This code encodes 0
// pad bytes when the range is already aligned (as ipmitool and FreeIPMI do); other
// implementations (phosphor-net-ipmid) send 4. The decoder accepts any pad length the
// bytes agree with, provided the covered range is a multiple of 4, and reports the pad
// it saw, so a case can tell the two readings apart.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/wire/payload_type.hpp"

namespace ipmict {

inline constexpr std::uint8_t kPayloadEncryptedBit = 0x80;
inline constexpr std::uint8_t kPayloadAuthenticatedBit = 0x40;
inline constexpr std::uint8_t kPayloadTypeMask = 0x3f;
inline constexpr std::uint8_t kRmcpPlusNextHeader = 0x07;
inline constexpr std::uint8_t kIntegrityPadByte = 0xff;
inline constexpr std::size_t kRmcpPlusHeaderSize = 12;     // without the OEM fields
inline constexpr std::size_t kRmcpPlusOemHeaderSize = 18;  // payload type 02h

struct RmcpPlusSession {
  struct OemExplicit {
    std::uint32_t oem_iana = 0;  // as on the wire: [23:0] IANA, [31:24] reserved
    std::uint16_t oem_payload_id = 0;

    friend bool operator==(const OemExplicit&, const OemExplicit&) = default;
  };
  struct Trailer {
    std::uint8_t pad_length = 0;  // = the number of FFh Integrity PAD bytes before it
    std::uint8_t next_header = kRmcpPlusNextHeader;
    ByteView auth_code;

    friend bool operator==(const Trailer& a, const Trailer& b);
  };

  bool encrypted = false;
  bool authenticated = false;
  PayloadType payload_type = PayloadType::ipmi;  // bits [5:0]; may hold values the enum does not name
  std::optional<OemExplicit> oem;                // present iff payload_type == oem_explicit
  std::uint32_t session_id = 0;
  std::uint32_t session_sequence = 0;
  ByteView payload;  // views the decoder's input (or, for encoding, the caller's buffer)
  std::optional<Trailer> trailer;

  // Decode output, not wire fields (absolute offsets in the outermost input):
  std::size_t payload_offset = 0;
  // The bytes an integrity AuthCode covers: Authentication Type through Next Header.
  // Empty (covered_begin == covered_end) when there is no trailer.
  std::size_t covered_begin = 0;
  std::size_t covered_end = 0;

  // Compares wire fields and payload/AuthCode bytes; the offsets are ignored.
  friend bool operator==(const RmcpPlusSession& a, const RmcpPlusSession& b);
};

// True when the header says a trailer follows: authenticated bit set and Session ID != 0.
bool rmcpplus_has_trailer(const RmcpPlusSession& header);

// Decodes an RMCP body whose first byte is 06h. auth_code_length: the AuthCode size of the
// session's integrity algorithm (used only when a trailer is present). Errors:
//   bad_value      rmcpplus.auth_type (not 06h), rmcpplus.next_header (not 07h),
//                  rmcpplus.integrity_pad (a pad byte that is not FFh)
//   bad_length     rmcpplus.pad_length (disagrees with the bytes between payload and it, or
//                  leaves AuthType..Next Header not a multiple of 4)
//   truncated      the first missing field; rmcpplus.session_trailer when fewer than
//                  2 + auth_code_length bytes follow an authenticated payload
//   trailing_bytes after the payload of a message without trailer
Decoded<RmcpPlusSession> decode_rmcpplus_session(ByteView rmcp_body, std::size_t base_offset,
                                                 std::size_t auth_code_length);

// Verbatim encoder: header, payload, and the trailer exactly as given (pad_length FFh bytes,
// Pad Length, Next Header, AuthCode), whether or not the header asks for one; the OEM
// fields when `oem` has a value. For re-encoding decoded packets and building odd ones.
// Empty output when the payload is longer than 65535 bytes.
Bytes encode_rmcpplus_session(const RmcpPlusSession& session);

// Integrity PAD length for a covered range of `header_and_payload_length` bytes plus
// Pad Length and Next Header: 0..3, 0 when already aligned (the reading described above).
std::uint8_t rmcpplus_integrity_pad_length(std::size_t header_and_payload_length);

// Two-step encoding for fresh packets, so the crypto library can fill in the AuthCode:
//   auto u = encode_rmcpplus_unsigned(header, auth_code_length);
//   Bytes auth = hmac(k1, ByteView(u.bytes).subspan(u.covered_begin, u.covered_end - u.covered_begin));
//   Bytes packet = finish_rmcpplus(std::move(u), auth);
struct RmcpPlusUnsigned {
  Bytes bytes;  // header + payload [+ Integrity PAD + Pad Length + Next Header]
  bool needs_auth_code = false;
  std::size_t auth_code_length = 0;
  std::size_t covered_begin = 0;  // offsets into `bytes`
  std::size_t covered_end = 0;
};

// Uses header's flags, type, OEM fields, IDs and payload; header.trailer is ignored. A
// trailer is laid out iff rmcpplus_has_trailer(header). integrity_pad_override replaces
// the computed pad length (e.g. 4 to test a BMC against the other reading).
// bytes is empty when the payload is longer than 65535 bytes.
RmcpPlusUnsigned encode_rmcpplus_unsigned(const RmcpPlusSession& header, std::size_t auth_code_length,
                                          std::optional<std::uint8_t> integrity_pad_override = std::nullopt);

// Appends the AuthCode. Empty output when auth_code.size() differs from the length the
// unsigned packet was laid out for (0 when it has no trailer).
Bytes finish_rmcpplus(RmcpPlusUnsigned unsigned_packet, ByteView auth_code);

}  // namespace ipmict
