// The Markdown summary for CI comments: heading, counts per target, what failed, findings,
// escaping, and the size cap that keeps it postable.
#include "reports/markdown.hpp"

#include <gtest/gtest.h>

#include "reports/markdown_text.hpp"
#include "tests/reports/sample_results.hpp"

namespace ipmict::reports {
namespace {

// The number of cells of a GFM table row: unescaped pipes minus one.
std::size_t cells_of(std::string_view row) {
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\') {
      ++i;
    } else if (row[i] == '|') {
      ++pipes;
    }
  }
  return pipes - 1;
}

TEST(Markdown, HeadingCountsTableAndFailures) {
  const std::string md = render_markdown(test::sample_results());
  EXPECT_EQ(md.rfind("## ipmict: FAIL (exit code 1)\n\n", 0), 0u) << md;
  EXPECT_NE(md.find("9 case results over 2 target(s): 3 PASS, 2 PASS-WITH-QUIRK, 1 UNSUPPORTED, 2 SKIP, 1 FAIL. Run: profile `full`, ipmict 0.1.0"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| target | firmware | total | PASS | PASS-WITH-QUIRK | WARN | UNSUPPORTED | SKIP | FAIL | ERROR |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| `sim://` | 1.00 | 4 | 1 | 1 | 0 | 0 | 1 | 1 | 0 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| `lanplus://admin@127.0.0.1:9623` | 2.00 | 5 | 2 | 1 | 0 | 1 | 1 | 0 | 0 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| **all** | | 9 | 3 | 2 | 0 | 1 | 2 | 1 | 0 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("### FAIL (1)\n\n- `sim://` `security.cipher-zero`: step 1: completion code: expected D4h, seen 00h\n"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("### ERROR"), std::string::npos);
  EXPECT_EQ(md.find("Incomplete"), std::string::npos);
}

TEST(Markdown, TableRowsKeepTheirColumnCount) {
  RunResults r = test::sample_results();
  r.targets[0].name = "sim://a|b";
  r.targets[0].identity.firmware = "1|2";
  const std::string md = render_markdown(r);
  std::size_t rows = 0;
  std::size_t pos = 0;
  while ((pos = md.find("\n|", pos)) != std::string::npos) {
    const auto end = md.find('\n', pos + 1);
    const auto row = md.substr(pos + 1, end - pos - 1);
    if (row.find("severity") == std::string::npos && row.find("**high**") == std::string::npos &&
        row.find("| --- | --- | --- |") == std::string::npos) {
      EXPECT_EQ(cells_of(row), 10u) << row;
      ++rows;
    }
    pos = end;
  }
  EXPECT_EQ(rows, 5u);  // header, rule, two targets, all
  EXPECT_NE(md.find("`sim://a\\|b`"), std::string::npos) << md;
  EXPECT_NE(md.find("| 1\\|2 |"), std::string::npos) << md;
}

TEST(Markdown, SecurityFindingsWithSeverityWorstFirst) {
  RunResults r = test::sample_results();
  auto low = r.targets[0].cases[1];
  low.id = "security.low-thing";
  low.finding = Finding{"low", "Something minor", "Fix it | later", {}};
  r.targets[0].cases.insert(r.targets[0].cases.begin(), low);
  const std::string md = render_markdown(r);
  const auto section = md.find("### Security findings (2)");
  ASSERT_NE(section, std::string::npos) << md;
  const auto high = md.find("| **high** | `sim://` | `security.cipher-zero` | Cipher suite 0 accepted | Disable cipher suite 0 |");
  const auto low_row = md.find("| **low** | `sim://` | `security.low-thing` | Something minor | Fix it \\| later |");
  ASSERT_NE(high, std::string::npos) << md;
  ASSERT_NE(low_row, std::string::npos) << md;
  EXPECT_LT(high, low_row);
}

TEST(Markdown, ErrorsWarningsTargetErrorsAndIncompleteRuns) {
  RunResults r = test::sample_results();
  r.complete = false;
  r.targets[1].error = "no answer to Get Device ID";
  auto& c = r.targets[0].cases[0];
  c.outcome = Outcome::warn;
  c.reason = "byte 2: expected 00h, seen 01h";
  r.targets[0].cases[2].outcome = Outcome::error;
  r.targets[0].cases[2].reason = "setup failed: *boom* <script>";
  const std::string md = render_markdown(r);
  EXPECT_EQ(md.rfind("## ipmict: ERROR (exit code 2)", 0), 0u) << md;
  EXPECT_NE(md.find("> **Incomplete run**"), std::string::npos);
  EXPECT_NE(md.find("### Targets not reached (1)\n\n- `lanplus://admin@127.0.0.1:9623`: no answer to Get Device ID\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("### ERROR (1)\n\n- `sim://` `app.get-self-test.basic`: setup failed: \\*boom\\* \\<script\\>\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("### WARN (1)\n\nA SHOULD missed.\n\n- `sim://` `app.get-device-id.basic`: byte 2: expected 00h, seen 01h\n"),
            std::string::npos)
      << md;
  EXPECT_LT(md.find("### FAIL"), md.find("### ERROR"));
  EXPECT_LT(md.find("### ERROR"), md.find("### WARN"));
}

TEST(Markdown, OneTargetListsNoTargetNames) {
  RunResults r = test::sample_results();
  r.targets.resize(1);
  const std::string md = render_markdown(r);
  EXPECT_NE(md.find("- `security.cipher-zero`: step 1"), std::string::npos) << md;
  EXPECT_EQ(md.find("**all**"), std::string::npos);
}

TEST(Markdown, HugeRunsStayPostable) {
  RunResults r = test::sample_results();
  r.targets.resize(1);
  const CaseResult failed = r.targets[0].cases[1];
  for (int i = 0; i < 20000; ++i) {
    CaseResult c = failed;
    c.id = "fuzz.generated." + std::to_string(i);
    c.reason = std::string(2000, 'x') + " | *";
    r.targets[0].cases.push_back(std::move(c));
  }
  const std::string md = render_markdown(r);
  EXPECT_LT(md.size(), 60u * 1024u);
  EXPECT_NE(md.find("### FAIL (20001)"), std::string::npos);
  EXPECT_NE(md.find("### Security findings (20001)"), std::string::npos);
  EXPECT_NE(md.find("\xE2\x80\xA6 and 19951 more\n"), std::string::npos) << md.substr(md.size() - 500);  // 50 shown
  EXPECT_NE(md.find("more findings"), std::string::npos);
  // A cut reason ends in an ellipsis and never in half a character.
  EXPECT_NE(md.find("xxx\xE2\x80\xA6\n"), std::string::npos);
}

TEST(Markdown, ByteBudgetCutsListsThatWouldStillFitTheirItemCap) {
  // 40 FAIL, 40 ERROR and 40 WARN cases whose reasons double in size when escaped: each
  // list is under the item cap, but together they would pass 60 KB.
  RunResults r = test::sample_results();
  r.targets.resize(1);
  r.targets[0].cases.clear();
  for (Outcome o : {Outcome::fail, Outcome::error, Outcome::warn}) {
    for (int i = 0; i < 40; ++i) {
      CaseResult c;
      c.id = std::string(to_string(o)) + ".case." + std::to_string(i);
      c.outcome = o;
      c.reason = std::string(1000, '*');
      r.targets[0].cases.push_back(std::move(c));
    }
  }
  const std::string md = render_markdown(r);
  EXPECT_LT(md.size(), 60u * 1024u);
  EXPECT_NE(md.find("### WARN (40)"), std::string::npos);
  // The WARN list shows what still fits and counts the rest: shown + "and N more" = 40.
  const std::string warn = md.substr(md.find("### WARN (40)"));
  std::size_t shown = 0;
  for (auto pos = warn.find("- `WARN.case."); pos != std::string::npos; pos = warn.find("- `WARN.case.", pos + 1)) ++shown;
  const auto more = warn.find("\xE2\x80\xA6 and ");
  ASSERT_NE(more, std::string::npos) << warn;
  EXPECT_EQ(shown + std::stoul(warn.substr(more + 8)), 40u);
  EXPECT_LT(shown, 40u);
}

TEST(MarkdownText, EscapesWhatMarkdownWouldInterpret) {
  EXPECT_EQ(md_text("a*b_c`d[e](f)<g>|h~i&j!k#l\\m\nn"), "a\\*b\\_c\\`d\\[e\\](f)\\<g\\>\\|h\\~i\\&j\\!k\\#l\\\\m n");
  EXPECT_EQ(md_code("plain"), "`plain`");
  EXPECT_EQ(md_code("a`b"), "``a`b``");
  EXPECT_EQ(md_code("`x"), "`` `x ``");
  EXPECT_EQ(md_code("a|b", true), "`a\\|b`");
  EXPECT_EQ(md_code("a|b"), "`a|b`");
  EXPECT_EQ(md_code(""), "` `");
}

TEST(MarkdownText, TruncateNeverSplitsACharacter) {
  EXPECT_EQ(truncate_utf8("short", 10), "short");
  EXPECT_EQ(truncate_utf8("abcdef", 3), "abc\xE2\x80\xA6");
  // "é" is C3 A9: a cut at byte 2 of "aé" keeps only "a".
  EXPECT_EQ(truncate_utf8("a\xC3\xA9z", 2), "a\xE2\x80\xA6");
  EXPECT_EQ(truncate_utf8("a\xC3\xA9z", 3), "a\xC3\xA9\xE2\x80\xA6");
}

}  // namespace
}  // namespace ipmict::reports
