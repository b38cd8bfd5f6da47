// NetFn Storage (0Ah), IPMI 2.0 ch. 33: SDR repository commands.
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

void add_storage_sdr_commands(std::vector<CommandDescriptor>& out) {
  out.push_back(command(netfn_storage, 0x20, "Get SDR Repository Info", "get-sdr-repository-info", priv_user, M,
                        "IPMI 2.0 §33.9")
    .rs({layout({
      u8("sdr_version", 0).vals({{0x51, "IPMI 1.5/2.0 (51h)"}}),
      u16("record_count", 1).show(Display::decimal),
      u16("free_space", 3).show(Display::decimal).desc("bytes; FFFEh = 65534 or more, FFFFh = unspecified"),
      u32("most_recent_addition_timestamp", 5),
      u32("most_recent_erase_timestamp", 9),
      bit("get_sdr_repository_allocation_info_supported", 13, 0),
      bit("reserve_sdr_repository_supported", 13, 1),
      bit("partial_add_sdr_supported", 13, 2),
      bit("delete_sdr_supported", 13, 3),
      rsv("reserved1", 13, 4, 4),
      bits("modal_non_modal_update_support", 13, 6, 5).vals({{0, "unspecified"}, {1, "non-modal"}, {2, "modal"}, {3, "modal and non-modal"}}),
      bit("overflow", 13, 7),
    })}).d);

  out.push_back(command(netfn_storage, 0x22, "Reserve SDR Repository", "reserve-sdr-repository", priv_user, M, "IPMI 2.0 §33.11")
    .rs({layout({u16("reservation_id", 0)})}).d);

  // The record data is a variable tail: a Get SDR may read a record in parts (offset/bytes
  // to read), so the response alone cannot say where in the record its bytes belong.
  out.push_back(command(netfn_storage, 0x23, "Get SDR", "get-sdr", priv_user, M, "IPMI 2.0 §33.12")
    .rq({layout({
      u16("reservation_id", 0).desc("0000h only for a read from offset 0"),
      u16("record_id", 2).vals({{0x0000, "first record"}, {0xffff, "last record"}}),
      u8("offset_into_record", 4),
      u8("bytes_to_read", 5).vals({{0xff, "entire record"}}),
    })})
    .rs({layout({
      u16("next_record_id", 0).vals({{0xffff, "last record"}}),
      rest("record_data", 2),
    })}).d);
}

}  // namespace ipmict::catalog::dsl
