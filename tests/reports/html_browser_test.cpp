// The HTML report in a real browser: headless Chromium driven by
// tests/reports/html_browser_check.py (python3-selenium + chromium-driver, Debian packages
// that ci/setup.sh installs). This test writes the reports (the sample model, and a
// generated run of 600 cases on two targets with hostile strings), computes from the
// models what the filters must show, and runs the script with a time bound. It skips only
// when the browser packages are not installed. The screenshots and the reports stay under
// <build>/test-artifacts/.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reports/html.hpp"
#include "tests/reports/large_results.hpp"
#include "tests/reports/sample_results.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::reports {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, where python3-selenium is
constexpr const char* kChromium = "/usr/bin/chromium";
constexpr const char* kChromedriver = "/usr/bin/chromedriver";

std::string browser_unavailable() {
  for (const char* p : {kChromium, kChromedriver, kPython}) {
    if (!fs::exists(p)) {
      return std::string(p) + " is not installed (apt-get install chromium chromium-driver python3-selenium python3-html5lib; ci/setup.sh does)";
    }
  }
  const auto probe = ipmict::test::run_capture({kPython, "-c", "import selenium, html5lib"}, {}, std::chrono::seconds(20));
  if (probe.exit_code != 0) return "python3-selenium or python3-html5lib is not installed (ci/setup.sh installs them): " + probe.output;
  return "";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// What the page must show, from the model alone: one row per case ID (the models here
// have no duplicate IDs), its outcome on each target, and the text the search looks in.
struct Row {
  std::vector<std::optional<Outcome>> outcomes;
  std::string text;  // ID, title and reasons, lower case
};

std::map<std::string, Row> rows_of(const RunResults& r) {
  std::map<std::string, Row> rows;
  for (std::size_t t = 0; t < r.targets.size(); ++t) {
    for (const auto& c : r.targets[t].cases) {
      auto& row = rows[c.id];
      row.outcomes.resize(r.targets.size());
      row.outcomes[t] = c.outcome;
      if (row.text.empty()) row.text = lower(c.id + "\n" + c.title);
      if (!c.reason.empty()) row.text += "\n" + lower(c.reason);
    }
  }
  return rows;
}

std::size_t matching(const std::map<std::string, Row>& rows, const std::string& query) {
  std::vector<std::string> terms;
  std::string term;
  for (char ch : lower(query) + " ") {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      if (!term.empty()) terms.push_back(term);
      term.clear();
    } else {
      term += ch;
    }
  }
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const auto& kv) {
    return std::all_of(terms.begin(), terms.end(), [&](const std::string& w) { return kv.second.text.find(w) != std::string::npos; });
  }));
}

json page_expectations(const RunResults& r, const fs::path& html, const std::vector<std::string>& searches) {
  const auto rows = rows_of(r);
  json page;
  page["html"] = html.string();
  page["rows"] = rows.size();
  json outcome_rows = json::object();
  for (Outcome o : kAllOutcomes) {
    outcome_rows[std::string(to_string(o))] = std::count_if(rows.begin(), rows.end(), [&](const auto& kv) {
      return std::find(kv.second.outcomes.begin(), kv.second.outcomes.end(), std::optional<Outcome>(o)) != kv.second.outcomes.end();
    });
  }
  page["outcome_rows"] = outcome_rows;
  json target_rows = json::array();
  for (std::size_t t = 0; t < r.targets.size(); ++t) target_rows.push_back(r.targets[t].cases.size());
  page["target_rows"] = target_rows;
  json s = json::array();
  for (const auto& q : searches) s.push_back(json::array({q, matching(rows, q)}));
  page["searches"] = s;
  page["max_load_s"] = 10;
  return page;
}

TEST(HtmlReportInBrowser, FiltersSearchTranscriptsPrintAndNoNetwork) {
  if (const auto why = browser_unavailable(); !why.empty()) GTEST_SKIP() << why;
  const fs::path artifacts = fs::path(IPMICT_BINARY_DIR) / "test-artifacts";
  fs::create_directories(artifacts);

  const RunResults sample = test::sample_results();
  const fs::path sample_html = artifacts / "report.html";
  ipmict::test::write_file(sample_html, render_html(sample));
  json small = page_expectations(sample, sample_html, {"poh", "D4h", "title of app", "cipher ZERO"});
  small["expand"] = json::array({"security.cipher-zero", "Device ID: 20h"});
  small["problem_case"] = "security.cipher-zero";
  small["screenshot"] = (artifacts / "report.png").string();
  small["full_page"] = true;

  const RunResults large = test::large_results(600);
  const fs::path large_html = artifacts / "report-large.html";
  const std::string large_text = render_html(large);
  ipmict::test::write_file(large_html, large_text);
  json big = page_expectations(large, large_html, {"case-12", "reason fail", "<script>", "gen.case-599"});
  big["expand"] = json::array({"gen.case-40", "Manufacturer ID: 22359 (case 40 step 2)"});
  big["problem_case"] = "gen.case-5";
  big["hostile"] = json::array({test::kHostileCaseId, "<script>window.__pwned=1</script> title",
                                "Device name: </script><script>window.__pwned=2</script>"});
  big["screenshot"] = (artifacts / "report-large.png").string();
  big["click_filters"] = false;  // the sample page clicks every checkbox; here that costs 0.1 s a click

  // The hostile strings, in a page small enough for the HTML5 parse check (html5lib takes
  // seconds on the full one, which is the same markup 600 times).
  const fs::path hostile_html = artifacts / "report-hostile.html";
  ipmict::test::write_file(hostile_html, render_html(test::large_results(40)));

  const fs::path expect_path = artifacts / "browser-expectations.json";
  ipmict::test::write_file(expect_path,
                           json{{"parse", {sample_html.string(), hostile_html.string()}}, {"pages", json::array({small, big})}}.dump(2));

  const fs::path script = fs::path(IPMICT_SOURCE_DIR) / "tests/reports/html_browser_check.py";
  const auto start = std::chrono::steady_clock::now();
  const auto run = ipmict::test::run_capture({kPython, script.string(), expect_path.string()}, {}, std::chrono::seconds(50));
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << run.output << "browser check took " << seconds << " s; artifacts in " << artifacts.string() << "\n";
  ASSERT_FALSE(run.timed_out) << "the browser check did not finish within 50 s\n" << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(fs::exists(artifacts / "report.png"));
}

}  // namespace
}  // namespace ipmict::reports
