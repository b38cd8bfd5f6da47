// Catalog-driven decoding of every command's request and response: what a hostile BMC (or
// console) can send to the tester (the ipmitool CVE-2020-5208 class: lengths and counts
// that disagree with the data). Input: netFn, cmd, a flags byte (bit 0 = response,
// bit 1 = non-zero completion code taken from the next byte), then the data.
// Properties: decode never reads outside the data (ASan) and errors point inside it;
// printing works for whatever decoded.
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/catalog/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  if (size < 3) return 0;
  static const catalog::Catalog cat = catalog::builtin_catalog();  // immutable, built once
  const catalog::CommandDescriptor* cmd = cat.find(data[0], data[1]);
  if (cmd == nullptr) cmd = &cat.all()[data[1] % cat.size()];
  const bool response = (data[2] & 1u) != 0;
  std::size_t at = 3;
  std::uint8_t cc = 0;
  if ((data[2] & 2u) != 0 && size > at) cc = data[at++];
  const ByteView body(data + at, size - at);
  auto decoded = response ? catalog::decode_response(*cmd, cc, body) : catalog::decode_request(*cmd, body);
  if (!decoded) {
    FUZZ_ASSERT(decoded.error().offset <= body.size());
    return 0;
  }
  const std::string text = catalog::format_fields(*decoded);
  FUZZ_ASSERT(decoded->fields.empty() || !text.empty());
  (void)catalog::completion_code_name(cmd, cc);
  return 0;
}
