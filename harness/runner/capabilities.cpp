// The per-target capability probe.
#include "harness/runner/capabilities.hpp"

#include <fmt/format.h>

#include "harness/runner/iana_enterprise.hpp"
#include "harness/runner/ipmi_guid.hpp"
#include "protocol/session/cipher_suite_records.hpp"

namespace ipmict::runner {
namespace {

struct Answer {
  std::optional<catalog::DecodedFields> fields;
  std::string error;
  std::optional<session::Response> response;
};

Answer ask(transport::Transport& t, const catalog::Catalog& catalog, std::string_view id, const catalog::FieldValues& values) {
  Answer a;
  const auto* cmd = catalog.find(id);
  if (cmd == nullptr) {
    a.error = fmt::format("{}: not in the catalog", id);
    return a;
  }
  auto data = catalog::encode_request(*cmd, values);
  if (!data) {
    a.error = data.error();
    return a;
  }
  auto r = t.request(session::Request{cmd->netfn, cmd->cmd, std::move(*data), 0, std::nullopt});
  if (!r) {
    a.error = fmt::format("{}: {}", cmd->name, r.error().message);
    return a;
  }
  a.response = *r;
  if (r->completion_code != 0) {
    a.error = fmt::format("{}: completion code {:02X}h ({})", cmd->name, r->completion_code,
                          catalog::completion_code_name(cmd, r->completion_code));
    return a;
  }
  auto d = catalog::decode_response(*cmd, r->completion_code, view(r->data));
  if (!d) {
    a.error = fmt::format("{}: the response does not decode ({})", cmd->name, to_string(d.error()));
    return a;
  }
  a.fields = std::move(*d);
  return a;
}

}  // namespace

ProbeResult probe_target(transport::Transport& t, const catalog::Catalog& catalog, std::uint8_t channel) {
  ProbeResult p;
  auto& caps = p.capabilities;

  // Get Device ID: the identity, and proof that the target answers at all.
  auto dev = ask(t, catalog, "get-device-id", {});
  if (dev.fields) {
    p.answered = true;
    const auto& f = *dev.fields;
    auto n = [&](std::string_view name) { return f.number(name); };
    if (auto v = n("device_id")) p.identity.device_id = static_cast<std::uint8_t>(*v);
    if (auto v = n("device_revision")) p.identity.device_revision = static_cast<std::uint8_t>(*v);
    if (auto maj = n("major_firmware_revision"), min = n("minor_firmware_revision"); maj && min) {
      p.identity.firmware = fmt::format("{}.{:02x}", *maj, *min);  // minor is BCD
    }
    if (auto maj = n("ipmi_version_major"), min = n("ipmi_version_minor"); maj && min) {
      p.identity.ipmi_version = fmt::format("{}.{}", *maj, *min);
    }
    if (auto v = n("manufacturer_id")) {
      p.identity.manufacturer_id = static_cast<std::uint32_t>(*v);
      p.identity.manufacturer_name = std::string(iana_enterprise_name(*p.identity.manufacturer_id));
    }
    if (auto v = n("product_id")) p.identity.product_id = static_cast<std::uint16_t>(*v);
  } else if (dev.response) {
    p.answered = true;  // it answered, only not as it should: the cases will say more
    caps.notes.push_back(dev.error);
  } else {
    p.error = dev.error;
    return p;
  }

  // The GUID for the report: Get System GUID (§22.14, the one RAKP 2 carries), else Get
  // Device GUID (§20.8, the controller's). Both are optional commands: a BMC with neither
  // has no GUID in the report, and no note (the cases of those commands judge them).
  for (const char* id : {"get-system-guid", "get-device-guid"}) {
    auto g = ask(t, catalog, id, {});
    if (!g.response || g.response->completion_code != 0) continue;
    p.identity.guid = ipmi_guid_text(view(g.response->data));
    if (!p.identity.guid.empty()) break;
  }

  // Get Channel Authentication Capabilities with the IPMI 2.0 extended data (§22.13).
  auto ac = ask(t, catalog, "get-channel-auth-caps",
                {{"channel_number", channel}, {"get_ipmi_v20_extended_data", 1}, {"requested_maximum_privilege_level", 4}});
  if (ac.fields) {
    const auto& f = *ac.fields;
    if (auto v = f.number("channel_number")) caps.lan_channel = static_cast<std::uint8_t>(*v);
    const bool extended = f.number("ipmi_v20_extended_capabilities_available").value_or(0) != 0;
    if (extended) {
      caps.ipmi15 = f.number("channel_supports_ipmi_v15_connections").value_or(0) != 0;
      caps.ipmi20 = f.number("channel_supports_ipmi_v20_connections").value_or(0) != 0;
    } else {
      caps.ipmi15 = true;  // an IPMI 1.5 BMC: no extended data at all
      caps.ipmi20 = false;
    }
    static constexpr std::pair<const char*, const char*> kAuth[] = {
        {"authentication_type_none", "none"},
        {"authentication_type_md2", "md2"},
        {"authentication_type_md5", "md5"},
        {"authentication_type_straight_password_key", "password"},
        {"authentication_type_oem_proprietary", "oem"}};
    for (const auto& [field, name] : kAuth) {
      if (f.number(field).value_or(0) != 0) caps.auth_types.emplace_back(name);
    }
  } else {
    caps.notes.push_back(ac.error);
  }

  // The LAN channel's number, when Get Channel Auth Caps did not say (some BMCs refuse it
  // inside a session, e.g. OpenIPMI's ipmi_sim with D5h): Get Channel Info for "this
  // channel" (0Eh, §22.24) names the channel the session runs on.
  if (!caps.lan_channel) {
    auto ci = ask(t, catalog, "get-channel-info", {{"channel_number", 0x0e}});
    if (ci.fields) {
      if (auto v = ci.fields->number("actual_channel_number")) caps.lan_channel = static_cast<std::uint8_t>(*v);
    }
  }

  // Get Channel Cipher Suites, listed by cipher suite, until a short answer (§22.15).
  if (caps.ipmi20.value_or(true)) {
    Bytes records;
    std::string error;
    for (unsigned index = 0; index <= session::kCipherSuiteMaxListIndex; ++index) {
      auto cs = ask(t, catalog, "get-channel-cipher-suites",
                    {{"channel_number", channel}, {"payload_type", 0}, {"list_index", index},
                     {"list_algorithms_by_cipher_suite", 1}});
      if (!cs.response || cs.response->completion_code != 0 || cs.response->data.empty()) {
        error = cs.error.empty() ? std::string("Get Channel Cipher Suites: an empty answer") : cs.error;
        break;
      }
      const Bytes& d = cs.response->data;
      records.insert(records.end(), d.begin() + 1, d.end());
      if (d.size() - 1 < session::kCipherSuiteRecordBytesPerResponse) break;
    }
    if (!error.empty()) {
      caps.notes.push_back(error);
    } else if (auto parsed = session::decode_cipher_suite_records(view(records))) {
      for (const auto& rec : *parsed) {
        if (!rec.oem_iana) caps.cipher_suites.push_back(rec.id);
      }
    } else {
      caps.notes.push_back("Get Channel Cipher Suites: the record data does not decode (" + to_string(parsed.error()) + ")");
    }
  }

  // Get Session Info for this session (index 0): the user ID behind $user_id.
  auto si = ask(t, catalog, "get-session-info", {{"session_index", 0}});
  if (si.fields) {
    if (auto v = si.fields->number("user_id")) p.user_id = static_cast<std::uint8_t>(*v);
  }
  return p;
}

}  // namespace ipmict::runner
