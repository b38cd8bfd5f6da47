// The YAML case loader (harness/cases/loader.cpp) on arbitrary bytes as a case file, and the
// quirk list loader on the same bytes: a case library is input the tool must survive
// (a typo, a truncated file, a hostile pull request).
// Properties: a file loads or is refused with at least one diagnostic; every diagnostic is
// one line naming the file, and a line:column inside the text (or the whole file); no
// crash, no hang. Nesting depth is bounded by yaml-cpp itself (DeepRecursion, a
// ParserException the loader reports as a syntax error), so deep input cannot exhaust
// the stack.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz/fuzz_assert.hpp"
#include "harness/cases/loader.hpp"
#include "protocol/catalog/catalog.hpp"

namespace {

void check(const std::vector<ipmict::cases::Diagnostic>& diags, const std::string& text) {
  FUZZ_ASSERT(!diags.empty());
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const auto& d : diags) {
    const std::string line = d.to_string();
    if (line.find('\n') != std::string::npos) std::fprintf(stderr, "diagnostic: %s\n", line.c_str());
    FUZZ_ASSERT(line.find('\n') == std::string::npos);
    FUZZ_ASSERT(line.rfind("fuzz.yaml", 0) == 0);
    FUZZ_ASSERT(d.where.line >= 0);
    if (d.where.line == 0) continue;  // a whole-file problem
    FUZZ_ASSERT(d.where.file == "fuzz.yaml");
    FUZZ_ASSERT(static_cast<std::size_t>(d.where.line) <= lines && d.where.column >= 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  static const catalog::Catalog cat = catalog::builtin_catalog();
  static const std::vector<cases::Quirk> known = {
      {"authcaps-in-session-d5", "fuzz", {}},
      {"rmcpplus-privilege-above-user-limit", "fuzz", {}},
  };
  const std::string text(reinterpret_cast<const char*>(data), size);  // NOLINT: bytes as text
  auto loaded = cases::load_case_text(text, "fuzz.yaml", cat, &known);
  if (!loaded) check(loaded.error(), text);
  auto quirks = cases::load_quirks_text(text, "fuzz.yaml");
  if (!quirks) check(quirks.error(), text);
  return 0;
}
