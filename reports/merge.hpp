#pragma once
// `ipmict report merge A B ...`: several results files into one. Shards of one run (same
// target name) merge their cases into one target; different targets (BMCs, firmware
// versions) become separate targets, which the HTML report shows side by side.
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "reports/results.hpp"

namespace ipmict::reports {

// Errors: no inputs; the same case ID with different outcomes in two shards of one target
// (the message names both inputs and their outcomes). docs/reports.md "Merge" has the rules
// for the run information. `names` (file names, for the messages) may be empty: then
// "input 1", "input 2" ...
tl::expected<RunResults, std::string> merge_results(const std::vector<RunResults>& inputs,
                                                    const std::vector<std::string>& names);
tl::expected<RunResults, std::string> merge_results(const std::vector<RunResults>& inputs);

}  // namespace ipmict::reports
