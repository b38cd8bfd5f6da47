#pragma once
// --restart-cmd: how `ipmict fuzz` brings an external target back to its initial state for
// each shrinking attempt (e.g. "systemctl restart ipmi-lab-bmc" or a script that power
// cycles a lab board). The command line is split at whitespace and run directly (execvp),
// not through a shell (harness/split_words.hpp): no quoting, no globbing, no expansion of variables. A command that
// needs any of these belongs in a script, given by its path.
#include <chrono>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace ipmict {

// Runs argv (argv[0] looked up in $PATH), stdin from /dev/null, output inherited; waits
// at most `timeout`, then kills it. Error (one line) unless it exited with status 0.
tl::expected<void, std::string> run_restart_command(const std::vector<std::string>& argv, std::chrono::seconds timeout);

}  // namespace ipmict
