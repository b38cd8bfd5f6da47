#pragma once
// The IPMI 1.5 session wrapper (IPMI 2.0 §13.6, Table 13-8, "IPMI v1.5 LAN Session"),
// the RMCP body of class IPMI whenever the Authentication Type is not 06h:
//
//   Authentication Type       1     00h none, 01h MD2, 02h MD5, 04h straight password, 05h OEM
//   Session Sequence Number   4 LE
//   Session ID                4 LE
//   AuthCode                  16    present only when Authentication Type != none
//   IPMI Message Length       1
//   IPMI Message              n     the LAN message (lan_message.hpp)
//   Legacy PAD                0/1   00h, see below
//
// Legacy PAD: the spec asks senders to append one 00h byte when the UDP payload would
// otherwise be 56, 84, 112, 128 or 156 bytes long (some old NICs mishandled those sizes);
// ipmitool does so. Receivers cannot rely on it either way, so the decoder accepts exactly
// one trailing 00h byte after the message whatever the length, and records it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict {

inline constexpr std::size_t kSession15AuthCodeSize = 16;

struct Session15 {
  AuthType auth_type = AuthType::none;
  std::uint32_t session_sequence = 0;
  std::uint32_t session_id = 0;
  std::optional<std::array<std::uint8_t, kSession15AuthCodeSize>> auth_code;  // iff auth_type != none
  ByteView payload;         // the IPMI message; views the decoder's input (or the caller's buffer)
  bool legacy_pad = false;  // a 00h pad byte followed the message

  // Decode output, not a wire field: absolute offset of the IPMI message, so a verifier can
  // recompute the AuthCode (the MD2/MD5 AuthCode of IPMI 2.0 §22.17 hashes the password,
  // session ID, IPMI message and sequence number, not the wrapper as sent).
  std::size_t payload_offset = 0;

  // Compares wire fields and payload bytes; payload_offset is ignored.
  friend bool operator==(const Session15& a, const Session15& b);
};

// Errors: truncated at the first missing field; bad_value at the Authentication Type
// (session15.auth_type) for 03h, 06h (that is RMCP+, see rmcpplus_session.hpp) and 07h+;
// trailing_bytes after the message unless it is a single 00h legacy pad.
Decoded<Session15> decode_session15(ByteView rmcp_body, std::size_t base_offset);

// Writes the struct as it is: the AuthCode when auth_code has a value (whatever auth_type
// says, so tests can build malformed wrappers), the payload, and the pad when legacy_pad.
// Empty output when the payload is longer than 255 bytes (the length field is one byte).
Bytes encode_session15(const Session15& session);

// True for the UDP payload lengths after which a sender adds the legacy pad (56, 84, 112,
// 128, 156). udp_payload_length counts the RMCP header, wrapper and message, without pad.
bool session15_wants_legacy_pad(std::size_t udp_payload_length);

}  // namespace ipmict
