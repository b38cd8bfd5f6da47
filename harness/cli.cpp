#include "harness/cli.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

namespace ipmict {

int cli_main(int argc, char** argv) {
  CLI::App app{"ipmict: conformance test suite and fuzzing harness for IPMI BMCs"};
  app.set_version_flag("--version", std::string("ipmict ") + IPMICT_VERSION);
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace ipmict
