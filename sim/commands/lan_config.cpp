// Get LAN Configuration Parameters (IPMI 2.0 §23.2, Table 23-4).
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

inline constexpr std::uint8_t kParameterRevision = 0x11;
// Auth types the session layer implements for IPMI 1.5 (§23.2 parameter 1): MD2, MD5,
// straight password. "none" is not offered by this simulator.
inline constexpr std::uint8_t kAuthTypeSupport = 0x16;

template <std::size_t N>
Bytes bytes_of(const std::array<std::uint8_t, N>& a) {
  return Bytes(a.begin(), a.end());
}

std::optional<Bytes> parameter(const Model& m, std::uint8_t selector) {
  const LanConfig& lan = m.config.lan;
  switch (selector) {
    case 0: return Bytes{m.lan_set_in_progress};
    case 1: return Bytes{kAuthTypeSupport};
    case 2: {
      Bytes out;
      for (std::size_t p = 1; p <= 5; ++p) out.push_back(static_cast<std::uint8_t>(lan.auth_types[p] & 0x37));
      return out;
    }
    case 3: return bytes_of(lan.ip_address);
    case 4: return Bytes{static_cast<std::uint8_t>(lan.ip_address_source & 0x0f)};
    case 5: return bytes_of(lan.mac_address);
    case 6: return bytes_of(lan.subnet_mask);
    case 12: return bytes_of(lan.default_gateway);
    case 22: return Bytes{static_cast<std::uint8_t>(std::min<std::size_t>(lan.cipher_suites.size(), 16))};
    case 23: {  // reserved byte, then the suite IDs (entries A..P)
      Bytes out{0x00};
      for (std::size_t i = 0; i < lan.cipher_suites.size() && i < 16; ++i) out.push_back(lan.cipher_suites[i].id);
      return out;
    }
    case 24: {  // reserved byte, then two 4-bit maximum privileges per byte (entry A low nibble)
      Bytes out(9, 0x00);
      for (std::size_t i = 0; i < lan.cipher_suites.size() && i < 16; ++i) {
        const auto p = static_cast<std::uint8_t>(lan.cipher_suites[i].max_privilege) & 0x0f;
        out[1 + i / 2] = static_cast<std::uint8_t>(out[1 + i / 2] | (i % 2 == 0 ? p : p << 4));
      }
      return out;
    }
    default: return std::nullopt;
  }
}

Reply get_lan_config_params(Call& c) {
  const ChannelConfig* ch = c.model.channel(c.channel());
  if (ch == nullptr || ch->medium != ChannelConfig::Medium::lan) return completion(cc::invalid_field);
  auto data = parameter(c.model, c.u8("parameter_selector"));
  if (!data) return completion(0x80);  // parameter not supported
  if (c.number("get_parameter_revision_only") != 0) data->clear();
  return ok({{"parameter_revision", kParameterRevision}, {"configuration_parameter_data", *data}});
}

}  // namespace

void add_lan_config_handlers(std::vector<HandlerEntry>& out) { out.push_back({0x0c, 0x02, get_lan_config_params}); }

}  // namespace ipmict::sim
