// Case metadata for reports (see the header).
#include "harness/runner/case_metadata.hpp"

#include "harness/runner/selection.hpp"

namespace ipmict::runner {

CaseMetadata::CaseMetadata(const catalog::Catalog& catalog, std::vector<cases::Profile> profiles)
    : catalog_(catalog), profiles_(std::move(profiles)) {}

void CaseMetadata::fill(CaseResult& r, const cases::Case& c) const {
  // The command a case is about: its file's `command:`; in a topic file without one, the
  // command when every send/raw step uses the same one (a case over several commands is
  // about none of them in particular).
  const catalog::CommandDescriptor* cmd = nullptr;
  if (!c.command.empty()) {
    cmd = catalog_.find(c.command);
  } else if (const auto used = commands_of(c, catalog_); used.size() == 1) {
    cmd = used.front();
  }
  r.command = cmd != nullptr ? cmd->id : c.command;
  if (cmd != nullptr) {
    r.netfn = cmd->netfn;
    r.cmd = cmd->cmd;
  }
  // The case's own `mandatory:` / `privilege:` override the catalog's (docs/case-format.md).
  if (c.mandatory) {
    r.mandatory = *c.mandatory;
  } else if (cmd != nullptr) {
    r.mandatory = cmd->mandatory;
  }
  if (c.privilege) {
    const auto name = privilege_name(static_cast<std::uint8_t>(*c.privilege));
    r.privilege = name ? std::string(*name) : std::string();
  } else if (cmd != nullptr) {
    r.privilege = catalog::to_string(cmd->privilege);
  }
  r.severity = c.severity == cases::Case::Severity::should ? "should" : "must";
  r.profiles.clear();
  for (const auto& p : profiles_) {
    if (profile_selects(p, c)) r.profiles.push_back(p.name);
  }
}

}  // namespace ipmict::runner
