#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time on a copy of its committed corpus and
# prints a table of exec/s and coverage (docs/fuzzing.md keeps the figures). A crash fails
# the run and leaves the input in build/fuzz/crashes/TARGET/ (commit it as a regression
# seed once fixed). Belongs to ci/nightly, not to every landing.
#
#   ci/fuzz-smoke.sh [SECONDS_PER_TARGET]     (default 60; IPMICT_FUZZ_TARGETS="a b" limits)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
ci/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz >/dev/null
targets="${IPMICT_FUZZ_TARGETS:-$(cd build/fuzz/fuzz && ls ./*_fuzzer | sed 's|./||; s|_fuzzer$||' | sort)}"
work="$(mktemp -d /tmp/ipmict-fuzz.XXXXXX)"
trap 'rm -rf "$work"' EXIT
status=0
printf '%-18s %10s %8s %8s %s\n' target "exec/s" edges features result
for t in $targets; do
  mkdir -p "$work/$t" "build/fuzz/crashes/$t"
  cp fuzz/"$t"_corpus/* "$work/$t/" 2>/dev/null || true
  log="$work/$t.log"
  set +e
  build/fuzz/fuzz/"$t"_fuzzer -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/crashes/$t/" "$work/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  result=ok
  if [ "$rc" -ne 0 ]; then
    result="CRASH (see build/fuzz/crashes/$t/; log: $(grep -m1 -E 'ERROR|SUMMARY|fuzz property' "$log" | cut -c1-100))"
    status=1
  fi
  printf '%-18s %10s %8s %8s %s\n' "$t" "$execs" "$cov" "$ft" "$result"
done
exit $status
