#include "fuzz/network/request_pool.hpp"

#include "fuzz/network/destructive_commands.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict::netfuzz {

std::vector<RequestTemplate> request_pool(bool allow_destructive) {
  std::vector<RequestTemplate> pool;
  const catalog::Catalog cat = catalog::builtin_catalog();
  for (const catalog::CommandDescriptor& cmd : cat.all()) {
    if (!allow_destructive && is_destructive_command(cmd.netfn, cmd.cmd)) continue;
    RequestTemplate t{cmd.netfn, cmd.cmd, {}};
    if (!cmd.request.empty()) {
      // The first layout with every field zero: a valid request of minimal length.
      auto data = catalog::encode_request(cmd, {}, cmd.request.front().name);
      if (data) t.data = std::move(*data);
    }
    pool.push_back(std::move(t));
  }
  // Get Device ID first: the one every BMC implements, also used when the pool is empty.
  if (pool.empty()) pool.push_back({0x06, 0x01, {}});
  return pool;
}

}  // namespace ipmict::netfuzz
