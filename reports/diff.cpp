// `ipmict report diff` (see the header; docs/reports.md "Diff").
#include "reports/diff.hpp"

#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/markdown_text.hpp"

namespace ipmict::reports {
namespace {

// FAIL and ERROR are what a CI gate stops on; every other outcome is good enough.
bool is_bad(Outcome o) { return o == Outcome::fail || o == Outcome::error; }

void classify_new_case(ResultsDiff& d, const std::string& target, const CaseResult& c) {
  CaseChange ch{target, c.id, std::nullopt, c.outcome, c.reason};
  (is_bad(c.outcome) ? d.new_failures : d.added).push_back(std::move(ch));
}

std::string outcome_text(const std::optional<Outcome>& o, const char* absent) {
  return o ? std::string(to_string(*o)) : std::string(absent);
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string headline(const ResultsDiff& d) {
  return fmt::format("{}, {}, {} added, {} removed, {} changed, {} unchanged",
                     plural(d.new_failures.size(), "new failure", "new failures"), plural(d.fixes.size(), "fix", "fixes"),
                     d.added.size(), d.removed.size(), d.changed.size(), d.unchanged);
}

struct Section {
  const char* title;
  const std::vector<CaseChange>* changes;
};

std::vector<Section> sections_of(const ResultsDiff& d) {
  return {{"New failures (regressions)", &d.new_failures},
          {"Fixes", &d.fixes},
          {"Changed", &d.changed},
          {"Added", &d.added},
          {"Removed", &d.removed}};
}

std::vector<std::string> incompleteness_notes(const ResultsDiff& d) {
  std::vector<std::string> notes;
  if (!d.base_complete) notes.emplace_back("BASE is an incomplete run (cut short): cases it lacks show as added.");
  if (!d.now_complete) notes.emplace_back("NEW is an incomplete run (cut short): cases it lacks show as removed.");
  return notes;
}

}  // namespace

ResultsDiff diff_results(const RunResults& base, const RunResults& now) {
  ResultsDiff d;
  d.base_complete = base.complete;
  d.now_complete = now.complete;

  std::unordered_map<std::string, const TargetResults*> base_targets;
  for (const auto& t : base.targets) base_targets.emplace(t.name, &t);  // the first of a name wins
  std::unordered_set<std::string> seen_targets;

  for (const auto& t : now.targets) {
    if (!seen_targets.insert(t.name).second) continue;  // a repeated name: its first entry counts
    const auto bt = base_targets.find(t.name);
    const TargetResults* b = bt == base_targets.end() ? nullptr : bt->second;

    if (!t.error.empty() && (b == nullptr || b->error.empty())) {
      d.new_failures.push_back({t.name, "", b ? std::optional<Outcome>(Outcome::pass) : std::nullopt, Outcome::error, t.error});
    } else if (b != nullptr && t.error.empty() && !b->error.empty()) {
      d.fixes.push_back({t.name, "", Outcome::error, Outcome::pass, ""});
    }

    if (b == nullptr) {
      d.targets_added.push_back(t.name);
      std::unordered_set<std::string> ids;
      for (const auto& c : t.cases) {
        if (ids.insert(c.id).second) classify_new_case(d, t.name, c);
      }
      continue;
    }

    std::unordered_map<std::string, const CaseResult*> before;
    for (const auto& c : b->cases) before.emplace(c.id, &c);
    std::unordered_set<std::string> ids;
    for (const auto& c : t.cases) {
      if (!ids.insert(c.id).second) continue;
      const auto it = before.find(c.id);
      if (it == before.end()) {
        classify_new_case(d, t.name, c);
        continue;
      }
      const Outcome was = it->second->outcome;
      if (was == c.outcome) {
        ++d.unchanged;
        continue;
      }
      CaseChange ch{t.name, c.id, was, c.outcome, c.reason};
      if (!is_bad(was) && is_bad(c.outcome)) {
        d.new_failures.push_back(std::move(ch));
      } else if (is_bad(was) && !is_bad(c.outcome)) {
        d.fixes.push_back(std::move(ch));
      } else {
        d.changed.push_back(std::move(ch));
      }
    }
    std::unordered_set<std::string> removed;
    for (const auto& c : b->cases) {
      if (ids.count(c.id) == 0 && removed.insert(c.id).second) {
        d.removed.push_back({t.name, c.id, c.outcome, std::nullopt, c.reason});
      }
    }
  }
  // A target NEW does not have at all: its cases are not listed one by one, since the whole
  // target is gone (another lab board, or a run that was asked for differently).
  std::unordered_set<std::string> listed;
  for (const auto& t : base.targets) {
    if (seen_targets.count(t.name) == 0 && listed.insert(t.name).second) d.targets_removed.push_back(t.name);
  }
  return d;
}

std::string format_diff(const ResultsDiff& d) {
  std::string out = "ipmict report diff: " + headline(d) + "\n";
  for (const auto& n : incompleteness_notes(d)) out += "note: " + n + "\n";
  for (const auto& s : sections_of(d)) {
    if (s.changes->empty()) continue;
    out += fmt::format("\n{} ({}):\n", s.title, s.changes->size());
    for (const auto& c : *s.changes) {
      if (c.id.empty()) {
        out += fmt::format("  target {}: {}\n", c.target,
                           c.after == Outcome::error ? "not reached: " + c.reason : std::string("reached again"));
        continue;
      }
      out += fmt::format("  {} [{}]: {} -> {}", c.id, c.target, outcome_text(c.before, "(new)"), outcome_text(c.after, "(gone)"));
      if (!c.reason.empty()) out += ": " + c.reason;
      out += "\n";
    }
  }
  if (!d.targets_added.empty()) out += fmt::format("\nTargets added: {}\n", fmt::join(d.targets_added, ", "));
  if (!d.targets_removed.empty()) out += fmt::format("\nTargets removed: {}\n", fmt::join(d.targets_removed, ", "));
  out += d.regression() ? "\nREGRESSION: exit code 1\n" : "\nno regression\n";
  return out;
}

std::string format_diff_markdown(const ResultsDiff& d) {
  // Kept under 60 KB like the Markdown summary: each list at most kMaxRows rows.
  constexpr std::size_t kMaxRows = 100;
  constexpr std::size_t kMaxReason = 200;
  constexpr std::size_t kBudget = 56 * 1024;
  std::string out = fmt::format("## ipmict diff: {}\n\n{}.\n\n",
                                d.regression() ? plural(d.new_failures.size(), "regression", "regressions") : "no regression",
                                headline(d));
  for (const auto& n : incompleteness_notes(d)) out += "> " + md_text(n) + "\n\n";
  for (const auto& s : sections_of(d)) {
    if (s.changes->empty()) continue;
    out += fmt::format("### {} ({})\n\n| target | case | before | after | reason |\n| --- | --- | --- | --- | --- |\n", s.title,
                       s.changes->size());
    std::size_t shown = 0;
    for (const auto& c : *s.changes) {
      const std::string row = fmt::format(
          "| {} | {} | {} | {} | {} |\n", md_code(truncate_utf8(c.target, 200), true),
          c.id.empty() ? std::string("(the target)") : md_code(truncate_utf8(c.id, 200), true), outcome_text(c.before, "\xE2\x80\x94"),
          outcome_text(c.after, "\xE2\x80\x94"), md_text(truncate_utf8(c.reason, kMaxReason)));
      if (shown == kMaxRows || out.size() + row.size() > kBudget) break;
      out += row;
      ++shown;
    }
    if (shown < s.changes->size()) out += fmt::format("\n\xE2\x80\xA6 and {} more\n", s.changes->size() - shown);
    out += "\n";
  }
  auto names = [](const std::vector<std::string>& v) {
    std::string s;
    std::size_t n = 0;
    for (const auto& name : v) {
      if (n == 50) return s + fmt::format(" \xE2\x80\xA6 and {} more", v.size() - n);
      s += (n++ == 0 ? "" : ", ") + md_code(truncate_utf8(name, 200));
    }
    return s;
  };
  if (!d.targets_added.empty()) out += "Targets added: " + names(d.targets_added) + "\n\n";
  if (!d.targets_removed.empty()) out += "Targets removed: " + names(d.targets_removed) + "\n\n";
  return out;
}

}  // namespace ipmict::reports
