#pragma once
// The facts about a case that reports group and filter by (docs/results-model.md): the
// command it is about (catalog id, netFn, command byte), the command's M/O and required
// privilege, the case's severity, and the case library profiles that select it. They come
// from the case file and the command catalog, never from what the BMC answered, so every
// result of a case carries the same metadata whatever its outcome.
#include <vector>

#include "harness/cases/case_model.hpp"
#include "harness/runner/report_model.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict::runner {

class CaseMetadata {
 public:
  // `profiles`: the case library's profiles (cases/profiles/*.yaml), in library order.
  CaseMetadata(const catalog::Catalog& catalog, std::vector<cases::Profile> profiles);

  // Sets command, netfn, cmd, mandatory, privilege, severity and profiles of `result`.
  void fill(CaseResult& result, const cases::Case& c) const;

 private:
  const catalog::Catalog& catalog_;
  std::vector<cases::Profile> profiles_;
};

}  // namespace ipmict::runner
