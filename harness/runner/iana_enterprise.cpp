// The table of iana_enterprise.hpp.
//
// Source: the IANA "Private Enterprise Numbers" registry,
// https://www.iana.org/assignments/enterprise-numbers (SMI Network Management Private
// Enterprise Codes), for the vendors whose BMCs and management firmware are common in
// servers. The names are shortened to the vendor's usual name. 4753 (MontaVista) is what
// OpenIPMI's ipmi_sim reports in our test peer (tests/peers/ipmi_sim/emu.cmd). Add rows here
// as they are met; keep the table sorted by number.
#include "harness/runner/iana_enterprise.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ipmict::runner {
namespace {

constexpr std::array<std::pair<std::uint32_t, std::string_view>, 23> kEnterprises{{
    {2, "IBM"},
    {9, "Cisco"},
    {11, "Hewlett-Packard"},
    {42, "Sun Microsystems"},
    {111, "Oracle"},
    {119, "NEC"},
    {211, "Fujitsu"},
    {343, "Intel"},
    {674, "Dell"},
    {2011, "Huawei"},
    {4753, "MontaVista (OpenIPMI)"},
    {6653, "Tyan"},
    {7154, "IPMI Forum"},
    {7244, "Quanta"},
    {10368, "Fujitsu Siemens"},
    {10876, "Supermicro"},
    {11129, "Google"},
    {15000, "Kontron"},
    {19046, "Lenovo"},
    {20301, "IBM"},
    {20974, "American Megatrends (AMI)"},
    {40981, "Facebook (Meta)"},
    {47196, "Hewlett Packard Enterprise"},
}};

}  // namespace

std::string_view iana_enterprise_name(std::uint32_t number) {
  static_assert(std::is_sorted(kEnterprises.begin(), kEnterprises.end()), "keep the table sorted by number");
  const auto it = std::lower_bound(kEnterprises.begin(), kEnterprises.end(), number,
                                   [](const auto& row, std::uint32_t n) { return row.first < n; });
  return it != kEnterprises.end() && it->first == number ? it->second : std::string_view();
}

}  // namespace ipmict::runner
