// results.json, rewritten as cases finish, and the other reports at the end.
#include "harness/runner/results_writer.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/atomic_file.hpp"
#include "reports/html.hpp"
#include "reports/junit.hpp"
#include "reports/markdown.hpp"
#include "reports/results_json.hpp"
#include "reports/summary.hpp"

namespace ipmict::runner {

using reports::case_to_json;
using reports::format_summary;
using reports::run_header_to_json;
using reports::target_header_to_json;
using reports::write_file_atomically;

ResultsWriter::ResultsWriter(std::filesystem::path out_dir, RunResults initial, std::chrono::milliseconds min_interval)
    : dir_(std::move(out_dir)), results_(std::move(initial)), min_interval_(min_interval) {}

tl::expected<void, std::string> ResultsWriter::start() {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return tl::unexpected(fmt::format("cannot create {}: {}", dir_.string(), ec.message()));
  std::lock_guard<std::mutex> lock(mutex_);
  results_.complete = false;
  return write_locked();
}

void ResultsWriter::set_target(std::size_t index, TargetResults target) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (results_.targets.size() <= index) results_.targets.resize(index + 1);
  auto cases = std::move(results_.targets[index].cases);
  results_.targets[index] = std::move(target);
  if (results_.targets[index].cases.empty()) results_.targets[index].cases = std::move(cases);
}

tl::expected<void, std::string> ResultsWriter::add_case(std::size_t target_index, std::size_t position, CaseResult result) {
  std::string text = case_to_json(result).dump();
  std::lock_guard<std::mutex> lock(mutex_);
  if (results_.targets.size() <= target_index) results_.targets.resize(target_index + 1);
  if (case_json_.size() <= target_index) case_json_.resize(target_index + 1);
  if (positions_.size() <= target_index) positions_.resize(target_index + 1);
  auto& positions = positions_[target_index];
  const auto at = std::distance(positions.begin(), std::upper_bound(positions.begin(), positions.end(), position));
  positions.insert(positions.begin() + at, position);
  auto& cases = results_.targets[target_index].cases;
  cases.insert(cases.begin() + at, std::move(result));
  case_json_[target_index].insert(case_json_[target_index].begin() + at, std::move(text));
  if (std::chrono::steady_clock::now() - last_write_ < min_interval_) return {};
  return write_locked();
}

void ResultsWriter::set_target_duration(std::size_t index, double ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index < results_.targets.size()) results_.targets[index].duration_ms = ms;
}

tl::expected<void, std::string> ResultsWriter::finish(const std::string& finished_at, bool complete,
                                                      const ReportFormats& formats) {
  std::lock_guard<std::mutex> lock(mutex_);
  results_.complete = complete;
  results_.run.finished_at = complete ? finished_at : std::string();
  written_.clear();
  tl::expected<void, std::string> first = write_locked();
  if (first) written_.push_back(results_path());
  // A writer that fails (or throws) must not keep the others from being written: an
  // interrupted run's reports are all the user has.
  auto write = [&](const std::filesystem::path& path, auto&& render) {
    tl::expected<void, std::string> w;
    try {
      w = write_file_atomically(path, render());
    } catch (const std::exception& e) {
      w = tl::unexpected(path.string() + ": " + e.what());
    }
    if (w) {
      written_.push_back(path);
    } else if (first) {
      first = std::move(w);
    }
  };
  write(summary_path(), [&] { return format_summary(results_); });
  if (formats.junit) write(junit_path(), [&] { return reports::render_junit(results_); });
  if (formats.html) write(html_path(), [&] { return reports::render_html(results_); });
  if (formats.markdown) write(markdown_path(), [&] { return reports::render_markdown(results_); });
  return first;
}

std::vector<std::filesystem::path> ResultsWriter::written() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return written_;
}

RunResults ResultsWriter::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return results_;
}

// The same document as to_json(results_), spliced from the cached case texts: the run
// header, then each target's header object with its "cases" array appended, one case a line.
std::string ResultsWriter::render_locked() const {
  std::string header = run_header_to_json(results_).dump(1);
  header.pop_back();  // the closing '}' of a non-empty object
  while (!header.empty() && (header.back() == '\n' || header.back() == ' ')) header.pop_back();
  std::string out = std::move(header);
  out += ",\n\"targets\": [";
  for (std::size_t i = 0; i < results_.targets.size(); ++i) {
    std::string t = target_header_to_json(results_.targets[i]).dump();
    t.pop_back();
    out += i == 0 ? "\n" : ",\n";
    out += t + ",\"cases\":[";
    const std::vector<std::string> none;
    const auto& cases = i < case_json_.size() ? case_json_[i] : none;
    for (std::size_t k = 0; k < cases.size(); ++k) out += (k == 0 ? "\n" : ",\n") + cases[k];
    out += "]}";
  }
  out += "\n]\n}\n";
  return out;
}

tl::expected<void, std::string> ResultsWriter::write_locked() {
  last_write_ = std::chrono::steady_clock::now();
  return write_file_atomically(results_path(), render_locked());
}

}  // namespace ipmict::runner
