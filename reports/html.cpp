// placeholder: replaced at merge by the writer's real implementation (reports/html.hpp).
#include "reports/html.hpp"

#include "reports/summary.hpp"

namespace ipmict::reports {

std::string render_html(const RunResults& results) {
  std::string text;
  for (char ch : format_summary(results)) text += ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : std::string(1, ch);
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ipmict run</title></head><body><pre>\n" + text +
         "</pre></body></html>\n";
}

}  // namespace ipmict::reports
