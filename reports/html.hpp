#pragma once
// The self-contained HTML certification report: one file, no network (inline CSS and JS),
// summary by profile and netFn, counts per outcome, M/O coverage, a per-command matrix,
// every case expandable to its decoded transcript, filters by outcome and text search,
// readable when printed. Several targets (a merged results file) are shown side by side,
// one column each.
#include <string>

#include "reports/results.hpp"

namespace ipmict::reports {

std::string render_html(const RunResults& results);

}  // namespace ipmict::reports
