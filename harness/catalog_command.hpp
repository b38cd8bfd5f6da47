#pragma once
// `ipmict catalog [NAME]`: lists the command catalog, or shows one command's layouts.
#include <iosfwd>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace ipmict::catalog {
class Catalog;
}

namespace ipmict {

// The built-in catalog plus OEM command files, in order; the first bad file is the error.
tl::expected<catalog::Catalog, std::string> load_catalogs(const std::vector<std::string>& files);

int run_catalog(const std::string& name, const std::vector<std::string>& catalog_files, std::ostream& out,
                std::ostream& err);

}  // namespace ipmict
