// The HTML report's case list (see html_parts.hpp): the filters, one <details> row per case
// ID with its outcome on each target, and inside it each target's transcript: steps,
// expectations that failed, quirks, the request and response as hex and as the catalog
// decoded them, session records, captured variables and notes.
//
// The filters work on data attributes the script reads (data-o: the outcome per target,
// data-q: the text the search looks in); both are escaped like every other model string.
#include <fmt/format.h>

#include "protocol/core/bytes.hpp"
#include "reports/html_parts.hpp"

namespace ipmict::reports::html {
namespace {

bool is_problem(Outcome o) { return o == Outcome::fail || o == Outcome::warn || o == Outcome::error; }

void filters(std::string& out, const RunResults& r, const std::vector<CaseRow>& rows) {
  // Per outcome: the rows that have it on at least one target (what checking only that
  // outcome shows).
  std::array<std::size_t, kAllOutcomes.size()> rows_with{};
  for (const auto& row : rows) {
    std::array<bool, kAllOutcomes.size()> has{};
    for (const CaseResult* c : row.per_target) {
      if (c != nullptr) has[static_cast<std::size_t>(c->outcome)] = true;
    }
    for (std::size_t i = 0; i < has.size(); ++i) rows_with[i] += has[i] ? 1u : 0u;
  }
  // Hidden until the script runs: without it, every row shows and the filters would do nothing.
  out += "<div class=\"filters\" id=\"filters\" role=\"search\" hidden>\n<fieldset class=\"f-outcomes\"><legend>Outcome</legend>";
  for (Outcome o : kAllOutcomes) {
    out += fmt::format("<label class=\"{}\"><input type=\"checkbox\" name=\"outcome\" value=\"{}\" checked> {} <small>({})</small></label>",
                       outcome_class(o), to_string(o), to_string(o), rows_with[static_cast<std::size_t>(o)]);
  }
  out += "</fieldset>\n";
  if (r.targets.size() > 1) {
    out += "<fieldset class=\"f-targets\"><legend>Target</legend>";
    for (std::size_t i = 0; i < r.targets.size(); ++i) {
      out += fmt::format("<label><input type=\"checkbox\" name=\"target\" value=\"{}\" checked> ", i);
      text(out, r.targets[i].name);
      out += "</label>";
    }
    out += "</fieldset>\n";
  }
  out += "<label class=\"f-search\">Search <input type=\"search\" id=\"q\" placeholder=\"ID, title or reason\" autocomplete=\"off\"></label>\n"
         "<span class=\"f-buttons\"><button type=\"button\" id=\"only-problems\">Only FAIL/WARN/ERROR</button>"
         "<button type=\"button\" id=\"reset\">Show all</button><button type=\"button\" id=\"expand\">Expand shown</button>"
         "<button type=\"button\" id=\"collapse\">Collapse all</button></span>\n";
  out += fmt::format("<output id=\"counter\">{} of {} cases shown</output>\n</div>\n", rows.size(), rows.size());
}

void hex_line(std::string& out, const std::vector<std::uint8_t>& bytes) {
  out += "<code class=\"hex\">";
  out += bytes.empty() ? std::string("(no bytes)") : to_hex(view(bytes));
  out += "</code>";
}

void pre(std::string& out, std::string_view s, std::string_view cls) {
  if (s.empty()) return;
  out += "<pre class=\"";
  out += cls;
  out += "\">";
  text(out, s);
  out += "</pre>";
}

void exchange(std::string& out, const Exchange& e) {
  out += "<div class=\"exchange\"><div class=\"msg req\"><div class=\"lbl\">request";
  if (!e.command.empty()) {
    out += " · ";
    text(out, e.command);
  }
  if (!e.via.empty()) {
    out += " · via ";
    text(out, e.via);
  }
  out += "</div>";
  if (e.redacted) {
    out += "<p class=\"redacted\">(redacted: the request carries a secret)</p>";
  } else {
    hex_line(out, e.request);
    pre(out, e.request_text, "decoded request-text");
  }
  out += "</div><div class=\"msg rsp\"><div class=\"lbl\">response</div>";
  if (e.answered) {
    hex_line(out, e.response);
    pre(out, e.response_text, "decoded response-text");
  } else {
    out += "<p class=\"noanswer\">no answer: ";
    text(out, e.error.empty() ? std::string("(no error text)") : e.error);
    out += "</p>";
  }
  out += "</div>";
  if (!e.findings.empty()) {
    out += "<ul class=\"efindings\">";
    for (const auto& f : e.findings) {
      out += "<li>";
      text(out, f);
      out += "</li>";
    }
    out += "</ul>";
  }
  out += "</div>";
}

void session(std::string& out, const SessionRecord& s) {
  out += fmt::format("<div class=\"session {}\"><span class=\"lbl\">session ", s.established ? "ok" : "bad");
  text(out, s.action);
  out += ":</span> ";
  if (s.established) {
    out += "established";
  } else {
    out += "failed";
    if (!s.failed_at.empty()) {
      out += " at ";
      text(out, s.failed_at);
    }
    if (s.status) out += fmt::format(" (status {:02X}h)", *s.status);
  }
  if (!s.detail.empty()) {
    out += " · ";
    text(out, s.detail);
  }
  out += "</div>";
}

void step(std::string& out, const StepRecord& s) {
  out += fmt::format("<li class=\"step {}\"><div class=\"step-head\"><span class=\"phase\">{} {}", s.ok ? "ok" : "bad", to_string(s.phase),
                     s.index + 1);
  if (s.iteration != 0) out += fmt::format(" #{}", s.iteration + 1);
  out += "</span> <code class=\"action\">";
  text(out, s.action);
  out += "</code>";
  if (!s.as.empty()) {
    out += " <span class=\"as\">as ";
    text(out, s.as);
    out += "</span>";
  }
  out += s.ok ? " <span class=\"verdict ok\">ok</span>" : " <span class=\"verdict bad\">mismatch</span>";
  out += fmt::format(" <span class=\"dur\">{:.1f} ms</span>", s.duration_ms);
  if (!s.where.empty()) {
    out += " <span class=\"where\">";
    text(out, s.where);
    out += "</span>";
  }
  out += "</div>";
  if (!s.mismatches.empty()) {
    out += "<ul class=\"mismatches\">";
    for (const auto& m : s.mismatches) {
      out += "<li>";
      text(out, m);
      out += "</li>";
    }
    out += "</ul>";
  }
  if (!s.quirk.empty()) {
    out += "<p class=\"quirk\">passed through quirk <code>";
    text(out, s.quirk);
    out += "</code></p>";
  }
  if (s.exchange) exchange(out, *s.exchange);
  if (s.session) session(out, *s.session);
  if (!s.captured.empty()) {
    out += "<div class=\"captured\"><span class=\"lbl\">captured:</span> ";
    for (const auto& c : s.captured) {
      out += "<code>";
      text(out, c);
      out += "</code> ";
    }
    out += "</div>";
  }
  out += "</li>";
}

void target_case(std::string& out, const RunResults& r, std::size_t t, const CaseResult* c) {
  out += fmt::format("<article class=\"tcase t{}\" data-t=\"{}\"><h4><span class=\"tname\">", c == nullptr ? " absent" : "", t);
  text(out, r.targets[t].name);
  out += "</span> ";
  if (c == nullptr) {
    out += "—</h4><p class=\"note\">Not run on this target.</p></article>";
    return;
  }
  badge(out, c->outcome);
  out += fmt::format(" <span class=\"dur\">{:.1f} ms</span></h4>", c->duration_ms);
  if (!c->reason.empty()) {
    out += "<p class=\"reason\">";
    text(out, c->reason);
    out += "</p>";
  }
  if (!c->quirks_used.empty()) {
    out += "<p class=\"quirk\">Quirks used: ";
    for (const auto& q : c->quirks_used) {
      out += "<code>";
      text(out, q);
      out += "</code> ";
    }
    out += "</p>";
  }
  if (c->finding) {
    out += "<div class=\"finding-box\"><span class=\"lbl\">Security finding (";
    text(out, c->finding->severity);
    out += "):</span> ";
    text(out, c->finding->title);
    out += "</div>";
  }
  if (!c->notes.empty()) {
    out += "<ul class=\"notes\">";
    for (const auto& n : c->notes) {
      out += "<li>";
      text(out, n);
      out += "</li>";
    }
    out += "</ul>";
  }
  if (c->steps.empty()) {
    out += "<p class=\"note\">No step ran.</p>";
  } else {
    out += "<ol class=\"steps\">";
    for (const auto& s : c->steps) step(out, s);
    out += "</ol>";
  }
  out += "</article>";
}

void meta_item(std::string& out, std::string_view term, const std::string& value) {
  if (value.empty()) return;
  out += "<dt>";
  out += term;
  out += "</dt><dd>";
  text(out, value);
  out += "</dd>";
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& i : v) s += (s.empty() ? "" : ", ") + i;
  return s;
}

void case_row(std::string& out, const RunResults& r, const CaseRow& row, std::size_t index) {
  const CaseResult& first = row.any();
  std::string outcomes;
  std::string search = row.id + "\n" + first.title;
  std::string first_reason;
  bool problem = false;
  for (const CaseResult* c : row.per_target) {
    if (!outcomes.empty()) outcomes += ' ';
    outcomes += c == nullptr ? std::string_view("-") : to_string(c->outcome);
    if (c == nullptr) continue;
    problem = problem || is_problem(c->outcome);
    if (!c->reason.empty()) {
      search += "\n" + c->reason;
      if (first_reason.empty()) first_reason = c->reason;
    }
  }
  out += fmt::format("<details class=\"case{}\" id=\"{}\" data-o=\"{}\" data-q=\"", problem ? " problem" : "", case_anchor(index), outcomes);
  text(out, search);
  out += "\"><summary><span class=\"cid\">";
  text(out, row.id);
  out += "</span><span class=\"ctitle\">";
  text(out, first.title);
  if (!first_reason.empty()) {
    out += "<span class=\"creason\">";
    text(out, first_reason);
    out += "</span>";
  }
  out += "</span><span class=\"cspec\">";
  text(out, first.spec);
  out += "</span>";
  for (std::size_t t = 0; t < row.per_target.size(); ++t) {
    out += fmt::format("<span class=\"cout t\" data-t=\"{}\">", t);
    if (row.per_target[t] == nullptr) {
      out += "<span class=\"absent\">—</span>";
    } else {
      badge(out, row.per_target[t]->outcome);
    }
    out += "</span>";
  }
  out += "</summary>\n<div class=\"case-body\"><dl class=\"meta\">";
  meta_item(out, "Spec", first.spec);
  std::string command = first.command;
  if (first.netfn) command += fmt::format("{}netFn {:02X}h", command.empty() ? "" : " · ", *first.netfn);
  if (first.cmd) command += fmt::format(" cmd {:02X}h", *first.cmd);
  if (first.mandatory) command += *first.mandatory ? " · mandatory (M)" : " · optional (O)";
  meta_item(out, "Command", command);
  meta_item(out, "Privilege", first.privilege);
  meta_item(out, "Severity", first.severity == "should" ? "should (a miss is WARN)" : first.severity + " (a miss is FAIL)");
  meta_item(out, "Profiles", joined(first.profiles));
  meta_item(out, "Tags", joined(first.tags));
  meta_item(out, "Defined at", first.where);
  out += "</dl><div class=\"tcases\">";
  for (std::size_t t = 0; t < row.per_target.size(); ++t) target_case(out, r, t, row.per_target[t]);
  out += "</div></div></details>\n";
}

}  // namespace

void render_cases(std::string& out, const RunResults& r, const std::vector<CaseRow>& rows) {
  out += "<section id=\"cases\"><h2>Cases</h2>\n";
  filters(out, r, rows);
  out += "<p class=\"print-only\" id=\"print-state\"></p>\n<div class=\"case-list\" id=\"case-list\">\n"
         "<div class=\"case-head\"><span class=\"cid\">ID</span><span class=\"ctitle\">Title</span><span class=\"cspec\">Spec</span>";
  for (std::size_t t = 0; t < r.targets.size(); ++t) {
    out += fmt::format("<span class=\"cout t\" data-t=\"{}\">", t);
    text(out, r.targets[t].name);
    out += "</span>";
  }
  out += "</div>\n";
  for (std::size_t i = 0; i < rows.size(); ++i) case_row(out, r, rows[i], i);
  out += "</div>\n<p id=\"no-match\" class=\"note\" hidden>No case matches the filters.</p>\n";
  if (rows.empty()) out += "<p class=\"note\">No case ran.</p>\n";
  out += "</section>\n";
}

}  // namespace ipmict::reports::html
