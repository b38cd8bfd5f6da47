// NetFn Transport (0Ch), IPMI 2.0 ch. 23: LAN configuration.
#include "protocol/catalog/table_dsl.hpp"

namespace ipmict::catalog::dsl {

void add_transport_commands(std::vector<CommandDescriptor>& out) {
  // Parameter data stays bytes (IPMI 2.0 Table 23-4 layouts depend on the request's selector).
  out.push_back(command(netfn_transport, 0x02, "Get LAN Configuration Parameters", "get-lan-config-params", priv_operator, M,
                        "IPMI 2.0 §23.2, Table 23-3")
    .rq({layout({
      bits("channel_number", 0, 3, 0),
      rsv("reserved1", 0, 6, 4),
      bit("get_parameter_revision_only", 0, 7),
      u8("parameter_selector", 1).vals({{0, "Set In Progress"}, {1, "Authentication Type Support"},
                                        {2, "Authentication Type Enables"}, {3, "IP Address"},
                                        {4, "IP Address Source"}, {5, "MAC Address"}, {6, "Subnet Mask"},
                                        {7, "IPv4 Header Parameters"}, {12, "Default Gateway Address"},
                                        {13, "Default Gateway MAC Address"}, {20, "802.1q VLAN ID"},
                                        {22, "Cipher Suite Entry Support"}, {23, "Cipher Suite Entries"},
                                        {24, "Cipher Suite Privilege Levels"}}),
      u8("set_selector", 2),
      u8("block_selector", 3),
    })})
    .rs({layout({
      u8("parameter_revision", 0),
      rest("configuration_parameter_data", 1),
    })})
    .cc({{0x80, "parameter not supported"}}).d);
}

}  // namespace ipmict::catalog::dsl
