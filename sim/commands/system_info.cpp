// System Info Parameters (IPMI 2.0 §22.14a/b, Table 22-16c).
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

inline constexpr std::uint8_t kParameterRevision = 0x11;
inline constexpr std::uint8_t kSetInProgress = 0;
inline constexpr std::uint8_t kLastStringParameter = 7;  // 1..7: 16-byte string blocks
inline constexpr std::uint8_t kMaxBlock = 15;            // 256-byte strings at most

Reply set_system_info_params(Call& c) {
  const std::uint8_t p = c.u8("parameter_selector");
  const Bytes data = c.bytes("configuration_parameter_data");
  if (p == kSetInProgress) {
    if (data.size() != 1) return completion(cc::request_length_invalid);
    if ((data[0] & 0xfc) != 0) return completion(cc::invalid_field);
    const std::uint8_t v = data[0] & 0x03;
    if (v == 3) return completion(cc::invalid_field);
    // §22.14a: "set in progress" while a set is already in progress is refused (81h).
    if (v == 1 && c.model.system_info_set_in_progress == 1) return completion(0x81);
    c.model.system_info_set_in_progress = v == 2 ? 0 : v;  // commit write completes at once
    return ok();
  }
  if (p > kLastStringParameter) return completion(0x80);  // parameter not supported
  // Data 1 = set selector (block number), data 2-17 = one 16-byte block.
  if (data.size() != 17) return completion(cc::request_length_invalid);
  if (data[0] > kMaxBlock) return completion(cc::parameter_out_of_range);
  if (data[0] == 0 && (data[1] & 0xf0) != 0) return completion(cc::invalid_field);  // encoding [7:4] reserved
  if (data[0] == 0 && (data[1] & 0x0f) > 2) return completion(cc::invalid_field);   // ASCII, UTF-8, UNICODE
  std::array<std::uint8_t, 16> block{};
  std::copy(data.begin() + 1, data.end(), block.begin());
  c.model.system_info[p][data[0]] = block;
  return ok();
}

Reply get_system_info_params(Call& c) {
  const std::uint8_t p = c.u8("parameter_selector");
  if (p > kLastStringParameter) return completion(0x80);
  if (c.number("get_parameter_revision_only") != 0)
    return ok({{"parameter_revision", kParameterRevision}, {"configuration_parameter_data", Bytes{}}});
  Bytes data;
  if (p == kSetInProgress) {
    data.push_back(c.model.system_info_set_in_progress);
  } else {
    const std::uint8_t set = c.u8("set_selector");
    if (set > kMaxBlock) return completion(cc::parameter_out_of_range);
    data.push_back(set);
    std::array<std::uint8_t, 16> block{};  // unset blocks read as zeros (seed A15)
    auto param = c.model.system_info.find(p);
    if (param != c.model.system_info.end()) {
      auto b = param->second.find(set);
      if (b != param->second.end()) block = b->second;
    }
    data.insert(data.end(), block.begin(), block.end());
  }
  return ok({{"parameter_revision", kParameterRevision}, {"configuration_parameter_data", data}});
}

}  // namespace

void add_system_info_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x58, set_system_info_params});
  out.push_back({0x06, 0x59, get_system_info_params});
}

}  // namespace ipmict::sim
