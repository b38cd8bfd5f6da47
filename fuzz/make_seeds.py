#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets from real exchanges: the committed captures
(tests/data/captures/*.pcap: ipmitool against OpenIPMI ipmi_sim) and the OEM catalog
example of docs/catalog.md, the case library (cases/), and, for sim_datagram, real client
sessions against the target's own simulated BMC recorded by the make_sim_seeds program (run
when a build has it: build/default/fuzz/make_sim_seeds, or the path in $MAKE_SIM_SEEDS).
Run from anywhere; writes fuzz/<target>_corpus/seed-* (and gen-* for make_sim_seeds).
Deterministic: the same inputs give the same files. Needs only the standard library."""
import hashlib
import os
import pathlib
import re
import struct
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"


def udp_payloads(pcap: bytes):
    """UDP payloads of a classic little-endian pcap (Ethernet, raw IP, or Linux cooked)."""
    magic, = struct.unpack_from("<I", pcap, 0)
    assert magic in (0xA1B2C3D4, 0xA1B23C4D), "classic little-endian pcap expected"
    link, = struct.unpack_from("<I", pcap, 20)
    at = 24
    while at + 16 <= len(pcap):
        incl, = struct.unpack_from("<I", pcap, at + 8)
        frame = pcap[at + 16: at + 16 + incl]
        at += 16 + incl
        ip = {1: frame[14:], 101: frame, 113: frame[16:]}.get(link)
        if ip is None or len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        ihl = (ip[0] & 15) * 4
        udp = ip[ihl:]
        length, = struct.unpack_from(">H", udp, 4)
        dport, = struct.unpack_from(">H", udp, 2)
        yield udp[8:length], dport


def write(target: str, blobs):
    out = FUZZ / f"{target}_corpus"
    out.mkdir(exist_ok=True)
    seen = set()
    for blob in blobs:
        digest = hashlib.sha1(blob).hexdigest()[:16]
        if digest in seen:
            continue
        seen.add(digest)
        (out / f"seed-{digest}").write_bytes(blob)
    print(f"{target}: {len(seen)} seeds")


def main():
    captures = sorted((ROOT / "tests/data/captures").glob("*.pcap"))
    datagrams = []
    for cap in captures:
        datagrams.extend(p for p, _ in udp_payloads(cap.read_bytes()))
    asf_ping = bytes.fromhex("0600ff06000011be80000000")
    write("rmcp_asf", datagrams + [asf_ping, bytes.fromhex("0600ff86")])
    bodies = [d[4:] for d in datagrams if len(d) > 4 and d[3] == 0x07]
    write("session15", [b for b in bodies if b and b[0] != 0x06])
    plus = [b for b in bodies if b and b[0] == 0x06]
    # Setup payloads carry no AuthCode (selector 0); in-session ones of cipher suite 3/1
    # carry 12 bytes (selector 1) or none.
    write("rmcpplus", [bytes([0]) + b for b in plus] + [bytes([1]) + b for b in plus if b[1] & 0x40])
    rakp = []
    for b in plus:
        ptype = b[1] & 0x3F
        if 0x10 <= ptype <= 0x15 and len(b) >= 12:
            n, = struct.unpack_from("<H", b, 10)
            rakp.append(bytes([ptype - 0x10]) + b[12:12 + n])
    write("rakp", rakp)
    lan = []
    for b in bodies:
        if b and b[0] in (0, 1, 2, 4, 5):
            off = 1 + 4 + 4 + (16 if b[0] != 0 else 0)
            if len(b) > off:
                lan.append(b[off + 1: off + 1 + b[off]])
    write("lan_message", lan)
    catalog = []
    for m in lan:
        if len(m) >= 7:
            netfn, cmd = m[1] >> 2, m[5]
            response = netfn & 1
            data = m[7:-1] if response else m[6:-1]
            catalog.append(bytes([netfn & ~1, cmd, response]) + data)
    write("catalog_decode", catalog)
    write("capture_decode", [c.read_bytes() for c in captures] + [captures[0].read_bytes()[:300]])
    # What a BMC sent back, as the client fuzzer's length-prefixed datagrams, per capture.
    client = []
    for cap in captures:
        frames = list(udp_payloads(cap.read_bytes()))
        bmc_port = frames[0][1]  # the console speaks first: its destination is the BMC
        replies = [p for p, dport in frames if dport != bmc_port and len(p) < 256]
        lan15 = b"lan-md5" in cap.name.encode()
        seed = bytes([1 if lan15 else 0])
        for r in replies[:12]:
            seed += bytes([len(r)]) + r
        client.append(seed)
    write("client_session", client)
    doc = (ROOT / "docs/catalog.md").read_text()
    yamls = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    write("catalog_file", [y.encode() for y in yamls] + [b"commands: []\n", b"commands:\n  - netfn: 0x2e\n"])

    # The case library: every case file, the quirk list, and the loader tests' bad files.
    case_files = sorted((ROOT / "cases").rglob("*.yaml")) + sorted((ROOT / "tests/data/cases").rglob("*.yaml"))
    write("case_loader", [f.read_bytes() for f in case_files] + [b"", b"cases: []\n", b"[" * 64 + b"]" * 64])

    # sim_datagram: [selector][control, 2-byte LE length, datagram]... The captured
    # console->BMC datagrams of each capture as one sequence (they get as far as RAKP 2 /
    # Get Session Challenge: the BMC's randoms differ), then the recorded sessions.
    sim = []
    for cap in captures:
        frames = list(udp_payloads(cap.read_bytes()))
        bmc_port = frames[0][1]
        seed = bytes([0])
        for p, dport in frames:
            if dport == bmc_port:
                seed += bytes([0]) + struct.pack("<H", len(p)) + p
        sim.append(seed)
    asf = bytes([0, 0]) + struct.pack("<H", len(asf_ping)) + asf_ping
    sim.append(asf)
    write("sim_datagram", sim)
    tool = os.environ.get("MAKE_SIM_SEEDS", str(ROOT / "build/default/fuzz/make_sim_seeds"))
    if pathlib.Path(tool).exists():
        subprocess.run([tool, str(FUZZ / "sim_datagram_corpus")], check=True)
    else:
        print(f"sim_datagram: {tool} not built; recorded sessions left as they are")

    # session_pair: [config][actions]. 08h delivers to the server, 00h to the client,
    # 77h submits a request, 0D7h closes, 36h lets 1 s pass.
    handshake = bytes([0x08, 0x00]) * 8
    scripts = []
    for cfg in (0x00, 0x02, 0x04, 0x06, 0x08, 0x0A, 0x0C, 0x0E, 0x10, 0x12, 0x14, 0x16, 0x20, 0x80,
                0x01, 0x03, 0x05, 0x07, 0x40, 0x41, 0x60):
        scripts.append(bytes([cfg]) + handshake + bytes([0x77, 0x08, 0x00, 0x17, 0x08, 0x00, 0xD7, 0x08, 0x00]))
    # Faults: a lost reply, a duplicated request, a corrupted request, time passing.
    scripts.append(bytes([0x00]) + handshake + bytes([0x77, 0x08, 0x02, 0x36, 0x08, 0x00]))
    scripts.append(bytes([0x00]) + handshake + bytes([0x77, 0x0B, 0x08, 0x08, 0x00, 0x00]))
    scripts.append(bytes([0x00]) + handshake + bytes([0x77, 0x1D, 0x20, 0x08, 0x36, 0x08, 0x00]))
    scripts.append(bytes([0x01]) + handshake + bytes([0x77, 0x0B, 0x08, 0x08, 0x00, 0x00, 0x66, 0x08]))
    write("session_pair", scripts)


if __name__ == "__main__":
    main()
