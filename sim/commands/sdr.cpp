// SDR repository commands (IPMI 2.0 ch. 33). The repository is read-only: its records are
// generated from the configuration (sim/model/sdr_records.cpp).
#include <algorithm>

#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

Reply get_sdr_repository_info(Call& c) {
  const Model& m = c.model;
  return ok({
      {"sdr_version", 0x51},
      {"record_count", m.sdr.size()},
      {"free_space", 0},  // no Add SDR: nothing can be added
      {"most_recent_addition_timestamp", m.sdr_last_addition},
      {"most_recent_erase_timestamp", kTimestampUnspecified},
      {"get_sdr_repository_allocation_info_supported", 0},
      {"reserve_sdr_repository_supported", 1},
      {"partial_add_sdr_supported", 0},
      {"delete_sdr_supported", 0},
      {"modal_non_modal_update_support", 0},
      {"overflow", 0},
  });
}

Reply reserve_sdr_repository(Call& c) {
  c.model.sdr_reservation = c.model.new_reservation_id();
  return ok({{"reservation_id", c.model.sdr_reservation}});
}

Reply get_sdr(Call& c) {
  Model& m = c.model;
  const std::uint16_t reservation = c.u16("reservation_id");
  const std::uint8_t offset = c.u8("offset_into_record");
  const std::uint8_t count = c.u8("bytes_to_read");
  // §33.12: a reservation is required for reads that do not start at offset 0.
  if ((offset != 0 || reservation != 0) && (reservation == 0 || reservation != m.sdr_reservation))
    return completion(cc::reservation_cancelled);
  if (m.sdr.empty()) return completion(cc::not_present);
  const std::uint16_t id = c.u16("record_id");
  std::size_t i = 0;
  if (id == 0xffff) i = m.sdr.size() - 1;
  else if (id != 0x0000) i = id - 1u;
  if (i >= m.sdr.size()) return completion(cc::not_present);
  const Bytes& record = m.sdr[i];
  if (offset >= record.size()) return completion(cc::parameter_out_of_range);
  const std::size_t n = count == 0xff ? record.size() - offset : count;
  // More bytes than the record holds past the offset: "cannot return number of requested
  // data bytes" (CAh), as clients that read in chunks expect.
  if (offset + n > record.size()) return completion(cc::cannot_return_bytes);
  const std::uint16_t next = i + 1 < m.sdr.size() ? static_cast<std::uint16_t>(i + 2) : 0xffff;
  return ok({{"next_record_id", next},
             {"record_data", Bytes(record.begin() + offset, record.begin() + static_cast<std::ptrdiff_t>(offset + n))}});
}

}  // namespace

void add_sdr_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x0a, 0x20, get_sdr_repository_info});
  out.push_back({0x0a, 0x22, reserve_sdr_repository});
  out.push_back({0x0a, 0x23, get_sdr});
}

}  // namespace ipmict::sim
