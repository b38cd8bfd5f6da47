#!/usr/bin/env bash
# Installs what ipmict needs to build and test on Debian 12, and nothing that is
# already there (idempotent: a second run makes no apt-get calls). Uses sudo when not root.
set -euo pipefail

packages=(
  # toolchain
  g++ clang libclang-rt-14-dev cmake ninja-build ccache pkg-config
  # libraries (docs/dependencies.md says why each is here)
  libssl-dev libboost-dev libyaml-cpp-dev libgtest-dev libgmock-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev libexpected-dev
  # real peers the tests start on loopback (DESIGN.md §10)
  openipmi ipmitool freeipmi-tools ipmiutil tshark
  # report checks (tests/reports/): the JUnit schema check and a real JUnit reader
  libxml2-utils python3-junitparser
  # benchmarks (bench/)
  time bc
  # the HTML report's browser test (tests/reports/html_browser_test.cpp)
  chromium chromium-driver python3-selenium python3-html5lib
  # the nightly job's baselines (ci/nightly.sh)
  jq
  # seed corpus archives of the OSS-Fuzz build check (ci/oss-fuzz-build-check.sh)
  zip unzip
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "ci/setup.sh: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "ci/setup.sh: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
echo "ci/setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "ci/setup.sh: done"
