// The simulated BMC: the model (sim/model) and the command dispatcher. Every catalog
// command goes through the same checks before its handler (sim/commands) sees it:
//   1. C1h when the catalog or the model does not know the command;
//   2. D4h when the requester's privilege is below the catalog's (Local = system interface
//      only; session-less LAN requests reach only "any" commands);
//   3. C7h when the request length fits none of the catalog's layouts;
//   4. CCh when a reserved request bit is set;
// then the handler's field values are encoded by the catalog, and the personalities'
// command faults are applied last (DESIGN.md §8).
#include "sim/bmc.hpp"

#include <algorithm>

#include "protocol/catalog/catalog.hpp"
#include "sim/commands/handler.hpp"
#include "sim/model/model.hpp"
#include "sim/model/persistence.hpp"

namespace ipmict::sim {

namespace {

// D4h, or nothing when the requester may run a command needing `required`.
bool privilege_allows(const catalog::RequiredPrivilege& required, const Context& context) {
  using catalog::PrivilegeKind;
  // The system interface is Local: the highest privilege, and the only one for Local.
  if (context.interface == Context::Interface::system) return true;
  if (required.kind == PrivilegeKind::local) return false;
  if (required.kind == PrivilegeKind::any || required.kind == PrivilegeKind::session_less) return true;
  // IPMB requesters are other controllers on a session-less bus: no session privilege to
  // compare, they are trusted like the BMC's own firmware (but are not Local).
  if (context.interface == Context::Interface::ipmb) return true;
  if (!context.session.privilege) return false;  // session-less LAN: "any" commands only
  return static_cast<std::uint8_t>(*context.session.privilege) >= static_cast<std::uint8_t>(required.level);
}

bool has_reserved_bits_set(const catalog::DecodedFields& fields) {
  return std::any_of(fields.fields.begin(), fields.fields.end(), [](const catalog::FieldValue& f) {
    if (!f.reserved) return false;
    if (f.number) return *f.number != 0;
    return std::any_of(f.bytes.begin(), f.bytes.end(), [](std::uint8_t b) { return b != 0; });
  });
}

// Sets every reserved bit of the response's layout that the data covers.
void set_reserved_response_bits(const catalog::CommandDescriptor& desc, Bytes& data) {
  auto decoded = catalog::decode_response(desc, 0, view(data));
  if (!decoded) return;
  for (const auto& layout : desc.response) {
    if (layout.name != decoded->layout_name) continue;
    for (const auto& f : layout.fields) {
      if (!f.reserved || f.kind != catalog::FieldKind::uint) continue;
      if (decoded->find(f.name) == nullptr) continue;  // absent optional group
      for (unsigned bit = f.bit_offset; bit < unsigned{f.bit_offset} + f.bit_width; ++bit) {
        const std::size_t byte = f.byte_offset + bit / 8;
        if (byte < data.size()) data[byte] = static_cast<std::uint8_t>(data[byte] | (1u << (bit % 8)));
      }
    }
  }
}

// The configuration a personality brings (the security profile's weak configurations):
// its accounts replace the users with the same ID (or are added), its IPMI 1.5 auth types
// are enabled at every privilege level.
SimConfig with_personality_configuration(SimConfig c) {
  for (const auto& p : c.personalities) {
    for (const auto& a : p.accounts) {
      auto same = std::find_if(c.users.begin(), c.users.end(), [&](const UserConfig& u) { return u.id == a.id; });
      if (same != c.users.end()) *same = a;
      else c.users.push_back(a);
    }
    if (p.enable_auth_types != 0) {
      for (std::size_t level = 1; level <= 4; ++level) {
        c.lan.auth_types[level] = static_cast<std::uint8_t>(c.lan.auth_types[level] | p.enable_auth_types);
      }
    }
  }
  return c;
}

// Per-request lookups by index instead of a search of the catalog and a map: one slot per
// request netFn (00h-3Eh, even) and command. The same for every Bmc (the shared built-in
// catalog and the static handler set), so built once: a Bmc is made per simulator and per
// fuzz input, and 8192 catalog searches were most of its cost. The catalog's first
// descriptor of a netFn/cmd wins (as Catalog::find), a handler registered later replaces
// an earlier one.
struct DispatchTable {
  static std::size_t slot(std::uint8_t netfn, std::uint8_t cmd) {
    return (static_cast<std::size_t>(netfn & 0x3e) >> 1) << 8 | cmd;
  }
  std::vector<const catalog::CommandDescriptor*> descriptors = std::vector<const catalog::CommandDescriptor*>(32 * 256);
  std::vector<Handler> handlers = std::vector<Handler>(32 * 256);

  static const DispatchTable& shared() {
    static const DispatchTable table = [] {
      DispatchTable t;
      std::vector<HandlerEntry> entries;
      add_device_handlers(entries);
      add_user_handlers(entries);
      add_channel_handlers(entries);
      add_session_info_handlers(entries);
      add_event_handlers(entries);
      add_system_info_handlers(entries);
      add_sel_handlers(entries);
      add_sdr_handlers(entries);
      add_sensor_handlers(entries);
      add_fru_handlers(entries);
      add_chassis_handlers(entries);
      add_watchdog_handlers(entries);
      add_lan_config_handlers(entries);
      add_messaging_handlers(entries);
      for (const auto& d : catalog::shared_builtin_catalog().all()) {
        if (d.netfn >= 0x40 || (d.netfn & 1u) != 0) continue;
        const std::size_t i = slot(d.netfn, d.cmd);
        if (t.descriptors[i] == nullptr) t.descriptors[i] = &d;
      }
      for (const auto& e : entries) {
        if ((e.netfn & 0xfeu) >= 0x40) continue;  // slot() takes the request netFn (bit 0 ignored)
        t.handlers[slot(e.netfn, e.cmd)] = e.handler;
      }
      return t;
    }();
    return table;
  }
};

}  // namespace

struct Bmc::Impl {
  explicit Impl(SimConfig config)
      : model(with_personality_configuration(std::move(config))), table(DispatchTable::shared()) {
    ignore_privilege = std::any_of(model.config.personalities.begin(), model.config.personalities.end(),
                                   [](const Personality& p) { return p.ignore_command_privilege; });
  }

  // The catalog's descriptor of a request netFn/cmd (netFn 40h and up: none).
  const catalog::CommandDescriptor* descriptor(std::uint8_t netfn, std::uint8_t cmd) const {
    return netfn >= 0x40 ? nullptr : table.descriptors[DispatchTable::slot(netfn, cmd)];
  }

  Reply dispatch(const Context& context, const session::Request& request, session::TimePoint now) {
    if ((request.netfn & 0x01) != 0) return completion(cc::invalid_command);  // a response netFn
    const catalog::CommandDescriptor* desc = descriptor(request.netfn, request.cmd);
    if (desc == nullptr) return completion(cc::invalid_command);
    const ByteView data = view(request.data);
    const Handler handler = table.handlers[DispatchTable::slot(request.netfn, request.cmd)];
    if (handler == nullptr) return completion(cc::invalid_command);  // described, not implemented
    if (!ignore_privilege && !privilege_allows(desc->privilege, context)) return completion(cc::insufficient_privilege);
    auto fields = catalog::decode_request(*desc, data);
    if (!fields) return completion(cc::request_length_invalid);
    if (has_reserved_bits_set(*fields)) return completion(cc::invalid_field);
    Call call{model, context, *desc, *fields, data, now};
    return handler(call);
  }

  Model model;
  const DispatchTable& table;  // DispatchTable::shared()
  bool ignore_privilege = false;  // a personality's ignore_command_privilege
};

Bmc::Bmc(SimConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Bmc::~Bmc() = default;

session::Response Bmc::handle(const Context& context, const session::Request& request, session::TimePoint now) {
  impl_->model.advance(now);
  session::Response response;
  response.netfn = static_cast<std::uint8_t>(request.netfn | 0x01);
  response.cmd = request.cmd;
  Reply reply = impl_->dispatch(context, request, now);
  response.completion_code = reply.completion_code;
  const catalog::CommandDescriptor* desc = impl_->descriptor(request.netfn, request.cmd);
  if (reply.completion_code == cc::ok && desc != nullptr) {
    auto encoded = catalog::encode_response(*desc, reply.fields, reply.layout);
    if (encoded) {
      response.data = std::move(*encoded);
    } else {
      response.completion_code = 0xff;  // a handler/catalog mismatch: unspecified error, never a half answer
    }
  }
  // Personalities: named non-conformances, applied after the conformant answer.
  for (const auto& p : impl_->model.config.personalities) {
    for (const auto& f : p.commands) {
      if ((f.netfn & 0xfe) != (request.netfn & 0xfe) || f.cmd != request.cmd) continue;
      if (f.completion_code) {
        response.completion_code = *f.completion_code;
        if (*f.completion_code != cc::ok) response.data.clear();
      }
      if (f.set_reserved_bits && desc != nullptr) set_reserved_response_bits(*desc, response.data);
      if (f.drop_last_byte && !response.data.empty()) response.data.pop_back();
      if (f.extra_byte) response.data.push_back(0x00);
    }
  }
  return response;
}

std::optional<session::ServerUser> Bmc::user_by_name(ByteView name) const {
  auto trimmed = [](ByteView b) {
    std::size_t n = b.size();
    while (n > 0 && b[n - 1] == 0) --n;
    return std::string(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
  };
  const std::string wanted = trimmed(name);
  const Model& m = impl_->model;
  const UserConfig* found = nullptr;
  for (const auto& u : m.config.users) {
    if (u.name != wanted) continue;
    if (wanted.empty() && u.id != 1) continue;  // the null user is user 1 (§22.28)
    if (found == nullptr || (!found->enabled && u.enabled)) found = &u;
  }
  if (found == nullptr) return std::nullopt;
  session::ServerUser su;
  su.id = found->id;
  su.name.assign(found->name.begin(), found->name.end());
  su.password = found->password;
  su.enabled = found->enabled;
  const auto* a = Model::access(*found, m.lan_channel());
  su.ipmi_messaging = a != nullptr && a->ipmi_messaging;
  su.privilege_limit = a != nullptr ? a->privilege_limit : Privilege::no_access;
  su.session_limit = a != nullptr ? a->session_limit : 0;
  return su;
}

session::ServerConfig Bmc::lan_server_config() const {
  const Model& m = impl_->model;
  const LanConfig& lan = m.config.lan;
  session::ServerConfig c;
  c.channel = m.lan_channel();
  c.ipmi15 = lan.ipmi15;
  c.ipmi20 = lan.ipmi20;
  if (const auto* ch = m.channel(c.channel)) c.channel_privilege_limit = ch->volatile_.privilege_limit;
  std::copy(std::begin(lan.auth_types), std::end(lan.auth_types), std::begin(c.auth_types));
  c.cipher_suites = lan.cipher_suites;
  if (!lan.kg.empty()) c.kg = lan.kg;
  c.guid = m.config.identity.system_guid;  // RAKP 2 carries the system GUID (§13.21)
  c.max_sessions = lan.max_sessions;
  c.session_timeout = session::Millis(lan.session_timeout_ms);
  for (const auto& p : m.config.personalities) {
    const auto& q = p.session;
    c.quirks.accept_cipher_suite_0 |= q.accept_cipher_suite_0;
    c.quirks.rakp2_hmac_wrong_privilege |= q.rakp2_hmac_wrong_privilege;
    c.quirks.null_user_any_password |= q.null_user_any_password;
    c.quirks.reuse_session_ids |= q.reuse_session_ids;
    c.quirks.ignore_replay_window |= q.ignore_replay_window;
    c.quirks.outbound_sequence_off_by_one |= q.outbound_sequence_off_by_one;
    c.quirks.outbound_sequence_byte_swapped |= q.outbound_sequence_byte_swapped;
    c.quirks.usable_after_rakp1 |= q.usable_after_rakp1;
    c.quirks.integrity_pad_always_4 |= q.integrity_pad_always_4;
    c.quirks.sequential_session_ids |= q.sequential_session_ids;
    c.quirks.keep_closed_sessions |= q.keep_closed_sessions;
    c.quirks.privilege_above_limit |= q.privilege_above_limit;
    c.quirks.hold_half_open_sessions |= q.hold_half_open_sessions;
  }
  return c;
}

void Bmc::set_session_table(std::function<std::vector<session::SessionInfo>()> table) {
  impl_->model.session_table = std::move(table);
}

const std::vector<Personality>& Bmc::personalities() const { return impl_->model.config.personalities; }

tl::expected<void, std::string> Bmc::save(const std::filesystem::path& dir) const {
  return save_state(impl_->model, dir);
}

tl::expected<void, std::string> Bmc::load(const std::filesystem::path& dir) { return load_state(impl_->model, dir); }

}  // namespace ipmict::sim
