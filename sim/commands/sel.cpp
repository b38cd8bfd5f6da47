// SEL device commands (IPMI 2.0 ch. 31).
#include <algorithm>

#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

inline constexpr std::uint8_t kSelVersion = 0x51;
inline constexpr std::size_t kSelRecordSize = 16;

std::uint16_t record_id_of(const SelRecordBytes& r) { return static_cast<std::uint16_t>(r[0] | (r[1] << 8)); }

Reply get_sel_info(Call& c) {
  const Model& m = c.model;
  const std::size_t free_entries = m.config.sel_capacity > m.sel.size() ? m.config.sel_capacity - m.sel.size() : 0;
  return ok({
      {"sel_version", kSelVersion},
      {"entries", m.sel.size()},
      {"free_space", std::min<std::size_t>(free_entries * kSelRecordSize, 0xfffe)},  // FFFEh = 65534 or more
      {"most_recent_addition_timestamp", m.sel_last_addition},
      {"most_recent_erase_timestamp", m.sel_last_erase},
      {"get_sel_allocation_info_supported", 1},
      {"reserve_sel_supported", 1},
      {"partial_add_sel_entry_supported", 0},
      {"delete_sel_supported", 1},
      {"overflow", m.sel_overflow},
  });
}

// Get SEL Allocation Info (0Ah/41h, §31.3): a record is one 16-byte allocation unit, and
// the free units are one contiguous block.
Reply get_sel_allocation_info(Call& c) {
  const Model& m = c.model;
  const std::size_t units = std::min<std::size_t>(m.config.sel_capacity, 0xfffe);
  const std::size_t free_units = units > m.sel.size() ? units - m.sel.size() : 0;
  return ok({
      {"number_of_possible_allocation_units", units},
      {"allocation_unit_size", kSelRecordSize},
      {"number_of_free_allocation_units", free_units},
      {"largest_free_block", free_units},
      {"maximum_record_size", 1},
  });
}

Reply reserve_sel(Call& c) {
  c.model.sel_reservation = c.model.new_reservation_id();
  return ok({{"reservation_id", c.model.sel_reservation}});
}

bool reservation_valid(const Model& m, std::uint16_t id) { return id != 0 && id == m.sel_reservation; }

Reply get_sel_entry(Call& c) {
  Model& m = c.model;
  const std::uint16_t reservation = c.u16("reservation_id");
  const std::uint8_t offset = c.u8("offset_into_record");
  const std::uint8_t count = c.u8("bytes_to_read");
  const bool partial = offset != 0 || (count != 0xff && count < kSelRecordSize);
  // §31.5: the reservation ID is only required for a partial read; a non-zero one given
  // must still be valid.
  if ((partial || reservation != 0) && !reservation_valid(m, reservation)) return completion(cc::reservation_cancelled);
  const std::size_t i = m.sel_index(c.u16("record_id"));
  if (i >= m.sel.size()) return completion(cc::not_present);
  if (offset >= kSelRecordSize) return completion(cc::parameter_out_of_range);
  const std::size_t n = count == 0xff ? kSelRecordSize - offset : count;
  if (offset + n > kSelRecordSize) return completion(cc::cannot_return_bytes);
  const SelRecordBytes& r = m.sel[i];
  const std::uint16_t next = i + 1 < m.sel.size() ? record_id_of(m.sel[i + 1]) : 0xffff;
  return ok({{"next_record_id", next},
             {"record_data", Bytes(r.begin() + offset, r.begin() + static_cast<std::ptrdiff_t>(offset + n))}},
            "partial");
}

Reply add_sel_entry(Call& c) {
  SelRecordBytes r{};
  std::copy_n(c.data.begin(), kSelRecordSize, r.begin());
  const std::uint8_t type = r[2];
  // §32: 02h system event, C0h-DFh OEM timestamped, E0h-FFh OEM non-timestamped.
  if (type != 0x02 && type < 0xc0) return completion(0x80);
  const auto id = c.model.add_sel_record(r, c.now);
  if (!id) return completion(cc::out_of_space);
  return ok({{"record_id", *id}});
}

Reply delete_sel_entry(Call& c) {
  Model& m = c.model;
  if (!reservation_valid(m, c.u16("reservation_id"))) return completion(cc::reservation_cancelled);
  const std::size_t i = m.sel_index(c.u16("record_id"));
  if (i >= m.sel.size()) return completion(cc::not_present);
  const std::uint16_t id = record_id_of(m.sel[i]);
  m.sel.erase(m.sel.begin() + static_cast<std::ptrdiff_t>(i));
  m.sel_last_erase = m.sel_time(c.now);
  m.sel_reservation = 0;  // §31.4: deleting an entry cancels the reservation
  return ok({{"record_id", id}});
}

Reply clear_sel(Call& c) {
  Model& m = c.model;
  const std::uint16_t reservation = c.u16("reservation_id");
  const std::uint8_t op = c.u8("operation");
  // Status polls may use the reservation that started the erase (the erase cancelled it).
  const bool valid = reservation_valid(m, reservation) || (op == 0x00 && reservation != 0 && reservation == m.sel_erase_reservation);
  if (!valid) return completion(cc::reservation_cancelled);
  if (c.u8("c") != 'C' || c.u8("l") != 'L' || c.u8("r") != 'R') return completion(cc::invalid_field);
  if (op == 0xaa) {
    m.sel.clear();
    m.sel_overflow = false;
    m.sel_last_erase = m.sel_time(c.now);
    m.sel_erase_reservation = reservation;
    m.sel_reservation = 0;  // §31.4: clearing the SEL cancels the reservation
  } else if (op != 0x00) {
    return completion(cc::invalid_field);
  }
  return ok({{"erasure_progress", 1}});  // the erase is immediate: always "completed"
}

Reply get_sel_time(Call& c) { return ok({{"time", c.model.sel_time(c.now)}}); }

Reply set_sel_time(Call& c) {
  c.model.set_sel_time(static_cast<std::uint32_t>(c.number("time")), c.now);
  return ok();
}

}  // namespace

void add_sel_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x0a, 0x40, get_sel_info});
  out.push_back({0x0a, 0x41, get_sel_allocation_info});
  out.push_back({0x0a, 0x42, reserve_sel});
  out.push_back({0x0a, 0x43, get_sel_entry});
  out.push_back({0x0a, 0x44, add_sel_entry});
  out.push_back({0x0a, 0x46, delete_sel_entry});
  out.push_back({0x0a, 0x47, clear_sel});
  out.push_back({0x0a, 0x48, get_sel_time});
  out.push_back({0x0a, 0x49, set_sel_time});
}

}  // namespace ipmict::sim
