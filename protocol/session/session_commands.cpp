#include "protocol/session/session_commands.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "protocol/core/completion_code.hpp"

namespace ipmict::session {
namespace {

constexpr std::uint8_t kLow4 = 0x0f;       // privilege / channel / auth type fields: [3:0]
constexpr std::uint8_t kListIndex = 0x3f;  // §22.15 list index: [5:0]

std::string hex2(std::uint8_t v) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(v));
  return std::string(buf) + "h";
}

std::uint8_t low4(std::uint8_t v) { return static_cast<std::uint8_t>(v & kLow4); }
std::uint8_t low4(Privilege p) { return low4(static_cast<std::uint8_t>(p)); }

// The response data's fields by name. The catalog counts offsets from `data`; errors are
// moved to the datagram's offsets here.
Decoded<catalog::DecodedFields> decode(const catalog::CommandDescriptor& cmd, ByteView data, std::size_t base_offset) {
  // Callers decode only successful replies: a non-zero code is judged on the code alone.
  auto d = catalog::decode_response(cmd, 0x00, data);
  if (!d) {
    DecodeError e = d.error();
    e.offset += base_offset;
    return tl::unexpected(e);
  }
  return d;
}

// Reads named fields out of one decoded response. A name the layout lacks is an
// `unsupported` error naming the field: the code and the catalog disagree. The
// SessionCommands self-check meets it when the session is created, never a BMC's answer.
class Fields {
 public:
  Fields(const catalog::DecodedFields& d, std::size_t base_offset) : d_(d), base_(base_offset) {}

  // `name` must outlive the error (callers pass literals).
  std::uint64_t number(std::string_view name) {
    const catalog::FieldValue* f = get(name);
    return f != nullptr && f->number ? *f->number : 0;
  }
  std::uint8_t u8(std::string_view name) { return static_cast<std::uint8_t>(number(name)); }
  std::uint32_t u32(std::string_view name) { return static_cast<std::uint32_t>(number(name)); }
  bool flag(std::string_view name) { return number(name) != 0; }
  ByteView bytes(std::string_view name) {
    const catalog::FieldValue* f = get(name);
    return f != nullptr ? view(f->bytes) : ByteView{};
  }
  std::size_t offset(std::string_view name) {
    const catalog::FieldValue* f = get(name);
    return base_ + (f != nullptr ? f->byte_offset : 0);
  }

  template <class T>
  Decoded<T> finish(T value) const {
    if (error_) return tl::unexpected(*error_);
    return value;
  }

 private:
  const catalog::FieldValue* get(std::string_view name) {
    const catalog::FieldValue* f = d_.find(name);
    if (f == nullptr && !error_) error_ = DecodeError{DecodeErrc::unsupported, base_, name};
    return f;
  }

  const catalog::DecodedFields& d_;
  std::size_t base_;
  std::optional<DecodeError> error_;
};

}  // namespace

bool ChannelAuthCapabilities::offers(AuthType t) const {
  switch (t) {
    case AuthType::none: return authentication_type_none;
    case AuthType::md2: return authentication_type_md2;
    case AuthType::md5: return authentication_type_md5;
    case AuthType::straight_password: return authentication_type_straight_password_key;
    case AuthType::oem: return authentication_type_oem_proprietary;
    case AuthType::rmcp_plus: return false;
  }
  return false;
}

SessionCommands::SessionCommands(const catalog::Catalog& catalog) {
  const auto take = [&](catalog::CommandDescriptor& into, std::string_view id) {
    if (const catalog::CommandDescriptor* d = catalog.find(id)) {
      into = *d;
    } else if (!problem_) {
      problem_ = "the command catalog lacks '" + std::string(id) + "', which session set-up needs";
    }
  };
  take(auth_caps_, "get-channel-auth-caps");
  take(cipher_suites_, "get-channel-cipher-suites");
  take(challenge_, "get-session-challenge");
  take(activate_, "activate-session");
  take(set_privilege_, "set-session-privilege-level");
  take(close_, "close-session");
  if (!problem_) self_check();
}

const SessionCommands& SessionCommands::shared() {
  static const SessionCommands instance(catalog::shared_builtin_catalog());
  return instance;
}

// Every field this file names must be in the catalog's layouts: encode each request once,
// and decode the shortest response the catalog itself encodes (all fields zero).
void SessionCommands::self_check() {
  const auto request = [&](const Encoded& e) {
    if (!e && !problem_) problem_ = "the command catalog and the session layer disagree: " + e.error();
  };
  request(get_channel_auth_caps_request(0x0e, Privilege::administrator, true));
  request(get_channel_cipher_suites_request(0x0e, 0));
  request(get_session_challenge_request(AuthType::md5, ByteView{}));
  request(activate_session_request(AuthType::md5, Privilege::administrator, {}, 1));
  request(set_session_privilege_request(Privilege::administrator));
  request(close_session_request(1));

  const auto response = [&](const catalog::CommandDescriptor& cmd, auto decoder) {
    if (problem_) return;
    auto minimal = catalog::encode_response(cmd, {});
    if (!minimal) {
      problem_ = "the command catalog and the session layer disagree: " + minimal.error();
      return;
    }
    if (auto r = decoder(view(*minimal)); !r) {
      const DecodeError& e = r.error();
      problem_ = e.code == DecodeErrc::unsupported
                     ? cmd.id + ": the catalog's response has no field '" + std::string(e.field) +
                           "', which the session layer reads (protocol/catalog/commands_app_session.cpp)"
                     : cmd.id + ": the session layer cannot read the catalog's own response: " + to_string(e);
    }
  };
  response(auth_caps_, [this](ByteView d) { return decode_channel_auth_caps(d, 0); });
  response(cipher_suites_, [this](ByteView d) { return decode_channel_cipher_suites(d, 0); });
  response(challenge_, [this](ByteView d) { return decode_session_challenge(d, 0); });
  response(activate_, [this](ByteView d) { return decode_activate_session(d, 0); });
  response(set_privilege_, [this](ByteView d) { return decode_set_session_privilege(d, 0); });
}

Encoded SessionCommands::get_channel_auth_caps_request(std::uint8_t channel, Privilege privilege,
                                                       bool ipmi20_data) const {
  return catalog::encode_request(auth_caps_, {{"channel_number", low4(channel)},
                                              {"get_ipmi_v20_extended_data", ipmi20_data},
                                              {"requested_maximum_privilege_level", low4(privilege)}});
}

Decoded<ChannelAuthCapabilities> SessionCommands::decode_channel_auth_caps(ByteView data,
                                                                         std::size_t base_offset) const {
  auto d = decode(auth_caps_, data, base_offset);
  if (!d) return tl::unexpected(d.error());
  Fields f(*d, base_offset);
  ChannelAuthCapabilities c;
  c.channel_number = f.u8("channel_number");
  c.authentication_type_none = f.flag("authentication_type_none");
  c.authentication_type_md2 = f.flag("authentication_type_md2");
  c.authentication_type_md5 = f.flag("authentication_type_md5");
  c.authentication_type_straight_password_key = f.flag("authentication_type_straight_password_key");
  c.authentication_type_oem_proprietary = f.flag("authentication_type_oem_proprietary");
  c.ipmi_v20_extended_capabilities_available = f.flag("ipmi_v20_extended_capabilities_available");
  c.anonymous_login_enabled = f.flag("anonymous_login_enabled");
  c.null_usernames_enabled = f.flag("null_usernames_enabled");
  c.non_null_usernames_enabled = f.flag("non_null_usernames_enabled");
  c.user_level_authentication_disabled = f.flag("user_level_authentication_disabled");
  c.per_message_authentication_disabled = f.flag("per_message_authentication_disabled");
  c.kg_status = f.flag("kg_status");
  c.channel_supports_ipmi_v15_connections = f.flag("channel_supports_ipmi_v15_connections");
  c.channel_supports_ipmi_v20_connections = f.flag("channel_supports_ipmi_v20_connections");
  c.oem_id = f.u32("oem_id");
  c.oem_auxiliary_data = f.u8("oem_auxiliary_data");
  return f.finish(c);
}

Encoded SessionCommands::get_channel_cipher_suites_request(std::uint8_t channel, std::uint8_t list_index) const {
  return catalog::encode_request(cipher_suites_, {{"channel_number", low4(channel)},
                                                  {"payload_type", "IPMI"},
                                                  {"list_index", static_cast<std::uint8_t>(list_index & kListIndex)},
                                                  {"list_algorithms_by_cipher_suite", true}});
}

Decoded<Bytes> SessionCommands::decode_channel_cipher_suites(ByteView data, std::size_t base_offset) const {
  auto d = decode(cipher_suites_, data, base_offset);
  if (!d) return tl::unexpected(d.error());
  Fields f(*d, base_offset);
  const ByteView records = f.bytes("cipher_suite_record_data");
  return f.finish(Bytes(records.begin(), records.end()));
}

Encoded SessionCommands::get_session_challenge_request(AuthType type, ByteView username) const {
  // The user name field is 16 bytes; the catalog pads a shorter one with zeros.
  const ByteView name = username.first(std::min<std::size_t>(username.size(), 16));
  return catalog::encode_request(challenge_, {{"authentication_type", static_cast<std::uint8_t>(type)},
                                              {"user_name", Bytes(name.begin(), name.end())}});
}

Decoded<SessionChallenge> SessionCommands::decode_session_challenge(ByteView data, std::size_t base_offset) const {
  auto d = decode(challenge_, data, base_offset);
  if (!d) return tl::unexpected(d.error());
  Fields f(*d, base_offset);
  SessionChallenge c;
  c.temporary_session_id = f.u32("temporary_session_id");
  const ByteView ch = f.bytes("challenge_string");
  std::copy_n(ch.begin(), std::min(ch.size(), c.challenge.size()), c.challenge.begin());
  return f.finish(c);
}

Encoded SessionCommands::activate_session_request(AuthType type, Privilege privilege,
                                                  const std::array<std::uint8_t, 16>& challenge,
                                                  std::uint32_t initial_outbound_sequence) const {
  return catalog::encode_request(activate_, {{"authentication_type", static_cast<std::uint8_t>(type)},
                                             {"maximum_privilege_level", low4(privilege)},
                                             {"challenge_string", Bytes(challenge.begin(), challenge.end())},
                                             {"initial_outbound_sequence_number", initial_outbound_sequence}});
}

Decoded<ActivatedSession> SessionCommands::decode_activate_session(ByteView data, std::size_t base_offset) const {
  auto d = decode(activate_, data, base_offset);
  if (!d) return tl::unexpected(d.error());
  Fields f(*d, base_offset);
  ActivatedSession s;
  s.auth_type = f.u8("authentication_type");
  s.session_id = f.u32("session_id");
  s.session_id_offset = f.offset("session_id");
  s.initial_inbound_sequence = f.u32("initial_inbound_sequence_number");
  s.max_privilege = f.u8("maximum_privilege_level");
  return f.finish(s);
}

Encoded SessionCommands::set_session_privilege_request(Privilege privilege) const {
  return catalog::encode_request(set_privilege_, {{"requested_privilege_level", low4(privilege)}});
}

Decoded<std::uint8_t> SessionCommands::decode_set_session_privilege(ByteView data, std::size_t base_offset) const {
  auto d = decode(set_privilege_, data, base_offset);
  if (!d) return tl::unexpected(d.error());
  Fields f(*d, base_offset);
  return f.finish(f.u8("new_privilege_level"));
}

Encoded SessionCommands::close_session_request(std::uint32_t session_id) const {
  return catalog::encode_request(close_, {{"session_id", session_id}});
}

std::string SessionCommands::completion_code_text(const catalog::CommandDescriptor& cmd, std::uint8_t cc) {
  std::string out = "completion code " + hex2(cc);
  for (const catalog::CompletionCode& c : cmd.completion_codes)
    if (c.code == cc) return out + " (" + c.name + ")";
  if (auto generic = generic_completion_code_name(cc)) return out + " (" + std::string(*generic) + ")";
  return out;
}

}  // namespace ipmict::session
