#pragma once
// Writes the run's results as it goes: results.json (reports/results_json.hpp) after every
// case, atomically (reports/atomic_file.hpp), so a crash or a kill at any moment leaves the
// previous valid file; it says "complete": false until the run has finished. At the end (or
// when the run is interrupted) the other reports: summary.txt, junit.xml, report.html,
// report.md, each written atomically too.
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "harness/runner/report_model.hpp"

namespace ipmict::runner {

// The report files besides results.json and summary.txt (always written); all on by default.
struct ReportFormats {
  bool junit = true;     // junit.xml    (reports/junit.hpp)
  bool html = true;      // report.html  (reports/html.hpp)
  bool markdown = true;  // report.md    (reports/markdown.hpp)
};

// Owns the results while targets run in parallel, and writes results.json after each case.
class ResultsWriter {
 public:
  ResultsWriter(std::filesystem::path out_dir, RunResults initial);

  // Creates the directory and writes the initial (empty, incomplete) results.json.
  tl::expected<void, std::string> start();
  void set_target(std::size_t index, TargetResults target);  // identity, capabilities (no cases)
  // Appends one case to a target and rewrites results.json. Thread-safe.
  tl::expected<void, std::string> add_case(std::size_t target_index, CaseResult result);
  void set_target_duration(std::size_t index, double ms);
  // Marks the run complete (or, `complete` false, cut short: "complete": false and no
  // finished_at), writes results.json, summary.txt and the `formats` asked for. Every file
  // is attempted; the error names the first that failed.
  tl::expected<void, std::string> finish(const std::string& finished_at, bool complete = true, const ReportFormats& formats = {});
  // The files finish() wrote, in the order written.
  std::vector<std::filesystem::path> written() const;

  RunResults snapshot() const;
  std::filesystem::path results_path() const { return dir_ / "results.json"; }
  std::filesystem::path summary_path() const { return dir_ / "summary.txt"; }
  std::filesystem::path junit_path() const { return dir_ / "junit.xml"; }
  std::filesystem::path html_path() const { return dir_ / "report.html"; }
  std::filesystem::path markdown_path() const { return dir_ / "report.md"; }

 private:
  tl::expected<void, std::string> write_locked();

  std::string render_locked() const;

  std::filesystem::path dir_;
  RunResults results_;
  // Each case's JSON, serialised once when it is added: rewriting results.json after every
  // case then costs a concatenation, not a re-serialisation of the whole run.
  std::vector<std::vector<std::string>> case_json_;
  std::vector<std::filesystem::path> written_;
  mutable std::mutex mutex_;
};

}  // namespace ipmict::runner
