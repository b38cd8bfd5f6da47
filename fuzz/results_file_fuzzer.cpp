// A results.json as `ipmict report` reads it, then every writer that works from it. The
// file may be edited, truncated or come from another tool; the strings in it came from a
// BMC. Properties: a document loads or is refused with one line; what loads renders to
// JUnit that is well-formed UTF-8 without the characters XML 1.0 forbids, to Markdown
// short enough to post, and diffs against itself without a change.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_assert.hpp"
#include "reports/diff.hpp"
#include "reports/junit.hpp"
#include "reports/markdown.hpp"
#include "reports/merge.hpp"
#include "reports/results_json.hpp"

namespace {

// Well-formed UTF-8 (RFC 3629) with no C0 control other than tab, LF, CR.
bool xml_safe_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<std::uint8_t>(s[i]);
    if (b < 0x80) {
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') return false;
      ++i;
      continue;
    }
    std::size_t n = 0;
    if (b >= 0xC2 && b <= 0xDF) {
      n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 4;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<std::uint8_t>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict::reports;
  const std::string text(reinterpret_cast<const char*>(data), size);  // NOLINT: bytes as text
  auto r = parse_results(text);
  if (!r) {
    FUZZ_ASSERT(r.error().find('\n') == std::string::npos);
    return 0;
  }
  const std::string xml = render_junit(*r);
  FUZZ_ASSERT(xml_safe_utf8(xml));
  FUZZ_ASSERT(xml.find("]]>") == std::string::npos);
  const std::string md = render_markdown(*r);
  FUZZ_ASSERT(md.size() < 60 * 1024);
  const ResultsDiff d = diff_results(*r, *r);
  FUZZ_ASSERT(!d.regression() && d.changed.empty() && d.added.empty() && d.removed.empty());
  (void)format_diff(d);
  FUZZ_ASSERT(format_diff_markdown(d).size() < 60 * 1024);
  auto m = merge_results({*r});
  if (!m) FUZZ_ASSERT(m.error().find('\n') == std::string::npos);
  return 0;
}
