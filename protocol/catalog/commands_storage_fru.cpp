// NetFn Storage (0Ah), IPMI 2.0 ch. 34: FRU inventory device commands.
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

void add_storage_fru_commands(std::vector<CommandDescriptor>& out) {
  out.push_back(command(netfn_storage, 0x10, "Get FRU Inventory Area Info", "get-fru-inventory-area-info", priv_user, M,
                        "IPMI 2.0 §34.1")
    .rq({layout({u8("fru_device_id", 0).vals({{0xff, "reserved"}})})})
    .rs({layout({
      u16("fru_inventory_area_size", 0).show(Display::decimal),
      bit("device_access", 2, 0).vals({{0, "by bytes"}, {1, "by words"}}),
      rsv("reserved1", 2, 7, 1),
    })}).d);

  out.push_back(command(netfn_storage, 0x11, "Read FRU Data", "read-fru-data", priv_user, M, "IPMI 2.0 §34.2")
    .rq({layout({
      u8("fru_device_id", 0).vals({{0xff, "reserved"}}),
      u16("fru_inventory_offset", 1),
      u8("count_to_read", 3).show(Display::decimal),
    })})
    .rs({layout({
      u8("count_returned", 0).show(Display::decimal).counts("requested_data"),
      rest("requested_data", 1),
    })})
    .cc({{0x81, "FRU device busy"}}).d);
}

}  // namespace ipmict::catalog::dsl
