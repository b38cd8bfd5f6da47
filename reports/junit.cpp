// JUnit XML (see the header; docs/reports.md has the outcome mapping).
//
// The element and attribute set is the one Jenkins' xunit plugin validates against
// (junit-10.xsd, tests/data/junit/): a <testcase> may hold <failure>, <error>, <skipped>,
// <system-out>, but no <properties>, so what a case needs to say beyond its outcome (the
// quirks it passed through, a WARN's reason) goes into its <system-out>.
#include "reports/junit.hpp"

#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/failure_text.hpp"
#include "reports/xml_text.hpp"

namespace ipmict::reports {
namespace {

struct Suite {
  std::string profile;
  std::vector<const CaseResult*> cases;
};

// A case under several profiles is in each of their suites; a run with --profile reports
// just that one, since that is how its cases were selected.
std::vector<Suite> suites_of(const RunResults& r, const TargetResults& t) {
  std::vector<Suite> suites;
  auto suite_for = [&](const std::string& profile) -> Suite& {
    for (auto& s : suites) {
      if (s.profile == profile) return s;
    }
    suites.push_back(Suite{profile, {}});
    return suites.back();
  };
  if (!r.run.profile.empty()) {
    Suite& s = suite_for(r.run.profile);
    for (const auto& c : t.cases) s.cases.push_back(&c);
    return suites;
  }
  for (const auto& c : t.cases) {
    if (c.profiles.empty()) {
      suite_for("all").cases.push_back(&c);
      continue;
    }
    for (const auto& p : c.profiles) {
      Suite& s = suite_for(p);
      // A profile listed twice in one case still gives one testcase.
      if (s.cases.empty() || s.cases.back() != &c) s.cases.push_back(&c);
    }
  }
  if (suites.empty()) suite_for("all");
  return suites;
}

// "app.get-device-id.basic" -> "app.get-device-id": the spec chapter and the command, so
// CI servers group the cases of one command together.
std::string classname_of(std::string_view id) {
  const auto first = id.find('.');
  if (first == std::string_view::npos) return std::string(id);
  const auto second = id.find('.', first + 1);
  return std::string(second == std::string_view::npos ? id : id.substr(0, second));
}

double seconds(double ms) { return std::isfinite(ms) && ms > 0 ? ms / 1000.0 : 0.0; }

// ISO 8601 without a zone, as Ant writes it (and Ant's schema requires); ours are UTC.
std::string junit_timestamp(std::string_view utc) {
  if (utc.size() < 19 || utc[10] != 'T') return {};
  return std::string(utc.substr(0, 19));
}

std::string attr(std::string_view name, std::string_view value) {
  return fmt::format(" {}=\"{}\"", name, xml_attribute(value));
}

void add_property(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += fmt::format("      <property{}{}/>\n", attr("name", name), attr("value", value));
}

std::string properties(const RunResults& r, const TargetResults& t, const std::string& profile) {
  std::string out = "    <properties>\n";
  const auto& id = t.identity;
  const auto& caps = t.capabilities;
  add_property(out, "target", t.name);
  add_property(out, "target.description", t.description);
  add_property(out, "target.error", t.error);
  add_property(out, "target.target_profile", t.target_profile);
  add_property(out, "target.quirks", fmt::format("{}", fmt::join(t.quirks, ", ")));
  std::string manufacturer = id.manufacturer_name;
  if (id.manufacturer_id) {
    manufacturer += manufacturer.empty() ? fmt::format("{}", *id.manufacturer_id) : fmt::format(" ({})", *id.manufacturer_id);
  }
  add_property(out, "target.manufacturer", manufacturer);
  if (id.product_id) add_property(out, "target.product_id", fmt::format("{:04X}h", *id.product_id));
  if (id.device_id) add_property(out, "target.device_id", fmt::format("{:02X}h", *id.device_id));
  if (id.device_revision) add_property(out, "target.device_revision", fmt::format("{}", *id.device_revision));
  add_property(out, "target.firmware", id.firmware);
  add_property(out, "target.ipmi_version", id.ipmi_version);
  add_property(out, "target.guid", id.guid);
  if (!caps.cipher_suites.empty()) add_property(out, "target.cipher_suites", fmt::format("{}", fmt::join(caps.cipher_suites, ", ")));
  add_property(out, "target.auth_types", fmt::format("{}", fmt::join(caps.auth_types, ", ")));
  add_property(out, "profile", profile);
  add_property(out, "run.tool", r.run.tool);
  add_property(out, "run.version", r.run.version);
  add_property(out, "run.case_library_revision", r.run.case_library_revision);
  add_property(out, "run.cases_dir", r.run.cases_dir);
  add_property(out, "run.command_line", r.run.command_line);  // stored masked: no secrets
  add_property(out, "run.started_at", r.run.started_at);
  add_property(out, "run.finished_at", r.run.finished_at);
  add_property(out, "run.complete", r.complete ? "true" : "false");
  add_property(out, "run.strict", r.run.strict ? "true" : "false");
  add_property(out, "run.shard", r.run.shard);
  out += "    </properties>\n";
  return out;
}

struct SuiteCounts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  double seconds = 0;
};

// One <testcase>; adds what it is to `n`.
std::string testcase(const CaseResult& c, bool strict, SuiteCounts& n) {
  std::string out =
      fmt::format("    <testcase{}{}{}", attr("name", c.id), attr("classname", classname_of(c.id)),
                  attr("time", fmt::format("{:.3f}", seconds(c.duration_ms))));
  ++n.tests;
  n.seconds += seconds(c.duration_ms);
  const std::string message = c.reason.empty() ? std::string(to_string(c.outcome)) : c.reason;
  std::string body;
  std::string system_out;
  switch (c.outcome) {
    case Outcome::pass:
      break;
    case Outcome::pass_with_quirk:
      system_out = fmt::format("PASS-WITH-QUIRK: passed through the quirk(s) {} of the target profile\n",
                               fmt::join(c.quirks_used, ", "));
      if (!c.reason.empty()) system_out += c.reason + "\n";
      break;
    case Outcome::warn:
      if (strict) {
        ++n.failures;
        body = fmt::format("      <failure{}{}>{}</failure>\n", attr("message", message), attr("type", "WARN"),
                           xml_text(failure_text(c)));
      } else {
        system_out = "WARN (a SHOULD missed; FAIL under --strict): " + message + "\n";
      }
      break;
    case Outcome::unsupported:
    case Outcome::skip:
      ++n.skipped;
      body = fmt::format("      <skipped{}{}/>\n", attr("message", message), attr("type", to_string(c.outcome)));
      break;
    case Outcome::fail:
      ++n.failures;
      body = fmt::format("      <failure{}{}>{}</failure>\n", attr("message", message), attr("type", "FAIL"),
                         xml_text(failure_text(c)));
      break;
    case Outcome::error:
      ++n.errors;
      body = fmt::format("      <error{}{}>{}</error>\n", attr("message", message), attr("type", "ERROR"),
                         xml_text(failure_text(c)));
      break;
  }
  // A finding on a case that did not fail (an "info" finding, say) is still worth seeing.
  if (c.finding && c.outcome != Outcome::fail && c.outcome != Outcome::error &&
      !(c.outcome == Outcome::warn && strict)) {
    system_out += finding_text(*c.finding);
  }
  if (!system_out.empty()) body += "      <system-out>" + xml_text(system_out) + "</system-out>\n";
  if (body.empty()) return out + "/>\n";
  return out + ">\n" + body + "    </testcase>\n";
}

}  // namespace

std::string render_junit(const RunResults& r) {
  std::string suites_xml;
  SuiteCounts total;
  double distinct_seconds = 0;
  for (const auto& t : r.targets) {
    for (const auto& c : t.cases) distinct_seconds += seconds(c.duration_ms);
    for (const Suite& s : suites_of(r, t)) {
      SuiteCounts n;
      std::string cases_xml;
      for (const CaseResult* c : s.cases) cases_xml += testcase(*c, r.run.strict, n);
      if (!t.error.empty() && t.cases.empty()) {
        // A target that could not be reached has no case results; without a testcase a CI
        // server would count the suite as green.
        ++n.tests;
        ++n.errors;
        cases_xml += fmt::format("    <testcase{}{}{}>\n      <error{}{}>{}</error>\n    </testcase>\n",
                                 attr("name", "target-probe"), attr("classname", "ipmict.target"), attr("time", "0.000"),
                                 attr("message", t.error), attr("type", "ERROR"),
                                 xml_text("ERROR: target " + t.name + ": " + t.error + "\n"));
      }
      suites_xml += fmt::format("  <testsuite{}{}{}{}{}{}", attr("name", t.name + " / " + s.profile),
                                attr("tests", fmt::format("{}", n.tests)), attr("failures", fmt::format("{}", n.failures)),
                                attr("errors", fmt::format("{}", n.errors)), attr("skipped", fmt::format("{}", n.skipped)),
                                attr("time", fmt::format("{:.3f}", n.seconds)));
      if (const auto ts = junit_timestamp(r.run.started_at); !ts.empty()) suites_xml += attr("timestamp", ts);
      suites_xml += ">\n" + properties(r, t, s.profile) + cases_xml;
      if (!t.error.empty()) suites_xml += "    <system-err>" + xml_text("target error: " + t.error + "\n") + "</system-err>\n";
      suites_xml += "  </testsuite>\n";
      total.tests += n.tests;
      total.failures += n.failures;
      total.errors += n.errors;
    }
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites{}{}{}{}{}>\n", attr("name", "ipmict"), attr("tests", fmt::format("{}", total.tests)),
                     attr("failures", fmt::format("{}", total.failures)), attr("errors", fmt::format("{}", total.errors)),
                     attr("time", fmt::format("{:.3f}", distinct_seconds)));
  out += suites_xml;
  out += "</testsuites>\n";
  return out;
}

}  // namespace ipmict::reports
