// Why a case is not PASS, as plain text (see the header).
#include "reports/failure_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "protocol/core/bytes.hpp"

namespace ipmict::reports {
namespace {

void append_indented(std::string& out, std::string_view text, std::string_view indent) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += indent;
    out += text.substr(start, end - start);
    out += '\n';
    start = end + 1;
  }
}

std::string step_label(const StepRecord& s) {
  std::string label = fmt::format("{} {}", to_string(s.phase), s.index + 1);
  if (s.iteration != 0) label += fmt::format(" (repeat {})", s.iteration + 1);
  if (!s.action.empty()) label += ": " + s.action;
  if (!s.as.empty()) label += " as " + s.as;
  if (!s.where.empty()) label += " (" + s.where + ")";
  return label;
}

}  // namespace

const StepRecord* failing_step(const CaseResult& c) {
  for (auto it = c.steps.rbegin(); it != c.steps.rend(); ++it) {
    if (!it->ok) return &*it;
  }
  for (auto it = c.steps.rbegin(); it != c.steps.rend(); ++it) {
    if (it->exchange && !it->exchange->answered) return &*it;
    if (it->session && !it->session->established && it->session->action == "open") return &*it;
  }
  return nullptr;
}

std::string finding_text(const Finding& f) {
  std::string out = fmt::format("security finding ({}): {}\n", f.severity.empty() ? "unrated" : f.severity, f.title);
  if (!f.remedy.empty()) out += "  remedy: " + f.remedy + "\n";
  if (!f.references.empty()) out += "  references: " + fmt::format("{}", fmt::join(f.references, ", ")) + "\n";
  return out;
}

std::string failure_text(const CaseResult& c) {
  std::string out = fmt::format("{} {}", to_string(c.outcome), c.id);
  if (!c.reason.empty()) out += ": " + c.reason;
  out += "\n";
  if (!c.title.empty()) out += "title: " + c.title + "\n";
  if (!c.spec.empty()) out += "spec: " + c.spec + "\n";
  if (!c.where.empty()) out += "case: " + c.where + "\n";
  if (c.finding) out += finding_text(*c.finding);

  if (const StepRecord* s = failing_step(c)) {
    out += "failing " + step_label(*s) + "\n";
    for (const auto& m : s->mismatches) out += "  mismatch: " + m + "\n";
    if (s->exchange) {
      const Exchange& e = *s->exchange;
      std::string head = "  request";
      if (!e.command.empty()) head += " " + e.command;
      if (!e.via.empty()) head += " via " + e.via;
      if (e.redacted) {
        out += head + ": (redacted: it carries a secret)\n";
      } else {
        out += head + ": " + to_hex(view(e.request)) + "\n";
        append_indented(out, e.request_text, "    ");
      }
      if (e.answered) {
        out += "  response: " + to_hex(view(e.response)) + "\n";
        append_indented(out, e.response_text, "    ");
      } else {
        out += "  no response: " + (e.error.empty() ? std::string("(no error recorded)") : e.error) + "\n";
      }
      for (const auto& f : e.findings) out += "  decoder finding: " + f + "\n";
    }
    if (s->session) {
      const SessionRecord& r = *s->session;
      out += "  session " + r.action + (r.established ? ": established" : ": not established");
      if (!r.failed_at.empty()) out += " at " + r.failed_at;
      if (r.status) out += fmt::format(" (status {:02X}h)", *r.status);
      if (!r.detail.empty()) out += ", " + r.detail;
      out += "\n";
    }
  }
  for (const auto& n : c.notes) out += "note: " + n + "\n";
  return out;
}

}  // namespace ipmict::reports
