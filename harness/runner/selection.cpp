// Case selection and sharding.
#include "harness/runner/selection.hpp"

#include "harness/cases/loader.hpp"

#include <algorithm>
#include <charconv>

namespace ipmict::runner {

tl::expected<Shard, std::string> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  const auto bad = [&] {
    return tl::unexpected("--shard '" + std::string(text) + "': expected K/N with 1 <= K <= N (e.g. 2/4)");
  };
  if (slash == std::string_view::npos) return bad();
  Shard s;
  auto k = text.substr(0, slash);
  auto n = text.substr(slash + 1);
  auto rk = std::from_chars(k.data(), k.data() + k.size(), s.index);
  auto rn = std::from_chars(n.data(), n.data() + n.size(), s.count);
  if (rk.ec != std::errc() || rk.ptr != k.data() + k.size() || rn.ec != std::errc() || rn.ptr != n.data() + n.size()) {
    return bad();
  }
  if (s.count == 0 || s.index == 0 || s.index > s.count) return bad();
  return s;
}

unsigned shard_of(std::string_view case_id, unsigned count) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64
  for (char ch : case_id) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ull;
  }
  return count == 0 ? 1u : static_cast<unsigned>(h % count) + 1u;
}

bool glob_match(std::string_view pattern, std::string_view text) { return cases::glob_match(pattern, text); }

namespace {

bool any_tag(const std::vector<std::string>& wanted, const cases::Case& c) {
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& t) {
    return std::find(c.tags.begin(), c.tags.end(), t) != c.tags.end();
  });
}

bool any_glob(const std::vector<std::string>& globs, const cases::Case& c) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, c.id); });
}

}  // namespace

std::vector<const catalog::CommandDescriptor*> commands_of(const cases::Case& c, const catalog::Catalog& catalog) {
  std::vector<const catalog::CommandDescriptor*> out;
  auto add = [&](const catalog::CommandDescriptor* d) {
    if (d != nullptr && std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  };
  if (!c.command.empty()) {
    add(catalog.find(c.command));
    return out;
  }
  for (const auto* steps : {&c.setup, &c.steps, &c.teardown}) {
    for (const auto& s : *steps) {
      if (s.action == cases::Step::Action::send && !s.command.empty()) add(catalog.find(s.command));
      if (s.action == cases::Step::Action::raw && s.raw.size() >= 2) add(catalog.find(s.raw[0], s.raw[1]));
    }
  }
  return out;
}

bool profile_selects(const cases::Profile& profile, const cases::Case& c) {
  const bool has_include = !profile.include_tags.empty() || !profile.include_ids.empty();
  if (has_include && !any_tag(profile.include_tags, c) && !any_glob(profile.include_ids, c)) return false;
  if (any_tag(profile.exclude_tags, c) || any_glob(profile.exclude_ids, c)) return false;
  return true;
}

bool selects(const Selection& s, const cases::Case& c, const catalog::Catalog& catalog) {
  if (!s.case_globs.empty() && !any_glob(s.case_globs, c)) return false;
  if (!s.tags.empty() && !any_tag(s.tags, c)) return false;
  if (s.netfn || s.cmd) {
    const auto cmds = commands_of(c, catalog);
    const bool hit = std::any_of(cmds.begin(), cmds.end(), [&](const catalog::CommandDescriptor* d) {
      return (!s.netfn || (d->netfn == (*s.netfn & 0xfeu))) && (!s.cmd || d->cmd == *s.cmd);
    });
    if (!hit) return false;
  }
  if (s.profile != nullptr && !profile_selects(*s.profile, c)) return false;
  if (s.shard && shard_of(c.id, s.shard->count) != s.shard->index) return false;
  return true;
}

std::vector<const cases::Case*> select_cases(const std::vector<const cases::Case*>& all, const Selection& selection,
                                             const catalog::Catalog& catalog) {
  std::vector<const cases::Case*> out;
  for (const auto* c : all) {
    if (selects(selection, *c, catalog)) out.push_back(c);
  }
  return out;
}

std::vector<const cases::Case*> library_cases(const cases::Library& library) { return library.all_cases(); }

std::optional<cases::Profile> builtin_profile(std::string_view name) {
  cases::Profile p;
  p.name = std::string(name);
  if (name == "full") {
    p.description = "every case";
    return p;
  }
  if (name == "seed" || name == "security" || name == "core" || name == "windows-provider") {
    p.description = "cases tagged " + p.name;
    p.include_tags = {p.name};
    return p;
  }
  return std::nullopt;
}

}  // namespace ipmict::runner
