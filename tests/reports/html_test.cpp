// The HTML report as text: escaping of hostile strings, the INCOMPLETE banner, one column
// per target, the command matrix, M/O coverage, findings, and the page's self-containment.
// (What it does in a browser: html_browser_test.cpp.)
#include "reports/html.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reports/html_escape.hpp"
#include "tests/reports/large_results.hpp"
#include "tests/reports/sample_results.hpp"

namespace ipmict::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// The text between the first `from` and the next `to` after it ("" when absent).
std::string between(const std::string& s, std::string_view from, std::string_view to) {
  const auto a = s.find(from);
  if (a == std::string::npos) return "";
  const auto b = s.find(to, a + from.size());
  return s.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

std::string section(const std::string& html, std::string_view id) {
  return between(html, "<section id=\"" + std::string(id) + "\"", "</section>");
}

// The row of one case in the case list, up to the end of its summary.
std::string case_summary(const std::string& html, std::string_view id) {
  return between(html, "<span class=\"cid\">" + std::string(id) + "</span>", "</summary>");
}

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html_escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("plain text, 0x20"), "plain text, 0x20");
}

TEST(HtmlEscape, KeepsValidUtf8AndReplacesWhatIsNot) {
  EXPECT_EQ(html_escape("IPMI 2.0 §20.1 — ✓ 🙂"), "IPMI 2.0 §20.1 — ✓ 🙂");
  EXPECT_EQ(html_escape("a\xff" "b"), "a\xEF\xBF\xBD" "b");            // stray byte
  EXPECT_EQ(html_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");       // overlong '/'
  EXPECT_EQ(html_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(html_escape("\xE2\x9C"), "\xEF\xBF\xBD\xEF\xBF\xBD");       // truncated at the end
  EXPECT_EQ(html_escape("x\x01y\x7f" "z\xC2\x85"), "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBD");  // C0, DEL, C1
  EXPECT_EQ(html_escape("tab\tline\ncr\r"), "tab\tline\ncr\r");
  EXPECT_EQ(html_escape("\xEF\xBF\xBF"), "\xEF\xBF\xBD");  // U+FFFF, a noncharacter
}

TEST(HtmlReport, HostileStringsStayText) {
  RunResults r = test::sample_results();
  auto& c = r.targets[0].cases[0];
  c.title = "<script>alert(1)</script>";
  c.reason = "\" onmouseover=\"alert(2)";
  c.steps[0].exchange->response_text = "name: </script><script>alert(3)</script>";
  c.steps[0].exchange->request_text = "<!-- <img src=x onerror=alert(4)>";
  r.targets[0].identity.manufacturer_name = "<b>ACME</b>";
  r.targets[0].name = "lan://<x>";
  const std::string html = render_html(r);
  // The report's own script is the only one, and nothing from the model became a tag.
  EXPECT_EQ(count(html, "<script"), 1u);
  EXPECT_EQ(count(html, "</script"), 1u);
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<b>ACME")));
  EXPECT_THAT(html, Not(HasSubstr("onmouseover=\"")));
  EXPECT_THAT(html, Not(HasSubstr("<!--")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("name: &lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("&quot; onmouseover=&quot;alert(2)"));
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;ACME&lt;/b&gt;"));
  EXPECT_THAT(html, HasSubstr("lan://&lt;x&gt;"));
}

TEST(HtmlReport, LoadsNothingAndAllowsOnlyItsOwnScript) {
  // (The sample, not the generated model: that one's hostile strings spell " src=" as text.)
  const std::string html = render_html(test::sample_results());
  EXPECT_THAT(html, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "));
  // The script is allowed by its hash alone, not by 'unsafe-inline'.
  const std::string script_src = between(html, "script-src ", ";");
  EXPECT_EQ(script_src.rfind("script-src 'sha256-", 0), 0u) << script_src;
  EXPECT_EQ(script_src.find("unsafe"), std::string::npos) << script_src;
  for (const char* ref : {"http:", "https:", "<link", "<img", "<iframe", " src=", "@import", "url("}) {
    EXPECT_EQ(html.find(ref), std::string::npos) << ref;
  }
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
}

TEST(HtmlReport, IncompleteRunHasABanner) {
  RunResults r = test::sample_results();
  EXPECT_THAT(render_html(r), Not(HasSubstr("INCOMPLETE")));
  EXPECT_THAT(render_html(r), HasSubstr("class=\"banner complete\""));
  r.complete = false;
  r.run.finished_at.clear();
  const std::string html = render_html(r);
  EXPECT_THAT(html, HasSubstr("<p class=\"banner incomplete\" id=\"run-state\"><strong>INCOMPLETE run.</strong>"));
  EXPECT_THAT(html, HasSubstr("<dt>Finished</dt><dd>(not finished)</dd>"));
}

TEST(HtmlReport, RunInfoAndTargetIdentity) {
  const std::string html = render_html(test::sample_results());
  EXPECT_THAT(html, HasSubstr("<dt>Tool</dt><dd>ipmict 0.1.0</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>Case library revision</dt><dd>git:0123456789ab</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>Command line</dt><dd>ipmict run --password-env ***</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>Started</dt><dd>2026-11-21T10:00:00Z</dd>"));
  const std::string targets = section(html, "targets");
  EXPECT_THAT(targets, HasSubstr("Example Corp (IANA enterprise 4660, 001234h)"));
  EXPECT_THAT(targets, HasSubstr("01234567-89ab-cdef-0123-456789abcdef"));
  EXPECT_THAT(targets, HasSubstr("<th scope=\"row\">Cipher suites offered</th><td class=\"t\" data-t=\"0\">3, 17</td>"));
  // One column per target, each with its own firmware.
  EXPECT_THAT(targets, HasSubstr("<th scope=\"row\">Firmware</th><td class=\"t\" data-t=\"0\">1.00</td><td class=\"t\" data-t=\"1\">2.00</td>"));
}

TEST(HtmlReport, SummaryCountsPerTarget) {
  const std::string summary = section(render_html(test::sample_results()), "summary");
  // sim://: PASS, FAIL, PASS-WITH-QUIRK, SKIP.
  EXPECT_THAT(summary, HasSubstr("<th scope=\"row\">sim://</th><td class=\"n o-pass\">1</td><td class=\"n o-quirk\">1</td>"
                                 "<td class=\"n zero\">0</td><td class=\"n zero\">0</td><td class=\"n o-skip\">1</td>"
                                 "<td class=\"n o-fail\">1</td><td class=\"n zero\">0</td><td class=\"n total\">4</td>"));
  EXPECT_THAT(summary, HasSubstr("<th scope=\"row\">all targets</th>"));
}

TEST(HtmlReport, CaseListHasAColumnPerTargetAndADashWhereACaseDidNotRun) {
  const std::string html = render_html(test::sample_results());
  const std::string head = between(html, "<div class=\"case-head\">", "</div>");
  EXPECT_THAT(head, HasSubstr("<span class=\"cout t\" data-t=\"0\">sim://</span><span class=\"cout t\" data-t=\"1\">lanplus://admin@127.0.0.1:9623</span>"));
  // Run on both: an outcome each.
  const std::string both = case_summary(html, "security.cipher-zero");
  EXPECT_THAT(both, HasSubstr("<span class=\"cout t\" data-t=\"0\"><span class=\"badge o-fail\">FAIL</span></span>"
                              "<span class=\"cout t\" data-t=\"1\"><span class=\"badge o-pass\">PASS</span></span>"));
  // Only on the second target.
  const std::string one = case_summary(html, "chassis.get-poh-counter.basic");
  EXPECT_THAT(one, HasSubstr("<span class=\"cout t\" data-t=\"0\"><span class=\"absent\">—</span></span>"
                             "<span class=\"cout t\" data-t=\"1\"><span class=\"badge o-unsupported\">UNSUPPORTED</span></span>"));
  EXPECT_THAT(html, HasSubstr("data-o=\"- UNSUPPORTED\" data-q=\"chassis.get-poh-counter.basic"));
  EXPECT_EQ(count(html, "<details class=\"case"), 5u);
}

TEST(HtmlReport, TranscriptShowsStepsHexDecodedTextAndSessions) {
  const std::string html = render_html(test::sample_results());
  const std::string row = between(html, "data-q=\"security.cipher-zero", "</details>");
  EXPECT_THAT(row, HasSubstr("<li>completion code: expected D4h, seen 00h</li>"));
  EXPECT_THAT(row, HasSubstr("<code class=\"hex\">06 01</code><pre class=\"decoded request-text\">Get Device ID request</pre>"));
  EXPECT_THAT(row, HasSubstr("<code class=\"hex\">00 20</code><pre class=\"decoded response-text\">cc 00h (Command Completed Normally)\nDevice ID: 20h</pre>"));
  EXPECT_THAT(row, HasSubstr("Security finding (high):</span> Cipher suite 0 accepted"));
  const std::string secret = between(html, "data-q=\"app.set-user-password.admin", "</details>");
  EXPECT_THAT(secret, HasSubstr("(redacted: the request carries a secret)"));
  EXPECT_THAT(secret, HasSubstr("failed at RAKP 2 (status 0Dh) · cipher suite 3, Administrator"));
  const std::string quirk = between(html, "data-q=\"app.get-self-test.basic", "</details>");
  EXPECT_THAT(quirk, HasSubstr("passed through quirk <code>self-test-56h</code>"));
  const std::string unanswered = between(html, "data-q=\"chassis.get-poh-counter.basic", "</details>");
  EXPECT_THAT(unanswered, HasSubstr("no answer: timeout after 2 retries"));
  EXPECT_THAT(unanswered, HasSubstr("<article class=\"tcase t absent\" data-t=\"0\">"));
}

TEST(HtmlReport, MatrixCellIsTheWorstOutcomeWithCounts) {
  const std::string matrix = section(render_html(test::sample_results()), "matrix");
  const std::string gdi = between(matrix, "<td class=\"cmdname\">get-device-id</td>", "</tr>");
  EXPECT_THAT(gdi, HasSubstr("<td>M</td>"));
  EXPECT_THAT(gdi, HasSubstr("<td class=\"cell o-fail t\" data-t=\"0\" title=\"1 PASS · 1 FAIL\"><b>FAIL</b>"));
  EXPECT_THAT(gdi, HasSubstr("<td class=\"cell o-pass t\" data-t=\"1\" title=\"2 PASS\"><b>PASS</b>"));
  const std::string poh = between(matrix, "<td class=\"cmdname\">get-poh-counter</td>", "</tr>");
  EXPECT_THAT(poh, HasSubstr("<td>O</td><td class=\"cell none t\" data-t=\"0\">—</td>"));
  EXPECT_THAT(poh, HasSubstr("<td class=\"cell o-unsupported t\" data-t=\"1\""));
  // Rows sorted by netFn then cmd: Chassis 00h 0Fh first.
  EXPECT_LT(matrix.find("get-poh-counter"), matrix.find("get-device-id"));
}

TEST(HtmlReport, MandatoryAndOptionalCoverage) {
  const std::string coverage = section(render_html(test::sample_results()), "coverage");
  // sim://: get-device-id (PASS+FAIL: tested, failed), get-self-test-results (quirk: passed),
  // set-user-password (SKIP: not tested).
  EXPECT_THAT(coverage, HasSubstr("<th scope=\"rowgroup\" rowspan=\"2\">Mandatory (M)</th><td class=\"tname\">sim://</td>"
                                  "<td class=\"n\">3</td><td class=\"n\">2 <small>(66%)</small></td><td class=\"n\">1 <small>(33%)</small></td>"
                                  "<td class=\"n o-fail\">1</td><td class=\"n\">0</td><td class=\"n\">1</td>"));
  EXPECT_THAT(coverage, HasSubstr("06h 01h get-device-id, 06h 47h set-user-password"));
  // The second target's optional Get POH Counter answered Invalid Command.
  EXPECT_THAT(coverage, HasSubstr("<td class=\"tname\">lanplus://admin@127.0.0.1:9623</td><td class=\"n\">1</td><td class=\"n\">1 <small>(100%)</small></td>"
                                  "<td class=\"n\">0 <small>(0%)</small></td><td class=\"n zero\">0</td><td class=\"n\">1</td><td class=\"n\">0</td>"));
}

TEST(HtmlReport, ProfileAndNetFnSummaries) {
  const std::string html = render_html(test::sample_results());
  const std::string profiles = section(html, "profiles");
  EXPECT_THAT(profiles, HasSubstr(">core</th>"));
  EXPECT_THAT(profiles, HasSubstr(">full</th>"));
  const std::string netfns = section(html, "netfns");
  EXPECT_THAT(netfns, HasSubstr(">App (06h)</th>"));
  EXPECT_THAT(netfns, HasSubstr(">Chassis (00h)</th>"));
  EXPECT_LT(netfns.find("Chassis (00h)"), netfns.find("App (06h)"));
}

TEST(HtmlReport, FindingsSectionListsFindingsWithALinkToTheCase) {
  RunResults r = test::sample_results();
  const std::string html = render_html(r);
  const std::string findings = section(html, "findings");
  EXPECT_THAT(findings, HasSubstr("<span class=\"sev sev-1\">high</span>"));
  EXPECT_THAT(findings, HasSubstr("<strong class=\"ftitle\">Cipher suite 0 accepted</strong>"));
  EXPECT_THAT(findings, HasSubstr("Remedy:</span> Disable cipher suite 0"));
  EXPECT_THAT(findings, HasSubstr("References:</span> CVE-2013-4782"));
  // The link goes to the case's row.
  const auto link = between(findings, "<a class=\"caselink\" href=\"#", "\"");
  ASSERT_FALSE(link.empty());
  const std::string anchor = link.substr(std::string("<a class=\"caselink\" href=\"#").size());
  EXPECT_THAT(html, HasSubstr("id=\"" + anchor + "\" data-o=\"FAIL PASS\" data-q=\"security.cipher-zero"));
  EXPECT_THAT(findings, Not(HasSubstr("No security finding")));

  r.targets[0].cases[1].finding.reset();
  EXPECT_THAT(section(render_html(r), "findings"), HasSubstr("No security finding."));
}

TEST(HtmlReport, FindingsSortBySeverity) {
  RunResults r = test::sample_results();
  r.targets[0].cases[0].finding = Finding{"low", "A low one", "", {}};
  r.targets[0].cases[2].finding = Finding{"critical", "A critical one", "", {}};
  const std::string findings = section(render_html(r), "findings");
  EXPECT_LT(findings.find("A critical one"), findings.find("Cipher suite 0 accepted"));
  EXPECT_LT(findings.find("Cipher suite 0 accepted"), findings.find("A low one"));
}

TEST(HtmlReport, AFullRunStaysAFewMegabytes) {
  const RunResults r = test::large_results(600);
  const std::string html = render_html(r);
  EXPECT_LT(html.size(), 6u * 1024 * 1024) << html.size();
  EXPECT_EQ(count(html, "<details class=\"case"), 600u);
}

TEST(HtmlReport, NoTargetAndNoCases) {
  RunResults r;
  r.complete = false;
  const std::string html = render_html(r);
  EXPECT_THAT(html, HasSubstr("No target in these results."));
  EXPECT_THAT(html, HasSubstr("No case ran."));
  EXPECT_THAT(html, HasSubstr("</html>"));
}

}  // namespace
}  // namespace ipmict::reports
