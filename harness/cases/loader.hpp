#pragma once
// Case files (docs/case-format.md) -> the case model (case_model.hpp), validated against the
// command catalog before anything is sent. Every problem is one line,
//   "cases/22-app/x.yaml:12:7: unknown request field 'chanel_number' of get-channel-auth-caps
//    (did you mean 'channel_number'? expected one of: ...)"
// and a file reports all of its problems (sorted by line), not only the first.
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "harness/cases/case_model.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict::cases {

// Built-in variables every case may use ($admin_user, $admin_password, $lan_channel, $user_id).
const std::vector<std::string>& builtin_variables();

// The capability gates of `requires` without an argument, and the prefixes that take one
// ("cipher-suite:", "auth-type:", "command:", "interface:").
const std::vector<std::string>& requires_gates();

// The keys the loader accepts, per element of a case file; cases/case-schema.json names the
// same keys in "$defs" under the same element names (tests/cases/schema_test.cpp checks).
struct KeyList {
  std::string element;  // "file", "case", "step", "expect", ...
  std::vector<std::string> keys;
};
const std::vector<KeyList>& accepted_keys();

// Loads one case file. With `known_quirks`, every `quirk_alternatives[].quirk` must be one
// of them; without (nullptr), quirk names are not checked (load_library always checks).
tl::expected<CaseFile, std::vector<Diagnostic>> load_case_file(const std::string& path,
                                                               const catalog::Catalog& catalog,
                                                               const std::vector<Quirk>* known_quirks = nullptr);
// The same from text; `name` stands for the path in diagnostics and CaseFile::path.
tl::expected<CaseFile, std::vector<Diagnostic>> load_case_text(const std::string& text, const std::string& name,
                                                               const catalog::Catalog& catalog,
                                                               const std::vector<Quirk>* known_quirks = nullptr);

// cases/quirks.yaml: `quirks: [{name: x, relaxes: "..."}]`.
tl::expected<std::vector<Quirk>, std::vector<Diagnostic>> load_quirks_text(const std::string& text,
                                                                           const std::string& name);
tl::expected<std::vector<Quirk>, std::vector<Diagnostic>> load_quirks_file(const std::string& path);

// The whole library under `dir`: every *.yaml below it (any depth) is a case file, except
// profiles/*.yaml (profiles), targets/*.yaml (target profiles) and quirks.yaml (the quirk list),
// which are loaded as such. Checks across files: duplicate case ids (naming both places),
// unknown quirks (cases and targets), profiles whose tags or id globs select no case.
// Library::generated holds the negative cases (generate.hpp).
tl::expected<Library, std::vector<Diagnostic>> load_library(const std::string& dir, const catalog::Catalog& catalog);

// What `ipmict check` needs on failure too: the library as far as it loaded, every problem
// (sorted by file, line, column), and how many case files were read.
struct LibraryReport {
  Library library;
  std::vector<Diagnostic> problems;
  std::size_t case_files = 0;
};
LibraryReport check_library(const std::string& dir, const catalog::Catalog& catalog);

// A glob over case ids: '*' any run of characters, '?' one character.
bool glob_match(std::string_view pattern, std::string_view text);

// Sorts by file, then line, then column (stable: same place keeps the order found).
void sort_diagnostics(std::vector<Diagnostic>& diags);

}  // namespace ipmict::cases
