#pragma once
// `ipmict report diff|merge|render`: work on saved results.json files without re-running
// anything (docs/reports.md). Every input error is one line naming the file and, for a
// file that loads but is wrong, the JSON path ("targets[0].cases[3].outcome: ...").
#include <iosfwd>
#include <string>
#include <vector>

namespace ipmict {

struct ReportDiffOptions {
  std::string base;      // BASE.json
  std::string now;       // NEW.json
  std::string markdown;  // --md FILE: also write the diff as Markdown
};

struct ReportMergeOptions {
  std::vector<std::string> inputs;  // two or more results files (one is allowed: a copy)
  std::string out;                  // --out MERGED.json
};

struct ReportRenderOptions {
  std::string input;     // RESULTS.json
  std::string html;      // --html FILE
  std::string junit;     // --junit FILE
  std::string markdown;  // --md FILE
};

// 0 no regression, 1 a regression (ResultsDiff::regression()), 2 bad input or a file
// that could not be written.
int run_report_diff(const ReportDiffOptions& options, std::ostream& out, std::ostream& err);
// 0 written, 2 bad input, conflicting shards, or a file that could not be written.
int run_report_merge(const ReportMergeOptions& options, std::ostream& out, std::ostream& err);
// 0 every asked-for file written, 2 otherwise. The results' own outcome does not change
// the exit code: `ipmict run` already reported it.
int run_report_render(const ReportRenderOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ipmict
