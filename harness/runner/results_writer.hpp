#pragma once
// Writes the run's results as it goes: results.json (reports/results_json.hpp) after every
// case, atomically (reports/atomic_file.hpp), so a crash or a kill at any moment leaves the
// previous valid file; it says "complete": false until the run has finished.
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "harness/runner/report_model.hpp"

namespace ipmict::runner {

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
  // Marks the run complete, writes results.json and summary.txt.
  tl::expected<void, std::string> finish(const std::string& finished_at);

  RunResults snapshot() const;
  std::filesystem::path results_path() const { return dir_ / "results.json"; }
  std::filesystem::path summary_path() const { return dir_ / "summary.txt"; }

 private:
  tl::expected<void, std::string> write_locked();

  std::string render_locked() const;

  std::filesystem::path dir_;
  RunResults results_;
  // Each case's JSON, serialised once when it is added: rewriting results.json after every
  // case then costs a concatenation, not a re-serialisation of the whole run.
  std::vector<std::vector<std::string>> case_json_;
  mutable std::mutex mutex_;
};

}  // namespace ipmict::runner
