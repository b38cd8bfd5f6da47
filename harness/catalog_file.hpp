#pragma once
// OEM command files: vendor commands in YAML, in the same model as the built-in tables
// (docs/catalog.md "OEM command files"). Every error is one line:
//   "oem.yaml:12:7: unknown key 'bitz' in field (expected one of: name, byte, bits, ...)"
#include <string>

#include <tl/expected.hpp>

#include "protocol/catalog/catalog.hpp"

namespace ipmict {

// Parses `path` and adds its commands to `catalog`. All or nothing: on any error the
// catalog is left unchanged.
tl::expected<void, std::string> load_catalog_file(const std::string& path, catalog::Catalog& catalog);

// The same from text; `name` is used in error messages in place of a path.
tl::expected<void, std::string> load_catalog_text(const std::string& text, const std::string& name,
                                                  catalog::Catalog& catalog);

// Writes commands back in the file schema (for docs generation and as a template for
// vendors). `only_oem` keeps the commands whose source is not "builtin".
std::string dump_catalog_yaml(const catalog::Catalog& catalog, bool only_oem = false);

}  // namespace ipmict
