#pragma once
// The simulator's configuration file (YAML) -> SimConfig. docs/simulator.md documents the
// schema with a full example. Every error is one line, "FILE:LINE:COL: what (expected ...)";
// unknown keys are errors. Secrets (user passwords, K_G) come from an environment
// variable or a file named in the configuration; a literal `password:` is accepted for
// test configurations and reported as a warning.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "sim/sim_config.hpp"

namespace ipmict::sim {

struct LoadedSimConfig {
  SimConfig config;
  std::vector<std::string> warnings;  // one line each, with file:line:col
};

struct SimConfigOptions {
  // Environment lookups for password_env / kg_env (tests pass their own); empty = ::getenv.
  std::function<std::optional<std::string>(const std::string&)> getenv;
  // Relative password_file / kg_file / state_dir paths are resolved against this directory
  // (load_sim_config: the configuration file's directory).
  std::filesystem::path base_dir;
};

// Parses a configuration document; `file` names it in errors.
tl::expected<LoadedSimConfig, std::string> parse_sim_config(std::string_view yaml_text, const std::string& file,
                                                            const SimConfigOptions& options = {});
// Reads and parses a configuration file.
tl::expected<LoadedSimConfig, std::string> load_sim_config(const std::filesystem::path& path,
                                                           const SimConfigOptions& options = {});

// The three channels of a configuration that names none: LAN 1, system interface 0Fh and
// primary IPMB 0, all "always available" with an Administrator limit.
std::vector<ChannelConfig> default_channels();

// A FRU inventory area (Platform Management FRU Information Storage Definition v1.0):
// common header, board and product info areas with 8-bit ASCII type/length fields.
struct FruFields {
  std::string board_manufacturer, board_product_name, board_serial_number, board_part_number;
  std::string product_manufacturer, product_name, product_part_number, product_version, product_serial_number,
      product_asset_tag;
};
Bytes encode_fru(const FruFields& fields);

}  // namespace ipmict::sim
