#pragma once
// Writes the run's results as it goes: results.json (reports/results_json.hpp) after a
// case, at most every `min_interval` (the file grows to megabytes: rewriting it after each
// of 550 quick cases was most of a run's own time), atomically (reports/atomic_file.hpp),
// so a crash or a kill at any moment leaves the previous valid file; it says "complete":
// false until the run has finished. At the end (or
// when the run is interrupted) the other reports: summary.txt, junit.xml, report.html,
// report.md, each written atomically too.
#include <chrono>
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

// Owns the results while targets run in parallel, and writes results.json as cases end.
class ResultsWriter {
 public:
  // min_interval: results.json is rewritten by add_case() only when this long has passed
  // since it was last written (0: after every case); what a SIGKILL can lose at most.
  ResultsWriter(std::filesystem::path out_dir, RunResults initial,
                std::chrono::milliseconds min_interval = std::chrono::milliseconds(250));

  // Creates the directory and writes the initial (empty, incomplete) results.json.
  tl::expected<void, std::string> start();
  void set_target(std::size_t index, TargetResults target);  // identity, capabilities (no cases)
  // Adds one case to a target, in the order of `position` (its place in the selection: cases
  // of one target may finish out of order, results stay in selection order), and rewrites
  // results.json if min_interval has passed. Thread-safe.
  tl::expected<void, std::string> add_case(std::size_t target_index, std::size_t position, CaseResult result);
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
  std::vector<std::vector<std::size_t>> positions_;  // parallel to each target's cases, ascending
  std::chrono::milliseconds min_interval_;
  std::chrono::steady_clock::time_point last_write_{};
  std::vector<std::filesystem::path> written_;
  mutable std::mutex mutex_;
};

}  // namespace ipmict::runner
