#!/usr/bin/env bash
# The nightly job (docs/ci.md). Too long for every landing, so .ci/run does not call it.
#
#   1. builds ipmict (preset "default");
#   2. runs the whole case library (--profile full --allow-destructive) against
#        - the built-in simulator (in-process, loopback, ephemeral port), and
#        - OpenIPMI's ipmi_sim, started here on an ephemeral loopback port with the test
#          peer's configuration (tests/peers/run-ipmi-sim.sh) and stopped at the end;
#   3. compares each run with its committed baseline (ci/baselines/sim.json,
#      ci/baselines/ipmi_sim.json) with `ipmict report diff`: a case that was good and is now
#      FAIL or ERROR is a regression;
#   4. merges both runs into one report with `ipmict report merge` (the targets side by side);
#   5. runs ci/fuzz-smoke.sh (every libFuzzer target for a bounded time), if present;
# and leaves every report in one folder, by default nightly-out/<UTC date>/:
#   sim/ ipmi_sim/     each run's results.json, summary.txt, junit.xml, report.html, report.md, run.pcap, log
#   diff-sim.txt diff-ipmi_sim.txt    `ipmict report diff` against the baseline
#   merged/            the merged report
#   fuzz-smoke.txt     ci/fuzz-smoke.sh's table
#   nightly.txt        what passed and what did not
#
# Exit status: 0 no regression and every step ran; 1 a regression against a baseline, or a
# fuzz target crashed; 2 the job itself could not run (no `ipmict report` in this build,
# ipmi_sim would not start, a run was killed, bad usage).
#
# Usage: ci/nightly.sh [--out DIR] [--fuzz-seconds N | --no-fuzz] [--no-ipmi-sim] [--no-build]
#                      [--update-baselines]
#   --no-build          use build/default/harness/ipmict as it is (no ci/setup.sh, no build)
#   --update-baselines  run both suites and write their results into ci/baselines/
#                       (normalised: no transcripts, durations or run-specific names); no
#                       diff, merge or fuzzing. Review and commit them when a change of
#                       outcome is intended (a fixed bug, a new case, a new personality).
set -euo pipefail
cd "$(dirname "$0")/.."
readonly ROOT="$PWD"

out="nightly-out/$(date -u +%Y-%m-%d)"
fuzz_seconds=60
fuzz=1
with_ipmi_sim=1
update=0
build=1
usage() { sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//; /^set -euo/d' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    --fuzz-seconds) [ $# -ge 2 ] || usage; fuzz_seconds="$2"; shift 2 ;;
    --no-fuzz) fuzz=0; shift ;;
    --no-ipmi-sim) with_ipmi_sim=0; shift ;;
    --update-baselines) update=1; fuzz=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) usage ;;
    *) echo "ci/nightly.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

die() { echo "ci/nightly.sh: error: $*" >&2; exit 2; }
note() { echo "ci/nightly.sh: $*" | tee -a "$out/nightly.txt"; }

if [ "$build" -eq 1 ]; then
  ci/setup.sh
  ci/build.sh default >/dev/null
fi
readonly IPMICT="$ROOT/build/default/harness/ipmict"
[ -x "$IPMICT" ] || die "ipmict was not built at $IPMICT"
command -v jq >/dev/null || die "jq not found (ci/setup.sh installs it)"

# `ipmict report diff` and `ipmict report merge` come from the reports issue. Without them
# there is nothing to gate on: fail now, before the runs, and say why. (`--help` exits 0
# whether or not the subcommand exists: CLI11 then prints the parent's help, whose usage
# line does not name it.)
has_subcommand() { "$IPMICT" report "$1" --help 2>/dev/null | grep -Eq "^Usage: .* report $1( |\$)"; }
if [ "$update" -eq 0 ]; then
  for sub in diff merge; do
    has_subcommand "$sub" ||
      die "this ipmict has no \`ipmict report $sub\` (\`$IPMICT report $sub --help\` does not show it): build one with the report command (docs/ci.md)"
  done
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
: >"$out/nightly.txt"
note "ipmict $("$IPMICT" --version 2>/dev/null | head -1), reports in $out"
status=0

# One `ipmict run` of the full library. Exit 0/1/2 are outcomes (the baseline diff is the
# gate: known FAILs of ipmi_sim are in its baseline); anything else means the run itself died.
run_suite() {
  local name="$1"; shift
  local rc=0
  mkdir -p "$out/$name"
  "$IPMICT" run --cases cases --profile full --allow-destructive --out "$out/$name" "$@" >"$out/$name/log" 2>&1 || rc=$?
  note "$name: ipmict run exited $rc ($(head -1 "$out/$name/summary.txt" 2>/dev/null || echo 'no summary'))"
  if [ "$rc" -gt 2 ]; then
    note "$name: the run did not finish (exit $rc); see $out/$name/log"
    status=2
  fi
}

# The form results are compared (and baselines kept) in: per case its ID, outcome, reason
# and quirks; no transcripts, durations, times or case-file facts (title, spec, tags ...,
# which the library's git history has); the ipmi_sim target named "ipmi_sim" (its URI
# carries the port of the night). Still a results file `ipmict report` reads. `ipmict report
# diff` matches targets by name and cases by ID.
normalise() { # name in out
  jq --arg name "$1" '
    .targets[].cases |= map({id, outcome, reason, quirks_used})
    | del(.targets[].duration_ms)
    | .run.command_line = "" | .run.started_at = "" | .run.finished_at = ""
    | if $name == "ipmi_sim" then .targets[0].name = "ipmi_sim" | .targets[0].description = "" else . end' "$2" >"$3"
}

# --- 1. the built-in simulator ------------------------------------------------------------
run_suite sim

# --- 2. OpenIPMI ipmi_sim -------------------------------------------------------------------
if [ "$with_ipmi_sim" -eq 1 ]; then
  state="$(mktemp -d /tmp/ipmict-nightly-ipmi_sim.XXXXXX)"
  stop_ipmi_sim() { tests/peers/run-ipmi-sim.sh --stop "$state" >/dev/null 2>&1 || true; rm -rf "$state"; }
  trap stop_ipmi_sim EXIT
  port="$(tests/peers/run-ipmi-sim.sh "$state")" || die "ipmi_sim did not start (see $state/ipmi_sim.log)"
  # The test peer's credentials (tests/peers/ipmi_sim/lan.conf.in: test-only).
  IPMICT_NIGHTLY_PASSWORD="test-password" run_suite ipmi_sim \
    --target "lanplus://ipmiusr@127.0.0.1:${port}?cipher=3" --password-env IPMICT_NIGHTLY_PASSWORD \
    --target-profile openipmi-ipmi_sim
  cp "$state/ipmi_sim.log" "$out/ipmi_sim/ipmi_sim.log" 2>/dev/null || true
  stop_ipmi_sim
  trap - EXIT
fi

targets=(sim)
[ "$with_ipmi_sim" -eq 1 ] && targets+=(ipmi_sim)

# --- 3. baselines -------------------------------------------------------------------------
for t in "${targets[@]}"; do
  [ -f "$out/$t/results.json" ] || { note "$t: no results.json"; status=2; continue; }
  normalise "$t" "$out/$t/results.json" "$out/$t/results.normalised.json"
  if [ "$update" -eq 1 ]; then
    cp "$out/$t/results.normalised.json" "ci/baselines/$t.json"
    note "$t: baseline ci/baselines/$t.json updated (review and commit it)"
    continue
  fi
  [ -f "ci/baselines/$t.json" ] || { note "$t: no baseline ci/baselines/$t.json (run with --update-baselines)"; status=2; continue; }
  rc=0
  "$IPMICT" report diff "ci/baselines/$t.json" "$out/$t/results.normalised.json" >"$out/diff-$t.txt" 2>&1 || rc=$?
  case "$rc" in
    0) note "$t: no regression against ci/baselines/$t.json" ;;
    1) note "$t: REGRESSION against ci/baselines/$t.json (see $out/diff-$t.txt)"; [ "$status" -eq 0 ] && status=1 ;;
    *) note "$t: ipmict report diff failed (exit $rc; see $out/diff-$t.txt)"; status=2 ;;
  esac
done

# --- 4. one report of both targets ----------------------------------------------------------
inputs=()
for t in "${targets[@]}"; do [ -f "$out/$t/results.json" ] && inputs+=("$out/$t/results.json"); done
if [ "$update" -eq 0 ] && [ "${#inputs[@]}" -ge 1 ]; then
  mkdir -p "$out/merged"
  rc=0
  "$IPMICT" report merge "${inputs[@]}" --out "$out/merged/results.json" >"$out/merged/log" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ]; then
    "$IPMICT" report render "$out/merged/results.json" --html "$out/merged/report.html" --junit "$out/merged/junit.xml" \
      --md "$out/merged/report.md" >>"$out/merged/log" 2>&1 || rc=$?
  fi
  if [ "$rc" -eq 0 ]; then note "merged report of ${targets[*]} in $out/merged"; else note "ipmict report merge/render failed (exit $rc; see $out/merged/log)"; status=2; fi
fi

# --- 5. fuzz smoke --------------------------------------------------------------------------
if [ "$fuzz" -eq 1 ] && [ -x ci/fuzz-smoke.sh ]; then
  rc=0
  ci/fuzz-smoke.sh "$fuzz_seconds" >"$out/fuzz-smoke.txt" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ]; then note "fuzz smoke: no crash ($fuzz_seconds s per target)"; else note "fuzz smoke FAILED (exit $rc; see $out/fuzz-smoke.txt)"; [ "$status" -eq 0 ] && status=1; fi
fi

note "done: exit $status"
exit "$status"
