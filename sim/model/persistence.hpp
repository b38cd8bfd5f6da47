#pragma once
// The model's mutable state as one YAML file (bmc-state.yaml) in a directory: users,
// non-volatile channel access, K_G, global enables, event receiver, system info
// parameters, SEL, chassis power policy. Written atomically (temporary file + rename),
// readable only by its owner (it holds passwords, as a BMC's own flash does).
#include <filesystem>
#include <string>

#include <tl/expected.hpp>

#include "sim/model/model.hpp"

namespace ipmict::sim {

inline constexpr const char* kStateFileName = "bmc-state.yaml";

tl::expected<void, std::string> save_state(const Model& model, const std::filesystem::path& dir);
// A directory without a state file is a first start: nothing is loaded, no error.
tl::expected<void, std::string> load_state(Model& model, const std::filesystem::path& dir);

}  // namespace ipmict::sim
