#pragma once
// Personalities (DESIGN.md §8): named, documented non-conformances of the simulator, as
// YAML. The built-in library is sim/personalities/*.yaml, embedded into the binary
// (builtin_personalities(); see docs/simulator.md "How the library is embedded"); a
// configuration may also define personalities inline with the same schema.
//
//   name: bad-checksum
//   breaks: "IPMI 2.0 §13.8: ..."          # the rule it breaks (required)
//   description: "..."                      # free text (optional)
//   commands:                               # response faults per command (optional)
//     - {netfn: 0x06, cmd: 0x01, completion_code: 0xc1}
//     - {netfn: 0x06, cmd: 0x01, drop_last_byte: true}    # also extra_byte, set_reserved_bits
//   session: {accept_cipher_suite_0: true}  # session::ServerQuirks flags (optional)
//   datagram: {bad_checksum: true, drop_every: 3, delay_ms: 1500,
//              hang_on_zero_length_rmcpplus: true, stop_on_oversized_length: true,
//              hang_on_truncated_header: true}
//   accounts:                               # users added or replaced by ID (optional)
//     - {id: 3, name: ADMIN, password: ADMIN, privilege: admin, enabled: true}
//   lan: {enable_auth_types: [none, password]}  # IPMI 1.5 auth types enabled at every privilege
//   model: {ignore_command_privilege: true}     # answer every command at any privilege
//
// Errors are one line, "FILE:LINE:COL: what (what was expected)"; unknown keys are errors.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>
#include <yaml-cpp/yaml.h>

#include "sim/sim_config.hpp"

namespace ipmict::sim {

// Parses one personality document. `file` names the source in errors.
tl::expected<Personality, std::string> parse_personality(std::string_view yaml_text, const std::string& file);
tl::expected<Personality, std::string> load_personality_file(const std::filesystem::path& path);

// The built-in library: one entry per sim/personalities/NAME.yaml, the file's text as it
// was embedded at build time.
struct BuiltinPersonality {
  std::string_view name;  // also the file name without .yaml
  std::string_view yaml;
};
std::span<const BuiltinPersonality> builtin_personalities();
// By name; the error lists the known names.
tl::expected<Personality, std::string> builtin_personality(std::string_view name);

// Several personalities played at once: command faults and session quirks are the union;
// for the datagram level, flags are or-ed, drop_every is the smallest non-zero value and
// delay_ms the largest.
Personality combine_personalities(const std::vector<Personality>& personalities);

namespace yaml_detail {

// Thrown inside the loaders and turned into the one-line error they return.
struct YamlError {
  std::string message;
};

// Typed, located reads of YAML nodes: every failure names file:line:col and what was expected.
class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const;
  [[noreturn]] void fail_mark(const YAML::Mark& mark, const std::string& what) const;

  // `map` must be a mapping with only these keys.
  void only_keys(const YAML::Node& map, const std::string& what, std::initializer_list<std::string_view> keys) const;
  YAML::Node require(const YAML::Node& map, const char* key, const std::string& what) const;
  std::string text(const YAML::Node& n, const std::string& what) const;
  // Decimal or 0x hex, 0..max.
  std::uint64_t number(const YAML::Node& n, const std::string& what, std::uint64_t max) const;
  std::int64_t signed_number(const YAML::Node& n, const std::string& what, std::int64_t min, std::int64_t max) const;
  bool boolean(const YAML::Node& n, const std::string& what) const;
  // "0a 1b ..." / "0x0a 0x1b" text, or a sequence of numbers 0..255.
  Bytes bytes(const YAML::Node& n, const std::string& what) const;

  // Parses a whole document; parser errors become YamlError with their mark.
  YAML::Node parse(std::string_view text) const;

 private:
  std::string file_;
};

// Fills a Personality from a mapping node (the schema above).
Personality read_personality(const YamlReader& reader, const YAML::Node& node);

}  // namespace yaml_detail

}  // namespace ipmict::sim
