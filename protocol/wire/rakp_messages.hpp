#pragma once
// RMCP+ session establishment payloads (IPMI 2.0 §13.17-13.23): the Open Session
// Request/Response and RAKP Messages 1-4, carried as RMCP+ payload types 10h-15h with
// Session ID 0. All integers little endian. Offsets below are from the payload start.
//
// Open Session Request (32 bytes)           Open Session Response (36, or 8 on error)
//   0  Message Tag                            0  Message Tag
//   1  Requested Maximum Privilege [3:0]      1  RMCP+ Status Code
//   2  Reserved (2)                           2  Maximum Privilege Level [3:0]
//   4  Remote Console Session ID              3  Reserved
//   8  Authentication Payload (8)             4  Remote Console Session ID
//  16  Integrity Payload (8)                  8  Managed System Session ID   \ absent when the
//  24  Confidentiality Payload (8)           12  the three algorithm payloads / status is not 00h
//
// Algorithm payload (8): Payload Type (00h auth, 01h integrity, 02h confidentiality),
//   Reserved (2), Payload Length (08h), [5:0] Algorithm, Reserved (3).
//
// RAKP Message 1 (28 + n)                   RAKP Message 2 (40 + k, or 8 on error)
//   0  Message Tag                            0  Message Tag
//   1  Reserved (3)                           1  RMCP+ Status Code
//   4  Managed System Session ID              2  Reserved (2)
//   8  Remote Console Random Number (16)      4  Remote Console Session ID
//  24  Requested Maximum Privilege (role)     8  Managed System Random Number (16)
//  25  Reserved (2)                          24  Managed System GUID (16)
//  27  User Name Length                      40  Key Exchange Authentication Code (k, the rest)
//  28  User Name (n)
//
// RAKP Message 3 (8 + k)                    RAKP Message 4 (8 + k)
//   0  Message Tag                            0  Message Tag
//   1  RMCP+ Status Code                      1  RMCP+ Status Code
//   2  Reserved (2)                           2  Reserved (2)
//   4  Managed System Session ID              4  Remote Console Session ID
//   8  Key Exchange Authentication Code       8  Integrity Check Value (the rest)
//
// Readings taken:
// - A response with a non-zero status may stop after the Remote Console Session ID (the
//   spec's error layout, and what BMCs send); it may also carry the full layout. Fields
//   that can be missing are std::optional: absent is not zero. With status 00h they are
//   required. An Open Session Response may also stop after the Managed System Session ID.
// - Payload Length of an algorithm payload must be 08h (the layout is fixed at 8 bytes),
//   otherwise bad_length. Payload Type values and reserved bytes are recorded, not judged:
//   the BMC answers a wrong one with a status code, which needs the decoded message.
// - User Name Length may exceed the spec's 16: the wire format allows 255, and a BMC must
//   answer 17+ with status 0Ch (Invalid name length), which the session layer decides.
//   The length must match the bytes present exactly.
// - The variable-length authentication codes take "the rest" of the payload, so those
//   messages have no trailing bytes by definition; their length is checked against the
//   negotiated algorithm by the session layer.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/wire/rmcpplus_status.hpp"

namespace ipmict {

inline constexpr std::uint8_t kAuthenticationPayload = 0x00;
inline constexpr std::uint8_t kIntegrityPayload = 0x01;
inline constexpr std::uint8_t kConfidentialityPayload = 0x02;
inline constexpr std::uint8_t kAlgorithmPayloadLength = 0x08;
inline constexpr std::uint8_t kAlgorithmMask = 0x3f;
inline constexpr std::uint8_t kPrivilegeMask = 0x0f;
inline constexpr std::uint8_t kRakpRoleNameOnlyLookup = 0x10;  // RAKP 1 role byte bit 4
inline constexpr std::size_t kRakpRandomSize = 16;
inline constexpr std::size_t kBmcGuidSize = 16;
inline constexpr std::size_t kRakpMaxUsernameLength = 16;  // the spec's limit; see above
inline constexpr std::size_t kOpenSessionRequestSize = 32;
inline constexpr std::size_t kOpenSessionResponseSize = 36;
inline constexpr std::size_t kRakpErrorSize = 8;  // a status response cut after the session ID

using Random16 = std::array<std::uint8_t, kRakpRandomSize>;
using Guid16 = std::array<std::uint8_t, kBmcGuidSize>;

struct AlgorithmPayload {
  std::uint8_t payload_type = kAuthenticationPayload;
  std::array<std::uint8_t, 2> reserved1{};
  std::uint8_t payload_length = kAlgorithmPayloadLength;
  std::uint8_t algorithm = 0;  // whole byte: [5:0] algorithm number, [7:6] reserved
  std::array<std::uint8_t, 3> reserved2{};

  std::uint8_t algorithm_number() const { return algorithm & kAlgorithmMask; }
  friend bool operator==(const AlgorithmPayload&, const AlgorithmPayload&) = default;
};

// An algorithm payload of the given kind (kAuthenticationPayload ...) with length 08h.
AlgorithmPayload algorithm_payload(std::uint8_t payload_type, std::uint8_t algorithm);

struct OpenSessionRequest {
  std::uint8_t message_tag = 0;
  std::uint8_t requested_max_privilege = 0;  // whole byte: [3:0] privilege (0 = highest), [7:4] reserved
  std::array<std::uint8_t, 2> reserved{};
  std::uint32_t console_session_id = 0;
  AlgorithmPayload authentication_payload{kAuthenticationPayload};
  AlgorithmPayload integrity_payload{kIntegrityPayload};
  AlgorithmPayload confidentiality_payload{kConfidentialityPayload};

  std::uint8_t privilege() const { return requested_max_privilege & kPrivilegeMask; }
  friend bool operator==(const OpenSessionRequest&, const OpenSessionRequest&) = default;
};

struct OpenSessionResponse {
  std::uint8_t message_tag = 0;
  std::uint8_t status_code = kRmcpPlusStatusNoErrors;
  std::uint8_t max_privilege = 0;  // whole byte: [3:0] privilege, [7:4] reserved
  std::uint8_t reserved = 0;
  std::uint32_t console_session_id = 0;
  std::optional<std::uint32_t> bmc_session_id;
  std::optional<AlgorithmPayload> authentication_payload;  // the three are present together
  std::optional<AlgorithmPayload> integrity_payload;
  std::optional<AlgorithmPayload> confidentiality_payload;

  std::uint8_t privilege() const { return max_privilege & kPrivilegeMask; }
  friend bool operator==(const OpenSessionResponse&, const OpenSessionResponse&) = default;
};

struct Rakp1 {
  std::uint8_t message_tag = 0;
  std::array<std::uint8_t, 3> reserved1{};
  std::uint32_t bmc_session_id = 0;
  Random16 console_random{};
  std::uint8_t requested_role = 0;  // whole byte: [4] name-only lookup, [3:0] privilege; it is HMAC input
  std::array<std::uint8_t, 2> reserved2{};
  Bytes username;  // User Name Length is username.size()

  bool name_only_lookup() const { return (requested_role & kRakpRoleNameOnlyLookup) != 0; }
  std::uint8_t privilege() const { return requested_role & kPrivilegeMask; }
  friend bool operator==(const Rakp1&, const Rakp1&) = default;
};

struct Rakp2 {
  std::uint8_t message_tag = 0;
  std::uint8_t status_code = kRmcpPlusStatusNoErrors;
  std::array<std::uint8_t, 2> reserved{};
  std::uint32_t console_session_id = 0;
  std::optional<Random16> bmc_random;  // absent only in a short error reply
  std::optional<Guid16> bmc_guid;      // present iff bmc_random is
  Bytes key_exchange_auth_code;

  friend bool operator==(const Rakp2&, const Rakp2&) = default;
};

struct Rakp3 {
  std::uint8_t message_tag = 0;
  std::uint8_t status_code = kRmcpPlusStatusNoErrors;
  std::array<std::uint8_t, 2> reserved{};
  std::uint32_t bmc_session_id = 0;
  Bytes key_exchange_auth_code;

  friend bool operator==(const Rakp3&, const Rakp3&) = default;
};

struct Rakp4 {
  std::uint8_t message_tag = 0;
  std::uint8_t status_code = kRmcpPlusStatusNoErrors;
  std::array<std::uint8_t, 2> reserved{};
  std::uint32_t console_session_id = 0;
  Bytes integrity_check_value;

  friend bool operator==(const Rakp4&, const Rakp4&) = default;
};

// base_offset: absolute offset of the payload (RmcpPlusSession::payload_offset).
Decoded<OpenSessionRequest> decode_open_session_request(ByteView payload, std::size_t base_offset = 0);
Decoded<OpenSessionResponse> decode_open_session_response(ByteView payload, std::size_t base_offset = 0);
Decoded<Rakp1> decode_rakp1(ByteView payload, std::size_t base_offset = 0);
Decoded<Rakp2> decode_rakp2(ByteView payload, std::size_t base_offset = 0);
Decoded<Rakp3> decode_rakp3(ByteView payload, std::size_t base_offset = 0);
Decoded<Rakp4> decode_rakp4(ByteView payload, std::size_t base_offset = 0);

// Encoders write optional fields that are present and skip absent ones.
Bytes encode_open_session_request(const OpenSessionRequest& m);
Bytes encode_open_session_response(const OpenSessionResponse& m);
Bytes encode_rakp1(const Rakp1& m);  // empty output when username.size() > 255
Bytes encode_rakp2(const Rakp2& m);
Bytes encode_rakp3(const Rakp3& m);
Bytes encode_rakp4(const Rakp4& m);

}  // namespace ipmict
