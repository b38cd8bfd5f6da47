#pragma once
// JUnit XML for CI servers (Jenkins, GitLab, GitHub test reporters): one <testsuite> per
// target and profile, one <testcase> per case result. docs/reports.md maps outcomes to
// JUnit elements.
#include <string>

#include "reports/results.hpp"

namespace ipmict::reports {

std::string render_junit(const RunResults& results);

}  // namespace ipmict::reports
