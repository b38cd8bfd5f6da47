#pragma once
// A generated results model the size of a full run against two targets (about 600 cases
// each, several steps with decoded text), with hostile strings where a BMC controls them:
// markup in titles and decoded text, an attribute breakout in a reason, a "</script>" in a
// response, invalid UTF-8 and control bytes in a manufacturer name. For the HTML report's
// size, speed and escaping tests.
#include <cstddef>

#include "reports/results.hpp"

namespace ipmict::reports::test {

// Cases whose ID is "gen.case-<i>"; case i runs on target 0 unless i % 50 == 7, on target 1
// unless i % 60 == 11; outcomes rotate through every outcome, differently per target.
RunResults large_results(std::size_t cases = 600);

// The ID of the case whose title, reason and response text carry markup.
inline constexpr const char* kHostileCaseId = "gen.case-5";

}  // namespace ipmict::reports::test
