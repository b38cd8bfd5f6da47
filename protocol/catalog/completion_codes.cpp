// Completion code names: the command's own (catalog) first, then the generic ones of
// IPMI 2.0 §5.2, Table 5-2 (protocol/core/completion_code.hpp).
#include <array>
#include <cstdio>

#include "protocol/catalog/catalog.hpp"
#include "protocol/core/completion_code.hpp"

namespace ipmict::catalog {

std::string_view completion_code_name(const CommandDescriptor* cmd, std::uint8_t cc) {
  if (cmd != nullptr) {
    for (const auto& c : cmd->completion_codes) {
      if (c.code == cc) return c.name;
    }
  }
  if (auto g = ipmict::generic_completion_code_name(cc)) return *g;
  // Immutable after first use (thread-safe static initialisation): "unknown (0xNN)".
  static const std::array<std::string, 256> unknown = [] {
    std::array<std::string, 256> a;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char buf[24];
      std::snprintf(buf, sizeof buf, "unknown (0x%02x)", static_cast<unsigned>(i));
      a[i] = buf;
    }
    return a;
  }();
  return unknown[cc];
}

}  // namespace ipmict::catalog
