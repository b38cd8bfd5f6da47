#pragma once
// Which cases a run executes (`ipmict run` filters): --case GLOB (repeatable, any matches),
// --tag T (repeatable, any matches), --netfn / --cmd (the case's command), --profile NAME
// (cases/profiles/NAME.yaml), --shard K/N. Every filter given must hold. Cases filtered out
// are not run and not in the results (run info keeps the counts); gates that do not hold
// on a target are SKIPs with a reason, which is different.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "harness/cases/case_model.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict::runner {

struct Shard {
  unsigned index = 1;  // K: 1..count
  unsigned count = 1;  // N
};
// "K/N" with 1 <= K <= N. Errors are one line.
tl::expected<Shard, std::string> parse_shard(std::string_view text);

// The shard (1..count) a case id belongs to: FNV-1a 64 of the id, so the split is stable
// across runs, machines and library growth (a new case never moves the others).
unsigned shard_of(std::string_view case_id, unsigned count);

// The case-id glob of the loader (cases::glob_match): `*` any run of characters (dots
// included), `?` one; the same reading `ipmict check` gives profile id globs.
bool glob_match(std::string_view pattern, std::string_view text);

struct Selection {
  std::vector<std::string> case_globs;
  std::vector<std::string> tags;
  std::optional<std::uint8_t> netfn;  // request netFn (even); a response netFn is folded
  std::optional<std::uint8_t> cmd;
  const cases::Profile* profile = nullptr;
  std::optional<Shard> shard;
};

// Does the profile take this case? Include by tag or id glob (no include list: everything),
// then exclude by tag or id glob.
bool profile_selects(const cases::Profile& profile, const cases::Case& c);

// The commands a case talks about: its file's command, else every step's (setup, steps,
// teardown) in order of first use.
std::vector<const catalog::CommandDescriptor*> commands_of(const cases::Case& c, const catalog::Catalog& catalog);

bool selects(const Selection& selection, const cases::Case& c, const catalog::Catalog& catalog);

std::vector<const cases::Case*> select_cases(const std::vector<const cases::Case*>& all, const Selection& selection,
                                             const catalog::Catalog& catalog);

// Every case of the library in file order, generated negatives after the file cases.
std::vector<const cases::Case*> library_cases(const cases::Library& library);

// Built-in profiles when the library has no file of that name: `full` (everything),
// `core` (cases of mandatory commands), `seed` (tag seed), `security` (tag security).
std::optional<cases::Profile> builtin_profile(std::string_view name);

}  // namespace ipmict::runner
