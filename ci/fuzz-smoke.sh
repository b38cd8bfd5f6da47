#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time on a copy of its committed corpus (with its
# dictionary when it has one) and prints a Markdown table of exec/s and coverage, the
# figures docs/fuzzing.md keeps. A crash fails the run and leaves the input in
# build/fuzz/crashes/TARGET/ (commit it as a regression seed once fixed). Belongs to
# ci/nightly, not to every landing.
#
#   ci/fuzz-smoke.sh [SECONDS_PER_TARGET]     (default 60)
#   IPMICT_FUZZ_TARGETS="a b"   only these targets
#   IPMICT_FUZZ_LOGS=DIR        keep each target's libFuzzer log there (default: a temp dir)
#   IPMICT_FUZZ_NO_BUILD=1      use build/fuzz as it is (no setup, no configure, no build)
#   IPMICT_FUZZ_NICE=N          run the fuzzers under nice -n N (shared machines)
#   IPMICT_FUZZ_BIN=DIR         take NAME_fuzzer (and NAME_fuzzer.dict) from DIR, not build/fuzz/fuzz
#
# Columns: exec/s is libFuzzer's stat::average_exec_per_sec over the run; edges is the last
# "cov:" figure (edges of the instrumented code covered), features the last "ft:"; corpus
# is the number of inputs the run ended with; the seed is fixed (-seed=1) so that runs on
# one machine compare.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
if [ -z "${IPMICT_FUZZ_NO_BUILD:-}" ]; then
  ci/setup.sh >/dev/null
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j 2 >/dev/null
fi
bin="${IPMICT_FUZZ_BIN:-build/fuzz/fuzz}"
targets="${IPMICT_FUZZ_TARGETS:-$(cd "$bin" && ls ./*_fuzzer | sed 's|./||; s|_fuzzer$||' | sort)}"
work="$(mktemp -d /tmp/ipmict-fuzz.XXXXXX)"
trap 'rm -rf "$work"' EXIT
logs="${IPMICT_FUZZ_LOGS:-$work/logs}"
mkdir -p "$logs"
nice_cmd=()
if [ -n "${IPMICT_FUZZ_NICE:-}" ]; then nice_cmd=(nice -n "$IPMICT_FUZZ_NICE"); fi
status=0
echo "Fuzz smoke: ${seconds} s per target, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)"
echo
echo "| target | exec/s | edges (cov) | features (ft) | corpus | result |"
echo "|---|---:|---:|---:|---:|---|"
for t in $targets; do
  mkdir -p "$work/$t" "build/fuzz/crashes/$t"
  cp fuzz/"$t"_corpus/* "$work/$t/" 2>/dev/null || true
  log="$logs/$t.log"
  dict=()
  if [ -f "$bin/${t}_fuzzer.dict" ]; then dict=(-dict="$bin/${t}_fuzzer.dict"); fi
  set +e
  "${nice_cmd[@]}" "$bin/${t}_fuzzer" -max_total_time="$seconds" -seed=1 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix="build/fuzz/crashes/$t/" "$work/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  result=ok
  if [ "$rc" -ne 0 ]; then
    why=$(grep -m1 -E 'ERROR: |fuzz property failed|SUMMARY' "$log" | cut -c1-100 | tr '|' '/')
    result="CRASH: ${why:-exit $rc} (build/fuzz/crashes/$t/)"
    status=1
  fi
  echo "| $t | $execs | $cov | $ft | $corp | $result |"
done
exit $status
