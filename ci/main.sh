#!/usr/bin/env bash
# The main job of the README: installs what is missing, builds ipmict, and runs the whole
# conformance library against the built-in BMC simulator (started in-process on a loopback
# port), writing the results to ./ipmict-out/ (results.json, summary.txt, junit.xml,
# report.html, report.md, run.pcap).
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh default
exec ./build/default/harness/ipmict run --cases cases --out ipmict-out
