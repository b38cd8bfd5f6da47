#pragma once
// `ipmict report merge A B ...`: several results files into one. Shards of one run (same
// target name) merge their cases into one target; different targets (BMCs, firmware
// versions) become separate targets, which the HTML report shows side by side.
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "reports/results.hpp"

namespace ipmict::reports {

// Errors: the same case ID with different outcomes in two shards of one target.
tl::expected<RunResults, std::string> merge_results(const std::vector<RunResults>& inputs);

}  // namespace ipmict::reports
