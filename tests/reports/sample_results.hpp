#pragma once
// A small but complete results model for the report writers' tests: two targets, every
// outcome, a security finding, a redacted request, a session step.
#include "reports/results.hpp"

namespace ipmict::reports::test {

RunResults sample_results();

}  // namespace ipmict::reports::test
