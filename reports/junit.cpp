// placeholder: replaced at merge by the writer's real implementation (reports/junit.hpp).
// Just enough well-formed JUnit XML for `ipmict run` and its tests in this branch.
#include "reports/junit.hpp"

namespace ipmict::reports {

std::string render_junit(const RunResults& results) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char ch : s) o += ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : ch == '"' ? "&quot;" : std::string(1, ch);
    return o;
  };
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (const auto& t : results.targets) {
    out += "<testsuite name=\"" + esc(t.name) + "\" tests=\"" + std::to_string(t.cases.size()) + "\">\n";
    for (const auto& c : t.cases) {
      out += "<testcase name=\"" + esc(c.id) + "\">";
      if (c.outcome == Outcome::fail) out += "<failure message=\"" + esc(c.reason) + "\"/>";
      if (c.outcome == Outcome::error) out += "<error message=\"" + esc(c.reason) + "\"/>";
      if (c.outcome == Outcome::skip) out += "<skipped/>";
      out += "</testcase>\n";
    }
    out += "</testsuite>\n";
  }
  return out + "</testsuites>\n";
}

}  // namespace ipmict::reports
