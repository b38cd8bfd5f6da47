// JUnit XML: the outcome mapping, suites per target and profile, escaping; the output is
// validated against Jenkins' xunit-plugin schema with xmllint and read back by a real
// JUnit reader (Debian's python3-junitparser) whose counts must match ours.
#include "reports/junit.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/reports/sample_results.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::reports {
namespace {

namespace fs = std::filesystem;

const fs::path kSchema = fs::path(IPMICT_TEST_DATA_DIR) / "junit" / "junit-10.xsd";
const fs::path kConsumer = fs::path(IPMICT_SOURCE_DIR) / "tests" / "reports" / "junit_consumer.py";

std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
  return n;
}

// xmllint --schema: "" when valid, else its output.
std::string schema_errors(const std::string& xml) {
  ipmict::test::TempDir dir("ipmict-junit");
  const auto file = dir.path() / "junit.xml";
  ipmict::test::write_file(file, xml);
  const auto r = ipmict::test::run_capture({"xmllint", "--noout", "--schema", kSchema.string(), file.string()});
  if (r.exit_code == 0) return {};
  return "xmllint exit " + std::to_string(r.exit_code) + ": " + r.output;
}

// Debian's python3-junitparser lives in /usr/lib/python3/dist-packages: ask Debian's
// interpreter, not whichever python3 comes first in PATH.
std::string debian_python() { return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

struct Consumed {
  std::vector<nlohmann::json> suites;
  std::vector<nlohmann::json> cases;
};

// Runs tests/reports/junit_consumer.py; sets `skip` when junitparser is not installed.
Consumed consume(const std::string& xml, std::string& skip) {
  ipmict::test::TempDir dir("ipmict-junit");
  const auto file = dir.path() / "junit.xml";
  ipmict::test::write_file(file, xml);
  const auto r = ipmict::test::run_capture({debian_python(), kConsumer.string(), file.string()});
  Consumed c;
  if (r.exit_code == 3) {
    skip = "python3-junitparser is not installed (ci/setup.sh installs it): " + r.output;
    return c;
  }
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::istringstream lines(r.output);
  std::string line;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    (j.contains("suite") ? c.suites : c.cases).push_back(std::move(j));
  }
  return c;
}

bool have_xmllint() { return ipmict::test::find_in_path("xmllint").has_value(); }

RunResults with_every_outcome() {
  RunResults r = test::sample_results();
  auto& cases = r.targets[0].cases;
  CaseResult warn = cases[0];
  warn.id = "app.get-acpi-power-state.should";
  warn.outcome = Outcome::warn;
  warn.severity = "should";
  warn.reason = "step 1: byte 2: expected 00h, seen 01h";
  warn.steps[0].ok = false;
  warn.steps[0].mismatches = {"byte 2: expected 00h, seen 01h"};
  cases.push_back(warn);
  CaseResult error = cases[0];
  error.id = "app.get-device-guid.basic";
  error.outcome = Outcome::error;
  error.reason = "no answer: timeout after 2 retries";
  error.steps[0].exchange->answered = false;
  error.steps[0].exchange->error = "timeout after 2 retries";
  cases.push_back(error);
  return r;
}

TEST(JUnit, SampleValidatesAgainstJenkinsXunitSchema) {
  if (!have_xmllint()) GTEST_SKIP() << "xmllint (libxml2-utils) is not installed; ci/setup.sh installs it";
  ASSERT_TRUE(fs::exists(kSchema)) << kSchema;
  EXPECT_EQ(schema_errors(render_junit(test::sample_results())), "");
  RunResults strict = with_every_outcome();
  EXPECT_EQ(schema_errors(render_junit(strict)), "");
  strict.run.strict = true;
  strict.run.profile.clear();
  EXPECT_EQ(schema_errors(render_junit(strict)), "");
}

TEST(JUnit, SchemaCheckRejectsABrokenDocument) {
  // The validation above must be able to fail: a testsuite without its required counts.
  if (!have_xmllint()) GTEST_SKIP() << "xmllint (libxml2-utils) is not installed";
  std::string xml = render_junit(test::sample_results());
  const auto pos = xml.find(" failures=\"", xml.find("<testsuite "));
  ASSERT_NE(pos, std::string::npos);
  xml.erase(pos, xml.find('"', pos + 11) + 1 - pos);
  EXPECT_NE(schema_errors(xml), "");
}

TEST(JUnit, OneSuitePerTargetForTheRunsProfile) {
  const std::string xml = render_junit(test::sample_results());
  EXPECT_EQ(count_of(xml, "<testsuite "), 2u);
  EXPECT_NE(xml.find("<testsuite name=\"sim:// / full\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"lanplus://admin@127.0.0.1:9623 / full\" tests=\"5\" failures=\"0\" errors=\"0\" "
                     "skipped=\"2\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuites name=\"ipmict\" tests=\"9\" failures=\"1\" errors=\"0\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("timestamp=\"2026-11-21T10:00:00\""), std::string::npos);
}

TEST(JUnit, WithoutARunProfileEachCaseIsInEachOfItsProfilesSuites) {
  RunResults r = test::sample_results();
  r.run.profile.clear();
  r.targets.resize(1);
  r.targets[0].cases[2].profiles = {"core"};
  r.targets[0].cases[3].profiles.clear();
  const std::string xml = render_junit(r);
  // cases 0 and 1 are in core and full; case 2 only in core; case 3 in "all".
  EXPECT_NE(xml.find("name=\"sim:// / core\" tests=\"3\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"sim:// / full\" tests=\"2\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"sim:// / all\" tests=\"1\""), std::string::npos) << xml;
  EXPECT_EQ(count_of(xml, "<testcase name=\"security.cipher-zero\""), 2u);
  EXPECT_EQ(count_of(xml, "<property name=\"profile\" value=\"core\"/>"), 1u);
}

TEST(JUnit, TestcaseNamesClassnamesAndTimes) {
  const std::string xml = render_junit(test::sample_results());
  EXPECT_NE(xml.find("<testcase name=\"app.get-device-id.basic\" classname=\"app.get-device-id\" time=\"0.002\"/>"),
            std::string::npos)
      << xml;
  RunResults r = test::sample_results();
  r.targets.resize(1);
  r.targets[0].cases.resize(1);
  r.targets[0].cases[0].id = "lonely";
  r.targets[0].cases[0].duration_ms = 1234.0;
  EXPECT_NE(render_junit(r).find("<testcase name=\"lonely\" classname=\"lonely\" time=\"1.234\"/>"), std::string::npos);
}

TEST(JUnit, FailureCarriesTheTranscriptAndTheSecurityFinding) {
  const std::string xml = render_junit(test::sample_results());
  const auto start = xml.find("<testcase name=\"security.cipher-zero\"");
  ASSERT_NE(start, std::string::npos);
  const std::string tc = xml.substr(start, xml.find("</testcase>", start) - start);
  EXPECT_NE(tc.find("<failure message=\"step 1: completion code: expected D4h, seen 00h\" type=\"FAIL\">"),
            std::string::npos)
      << tc;
  EXPECT_NE(tc.find("mismatch: completion code: expected D4h, seen 00h"), std::string::npos) << tc;
  EXPECT_NE(tc.find("request Get Device ID via lanplus session (Administrator): 06 01"), std::string::npos) << tc;
  EXPECT_NE(tc.find("response: 00 20"), std::string::npos) << tc;
  EXPECT_NE(tc.find("    Device ID: 20h"), std::string::npos) << tc;
  EXPECT_NE(tc.find("security finding (high): Cipher suite 0 accepted"), std::string::npos) << tc;
  EXPECT_NE(tc.find("remedy: Disable cipher suite 0"), std::string::npos) << tc;
  EXPECT_NE(tc.find("CVE-2013-4782"), std::string::npos) << tc;
}

TEST(JUnit, OutcomeMapping) {
  RunResults r = with_every_outcome();
  r.targets.resize(1);
  std::string xml = render_junit(r);
  auto testcase_of = [&](const std::string& id) {
    const auto start = xml.find("<testcase name=\"" + id + "\"");
    EXPECT_NE(start, std::string::npos) << id;
    // Up to the next testcase or the end of the suite.
    const auto end = std::min(xml.find("<testcase ", start + 1), xml.find("</testsuite>", start));
    return xml.substr(start, end - start);
  };
  EXPECT_EQ(testcase_of("app.get-device-id.basic").find('<', 1), std::string::npos);  // PASS: no child
  EXPECT_NE(testcase_of("app.get-device-guid.basic").find("<error message=\"no answer: timeout after 2 retries\" type=\"ERROR\">"),
            std::string::npos);
  EXPECT_NE(testcase_of("app.get-device-guid.basic").find("no response: timeout after 2 retries"), std::string::npos);
  EXPECT_NE(testcase_of("app.set-user-password.admin").find("<skipped message=\"destructive: needs --allow-destructive\" type=\"SKIP\"/>"),
            std::string::npos);
  const auto quirk = testcase_of("app.get-self-test.basic");
  EXPECT_NE(quirk.find("<system-out>PASS-WITH-QUIRK: passed through the quirk(s) self-test-56h"), std::string::npos) << quirk;
  EXPECT_EQ(quirk.find("<failure"), std::string::npos);
  const auto warn = testcase_of("app.get-acpi-power-state.should");
  EXPECT_EQ(warn.find("<failure"), std::string::npos) << warn;
  EXPECT_NE(warn.find("<system-out>WARN (a SHOULD missed; FAIL under --strict): step 1: byte 2"), std::string::npos) << warn;
  EXPECT_NE(xml.find("tests=\"6\" failures=\"1\" errors=\"1\" skipped=\"1\""), std::string::npos) << xml;

  r.run.strict = true;
  xml = render_junit(r);
  const auto strict_warn = testcase_of("app.get-acpi-power-state.should");
  EXPECT_NE(strict_warn.find("<failure message=\"step 1: byte 2: expected 00h, seen 01h\" type=\"WARN\">"), std::string::npos)
      << strict_warn;
  EXPECT_NE(xml.find("tests=\"6\" failures=\"2\" errors=\"1\" skipped=\"1\""), std::string::npos) << xml;

  RunResults b = test::sample_results();
  const std::string xb = render_junit(b);
  EXPECT_NE(xb.find("<skipped message=\"UNSUPPORTED\" type=\"UNSUPPORTED\"/>"), std::string::npos) << xb;
}

TEST(JUnit, SuitePropertiesNameTheTargetAndTheRun) {
  const std::string xml = render_junit(test::sample_results());
  for (const char* p : {"<property name=\"target\" value=\"sim://\"/>",
                        "<property name=\"target.manufacturer\" value=\"Example Corp (4660)\"/>",
                        "<property name=\"target.product_id\" value=\"0042h\"/>",
                        "<property name=\"target.firmware\" value=\"1.00\"/>",
                        "<property name=\"target.ipmi_version\" value=\"2.0\"/>",
                        "<property name=\"target.guid\" value=\"01234567-89ab-cdef-0123-456789abcdef\"/>",
                        "<property name=\"target.cipher_suites\" value=\"3, 17\"/>",
                        "<property name=\"run.version\" value=\"0.1.0\"/>",
                        "<property name=\"run.case_library_revision\" value=\"git:0123456789ab\"/>",
                        "<property name=\"target.firmware\" value=\"2.00\"/>"}) {
    EXPECT_NE(xml.find(p), std::string::npos) << p;
  }
}

TEST(JUnit, TargetThatCouldNotBeReachedIsAnErrorNotAnEmptyGreenSuite) {
  RunResults r = test::sample_results();
  r.targets.resize(1);
  r.targets[0].cases.clear();
  r.targets[0].error = "no answer to Get Channel Authentication Capabilities";
  const std::string xml = render_junit(r);
  EXPECT_NE(xml.find("tests=\"1\" failures=\"0\" errors=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<error message=\"no answer to Get Channel Authentication Capabilities\" type=\"ERROR\">"),
            std::string::npos)
      << xml;
  if (have_xmllint()) {
    EXPECT_EQ(schema_errors(xml), "");
  }
}

TEST(JUnit, HostileTextIsEscapedAndStaysValidXml) {
  RunResults r = with_every_outcome();
  r.targets.resize(1);
  auto& c = r.targets[0].cases[1];  // the FAIL
  c.id = "oem.x<y>&\"z\".'q'";
  c.reason = std::string("device string \"A&B\" <ok> \x01\x1b bad \xff\xfe utf8 \r\n end ]]> \xef\xbf\xbf");
  c.steps[0].exchange->response_text = std::string("name: \x07\x00zero", 13);
  r.targets[0].name = "sim://?a=1&b=<2>";
  const std::string xml = render_junit(r);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\x07'), std::string::npos);
  EXPECT_EQ(xml.find(std::string(1, '\0')), std::string::npos);
  EXPECT_EQ(xml.find('\xff'), std::string::npos);
  EXPECT_EQ(xml.find("]]>"), std::string::npos);
  EXPECT_NE(xml.find("name=\"oem.x&lt;y&gt;&amp;&quot;z&quot;.&apos;q&apos;\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("\\x01\\x1B bad \xef\xbf\xbd\xef\xbf\xbd utf8 &#13;&#10; end ]]&gt; \\u{FFFF}"), std::string::npos) << xml;
  if (have_xmllint()) {
    EXPECT_EQ(schema_errors(xml), "");
  }
  std::string skip;
  const auto consumed = consume(xml, skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  bool found = false;
  for (const auto& k : consumed.cases) {
    if (k["case"] != "oem.x<y>&\"z\".'q'") continue;
    found = true;
    ASSERT_EQ(k["results"].size(), 1u);
    EXPECT_EQ(k["results"][0]["message"],
              "device string \"A&B\" <ok> \\x01\\x1B bad \xef\xbf\xbd\xef\xbf\xbd utf8 \r\n end ]]> \\u{FFFF}");
    EXPECT_NE(k["results"][0]["text"].get<std::string>().find("name: \\x07\\x00zero"), std::string::npos);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(consumed.suites.at(0)["suite"], "sim://?a=1&b=<2> / full");
}

TEST(JUnit, RealJUnitReaderCountsWhatWeDeclared) {
  for (bool strict : {false, true}) {
    RunResults r = with_every_outcome();
    r.run.strict = strict;
    r.run.profile.clear();  // suites per case profile: core and full
    std::string skip;
    const auto consumed = consume(render_junit(r), skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_EQ(consumed.suites.size(), 4u);  // 2 targets x {core, full}
    for (const auto& s : consumed.suites) {
      EXPECT_EQ(s["declared"], s["derived"]) << s.dump();
      EXPECT_EQ(s["timestamp"], "2026-11-21T10:00:00");
    }
    // Target 0: PASS, FAIL, PASS-WITH-QUIRK, SKIP, WARN, ERROR; target 1: PASS, PASS,
    // PASS-WITH-QUIRK, SKIP, UNSUPPORTED. Every case is in core and in full.
    const nlohmann::json a{{"tests", 6}, {"failures", strict ? 2 : 1}, {"errors", 1}, {"skipped", 1}};
    const nlohmann::json b{{"tests", 5}, {"failures", 0}, {"errors", 0}, {"skipped", 2}};
    EXPECT_EQ(consumed.suites[0]["suite"], "sim:// / core");
    EXPECT_EQ(consumed.suites[0]["derived"], a);
    EXPECT_EQ(consumed.suites[1]["suite"], "sim:// / full");
    EXPECT_EQ(consumed.suites[1]["derived"], a);
    EXPECT_EQ(consumed.suites[2]["derived"], b);
    EXPECT_EQ(consumed.suites[3]["derived"], b);
    EXPECT_EQ(consumed.suites[0]["properties"]["target.manufacturer"], "Example Corp (4660)");
    EXPECT_EQ(consumed.cases.size(), 22u);
  }
}

}  // namespace
}  // namespace ipmict::reports
