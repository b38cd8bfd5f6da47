#pragma once
// The in-session requests mutations start from: every command of the catalog (DESIGN.md
// §5) that is not destructive (destructive_commands.hpp), with the shortest request data
// its layout allows (unset fields zero). Coverage of the BMC's command handlers comes from
// here; mutations then vary lengths and values.
#include <cstdint>
#include <vector>

#include "protocol/core/bytes.hpp"

namespace ipmict::netfuzz {

struct RequestTemplate {
  std::uint8_t netfn = 0;
  std::uint8_t cmd = 0;
  Bytes data;
};

// allow_destructive: the destructive commands too.
std::vector<RequestTemplate> request_pool(bool allow_destructive);

}  // namespace ipmict::netfuzz
