#!/usr/bin/env bash
# The main job of the README. Until the conformance runner exists (issue 5) it builds
# ipmict and decodes the bundled sample capture: ipmitool talking RMCP+ cipher suite 3
# to OpenIPMI's ipmi_sim, decrypted with the sample's test-only password.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh default
sample=tests/data/captures/ipmitool-lanplus-cs3.pcap
# The sample's password is a published test credential (tests/data/captures/README.md);
# it is passed through the environment, never on the command line.
IPMICT_PASSWORD=test-password ./build/default/harness/ipmict decode "$sample" --password-env IPMICT_PASSWORD
