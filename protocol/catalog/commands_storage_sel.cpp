// NetFn Storage (0Ah), IPMI 2.0 ch. 31: SEL device commands. Record layouts: ch. 32.
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

namespace {

// The three SEL record forms of IPMI 2.0 §32 as layouts discriminated by the record type
// (byte `at + 2`), plus `fallback` for any other type.
std::vector<Layout> sel_record_layouts(std::size_t at, std::vector<Field> prefix, bool decisive) {
  auto with_prefix = [&](std::vector<Field> rec) {
    std::vector<Field> all = prefix;
    all.insert(all.end(), rec.begin(), rec.end());
    return all;
  };
  auto make = decisive ? layout_when : layout_hint;
  std::vector<Layout> out;
  out.push_back(make("system_event_record", at + 2, 7, 0, 0x02, 0x02, with_prefix(sel_system_event_record(at))));
  out.push_back(make("oem_timestamped_record", at + 2, 7, 0, 0xc0, 0xdf, with_prefix({
      u16("record_id", at),
      u8("record_type", at + 2),
      u32("timestamp", at + 3),
      bits("manufacturer_id", at + 7, 23, 0).show(Display::decimal),
      bytes("oem_defined", at + 10, 6),
  })));
  out.push_back(make("oem_non_timestamped_record", at + 2, 7, 0, 0xe0, 0xff, with_prefix({
      u16("record_id", at),
      u8("record_type", at + 2),
      bytes("oem_defined", at + 3, 13),
  })));
  return out;
}

}  // namespace

void add_storage_sel_commands(std::vector<CommandDescriptor>& out) {
  out.push_back(command(netfn_storage, 0x40, "Get SEL Info", "get-sel-info", priv_user, M, "IPMI 2.0 §31.2")
    .rs({layout({
      u8("sel_version", 0).vals({{0x51, "IPMI 1.5/2.0 (51h)"}}),
      u16("entries", 1).show(Display::decimal),
      u16("free_space", 3).show(Display::decimal).desc("bytes"),
      u32("most_recent_addition_timestamp", 5),
      u32("most_recent_erase_timestamp", 9),
      bit("get_sel_allocation_info_supported", 13, 0),
      bit("reserve_sel_supported", 13, 1),
      bit("partial_add_sel_entry_supported", 13, 2),
      bit("delete_sel_supported", 13, 3),
      rsv("reserved1", 13, 6, 4),
      bit("overflow", 13, 7),
    })}).d);

  // IPMI 2.0 §31.3, Table 31-3: sizes are in allocation units (LS byte first).
  out.push_back(command(netfn_storage, 0x41, "Get SEL Allocation Info", "get-sel-allocation-info", priv_user, O,
                        "IPMI 2.0 §31.3")
    .rs({layout({
      u16("number_of_possible_allocation_units", 0).show(Display::decimal),
      u16("allocation_unit_size", 2).show(Display::decimal).desc("bytes; 0000h = unspecified"),
      u16("number_of_free_allocation_units", 4).show(Display::decimal),
      u16("largest_free_block", 6).show(Display::decimal).desc("allocation units"),
      u8("maximum_record_size", 8).show(Display::decimal).desc("allocation units"),
    })}).d);

  out.push_back(command(netfn_storage, 0x42, "Reserve SEL", "reserve-sel", priv_user, O, "IPMI 2.0 §31.4")
    .rs({layout({u16("reservation_id", 0)})})
    .cc({{0x81, "cannot execute command, SEL erase in progress"}}).d);

  // A full 16-byte record decodes by record type; a partial read (offset / byte count)
  // stays as bytes.
  const F next_record_id = u16("next_record_id", 0).vals({{0xffff, "last record"}});
  std::vector<Layout> get_entry = sel_record_layouts(2, {next_record_id}, false);
  get_entry.push_back(layout("partial", {next_record_id, rest("record_data", 2)}));
  out.push_back(command(netfn_storage, 0x43, "Get SEL Entry", "get-sel-entry", priv_user, M, "IPMI 2.0 §31.5")
    .rq({layout({
      u16("reservation_id", 0).desc("0000h only for a read from offset 0"),
      u16("record_id", 2).vals({{0x0000, "first entry"}, {0xffff, "last entry"}}),
      u8("offset_into_record", 4),
      u8("bytes_to_read", 5).vals({{0xff, "entire record"}}),
    })})
    .rs(get_entry)
    .cc({{0x81, "cannot execute command, SEL erase in progress"}}).d);

  std::vector<Layout> add_entry = sel_record_layouts(0, {}, true);
  add_entry.push_back(layout("record", {u16("record_id", 0), u8("record_type", 2), bytes("record_data", 3, 13)}));
  out.push_back(command(netfn_storage, 0x44, "Add SEL Entry", "add-sel-entry", priv_operator, M, "IPMI 2.0 §31.6")
    .rq(add_entry)
    .rs({layout({u16("record_id", 0)})})
    .cc({{0x80, "operation not supported for this Record Type"}, {0x81, "cannot execute command, SEL erase in progress"}}).d);

  out.push_back(command(netfn_storage, 0x46, "Delete SEL Entry", "delete-sel-entry", priv_operator, O, "IPMI 2.0 §31.8")
    .rq({layout({u16("reservation_id", 0), u16("record_id", 2).vals({{0x0000, "first entry"}, {0xffff, "last entry"}})})})
    .rs({layout({u16("record_id", 0)})})
    .cc({{0x80, "operation not supported for this Record Type"}, {0x81, "cannot execute command, SEL erase in progress"}}).d);

  out.push_back(command(netfn_storage, 0x47, "Clear SEL", "clear-sel", priv_operator, M, "IPMI 2.0 §31.9")
    .rq({layout({
      u16("reservation_id", 0),
      u8("c", 2).desc("43h 'C'"),
      u8("l", 3).desc("4Ch 'L'"),
      u8("r", 4).desc("52h 'R'"),
      u8("operation", 5).vals({{0x00, "get erasure status"}, {0xaa, "initiate erase"}}),
    })})
    .rs({layout({
      bits("erasure_progress", 0, 3, 0).vals({{0, "erasure in progress"}, {1, "erase completed"}}),
      rsv("reserved1", 0, 7, 4),
    })}).d);

  out.push_back(command(netfn_storage, 0x48, "Get SEL Time", "get-sel-time", priv_user, M, "IPMI 2.0 §31.10")
    .rs({layout({u32("time", 0).desc("seconds since 1970-01-01 UTC, LS byte first")})}).d);

  out.push_back(command(netfn_storage, 0x49, "Set SEL Time", "set-sel-time", priv_operator, M, "IPMI 2.0 §31.11")
    .rq({layout({u32("time", 0)})}).d);
}

}  // namespace ipmict::catalog::dsl
