// results.json and summary.txt.
#include "harness/runner/results_writer.hpp"

#include <cstdio>
#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "protocol/core/bytes.hpp"

namespace ipmict::runner {
namespace {

using nlohmann::json;

json exchange_json(const Exchange& e) {
  json j{{"command", e.command}, {"via", e.via}, {"redacted", e.redacted}, {"answered", e.answered}};
  if (!e.redacted) {
    j["request"] = to_hex(view(e.request));
    j["request_text"] = e.request_text;
  }
  if (e.answered) {
    j["response"] = to_hex(view(e.response));
    j["response_text"] = e.response_text;
  } else {
    j["error"] = e.error;
  }
  j["findings"] = e.findings;
  return j;
}

json step_json(const StepRecord& s) {
  json j{{"phase", std::string(to_string(s.phase))},
         {"index", s.index},
         {"iteration", s.iteration},
         {"action", s.action},
         {"ok", s.ok},
         {"mismatches", s.mismatches},
         {"duration_ms", s.duration_ms}};
  if (!s.as.empty()) j["as"] = s.as;
  if (!s.where.empty()) j["where"] = s.where;
  if (!s.quirk.empty()) j["quirk"] = s.quirk;
  if (!s.captured.empty()) j["captured"] = s.captured;
  if (s.exchange) j["exchange"] = exchange_json(*s.exchange);
  if (s.session) {
    json sj{{"action", s.session->action}, {"established", s.session->established}, {"detail", s.session->detail}};
    if (!s.session->failed_at.empty()) sj["failed_at"] = s.session->failed_at;
    if (s.session->status) sj["status"] = *s.session->status;
    j["session"] = std::move(sj);
  }
  return j;
}

json case_json(const CaseResult& c) {
  json steps = json::array();
  for (const auto& s : c.steps) steps.push_back(step_json(s));
  return json{{"id", c.id},
              {"title", c.title},
              {"spec", c.spec},
              {"where", c.where},
              {"tags", c.tags},
              {"outcome", std::string(to_string(c.outcome))},
              {"reason", c.reason},
              {"quirks_used", c.quirks_used},
              {"notes", c.notes},
              {"duration_ms", c.duration_ms},
              {"steps", std::move(steps)}};
}

json counts_json(const OutcomeCounts& counts) {
  json j = json::object();
  for (Outcome o : kAllOutcomes) j[std::string(to_string(o))] = counts[o];
  j["total"] = counts.total();
  return j;
}

template <class T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json target_header_json(const TargetResults& t) {
  const auto& id = t.identity;
  const auto& caps = t.capabilities;
  return json{{"name", t.name},
              {"description", t.description},
              {"target_profile", t.target_profile},
              {"quirks", t.quirks},
              {"identity",
               {{"device_id", optional_json(id.device_id)},
                {"device_revision", optional_json(id.device_revision)},
                {"firmware", id.firmware},
                {"ipmi_version", id.ipmi_version},
                {"manufacturer_id", optional_json(id.manufacturer_id)},
                {"product_id", optional_json(id.product_id)}}},
              {"capabilities",
               {{"ipmi15", optional_json(caps.ipmi15)},
                {"ipmi20", optional_json(caps.ipmi20)},
                {"cipher_suites", caps.cipher_suites},
                {"auth_types", caps.auth_types},
                {"lan_channel", optional_json(caps.lan_channel)},
                {"notes", caps.notes}}},
              {"error", t.error},
              {"duration_ms", t.duration_ms},
              {"counts", counts_json(t.counts())}};
}

json target_json(const TargetResults& t) {
  json j = target_header_json(t);
  json cases = json::array();
  for (const auto& c : t.cases) cases.push_back(case_json(c));
  j["cases"] = std::move(cases);
  return j;
}

json run_header_json(const RunResults& r) {
  json j = to_json(RunResults{r.schema, r.complete, r.run, {}});
  j["counts"] = counts_json(r.counts());
  j["exit_code"] = r.exit_code();
  j.erase("targets");
  return j;
}

}  // namespace

json to_json(const RunResults& r) {
  const auto& run = r.run;
  json targets = json::array();
  for (const auto& t : r.targets) targets.push_back(target_json(t));
  return json{{"schema", r.schema},
              {"complete", r.complete},
              {"run",
               {{"tool", run.tool},
                {"version", run.version},
                {"command_line", run.command_line},
                {"started_at", run.started_at},
                {"finished_at", run.finished_at},
                {"cases_dir", run.cases_dir},
                {"profile", run.profile},
                {"case_globs", run.case_globs},
                {"tags", run.tags},
                {"netfn", run.netfn_filter},
                {"cmd", run.cmd_filter},
                {"shard", run.shard},
                {"strict", run.strict},
                {"allow_destructive", run.allow_destructive},
                {"timeout_ms", run.timeout_ms},
                {"cases_in_library", run.cases_in_library},
                {"cases_selected", run.cases_selected}}},
              {"counts", counts_json(r.counts())},
              {"exit_code", r.exit_code()},
              {"targets", std::move(targets)}};
}

tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return tl::unexpected(fmt::format("cannot write {}: {}", tmp.string(), std::error_code(errno, std::generic_category()).message()));
    f << text;
    f.flush();
    if (!f) return tl::unexpected(fmt::format("cannot write {} (disk full?)", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return tl::unexpected(fmt::format("cannot rename {} to {}: {}", tmp.string(), path.string(), ec.message()));
  return {};
}

std::string format_summary(const RunResults& r) {
  std::string out;
  const auto total = r.counts();
  auto counts_line = [](const OutcomeCounts& c) {
    std::string s;
    for (Outcome o : kAllOutcomes) {
      if (c[o] != 0) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", c[o], to_string(o));
    }
    return s.empty() ? std::string("no cases") : s;
  };
  out += fmt::format("ipmict run {}: {} case results over {} target(s): {}\n", r.complete ? "complete" : "INCOMPLETE",
                     total.total(), r.targets.size(), counts_line(total));
  for (const auto& t : r.targets) {
    out += fmt::format("\ntarget {}", t.name);
    if (!t.description.empty()) out += " (" + t.description + ")";
    out += "\n";
    const auto& id = t.identity;
    if (id.device_id) {
      out += fmt::format("  device ID {:02X}h, firmware {}, IPMI {}, manufacturer {}, product {:04X}h\n", *id.device_id, id.firmware,
                         id.ipmi_version, id.manufacturer_id.value_or(0), id.product_id.value_or(0));
    }
    if (!t.error.empty()) out += "  ERROR: " + t.error + "\n";
    out += "  " + counts_line(t.counts()) + "\n";
    for (const auto& c : t.cases) {
      if (c.outcome == Outcome::pass) continue;
      out += fmt::format("  {} {}", to_string(c.outcome), c.id);
      if (!c.reason.empty()) out += ": " + c.reason;
      out += "\n";
      if (c.outcome != Outcome::fail && c.outcome != Outcome::warn) continue;
      // The failing step's decoded exchange (DESIGN.md §7: expected vs seen, decoded).
      for (auto it = c.steps.rbegin(); it != c.steps.rend(); ++it) {
        if (it->ok || !it->exchange) continue;
        const auto& e = *it->exchange;
        auto indent = [](const std::string& text) {
          std::string s;
          std::size_t start = 0;
          while (start < text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            s += "      " + text.substr(start, end - start) + "\n";
            start = end + 1;
          }
          return s;
        };
        if (e.redacted) {
          out += "      request: (redacted: it carries a secret)\n";
        } else {
          out += indent(e.request_text);
        }
        out += e.answered ? indent(e.response_text) : "      no answer: " + e.error + "\n";
        break;
      }
    }
  }
  out += fmt::format("\nexit code {}\n", r.exit_code());
  return out;
}

ResultsWriter::ResultsWriter(std::filesystem::path out_dir, RunResults initial)
    : dir_(std::move(out_dir)), results_(std::move(initial)) {}

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

tl::expected<void, std::string> ResultsWriter::add_case(std::size_t target_index, CaseResult result) {
  std::string text = case_json(result).dump();
  std::lock_guard<std::mutex> lock(mutex_);
  if (results_.targets.size() <= target_index) results_.targets.resize(target_index + 1);
  if (case_json_.size() <= target_index) case_json_.resize(target_index + 1);
  results_.targets[target_index].cases.push_back(std::move(result));
  case_json_[target_index].push_back(std::move(text));
  return write_locked();
}

void ResultsWriter::set_target_duration(std::size_t index, double ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index < results_.targets.size()) results_.targets[index].duration_ms = ms;
}

tl::expected<void, std::string> ResultsWriter::finish(const std::string& finished_at) {
  std::lock_guard<std::mutex> lock(mutex_);
  results_.complete = true;
  results_.run.finished_at = finished_at;
  auto w = write_locked();
  if (!w) return w;
  return write_file_atomically(summary_path(), format_summary(results_));
}

RunResults ResultsWriter::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return results_;
}

// The same document as to_json(results_), spliced from the cached case texts: the run
// header, then each target's header object with its "cases" array appended, one case a line.
std::string ResultsWriter::render_locked() const {
  std::string header = run_header_json(results_).dump(1);
  header.pop_back();  // the closing '}' of a non-empty object
  while (!header.empty() && (header.back() == '\n' || header.back() == ' ')) header.pop_back();
  std::string out = std::move(header);
  out += ",\n\"targets\": [";
  for (std::size_t i = 0; i < results_.targets.size(); ++i) {
    std::string t = target_header_json(results_.targets[i]).dump();
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

tl::expected<void, std::string> ResultsWriter::write_locked() { return write_file_atomically(results_path(), render_locked()); }

}  // namespace ipmict::runner
