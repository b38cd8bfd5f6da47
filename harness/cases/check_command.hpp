#pragma once
// `ipmict check [PATH...]`: validates case files before anything is sent (docs/case-format.md).
// A folder is loaded as a case library (load_library); a file as one case file, with the
// quirks.yaml of the nearest folder above it that has one. Prints every problem on its own
// line, then "N files, M cases (K generated), D problems". Exit 0 clean, 2 on any problem.
#include <iosfwd>
#include <string>
#include <vector>

namespace ipmict::cases {

struct CheckOptions {
  std::vector<std::string> paths;          // default: ./cases
  std::vector<std::string> catalog_files;  // OEM command files added to the catalog
};

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ipmict::cases
