#pragma once
// The App commands that set up and tear down a LAN session (IPMI 2.0 §22.13-22.19), as the
// session layer sees them. Their formats are not written here: the catalog describes each
// command once (DESIGN.md §5, protocol/catalog/commands_app_session.cpp), and this file
// builds requests with catalog::encode_request and reads responses with
// catalog::decode_response, turning the named fields into the typed structs below.
//
// Response data is what follows the completion code; base_offset is its absolute offset in
// the datagram. The catalog counts offsets from the data it was given, so a decode error's
// offset is moved by base_offset here and names the byte of the datagram.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "protocol/catalog/catalog.hpp"
#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/core/privilege.hpp"

namespace ipmict::session {

// §22.13 response.
struct ChannelAuthCapabilities {
  std::uint8_t channel_number = 0;
  // Authentication Type Support: the types enabled for the requested privilege level.
  bool authentication_type_none = false;
  bool authentication_type_md2 = false;
  bool authentication_type_md5 = false;
  bool authentication_type_straight_password_key = false;
  bool authentication_type_oem_proprietary = false;
  bool ipmi_v20_extended_capabilities_available = false;
  bool anonymous_login_enabled = false;
  bool null_usernames_enabled = false;
  bool non_null_usernames_enabled = false;
  bool user_level_authentication_disabled = false;
  bool per_message_authentication_disabled = false;
  bool kg_status = false;  // K_G set to a non-zero value
  bool channel_supports_ipmi_v15_connections = false;
  bool channel_supports_ipmi_v20_connections = false;
  std::uint32_t oem_id = 0;
  std::uint8_t oem_auxiliary_data = 0;

  bool supports_ipmi20() const {
    return ipmi_v20_extended_capabilities_available && channel_supports_ipmi_v20_connections;
  }
  bool offers(AuthType t) const;
};

// §22.16 response.
struct SessionChallenge {
  std::uint32_t temporary_session_id = 0;
  std::array<std::uint8_t, 16> challenge{};
};

// §22.17 response.
struct ActivatedSession {
  std::uint8_t auth_type = 0;  // [3:0]: for the remainder of the session
  std::uint32_t session_id = 0;
  std::uint32_t initial_inbound_sequence = 0;  // what the BMC wants from the console
  std::uint8_t max_privilege = 0;              // [3:0]
  std::size_t session_id_offset = 0;           // absolute offset of the session ID
};

using Encoded = tl::expected<Bytes, std::string>;

// The six session commands' descriptors, copied once out of a catalog (a ClientSession
// holds one for its lifetime, so no message builds a catalog). Decode errors name fields
// of these copies (DecodeError::field is a view): use an error while this object lives.
class SessionCommands {
 public:
  // Looks the commands up by id and checks that every field read or written here is in
  // their layouts (by encoding the requests and decoding the catalog's own minimal
  // responses once); what is missing is reported by problem().
  explicit SessionCommands(const catalog::Catalog& catalog);
  // One instance over catalog::shared_builtin_catalog(), built (and self-checked) on first
  // use: every ClientSession reads it, none changes it, and it outlives every DecodeError.
  static const SessionCommands& shared();
  // Not copyable or movable: a move could relocate the (short-string) field names that
  // outstanding DecodeErrors view.
  SessionCommands(const SessionCommands&) = delete;
  SessionCommands& operator=(const SessionCommands&) = delete;

  // "the command catalog lacks 'activate-session'" / "...: unknown field ...": this code
  // and the catalog disagree; no session can be set up.
  const std::optional<std::string>& problem() const { return problem_; }

  const catalog::CommandDescriptor& get_channel_auth_caps() const { return auth_caps_; }
  const catalog::CommandDescriptor& get_channel_cipher_suites() const { return cipher_suites_; }
  const catalog::CommandDescriptor& get_session_challenge() const { return challenge_; }
  const catalog::CommandDescriptor& activate_session() const { return activate_; }
  const catalog::CommandDescriptor& set_session_privilege_level() const { return set_privilege_; }
  const catalog::CommandDescriptor& close_session() const { return close_; }

  // §22.13: channel, "get IPMI v2.0+ extended data", requested maximum privilege.
  Encoded get_channel_auth_caps_request(std::uint8_t channel, Privilege privilege, bool ipmi20_data) const;
  Decoded<ChannelAuthCapabilities> decode_channel_auth_caps(ByteView data, std::size_t base_offset) const;

  // §22.15: channel, payload type IPMI, list by cipher suite, list index. The response's
  // record data (0-16 bytes) is returned as is.
  Encoded get_channel_cipher_suites_request(std::uint8_t channel, std::uint8_t list_index) const;
  Decoded<Bytes> decode_channel_cipher_suites(ByteView data, std::size_t base_offset) const;

  // §22.16: auth type, user name (at most 16 bytes, zero padded).
  Encoded get_session_challenge_request(AuthType type, ByteView username) const;
  Decoded<SessionChallenge> decode_session_challenge(ByteView data, std::size_t base_offset) const;

  // §22.17: auth type, max privilege, challenge, initial outbound sequence number.
  Encoded activate_session_request(AuthType type, Privilege privilege, const std::array<std::uint8_t, 16>& challenge,
                                   std::uint32_t initial_outbound_sequence) const;
  Decoded<ActivatedSession> decode_activate_session(ByteView data, std::size_t base_offset) const;

  // §22.18: the requested privilege; the response's [3:0] is the new privilege.
  Encoded set_session_privilege_request(Privilege privilege) const;
  Decoded<std::uint8_t> decode_set_session_privilege(ByteView data, std::size_t base_offset) const;

  // §22.19: the session ID (no session handle).
  Encoded close_session_request(std::uint32_t session_id) const;

  // "completion code 81h (Requested level exceeds Channel and/or User Privilege Limit)":
  // the command's own codes from its catalog entry, else the generic ones (Table 5-2).
  static std::string completion_code_text(const catalog::CommandDescriptor& cmd, std::uint8_t cc);

 private:
  void self_check();

  catalog::CommandDescriptor auth_caps_, cipher_suites_, challenge_, activate_, set_privilege_, close_;
  std::optional<std::string> problem_;
};

}  // namespace ipmict::session
