// ipmict: conformance test suite and fuzzing harness for IPMI BMCs.
#include "harness/cli.hpp"

int main(int argc, char** argv) { return ipmict::cli_main(argc, argv); }
