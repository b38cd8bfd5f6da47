#pragma once
// The results model as JSON: results.json, schema "ipmict-results/1" (docs/results-model.md).
// to_json writes it; from_json reads a saved file back for `ipmict report render/diff/merge`.
// Fields added later in /1 are optional when reading, so older files still load.
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>
#include <tl/expected.hpp>

#include "reports/results.hpp"

namespace ipmict::reports {

nlohmann::json to_json(const RunResults& results);

// The pieces of to_json, for a writer that splices results.json from cached case texts
// (harness/runner/results_writer.cpp) instead of re-serialising the whole run each time.
nlohmann::json case_to_json(const CaseResult& c);
nlohmann::json target_header_to_json(const TargetResults& t);  // without "cases"
nlohmann::json run_header_to_json(const RunResults& r);        // without "targets"

// Parses a results document. Errors are one line naming the JSON path that is wrong
// ("targets[0].cases[3].outcome: unknown outcome \"MAYBE\"") and, for a file, its name.
tl::expected<RunResults, std::string> from_json(const nlohmann::json& j);
tl::expected<RunResults, std::string> parse_results(std::string_view text);
tl::expected<RunResults, std::string> load_results(const std::string& path);

}  // namespace ipmict::reports
