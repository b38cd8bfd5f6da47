// FRU inventory device commands (IPMI 2.0 ch. 34).
#include <algorithm>

#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

// The largest Read FRU Data this BMC answers in one response; more is "cannot return
// number of requested data bytes" (CAh), and clients read in smaller pieces.
inline constexpr std::size_t kMaxFruRead = 64;

const FruConfig* fru(const Model& m, std::uint8_t id) {
  for (const auto& f : m.config.fru)
    if (f.device_id == id) return &f;
  return nullptr;
}

Reply get_fru_inventory_area_info(Call& c) {
  const std::uint8_t id = c.u8("fru_device_id");
  if (id == 0xff) return completion(cc::invalid_field);  // reserved
  const FruConfig* f = fru(c.model, id);
  if (f == nullptr) return completion(cc::not_present);
  return ok({{"fru_inventory_area_size", std::min<std::size_t>(f->data.size(), 0xffff)}, {"device_access", 0}});
}

Reply read_fru_data(Call& c) {
  const std::uint8_t id = c.u8("fru_device_id");
  if (id == 0xff) return completion(cc::invalid_field);
  const FruConfig* f = fru(c.model, id);
  if (f == nullptr) return completion(cc::not_present);
  const std::size_t offset = c.u16("fru_inventory_offset");
  const std::size_t count = c.u8("count_to_read");
  if (offset >= f->data.size()) return completion(cc::parameter_out_of_range);
  if (count > kMaxFruRead) return completion(cc::cannot_return_bytes);
  // §34.2: fewer bytes than asked for at the end of the area; count_returned says how many.
  const std::size_t n = std::min(count, f->data.size() - offset);
  const auto from = f->data.begin() + static_cast<std::ptrdiff_t>(offset);
  return ok({{"requested_data", Bytes(from, from + static_cast<std::ptrdiff_t>(n))}});
}

}  // namespace

void add_fru_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x0a, 0x10, get_fru_inventory_area_info});
  out.push_back({0x0a, 0x11, read_fru_data});
}

}  // namespace ipmict::sim
