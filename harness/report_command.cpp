// `ipmict report` (see the header).
#include "harness/report_command.hpp"

#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/atomic_file.hpp"
#include "reports/diff.hpp"
#include "reports/html.hpp"
#include "reports/junit.hpp"
#include "reports/markdown.hpp"
#include "reports/merge.hpp"
#include "reports/results_json.hpp"

namespace ipmict {
namespace {

using reports::RunResults;

bool write(const std::string& what, const std::string& path, const std::string& text, std::ostream& err) {
  auto w = reports::write_file_atomically(path, text);
  if (!w) {
    err << "ipmict report " << what << ": " << w.error() << '\n';
    return false;
  }
  return true;
}

}  // namespace

int run_report_diff(const ReportDiffOptions& o, std::ostream& out, std::ostream& err) {
  auto base = reports::load_results(o.base);
  if (!base) {
    err << "ipmict report diff: " << base.error() << '\n';
    return 2;
  }
  auto now = reports::load_results(o.now);
  if (!now) {
    err << "ipmict report diff: " << now.error() << '\n';
    return 2;
  }
  const reports::ResultsDiff d = reports::diff_results(*base, *now);
  out << reports::format_diff(d);
  if (!o.markdown.empty() && !write("diff", o.markdown, reports::format_diff_markdown(d), err)) return 2;
  return d.regression() ? 1 : 0;
}

int run_report_merge(const ReportMergeOptions& o, std::ostream& out, std::ostream& err) {
  if (o.inputs.empty()) {
    err << "ipmict report merge: no results files given\n";
    return 2;
  }
  std::vector<RunResults> inputs;
  inputs.reserve(o.inputs.size());
  for (const auto& path : o.inputs) {
    auto r = reports::load_results(path);
    if (!r) {
      err << "ipmict report merge: " << r.error() << '\n';
      return 2;
    }
    inputs.push_back(std::move(*r));
  }
  auto merged = reports::merge_results(inputs, o.inputs);
  if (!merged) {
    err << "ipmict report merge: " << merged.error() << '\n';
    return 2;
  }
  std::string text;
  try {
    text = reports::to_json(*merged).dump(1) + "\n";
  } catch (const nlohmann::json::exception& e) {  // only text that is not UTF-8; loaded JSON always is
    err << "ipmict report merge: cannot write the merged results as JSON: " << e.what() << '\n';
    return 2;
  }
  if (!write("merge", o.out, text, err)) return 2;
  out << fmt::format("merged {} files into {}: {} target(s), {} case results{}\n", o.inputs.size(), o.out, merged->targets.size(),
                     merged->counts().total(), merged->complete ? "" : " (incomplete: an input was cut short)");
  return 0;
}

int run_report_render(const ReportRenderOptions& o, std::ostream& out, std::ostream& err) {
  if (o.html.empty() && o.junit.empty() && o.markdown.empty()) {
    err << "ipmict report render: nothing to write: give --html FILE, --junit FILE or --md FILE\n";
    return 2;
  }
  auto r = reports::load_results(o.input);
  if (!r) {
    err << "ipmict report render: " << r.error() << '\n';
    return 2;
  }
  struct Output {
    const std::string& path;
    const char* what;
    std::string (*render)(const RunResults&);
  } outputs[] = {{o.html, "HTML", &reports::render_html},
                 {o.junit, "JUnit", &reports::render_junit},
                 {o.markdown, "Markdown", &reports::render_markdown}};
  int rc = 0;
  for (const auto& w : outputs) {
    if (w.path.empty()) continue;
    if (!write("render", w.path, w.render(*r), err)) {
      rc = 2;  // still try the others: one unwritable path should not cost the rest
      continue;
    }
    out << "wrote " << w.what << " " << w.path << '\n';
  }
  return rc;
}

}  // namespace ipmict
