#pragma once
// The names case files use for privileges and IPMI 1.5 authentication types
// (docs/case-format.md), shared by the loader and the runner's probes.
#include <optional>
#include <string_view>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/privilege.hpp"

namespace ipmict::cases {

// callback, user, operator, administrator (or admin), oem.
std::optional<Privilege> parse_step_privilege(std::string_view s);
// none, md2, md5, password (or straight-password / straight_password), oem.
std::optional<AuthType> parse_auth_type(std::string_view s);

}  // namespace ipmict::cases
