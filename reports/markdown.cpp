// placeholder: replaced at merge by the writer's real implementation (reports/markdown.hpp).
#include "reports/markdown.hpp"

#include "reports/summary.hpp"

namespace ipmict::reports {

std::string render_markdown(const RunResults& results) { return "# ipmict run\n\n```\n" + format_summary(results) + "```\n"; }

}  // namespace ipmict::reports
