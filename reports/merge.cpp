// `ipmict report merge` (see the header; docs/reports.md "Merge").
#include "reports/merge.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ipmict::reports {
namespace {

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& v : from) {
    if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
  }
}

// Equal values stay as they are; different ones are all kept, so nothing is silently lost.
void join_distinct(std::string& to, const std::string& from, std::string_view sep) {
  if (from.empty() || from == to) return;
  if (to.empty()) {
    to = from;
    return;
  }
  // Already one of the joined values?
  std::size_t start = 0;
  while (start <= to.size()) {
    auto end = to.find(sep, start);
    if (end == std::string::npos) end = to.size();
    if (std::string_view(to).substr(start, end - start) == from) return;
    start = end + sep.size();
  }
  to += std::string(sep) + from;
}

template <typename T>
void fill(std::optional<T>& to, const std::optional<T>& from) {
  if (!to && from) to = from;
}
void fill(std::string& to, const std::string& from) {
  if (to.empty()) to = from;
}

void merge_identity(TargetIdentity& to, const TargetIdentity& from) {
  fill(to.device_id, from.device_id);
  fill(to.device_revision, from.device_revision);
  fill(to.firmware, from.firmware);
  fill(to.ipmi_version, from.ipmi_version);
  fill(to.manufacturer_id, from.manufacturer_id);
  fill(to.manufacturer_name, from.manufacturer_name);
  fill(to.product_id, from.product_id);
  fill(to.guid, from.guid);
}

void merge_capabilities(TargetCapabilities& to, const TargetCapabilities& from) {
  fill(to.ipmi15, from.ipmi15);
  fill(to.ipmi20, from.ipmi20);
  if (to.cipher_suites.empty()) to.cipher_suites = from.cipher_suites;
  add_unique(to.auth_types, from.auth_types);
  fill(to.lan_channel, from.lan_channel);
  add_unique(to.notes, from.notes);
}

// One merged target and, per case ID, where its case came from (for the error message).
struct MergedTarget {
  TargetResults target;
  std::unordered_map<std::string, std::size_t> case_source;  // id -> input index
  std::unordered_map<std::string, std::size_t> case_index;   // id -> index in target.cases
};

}  // namespace

tl::expected<RunResults, std::string> merge_results(const std::vector<RunResults>& inputs,
                                                    const std::vector<std::string>& names) {
  if (inputs.empty()) return tl::unexpected(std::string("nothing to merge: no results given"));
  auto name_of = [&](std::size_t i) { return i < names.size() ? names[i] : fmt::format("input {}", i + 1); };

  RunResults out;
  out.run = inputs.front().run;
  out.complete = true;
  bool all_sharded = true;
  std::vector<std::string> shards;
  std::size_t selected_sum = 0, selected_max = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const RunInfo& r = inputs[i].run;
    out.complete = out.complete && inputs[i].complete;
    if (i == 0) continue;
    // The span of the runs: ISO 8601 UTC text of one format sorts as time does.
    if (!r.started_at.empty() && (out.run.started_at.empty() || r.started_at < out.run.started_at)) out.run.started_at = r.started_at;
    if (r.finished_at > out.run.finished_at) out.run.finished_at = r.finished_at;
    join_distinct(out.run.version, r.version, ", ");
    join_distinct(out.run.command_line, r.command_line, " ; ");
    join_distinct(out.run.cases_dir, r.cases_dir, ", ");
    join_distinct(out.run.case_library_revision, r.case_library_revision, ", ");
    join_distinct(out.run.netfn_filter, r.netfn_filter, ", ");
    join_distinct(out.run.cmd_filter, r.cmd_filter, ", ");
    if (r.profile != out.run.profile) out.run.profile.clear();  // then each case's own profiles group it
    if (r.pcap != out.run.pcap) out.run.pcap.clear();           // one capture per run: no single file to name
    add_unique(out.run.case_globs, r.case_globs);
    add_unique(out.run.tags, r.tags);
    out.run.strict = out.run.strict || r.strict;
    out.run.allow_destructive = out.run.allow_destructive || r.allow_destructive;
    out.run.timeout_ms = std::max(out.run.timeout_ms, r.timeout_ms);
    out.run.cases_in_library = std::max(out.run.cases_in_library, r.cases_in_library);
  }
  for (const auto& in : inputs) {
    all_sharded = all_sharded && !in.run.shard.empty();
    if (!in.run.shard.empty() && std::find(shards.begin(), shards.end(), in.run.shard) == shards.end()) shards.push_back(in.run.shard);
    selected_sum += in.run.cases_selected;
    selected_max = std::max(selected_max, in.run.cases_selected);
  }
  if (!out.complete) out.run.finished_at.clear();  // "empty until complete" (results.hpp)
  // Distinct shards of one selection add up; otherwise the inputs selected from one library.
  const bool distinct_shards = all_sharded && shards.size() == inputs.size();
  out.run.cases_selected = distinct_shards ? selected_sum : selected_max;
  out.run.shard = fmt::format("{}", fmt::join(shards, ","));

  std::vector<MergedTarget> merged;
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (const auto& t : inputs[i].targets) {
      auto [it, fresh] = by_name.emplace(t.name, merged.size());
      if (fresh) {
        MergedTarget m;
        m.target = t;
        m.target.cases.clear();
        merged.push_back(std::move(m));
      } else {
        TargetResults& to = merged[it->second].target;
        fill(to.description, t.description);
        fill(to.target_profile, t.target_profile);
        add_unique(to.quirks, t.quirks);
        merge_identity(to.identity, t.identity);
        merge_capabilities(to.capabilities, t.capabilities);
        join_distinct(to.error, t.error, "; ");
        to.duration_ms += t.duration_ms;
      }
      MergedTarget& m = merged[it->second];
      for (const auto& c : t.cases) {
        const auto known = m.case_index.find(c.id);
        if (known == m.case_index.end()) {
          m.case_index.emplace(c.id, m.target.cases.size());
          m.case_source.emplace(c.id, i);
          m.target.cases.push_back(c);
          continue;
        }
        const CaseResult& first = m.target.cases[known->second];
        if (first.outcome == c.outcome) continue;  // the same result twice: keep one
        return tl::unexpected(fmt::format("target {}, case {}: {} in {}, {} in {}", t.name, c.id, to_string(first.outcome),
                                          name_of(m.case_source.at(c.id)), to_string(c.outcome), name_of(i)));
      }
    }
  }
  out.targets.reserve(merged.size());
  for (auto& m : merged) out.targets.push_back(std::move(m.target));
  return out;
}

tl::expected<RunResults, std::string> merge_results(const std::vector<RunResults>& inputs) { return merge_results(inputs, {}); }

}  // namespace ipmict::reports
