// Small helpers of the results model.
#include "reports/results.hpp"

namespace ipmict::reports {

std::string_view to_string(StepRecord::Phase p) {
  switch (p) {
    case StepRecord::Phase::setup: return "setup";
    case StepRecord::Phase::step: return "step";
    case StepRecord::Phase::teardown: return "teardown";
    case StepRecord::Phase::probe: return "probe";
  }
  return "step";
}

OutcomeCounts TargetResults::counts() const {
  OutcomeCounts c;
  for (const auto& r : cases) c.add(r.outcome);
  return c;
}

OutcomeCounts RunResults::counts() const {
  OutcomeCounts c;
  for (const auto& t : targets) c += t.counts();
  return c;
}

int RunResults::exit_code() const {
  int rc = counts().exit_code(run.strict);
  for (const auto& t : targets) {
    if (!t.error.empty()) rc = 2;
  }
  return rc;
}

}  // namespace ipmict::reports
