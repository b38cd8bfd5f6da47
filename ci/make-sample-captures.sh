#!/usr/bin/env bash
# Regenerate tests/data/captures/*.pcap (+ .json sidecars): real ipmitool <->
# ipmi_sim sessions on loopback, captured with dumpcap as classic pcap.
#
#   ci/make-sample-captures.sh [OUT_DIR]     (default: tests/data/captures)
#
# Needs: openipmi (ipmi_sim), ipmitool, tshark/dumpcap (root or the
# wireshark group), iproute2. Each capture gets its own ipmi_sim on a fresh
# ephemeral port (tests/peers/run-ipmi-sim.sh). Everything this script starts
# is stopped on exit. The password is a TEST-ONLY credential.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly RUN_SIM="${ROOT}/tests/peers/run-ipmi-sim.sh"
readonly OUT_DIR="${1:-${ROOT}/tests/data/captures}"
readonly USER_NAME="ipmiusr"
readonly PASSWORD_ENV="IPMI_PASSWORD"
export IPMI_PASSWORD="test-password"   # test-only; ipmitool reads it via -E
readonly MAX_CAPTURE_BYTES=30720

# ipmitool batch, one session per capture (ipmitool exec FILE); the session
# is closed by ipmitool at exit.
readonly COMMANDS=(
  "mc info"
  "chassis status"
  "sdr list"
  "sel info"
  "raw 0x06 0x01"
  "raw 0x06 0x38 0x8e 0x04"
  "raw 0x06 0x37"
  "user summary 1"
  "raw 0x06 0x44 0x01 0x02"
  "raw 0x06 0x46 0x02"
)
# "user list 1" would be the natural last command, but it issues Get User
# Access + Get User Name for all 63 user IDs ipmi_sim reports (~126 round
# trips, >30 KB); "user summary 1" plus one Get User Access and one Get User
# Name for user 2 exercise the same messages in a few packets.

# ipmi_sim answers Get Channel Authentication Capabilities inside a session
# with completion code 0xD5; ipmitool then reports this error and exits 1 at
# the end of the batch. It is the only error tolerated.
readonly EXPECTED_ERROR="cmd=0x38 rsp=0xd5"

die() { echo "make-sample-captures.sh: error: $*" >&2; exit 1; }

for tool in ipmi_sim ipmitool dumpcap tshark ss; do
  command -v "${tool}" >/dev/null 2>&1 || die "${tool} not found"
done
mkdir -p "${OUT_DIR}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ipmict-captures-XXXXXX")"
SIM_DIR=""
DUMPCAP_PID=""

cleanup() {
  if [[ -n "${DUMPCAP_PID}" ]] && kill -0 "${DUMPCAP_PID}" 2>/dev/null; then
    kill -TERM "${DUMPCAP_PID}" 2>/dev/null || true
    wait "${DUMPCAP_PID}" 2>/dev/null || true
  fi
  if [[ -n "${SIM_DIR}" ]]; then
    "${RUN_SIM}" --stop "${SIM_DIR}" || true
  fi
  rm -rf "${WORK}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Start dumpcap on lo for PORT writing FILE; return once it is capturing.
start_dumpcap() {
  local port="$1" file="$2" log="$3" i
  rm -f "${file}"
  dumpcap -q -i lo -f "udp port ${port}" -P -w "${file}" </dev/null >"${log}" 2>&1 &
  DUMPCAP_PID=$!
  # dumpcap prints "Capturing on 'Loopback: lo'" once the capture is live.
  for ((i = 0; i < 100; i++)); do   # <= 10 s
    kill -0 "${DUMPCAP_PID}" 2>/dev/null || die "dumpcap exited: $(tr '\n' ' ' <"${log}")"
    if grep -qs "Capturing on" "${log}"; then
      return 0
    fi
    sleep 0.1
  done
  die "dumpcap did not start capturing within 10 s"
}

stop_dumpcap() {
  local i
  sleep 0.5   # let the last packets reach the capture
  kill -TERM "${DUMPCAP_PID}" 2>/dev/null || true   # dumpcap finishes the file
  for ((i = 0; i < 100; i++)); do   # <= 10 s
    kill -0 "${DUMPCAP_PID}" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "${DUMPCAP_PID}" 2>/dev/null; then
    kill -KILL "${DUMPCAP_PID}" 2>/dev/null || true
  fi
  wait "${DUMPCAP_PID}" 2>/dev/null || true
  DUMPCAP_PID=""
}

json_commands() {
  local first=1 c
  printf '['
  for c in "${COMMANDS[@]}"; do
    ((first)) || printf ', '
    first=0
    printf '"%s"' "${c}"
  done
  printf ']'
}

# capture NAME INTERFACE CIPHER_SUITE|- AUTH_TYPE|-
capture() {
  local name="$1" iface="$2" cs="$3" auth="$4"
  local pcap="${OUT_DIR}/${name}.pcap" json="${OUT_DIR}/${name}.json"
  local port sel_args=()

  SIM_DIR="${WORK}/sim-${name}"
  mkdir -p "${SIM_DIR}"
  port="$("${RUN_SIM}" "${SIM_DIR}")" || die "could not start ipmi_sim for ${name}"

  if [[ "${iface}" == "lanplus" ]]; then
    sel_args=(-C "${cs}")
  else
    sel_args=(-A "${auth}")
  fi
  printf '%s\n' "${COMMANDS[@]}" > "${WORK}/batch-${name}.txt"

  start_dumpcap "${port}" "${pcap}" "${WORK}/dumpcap-${name}.log"
  local rc=0
  timeout 60 ipmitool -I "${iface}" "${sel_args[@]}" -H 127.0.0.1 -p "${port}" \
    -U "${USER_NAME}" -E exec "${WORK}/batch-${name}.txt" >"${WORK}/ipmitool-${name}.log" 2>&1 || rc=$?
  stop_dumpcap
  "${RUN_SIM}" --stop "${SIM_DIR}"
  SIM_DIR=""
  # Every error line must be the expected one (see EXPECTED_ERROR).
  local errors unexpected
  errors="$(grep -E '^(Unable|Error|Invalid|.*failed)' "${WORK}/ipmitool-${name}.log" || true)"
  unexpected="$(grep -v -F "${EXPECTED_ERROR}" <<<"${errors}" | grep . || true)"
  [[ -z "${unexpected}" ]] || die "ipmitool errors for ${name} (rc ${rc}): $(tr '\n' ' ' <<<"${unexpected}")"
  grep -q -F "${EXPECTED_ERROR}" <<<"${errors}" ||
    echo "${name}: note: ipmi_sim now answers Get Channel Auth Capabilities in-session; update EXPECTED_ERROR" >&2
  chmod 644 "${pcap}"

  # Verify: readable, dissected as RMCP, nothing malformed, small.
  local frames malformed size
  frames="$(tshark -r "${pcap}" -d "udp.port==${port},rmcp" 2>/dev/null | wc -l)"
  malformed="$(tshark -r "${pcap}" -d "udp.port==${port},rmcp" -Y "_ws.malformed" 2>/dev/null | wc -l)"
  size="$(stat -c %s "${pcap}")"
  ((frames > 0)) || die "${name}: no packets captured"
  ((malformed == 0)) || die "${name}: ${malformed} malformed packets"
  ((size <= MAX_CAPTURE_BYTES)) || die "${name}: ${size} bytes > ${MAX_CAPTURE_BYTES}"
  [[ "$(head -c 4 "${pcap}" | od -An -tx1 | tr -d ' \n')" == "d4c3b2a1" ]] ||
    die "${name}: not a classic little-endian pcap file"

  local cs_json="null" auth_json="null"
  [[ "${cs}" != "-" ]] && cs_json="${cs}"
  [[ "${auth}" != "-" ]] && auth_json="\"${auth}\""
  cat > "${json}" <<EOF
{
  "file": "${name}.pcap",
  "port": ${port},
  "host": "127.0.0.1",
  "bmc": "ipmi_sim (OpenIPMI $(dpkg-query -W -f='${Version}' openipmi 2>/dev/null || echo unknown))",
  "client": "$(ipmitool -V)",
  "interface": "${iface}",
  "cipher_suite": ${cs_json},
  "auth_type": ${auth_json},
  "user": "${USER_NAME}",
  "password": "test-password",
  "password_note": "test-only credential, never used outside tests",
  "password_env": "${PASSWORD_ENV}",
  "privilege": "ADMINISTRATOR",
  "frames": ${frames},
  "commands": $(json_commands),
  "expected_errors": {"raw 0x06 0x38 0x8e 0x04": "0xd5"}
}
EOF
  echo "${name}: port ${port}, ${frames} frames, ${size} bytes"
}

capture ipmitool-lanplus-cs3 lanplus 3 -
capture ipmitool-lan-md5 lan - MD5
capture ipmitool-lanplus-cs1 lanplus 1 -
# Cipher suite 17 is not captured: ipmi_sim rejects it in Open Session
# (status 0x11 "invalid authentication algorithm", no HMAC-SHA256 support).
