#!/usr/bin/env bash
# The test command of the README: installs what is missing, builds, and runs every test,
# first in the normal build and then once more under AddressSanitizer+UBSan.
# IPMICT_TEST_PRESETS="default" limits the presets (e.g. for a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
presets="${IPMICT_TEST_PRESETS:-default asan}"
for preset in $presets; do
  echo "== build and test: $preset"
  ci/build.sh "$preset"
  ctest --preset "$preset" -j 2
done
