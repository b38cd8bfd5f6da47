// Privilege and authentication type names of case files.
#include "harness/cases/labels.hpp"

namespace ipmict::cases {

std::optional<Privilege> parse_step_privilege(std::string_view s) {
  if (s == "callback") return Privilege::callback;
  if (s == "user") return Privilege::user;
  if (s == "operator") return Privilege::operator_;
  if (s == "administrator" || s == "admin") return Privilege::administrator;
  if (s == "oem") return Privilege::oem;
  return std::nullopt;
}

std::optional<AuthType> parse_auth_type(std::string_view s) {
  if (s == "none") return AuthType::none;
  if (s == "md2") return AuthType::md2;
  if (s == "md5") return AuthType::md5;
  if (s == "password" || s == "straight-password" || s == "straight_password") return AuthType::straight_password;
  if (s == "oem") return AuthType::oem;
  return std::nullopt;
}

}  // namespace ipmict::cases
