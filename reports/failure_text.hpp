#pragma once
// The plain-text account of why one case is not PASS, for the places that have room for
// a transcript but no markup (the body of a JUnit <failure>/<error>): the reason, the
// security finding with its severity and remedy, the failing step with its mismatches and
// the decoded request and response, and the case's notes.
#include <string>

#include "reports/results.hpp"

namespace ipmict::reports {

// The step a reader should look at: the last one whose expectation did not hold; else
// (an ERROR without a failed expectation) the last one whose request went unanswered or
// whose session did not open; nullptr when there is none.
const StepRecord* failing_step(const CaseResult& c);

// "<finding severity> <title>" block for a security finding (empty when none).
std::string finding_text(const Finding& f);

// Multi-line text, ending with a newline.
std::string failure_text(const CaseResult& c);

}  // namespace ipmict::reports
