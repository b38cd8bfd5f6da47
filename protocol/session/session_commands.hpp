#pragma once
// The App commands that set up and tear down a LAN session (IPMI 2.0 §22.13-22.20):
// request data builders and response data parsers. Response data here is what follows
// the completion code; base_offset is its absolute offset in the datagram so an error
// names the byte of the datagram.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/core/privilege.hpp"

namespace ipmict::session {

inline constexpr std::uint8_t kCmdGetDeviceId = 0x01;
inline constexpr std::uint8_t kCmdGetChannelAuthenticationCapabilities = 0x38;
inline constexpr std::uint8_t kCmdGetSessionChallenge = 0x39;
inline constexpr std::uint8_t kCmdActivateSession = 0x3a;
inline constexpr std::uint8_t kCmdSetSessionPrivilegeLevel = 0x3b;
inline constexpr std::uint8_t kCmdCloseSession = 0x3c;
inline constexpr std::uint8_t kCmdGetChannelCipherSuites = 0x54;

// §22.13 request: byte 1 [7] "get IPMI v2.0+ extended data", [3:0] channel; byte 2 [3:0]
// requested maximum privilege.
Bytes get_channel_auth_caps_request(std::uint8_t channel, Privilege privilege, bool ipmi20_data);

struct ChannelAuthCapabilities {
  std::uint8_t channel = 0;
  std::uint8_t auth_type_support = 0;  // [7] IPMI v2.0+ extended capabilities, [5:0] types
  std::uint8_t status = 0;             // [5] K_G set, [4] per-message auth off, ...
  std::uint8_t extended = 0;           // [1] IPMI 2.0 connections, [0] IPMI 1.5 connections
  std::uint32_t oem_id = 0;
  std::uint8_t oem_aux = 0;

  bool supports_ipmi20() const { return (auth_type_support & 0x80) != 0 && (extended & 0x02) != 0; }
  bool offers(AuthType t) const;
};
// Response data: 8 bytes (channel, auth types, status, extended, OEM ID (3), OEM aux).
Decoded<ChannelAuthCapabilities> decode_channel_auth_caps(ByteView data, std::size_t base_offset);

// §22.15 request: channel, payload type (00h IPMI), [7] list by cipher suite | list index.
Bytes get_channel_cipher_suites_request(std::uint8_t channel, std::uint8_t list_index);
// Response data: channel number, then 0-16 bytes of record data (returned as a view).
Decoded<ByteView> decode_channel_cipher_suites(ByteView data, std::size_t base_offset);

// §22.16 request: auth type, user name (16 bytes, zero padded).
Bytes get_session_challenge_request(AuthType type, ByteView username);
struct SessionChallenge {
  std::uint32_t temporary_session_id = 0;
  std::array<std::uint8_t, 16> challenge{};
};
Decoded<SessionChallenge> decode_session_challenge(ByteView data, std::size_t base_offset);

// §22.17 request: auth type, max privilege, challenge (16), initial outbound sequence (4).
Bytes activate_session_request(AuthType type, Privilege privilege, const std::array<std::uint8_t, 16>& challenge,
                               std::uint32_t initial_outbound_sequence);
struct ActivatedSession {
  std::uint8_t auth_type = 0;  // for the remainder of the session
  std::uint32_t session_id = 0;
  std::uint32_t initial_inbound_sequence = 0;  // what the BMC wants from the console
  std::uint8_t max_privilege = 0;
};
Decoded<ActivatedSession> decode_activate_session(ByteView data, std::size_t base_offset);

// §22.18 request: [3:0] privilege. Response data: [3:0] the new privilege.
Bytes set_session_privilege_request(Privilege privilege);
Decoded<std::uint8_t> decode_set_session_privilege(ByteView data, std::size_t base_offset);

// §22.19 request: the session ID (4, LE).
Bytes close_session_request(std::uint32_t session_id);

// "completion code 81h (Requested level exceeds Channel and/or User Privilege Limit)":
// the command-specific names of the session commands, else the generic ones (Table 5-2).
std::string completion_code_text(std::uint8_t cmd, std::uint8_t cc);

}  // namespace ipmict::session
