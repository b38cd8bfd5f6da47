#!/usr/bin/env bash
# Benchmark (issue 4): N concurrent RMCP+ sessions (cipher suite 3, our LanClient, one thread
# each: bench/session_load) sending Get Device ID for SECONDS, against
#   ipmict sim     (the built-in simulator: bench/sim_server, the same sim::Simulator and YAML
#                   loader `ipmict sim` runs, secure default configuration)
#   ipmi_sim       (OpenIPMI, tests/peers/run-ipmi-sim.sh)
# at 1, 4 and 16 sessions (or SESSIONS="..."); prints requests/s, p50/p99 latency in µs,
# the server process's CPU time (user + system, all threads) per answered request, the load
# generator's own CPU time per request, and the machine's idle share during the run. On a
# 2-core box the load generator competes with the server for the cores, so the server's
# CPU µs/request is the simulator's throughput measure; requests/s is what this box reaches
# with both on it. Loopback only, ephemeral ports, every process started here is stopped on exit.
#
#   bench/sim_vs_ipmi_sim.sh [SECONDS]     (default 3; needs a full build: ci/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-3}"
SESSION_COUNTS="${SESSIONS:-1 4 16}"
BUILD="${BUILD:-build/default}"
SIM="${SIM:-$BUILD/bench/sim_server}"
LOAD="$BUILD/bench/session_load"
for b in "$SIM" "$LOAD"; do [ -x "$b" ] || { echo "bench: $b not built (run ci/build.sh)" >&2; exit 2; }; done
command -v ipmi_sim >/dev/null || { echo "bench: ipmi_sim not installed (ci/setup.sh)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/ipmict-bench-sim.XXXXXX)"
SIM_PID=""
cleanup() {
  if [ -n "$SIM_PID" ]; then kill -TERM "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  tests/peers/run-ipmi-sim.sh --stop "$WORK/ipmi_sim" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ipmict sim: a random admin password (never written to disk), the port from its first line (at most 10 s).
export BENCH_SIM_PASSWORD="$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# The secure default allows 8 sessions; the 16-session run needs more.
cat >"$WORK/bmc.yaml" <<'YAML'
users:
  - {id: 2, name: admin, password_env: BENCH_SIM_PASSWORD, privilege: admin}
lan: {max_sessions: 32}
YAML
"$SIM" "$WORK/bmc.yaml" 127.0.0.1 >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
SIM_PORT=""
for _ in $(seq 1 200); do
  SIM_PORT="$(sed -n 's/^listening on 127\.0\.0\.1://p' "$WORK/sim.out" 2>/dev/null || true)"
  [ -n "$SIM_PORT" ] && break
  sleep 0.05
done
[ -n "$SIM_PORT" ] || { echo "bench: ipmict sim did not start:" >&2; cat "$WORK/sim.err" >&2; exit 1; }

mkdir -p "$WORK/ipmi_sim"
PEER_PORT="$(tests/peers/run-ipmi-sim.sh "$WORK/ipmi_sim")"
PEER_PID="$(cat "$WORK/ipmi_sim/pid")"
export BENCH_PEER_PASSWORD=test-password   # the test peer's test-only credential (tests/peers/README.md)

printf '%-9s %8s %10s %7s %7s %8s %13s %13s %6s\n' "bmc" "sessions" "requests/s" "p50 µs" "p99 µs" "failures" \
  "server µs/req" "client µs/req" "idle %"
row() {
  local name="$1"; shift
  local s rps p50 p99 fail srv cli idle
  read -r s rps p50 p99 fail srv cli idle < <("$LOAD" "$@")
  printf '%-9s %8s %10s %7s %7s %8s %13s %13s %6s\n' "$name" "$s" "$rps" "$p50" "$p99" "$fail" "$srv" "$cli" "$idle"
}
for n in $SESSION_COUNTS; do
  row ipmict 127.0.0.1 "$SIM_PORT" admin BENCH_SIM_PASSWORD 3 "$n" "$SECONDS_PER_RUN" "$SIM_PID"
  row ipmi_sim 127.0.0.1 "$PEER_PORT" ipmiusr BENCH_PEER_PASSWORD 3 "$n" "$SECONDS_PER_RUN" "$PEER_PID"
done
