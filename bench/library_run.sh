#!/usr/bin/env bash
# The whole case library against the built-in simulator (issue 5's goal: under 2 s on the
# 2-core machine): runs `ipmict run` (no --target: the in-process simulator over RMCP+ on
# loopback, every report written) RUNS times and prints the wall time of each, the median,
# cases per second, and where the case time goes (the slowest cases of the last run).
#
#   bench/library_run.sh [RUNS]        (default 5; the build in build/default)
#   IPMICT=path/to/ipmict              another binary
#   IPMICT_JOBS=N                      pass --jobs N (1: the isolated cases one after another)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
ipmict="${IPMICT:-build/default/harness/ipmict}"
[ -x "$ipmict" ] || { echo "bench/library_run.sh: $ipmict: not built (cmake --build build/default)" >&2; exit 2; }
jobs=()
if [ -n "${IPMICT_JOBS:-}" ]; then jobs=(--jobs "$IPMICT_JOBS"); fi
work="$(mktemp -d /tmp/ipmict-library-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

walls=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/out"
  start=$(date +%s.%N)
  rc=0
  "$ipmict" run --cases cases --out "$work/out" "${jobs[@]}" >"$work/stdout" 2>"$work/stderr" || rc=$?
  end=$(date +%s.%N)
  if [ "$rc" -gt 1 ]; then
    echo "bench/library_run.sh: run $i: ipmict run exited $rc: $(head -1 "$work/stderr")" >&2
    exit 2
  fi
  walls+=("$(echo "$end - $start" | bc -l)")
done

cases=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(t['cases']) for t in d['targets']))" "$work/out/results.json")
sorted=$(printf '%s\n' "${walls[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "ipmict run, the whole library against the built-in simulator: $cases case results, $runs runs, $(nproc) cores"
echo "wall (s): $(printf '%.2f ' "${walls[@]}")"
printf 'median: %.2f s, %.0f cases/s (goal: under 2 s)\n' "$median" "$(echo "$cases / $median" | bc -l)"
echo
echo "slowest cases of the last run (case time, ms):"
python3 - "$work/out/results.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
cs = [c for t in d["targets"] for c in t["cases"]]
cs.sort(key=lambda c: -c["duration_ms"])
for c in cs[:8]:
    print(f"  {c['duration_ms']:7.0f}  {c['id']}")
rest = sum(c["duration_ms"] for c in cs[8:])
print(f"  {rest:7.0f}  the other {len(cs) - 8} cases")
EOF
