// `ipmict check`: the loader's diagnostics, one per line, and a summary.
#include "harness/cases/check_command.hpp"

#include <filesystem>
#include <map>
#include <ostream>

#include "harness/cases/generate.hpp"
#include "harness/cases/loader.hpp"
#include "harness/catalog_command.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict::cases {

namespace {

namespace fs = std::filesystem;

// The quirk list of the library a lone file belongs to: quirks.yaml in the nearest folder above.
std::optional<fs::path> find_quirks(const fs::path& file) {
  std::error_code ec;
  fs::path dir = fs::absolute(file, ec).parent_path();
  for (int depth = 0; depth < 64 && !dir.empty(); ++depth) {
    if (fs::exists(dir / "quirks.yaml", ec)) return dir / "quirks.yaml";
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  auto cat = load_catalogs(options.catalog_files);
  if (!cat) {
    err << "ipmict check: " << cat.error() << '\n';
    return 2;
  }
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.emplace_back("cases");

  std::vector<Diagnostic> problems;
  std::size_t files = 0, cases = 0, generated = 0;
  std::map<std::string, std::pair<SourceLocation, std::size_t>> ids;  // across the paths given
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    std::error_code ec;
    Library lib;
    const bool single_file = !fs::is_directory(path, ec);
    if (!single_file) {
      auto r = check_library(path, *cat);
      files += r.case_files;
      problems.insert(problems.end(), r.problems.begin(), r.problems.end());
      lib = std::move(r.library);
    } else if (fs::exists(path, ec)) {
      ++files;
      std::vector<Quirk> quirks;
      const std::vector<Quirk>* known = nullptr;
      if (auto q = find_quirks(path)) {
        auto loaded_quirks = load_quirks_file(q->string());
        if (loaded_quirks) {
          quirks = std::move(*loaded_quirks);
          known = &quirks;
        } else {
          problems.insert(problems.end(), loaded_quirks.error().begin(), loaded_quirks.error().end());
        }
      }
      auto f = load_case_file(path, *cat, known);
      if (!f) {
        problems.insert(problems.end(), f.error().begin(), f.error().end());
        continue;
      }
      lib.generated = generate_negative_cases(*f, *cat);
      lib.files.push_back(std::move(*f));
    } else {
      problems.push_back(Diagnostic{SourceLocation{path, 0, 0}, "no such file or folder (expected a case file or the "
                                                                "case library folder)"});
      continue;
    }
    for (const Case* c : lib.all_cases()) {
      ++cases;
      if (c->generated) ++generated;
      auto [it, fresh] = ids.emplace(c->id, std::make_pair(c->where, i));
      // Duplicates inside one library are reported by check_library; a lone file's loader
      // rejects its own duplicates, which leaves its generated cases against its cases.
      if (!fresh && (it->second.second != i || single_file))
        problems.push_back(Diagnostic{c->where, "duplicate case id '" + c->id + "' (first at " +
                                                    it->second.first.to_string() +
                                                    "; expected ids unique across the library)"});
    }
  }
  sort_diagnostics(problems);
  for (const auto& d : problems) out << d.to_string() << '\n';
  out << plural(files, "file", "files") << ", " << plural(cases, "case", "cases") << " (" << generated
      << " generated), " << plural(problems.size(), "problem", "problems") << '\n';
  return problems.empty() ? 0 : 2;
}

}  // namespace ipmict::cases
