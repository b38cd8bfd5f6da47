#pragma once
// A Markdown summary for CI comments (GitHub/GitLab): counts per target, then what is not
// PASS, short enough to post; the full transcripts stay in the HTML and results.json.
#include <string>

#include "reports/results.hpp"

namespace ipmict::reports {

std::string render_markdown(const RunResults& results);

}  // namespace ipmict::reports
