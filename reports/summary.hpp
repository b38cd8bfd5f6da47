#pragma once
// summary.txt: counts per target and overall, then every case that is not PASS with its
// reason, and for FAIL the decoded request and response of the failing step.
#include <string>

#include "reports/results.hpp"

namespace ipmict::reports {

std::string format_summary(const RunResults& results);

}  // namespace ipmict::reports
