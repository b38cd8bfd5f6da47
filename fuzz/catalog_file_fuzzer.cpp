// The OEM command catalog file loader (YAML, harness/catalog_file.cpp): a vendor's file is
// input the tool must survive. Property: a file either loads whole or is refused with one
// line naming a place in it; the catalog is unchanged by a refused file.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_assert.hpp"
#include "harness/catalog_file.hpp"
#include "protocol/catalog/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  const std::string text(reinterpret_cast<const char*>(data), size);  // NOLINT: bytes as text
  catalog::Catalog cat;
  auto loaded = load_catalog_text(text, "fuzz.yaml", cat);
  if (!loaded) {
    FUZZ_ASSERT(loaded.error().find('\n') == std::string::npos);
    FUZZ_ASSERT(cat.size() == 0);
  }
  return 0;
}
