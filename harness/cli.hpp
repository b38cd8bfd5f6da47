#pragma once

namespace ipmict {

// Parses the command line, runs the subcommand, returns the process exit code:
// 0 all good, 1 a FAIL (a BMC broke a rule), 2 an ERROR or bad usage (DESIGN.md §7).
int cli_main(int argc, char** argv);

}  // namespace ipmict
