#!/usr/bin/env bash
# Start or stop an OpenIPMI ipmi_sim test peer on 127.0.0.1.
#
#   run-ipmi-sim.sh STATE_DIR          start; prints the UDP port on stdout
#   run-ipmi-sim.sh --stop STATE_DIR   stop the peer started in STATE_DIR
#
# Start picks a free ephemeral UDP port on 127.0.0.1, writes STATE_DIR/lan.conf
# (from ipmi_sim/lan.conf.in) and STATE_DIR/emu.cmd, runs ipmi_sim in the
# background (-n: no console, stdin from /dev/null), waits until it answers
# (at most 50 tries / 10 s), writes STATE_DIR/pid and STATE_DIR/port.
# ipmi_sim's own output goes to STATE_DIR/ipmi_sim.log.
# IPMICT_IPMI_SIM_LAN_CONF names another template in ipmi_sim/ (e.g.
# lan-permissive.conf.in, the security profile's weak configuration).
# Test-only credentials: user "ipmiusr" / password "test-password" (admin).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
readonly CONF_DIR="${SCRIPT_DIR}/ipmi_sim"
readonly LAN_CONF="${IPMICT_IPMI_SIM_LAN_CONF:-lan.conf.in}"
readonly MAX_START_ATTEMPTS=5     # port collisions: pick another port
readonly MAX_READY_TRIES=50       # readiness probes, all attempts
readonly READY_DEADLINE_S=10      # total readiness time, all attempts
readonly PORT_BIND_WAIT_S=2       # not bound by then: port taken, try another
readonly STOP_WAIT_TRIES=50       # 50 x 0.1 s after SIGTERM, then SIGKILL

die() { echo "run-ipmi-sim.sh: error: $*" >&2; exit 1; }
usage() { echo "usage: run-ipmi-sim.sh STATE_DIR | run-ipmi-sim.sh --stop STATE_DIR" >&2; exit 2; }

# Is PID alive and still an ipmi_sim (not a recycled pid)?
is_our_sim() {
  local pid="$1"
  [[ -r "/proc/${pid}/comm" ]] || return 1
  [[ "$(cat "/proc/${pid}/comm" 2>/dev/null || true)" == "ipmi_sim" ]]
}

stop_pid() {
  local pid="$1" i
  is_our_sim "${pid}" || return 0
  kill -TERM "${pid}" 2>/dev/null || return 0
  for ((i = 0; i < STOP_WAIT_TRIES; i++)); do
    is_our_sim "${pid}" || return 0
    sleep 0.1
  done
  kill -KILL "${pid}" 2>/dev/null || true
  for ((i = 0; i < STOP_WAIT_TRIES; i++)); do
    is_our_sim "${pid}" || return 0
    sleep 0.1
  done
  die "ipmi_sim pid ${pid} did not exit after SIGKILL"
}

do_stop() {
  local state_dir="$1" pid
  [[ -d "${state_dir}" ]] || die "state dir '${state_dir}' does not exist"
  if [[ ! -f "${state_dir}/pid" ]]; then
    return 0  # nothing started (or already stopped)
  fi
  pid="$(cat "${state_dir}/pid")"
  [[ "${pid}" =~ ^[0-9]+$ ]] || die "bad pid file '${state_dir}/pid'"
  stop_pid "${pid}"
  rm -f "${state_dir}/pid"
}

# UDP ports currently bound on this host (any address), one per line.
bound_udp_ports() {
  ss -Hnuln 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }' || true
}

pick_port() {
  local lo hi port i
  read -r lo hi < /proc/sys/net/ipv4/ip_local_port_range || { lo=32768; hi=60999; }
  local used
  used="$(bound_udp_ports)"
  for ((i = 0; i < 100; i++)); do
    port=$(( lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1) ))
    if ! grep -qx "${port}" <<<"${used}"; then
      echo "${port}"
      return 0
    fi
  done
  die "no free UDP port found in ${lo}-${hi}"
}

# Does ipmi_sim (PID) own a UDP socket on PORT, and nobody else?
# ipmi_sim binds with SO_REUSEADDR, so a second process can share a port
# silently; a port with more than one socket counts as a collision (2).
port_bound_by() {
  local pid="$1" port="$2" lines
  lines="$(ss -Hnulp "sport = :${port}" 2>/dev/null || true)"
  grep -q "pid=${pid}," <<<"${lines}" || return 1
  [[ "$(grep -c . <<<"${lines}")" -eq 1 ]] || return 2
}

# One readiness probe: an authenticated RMCP+ Get Device ID.
probe() {
  local port="$1"
  IPMI_PASSWORD="test-password" timeout 3 ipmitool -I lanplus -C 3 -N 1 -R 1 \
    -H 127.0.0.1 -p "${port}" -U ipmiusr -E raw 0x06 0x01 >/dev/null 2>&1
}

do_start() {
  local state_dir="$1"
  command -v ipmi_sim >/dev/null 2>&1 || die "ipmi_sim not found (install Debian package openipmi)"
  command -v ipmitool >/dev/null 2>&1 || die "ipmitool not found (install Debian package ipmitool)"
  command -v ss >/dev/null 2>&1 || die "ss not found (install Debian package iproute2)"
  [[ "${LAN_CONF}" != */* ]] || die "IPMICT_IPMI_SIM_LAN_CONF must be a file name in ${CONF_DIR}, got '${LAN_CONF}'"
  [[ -f "${CONF_DIR}/${LAN_CONF}" && -f "${CONF_DIR}/emu.cmd" ]] || die "configs missing in ${CONF_DIR} (${LAN_CONF}, emu.cmd)"
  mkdir -p "${state_dir}" || die "cannot create state dir '${state_dir}'"
  state_dir="$(cd "${state_dir}" && pwd)"
  if [[ -f "${state_dir}/pid" ]] && is_our_sim "$(cat "${state_dir}/pid")"; then
    die "an ipmi_sim is already running for '${state_dir}' (pid $(cat "${state_dir}/pid"))"
  fi
  rm -f "${state_dir}/pid" "${state_dir}/port"
  cp "${CONF_DIR}/emu.cmd" "${state_dir}/emu.cmd"
  mkdir -p "${state_dir}/persist"

  local attempt port pid tries=0 deadline=$((SECONDS + READY_DEADLINE_S)) attempt_start
  for ((attempt = 0; attempt < MAX_START_ATTEMPTS; attempt++)); do
    port="$(pick_port)"
    sed -e "s|@PORT@|${port}|g" -e "s|@STATE_DIR@|${state_dir}|g" \
      "${CONF_DIR}/${LAN_CONF}" > "${state_dir}/lan.conf"
    # Fresh persistence every start: users/SDR/SEL come from the configs only.
    rm -rf "${state_dir}/persist" && mkdir -p "${state_dir}/persist"
    # setsid: own session, no controlling tty; stdin from /dev/null.
    setsid ipmi_sim -n -c "${state_dir}/lan.conf" -f "${state_dir}/emu.cmd" \
      -s "${state_dir}/persist" </dev/null >"${state_dir}/ipmi_sim.log" 2>&1 &
    pid=$!
    echo "${pid}" > "${state_dir}/pid"

    # ipmi_sim does not exit when it cannot bind its LAN address; it keeps
    # running without a socket (and binds with SO_REUSEADDR). So: not bound
    # within PORT_BIND_WAIT_S, or bound by someone else too -> next port.
    attempt_start=${SECONDS}
    local rc
    while (( tries < MAX_READY_TRIES && SECONDS < deadline )); do
      tries=$((tries + 1))
      kill -0 "${pid}" 2>/dev/null || break
      rc=0
      port_bound_by "${pid}" "${port}" || rc=$?
      (( rc == 2 )) && break   # shared port: try another
      if (( rc == 0 )); then
        if probe "${port}"; then
          rc=0
          port_bound_by "${pid}" "${port}" || rc=$?
          if (( rc == 0 )); then
            echo "${port}" > "${state_dir}/port"
            echo "${port}"
            return 0
          fi
          break
        fi
      elif (( SECONDS - attempt_start >= PORT_BIND_WAIT_S )); then
        break
      fi
      sleep 0.2
    done
    stop_pid "${pid}"
    rm -f "${state_dir}/pid"
    if (( tries >= MAX_READY_TRIES )) || (( SECONDS >= deadline )); then
      die "ipmi_sim did not answer on 127.0.0.1:${port} within ${READY_DEADLINE_S}s/${MAX_READY_TRIES} tries (log: ${state_dir}/ipmi_sim.log)"
    fi
  done
  die "ipmi_sim could not bind a port after ${MAX_START_ATTEMPTS} attempts (log: ${state_dir}/ipmi_sim.log)"
}

case "${1-}" in
  --stop)
    [[ $# -eq 2 && -n "$2" ]] || usage
    do_stop "$2"
    ;;
  -h|--help|"")
    usage
    ;;
  -*)
    usage
    ;;
  *)
    [[ $# -eq 1 ]] || usage
    do_start "$1"
    ;;
esac
