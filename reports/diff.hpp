#pragma once
// `ipmict report diff BASE NEW`: what changed between two runs, per target (matched by
// name) and case ID. A regression is a case that was good in BASE (PASS, PASS-WITH-QUIRK,
// WARN, UNSUPPORTED, SKIP) and is FAIL or ERROR in NEW, or a case that is FAIL/ERROR in NEW
// and absent from BASE (a new target's failing cases included), or a target that BASE
// reached and NEW could not. docs/reports.md has the rules.
#include <optional>
#include <string>
#include <vector>

#include "reports/results.hpp"

namespace ipmict::reports {

struct CaseChange {
  std::string target;
  std::string id;                  // "": the target itself (reached in one run, not in the other)
  std::optional<Outcome> before;   // nullopt: a new case
  std::optional<Outcome> after;    // nullopt: a removed case
  std::string reason;              // NEW's reason (or BASE's for a removed case)
};

struct ResultsDiff {
  std::vector<CaseChange> new_failures;   // regressions
  std::vector<CaseChange> fixes;          // FAIL/ERROR before, good now
  std::vector<CaseChange> added;          // in NEW only (not failures)
  std::vector<CaseChange> removed;        // in BASE only
  std::vector<CaseChange> changed;        // any other change of outcome
  std::vector<std::string> targets_added, targets_removed;
  std::size_t unchanged = 0;              // cases in both with the same outcome
  bool base_complete = true, now_complete = true;  // a run cut short lacks cases: "removed" may mean "not run"

  bool regression() const { return !new_failures.empty(); }
};

ResultsDiff diff_results(const RunResults& base, const RunResults& now);
std::string format_diff(const ResultsDiff& diff);           // plain text
std::string format_diff_markdown(const ResultsDiff& diff);  // for CI comments

}  // namespace ipmict::reports
