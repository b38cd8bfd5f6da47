// The Markdown summary (see the header; docs/reports.md).
//
// Size: GitHub refuses comments over 65,536 characters, so the whole text is kept under
// kBudget bytes: each list is capped at kMaxItems entries, reasons are cut at kMaxReason
// bytes, and once the budget is nearly spent every remaining list says "… and N more".
#include "reports/markdown.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/markdown_text.hpp"

namespace ipmict::reports {
namespace {

constexpr std::size_t kBudget = 56 * 1024;      // what the lists may fill (the whole stays < 60 KB)
constexpr std::size_t kMaxItems = 50;           // per list
constexpr std::size_t kMaxReason = 300;         // bytes of one reason
constexpr std::size_t kMaxTargetRows = 100;     // rows of the counts table

std::string status_word(int exit_code) {
  switch (exit_code) {
    case 0: return "passed";
    case 1: return "FAIL";
    default: return "ERROR";
  }
}

int severity_rank(std::string_view s) {
  constexpr std::array<std::string_view, 5> kOrder{"critical", "high", "medium", "low", "info"};
  for (std::size_t i = 0; i < kOrder.size(); ++i) {
    if (kOrder[i] == s) return static_cast<int>(i);
  }
  return static_cast<int>(kOrder.size());
}

std::string counts_cells(const OutcomeCounts& c) {
  std::string s = fmt::format("| {} ", c.total());
  for (Outcome o : kAllOutcomes) s += fmt::format("| {} ", c[o]);
  return s + "|";
}

std::string counts_sentence(const OutcomeCounts& c) {
  std::string s;
  for (Outcome o : kAllOutcomes) {
    if (c[o] != 0) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", c[o], to_string(o));
  }
  return s.empty() ? "no cases" : s;
}

struct Item {
  const TargetResults* target;
  const CaseResult* c;
};

// A list with a cap: items past kMaxItems, or past the byte budget, become "… and N more".
class CappedList {
 public:
  CappedList(std::string& out, std::size_t budget) : out_(out), budget_(budget) {}
  void add(const std::string& line) {
    if (shown_ < kMaxItems && out_.size() + line.size() <= budget_ && !stopped_) {
      out_ += line;
      ++shown_;
    } else {
      stopped_ = true;
      ++hidden_;
    }
  }
  void finish() {
    if (hidden_ != 0) out_ += fmt::format("- \xE2\x80\xA6 and {} more\n", hidden_);
  }

 private:
  std::string& out_;
  std::size_t budget_;
  std::size_t shown_ = 0, hidden_ = 0;
  bool stopped_ = false;
};

std::string reason_of(const CaseResult& c) {
  return md_text(truncate_utf8(c.reason.empty() ? std::string(to_string(c.outcome)) : c.reason, kMaxReason));
}

}  // namespace

std::string render_markdown(const RunResults& r) {
  const OutcomeCounts total = r.counts();
  const int rc = r.exit_code();
  std::string out = fmt::format("## ipmict: {} (exit code {})\n\n", status_word(rc), rc);

  out += fmt::format("{} case results over {} target(s): {}.", total.total(), r.targets.size(), counts_sentence(total));
  std::vector<std::string> facts;
  auto cut = [](const std::string& v) { return truncate_utf8(v, 200); };
  if (!r.run.profile.empty()) facts.push_back("profile " + md_code(cut(r.run.profile)));
  if (!r.run.version.empty()) facts.push_back(md_text(cut(r.run.tool + " " + r.run.version)));
  if (!r.run.case_library_revision.empty()) facts.push_back("case library " + md_code(cut(r.run.case_library_revision)));
  if (!r.run.shard.empty()) facts.push_back("shard " + md_text(cut(r.run.shard)));
  if (r.run.strict) facts.push_back("`--strict`");
  if (!r.run.started_at.empty()) {
    facts.push_back("started " + md_text(cut(r.run.started_at)) +
                    (r.run.finished_at.empty() ? std::string() : ", finished " + md_text(cut(r.run.finished_at))));
  }
  if (!facts.empty()) out += fmt::format(" Run: {}.", fmt::join(facts, ", "));
  out += "\n\n";
  if (!r.complete) out += "> **Incomplete run**: it was cut short; the counts cover the cases that ran.\n\n";

  // Counts per target.
  out += "| target | firmware ";
  out += "| total ";
  for (Outcome o : kAllOutcomes) out += fmt::format("| {} ", to_string(o));
  out += "|\n| --- | --- | ---: ";
  for (std::size_t i = 0; i < kAllOutcomes.size(); ++i) out += "| ---: ";
  out += "|\n";
  std::size_t rows = 0;
  for (const auto& t : r.targets) {
    if (rows++ == kMaxTargetRows) break;
    out += fmt::format("| {}{} | {} {}\n", md_code(truncate_utf8(t.name, 200), true), t.error.empty() ? "" : " (not reached)",
                       md_text(truncate_utf8(t.identity.firmware, 40)), counts_cells(t.counts()));
  }
  if (r.targets.size() > kMaxTargetRows) {
    out += fmt::format("| \xE2\x80\xA6 and {} more targets | | | | | | | | | |\n", r.targets.size() - kMaxTargetRows);
  }
  if (r.targets.size() > 1) out += fmt::format("| **all** | {}\n", counts_cells(total));
  out += "\n";

  const bool several = r.targets.size() > 1;
  auto who = [&](const Item& i) { return several ? md_code(truncate_utf8(i.target->name, 200)) + " " : std::string(); };

  // Targets that could not be reached.
  {
    std::vector<const TargetResults*> unreachable;
    for (const auto& t : r.targets) {
      if (!t.error.empty()) unreachable.push_back(&t);
    }
    if (!unreachable.empty()) {
      out += fmt::format("### Targets not reached ({})\n\n", unreachable.size());
      CappedList list(out, kBudget);
      for (const auto* t : unreachable) {
        list.add(fmt::format("- {}: {}\n", md_code(truncate_utf8(t->name, 200)), md_text(truncate_utf8(t->error, kMaxReason))));
      }
      list.finish();
      out += "\n";
    }
  }

  // Security findings, worst first.
  std::vector<Item> findings;
  for (const auto& t : r.targets) {
    for (const auto& c : t.cases) {
      if (c.finding) findings.push_back({&t, &c});
    }
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Item& a, const Item& b) {
    return severity_rank(a.c->finding->severity) < severity_rank(b.c->finding->severity);
  });
  if (!findings.empty()) {
    out += fmt::format("### Security findings ({})\n\n", findings.size());
    out += several ? "| severity | target | case | finding | remedy |\n| --- | --- | --- | --- | --- |\n"
                   : "| severity | case | finding | remedy |\n| --- | --- | --- | --- |\n";
    std::size_t shown = 0;
    for (const auto& i : findings) {
      const Finding& f = *i.c->finding;
      std::string row = fmt::format("| **{}** | ", md_text(truncate_utf8(f.severity.empty() ? "unrated" : f.severity, 20)));
      if (several) row += md_code(truncate_utf8(i.target->name, 200), true) + " | ";
      row += fmt::format("{} | {} | {} |\n", md_code(truncate_utf8(i.c->id, 200), true), md_text(truncate_utf8(f.title, kMaxReason)),
                         md_text(truncate_utf8(f.remedy, kMaxReason)));
      if (shown == kMaxItems || out.size() + row.size() > kBudget) break;
      out += row;
      ++shown;
    }
    if (shown < findings.size()) out += fmt::format("\n\xE2\x80\xA6 and {} more findings\n", findings.size() - shown);
    out += "\n";
  }

  // What is not PASS and needs a look: FAIL, ERROR, then WARN.
  for (Outcome o : {Outcome::fail, Outcome::error, Outcome::warn}) {
    std::vector<Item> items;
    for (const auto& t : r.targets) {
      for (const auto& c : t.cases) {
        if (c.outcome == o) items.push_back({&t, &c});
      }
    }
    if (items.empty()) continue;
    out += fmt::format("### {} ({})\n\n", to_string(o), items.size());
    if (o == Outcome::warn) out += r.run.strict ? "A SHOULD missed; counted as FAIL under `--strict`.\n\n" : "A SHOULD missed.\n\n";
    CappedList list(out, kBudget);
    for (const auto& i : items) list.add(fmt::format("- {}{}: {}\n", who(i), md_code(truncate_utf8(i.c->id, 200)), reason_of(*i.c)));
    list.finish();
    out += "\n";
  }

  out += "Decoded transcripts of every case: the HTML report and `results.json`.\n";
  return out;
}

}  // namespace ipmict::reports
