#pragma once
// The runner fills the reports model (reports/results.hpp); these are the names it uses.
#include "reports/outcome.hpp"
#include "reports/results.hpp"

namespace ipmict::runner {

using reports::CaseResult;
using reports::Exchange;
using reports::exit_code_of;
using reports::Finding;
using reports::kAllOutcomes;
using reports::kResultsSchema;
using reports::Outcome;
using reports::OutcomeCounts;
using reports::parse_outcome;
using reports::RunInfo;
using reports::RunResults;
using reports::SessionRecord;
using reports::StepRecord;
using reports::TargetCapabilities;
using reports::TargetIdentity;
using reports::TargetResults;
using reports::to_string;

}  // namespace ipmict::runner
