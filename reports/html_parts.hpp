#pragma once
// Internals shared by the HTML report's sections (html.cpp: the overview; html_cases.cpp:
// the case list and transcripts). Not part of the reports interface.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "reports/html_escape.hpp"
#include "reports/results.hpp"

namespace ipmict::reports::html {

// Appends escaped text: the only way model strings reach the page.
inline void text(std::string& out, std::string_view s) { append_html_escaped(out, s); }

// "o-pass", "o-fail" ...: the CSS class that colours an outcome.
std::string_view outcome_class(Outcome o);

// <span class="badge o-fail">FAIL</span>
void badge(std::string& out, Outcome o);

// How bad an outcome is for a summary cell: ERROR > FAIL > WARN > PASS-WITH-QUIRK >
// UNSUPPORTED > PASS > SKIP. SKIP ranks lowest so that a command with passing and skipped
// cases shows PASS, and shows SKIP only when nothing about it was judged.
int badness(Outcome o);

// One row of the case list: a case ID with its result on each target (nullptr where that
// target did not run it). A merged results file may hold a case on one target only; an ID
// that occurs twice on one target (a library with a duplicate) gets a row per occurrence.
struct CaseRow {
  std::string id;
  std::vector<const CaseResult*> per_target;
  // The first result that has it: the case's title, spec and command facts.
  const CaseResult& any() const;
};

// The rows in run order: the first target's cases, then those only later targets ran.
std::vector<CaseRow> case_rows(const RunResults& results);

// "c<index>": the element ID of a case row, for the findings' links.
std::string case_anchor(std::size_t row);

// The case list with its filters and every transcript (html_cases.cpp).
void render_cases(std::string& out, const RunResults& results, const std::vector<CaseRow>& rows);

}  // namespace ipmict::reports::html
