#!/usr/bin/env bash
# Benchmark (issue 3): the same N IPMI commands over one RMCP+ session (cipher suite 3)
# against one OpenIPMI ipmi_sim on loopback, through
#   ipmict raw --batch      ipmitool exec      FreeIPMI ipmi-raw --file
# and prints wall time per command and CPU time per command (the tool's own work: its
# crypto, parsing and printing; the peer's time is the same for all three).
# Goal: ipmict at most half of ipmitool's time, and under 100 µs of own overhead per command.
#
#   bench/raw_vs_peers.sh [N]        (default 1000; needs a built ipmict: ci/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
IPMICT="${IPMICT:-build/default/harness/ipmict}"
[ -x "$IPMICT" ] || { echo "bench: $IPMICT not built (run ci/build.sh)" >&2; exit 2; }
for tool in ipmi_sim ipmitool ipmi-raw; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not installed (ci/setup.sh)" >&2; exit 2; }
done

WORK="$(mktemp -d /tmp/ipmict-bench.XXXXXX)"
cleanup() { tests/peers/run-ipmi-sim.sh --stop "$WORK/sim" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/sim"
PORT="$(tests/peers/run-ipmi-sim.sh "$WORK/sim")"
USER_NAME=ipmiusr
export IPMI_PASSWORD=test-password   # the test peer's test-only credential (tests/peers/README.md)

# A mix of read-only commands every BMC answers: Get Device ID, Get System GUID,
# Get Channel Info (channel 1), Get Chassis Status, Get SEL Info. (Not Get Channel Auth
# Caps: ipmi_sim refuses it inside a session, docs/interpretations.md S-AUTHCAP-IN-SESSION.)
cmds=("0x06 0x01" "0x06 0x37" "0x06 0x42 0x01" "0x00 0x01" "0x0a 0x40")
: >"$WORK/ipmict.txt"; : >"$WORK/ipmitool.txt"; : >"$WORK/freeipmi.txt"
for ((i = 0; i < N; i++)); do
  c="${cmds[$((i % ${#cmds[@]}))]}"
  echo "$c" >>"$WORK/ipmict.txt"
  echo "raw $c" >>"$WORK/ipmitool.txt"
  echo "0x00 $c" >>"$WORK/freeipmi.txt"   # ipmi-raw lines start with the LUN
done
printf 'password %s\n' "$IPMI_PASSWORD" >"$WORK/freeipmi.conf"
chmod 600 "$WORK/freeipmi.conf"

# Runs a command, prints "wall_s cpu_s" (cpu = user + sys of the tool's process tree).
measure() {
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$( { /usr/bin/time -f '%U %S' "$@" >/dev/null 2>"$WORK/err"; } 2>&1 ) || { echo "bench: failed: $*" >&2; tail -3 "$WORK/err" >&2; exit 1; }
  t1=$(date +%s.%N)
  local cpu
  cpu=$(tail -1 "$WORK/err" | awk '{print $1 + $2}')
  echo "$(echo "$t1 - $t0" | bc -l) $cpu"
}

command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
command -v bc >/dev/null || { echo "bench: bc missing (apt-get install bc)" >&2; exit 2; }

read -r w_ict c_ict < <(measure "$IPMICT" raw "lanplus://$USER_NAME@127.0.0.1:$PORT?cipher=3" --password-env IPMI_PASSWORD --batch "$WORK/ipmict.txt")
read -r w_itl c_itl < <(measure ipmitool -I lanplus -C 3 -H 127.0.0.1 -p "$PORT" -U "$USER_NAME" -E exec "$WORK/ipmitool.txt")
read -r w_fi c_fi < <(measure ipmi-raw -D LAN_2_0 -I 3 -h "127.0.0.1:$PORT" -u "$USER_NAME" --config-file "$WORK/freeipmi.conf" -W opensesspriv --file "$WORK/freeipmi.txt")

per() { echo "scale=1; $1 * 1000000 / $N" | bc -l; }
printf '%-10s %12s %14s\n' "tool" "wall µs/cmd" "own CPU µs/cmd"
printf '%-10s %12s %14s\n' "ipmict" "$(per "$w_ict")" "$(per "$c_ict")"
printf '%-10s %12s %14s\n' "ipmitool" "$(per "$w_itl")" "$(per "$c_itl")"
printf '%-10s %12s %14s\n' "FreeIPMI" "$(per "$w_fi")" "$(per "$c_fi")"
printf 'ipmict / ipmitool wall time: %s\n' "$(echo "scale=3; $w_ict / $w_itl" | bc -l)"
