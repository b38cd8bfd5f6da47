#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets from real exchanges: the committed captures
(tests/data/captures/*.pcap: ipmitool against OpenIPMI ipmi_sim) and the OEM catalog
example of docs/catalog.md. Run from anywhere; writes fuzz/<target>_corpus/seed-*.
Deterministic: the same captures give the same files. Needs only the standard library."""
import hashlib
import pathlib
import re
import struct

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


if __name__ == "__main__":
    main()
