#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the guest's "R TEST ROUND PATH KEY=VALUE..." lines into the tables.

    bench/report.py RESULTS VMINFO OUTDIR

Writes OUTDIR/latest.md (also printed), OUTDIR/scale.dat for gnuplot and
OUTDIR/latest.txt (the raw lines). Ratios are taken within a round (or a
repetition) and summarised as median [min-max] over rounds; round 0 is the
warm-up and is left out.
"""
import datetime
import statistics
import sys
from collections import defaultdict


def parse(path):
    rows = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.split()
            if len(w) < 4 or w[0] != "R":
                continue
            kv = dict(x.split("=", 1) for x in w[4:] if "=" in x)
            rows.append((w[1], int(w[2]), w[3], kv))
    return rows


def med(xs):
    return statistics.median(xs) if xs else None


def spread(xs, fmt):
    """median [min-max] of a list, or a dash."""
    if not xs:
        return "-"
    m = med(xs)
    if len(xs) == 1 or min(xs) == max(xs):
        return fmt(m)
    return f"{fmt(m)} [{fmt(min(xs))}-{fmt(max(xs))}]"


def r3(x):
    return f"{x:.3f}"


def num(x, digits=0):
    if x is None:
        return "-"
    if digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


# The scid path measured again with the tunnel's GRO off (TCP only), and
# with clamp-mss auto (TCP and 64-byte UDP).
GRO_OFF = "scid-gro-off"
CLAMP = "scid-clamp"
# Handshakes with clamp-mss 1340 on the client's tunnel: every SYN and
# SYN-ACK rewritten.
CLAMP_1340 = "scid-clamp-1340"
# Both drivers with FOU: the tunnel inside UDP to port 5555.
IPIP_FOU = "ipip-fou"
SCID_FOU = "scid-fou"
PATHS = ("plain", "ipip", "scid", GRO_OFF, CLAMP, CLAMP_1340, IPIP_FOU, SCID_FOU)


class Compare:
    """Per-round values of each (test, path), and ratios within rounds."""

    def __init__(self, rows):
        self.v = defaultdict(dict)  # (test, value) -> {path: {round: x}}
        for test, rnd, path, kv in rows:
            if rnd == 0 or path not in PATHS:
                continue
            for key, x in self.values(test, kv).items():
                self.v[(test, key)].setdefault(path, {})[rnd] = x

    @staticmethod
    def values(test, kv):
        out = {}
        if test.startswith("tcp"):
            out["rate"] = int(kv["kbps"]) / 1000.0
            out["cpu"] = int(kv["cpu_ns"]) / max(1, int(kv["pkts"]))
        elif test.startswith("udp"):
            out["rate"] = int(kv["pps"])
            out["cpu"] = int(kv["cpu_ns"]) / max(1, int(kv["pkts"]))
        elif test in ("rtt", "rtt-udp"):
            for k in ("p50", "p99", "mean"):
                out[k] = int(kv[k]) / 1000.0
        elif test == "handshake":
            for k in ("p50", "p90"):
                out[k] = int(kv[k]) / 1000.0
            out["cpu"] = int(kv["cpu_ns"]) / max(1, int(kv["count"]))
        return out

    def series(self, test, key, path):
        return self.v.get((test, key), {}).get(path, {})

    def absolute(self, test, key, path):
        return med(list(self.series(test, key, path).values()))

    def ratios(self, test, key, a, b, minus=None):
        """a/b within each round; with minus, (a - minus)/(b - minus)."""
        sa, sb = self.series(test, key, a), self.series(test, key, b)
        sm = self.series(test, key, minus) if minus else {}
        out = []
        for rnd in sorted(set(sa) & set(sb)):
            x, y = sa[rnd], sb[rnd]
            if minus:
                if rnd not in sm:
                    continue
                x, y = x - sm[rnd], y - sm[rnd]
            if y:
                out.append(x / y)
        return out

    def added(self, test, key, path):
        """Per-round path - plain."""
        sa, sp = self.series(test, key, path), self.series(test, key, "plain")
        return [sa[r] - sp[r] for r in sorted(set(sa) & set(sp))]

    def rounds(self):
        return max((len(p) for s in self.v.values() for p in s.values()), default=0)


TESTS = [
    ("tcp1", "TCP, 1 stream", "Mbit/s"),
    ("tcp2", "TCP, 2 streams", "Mbit/s"),
    ("tcp1-nogso", "TCP, 1 stream, GSO off", "Mbit/s"),
    ("tcp2-nogso", "TCP, 2 streams, GSO off", "Mbit/s"),
    ("udp64", "UDP 64 B, received", "datagrams/s"),
    ("udp512", "UDP 512 B, received", "datagrams/s"),
    ("udp1472", "UDP 1472 B, received (2 fragments each at MTU 1480)",
     "datagrams/s"),
]


def compare_table(c):
    out = []
    out.append("| measure | better | scid/ipip | scid/plain | ipip/plain"
               " | scid | ipip | plain |")
    out.append("| --- | --- | --- | --- | --- | ---: | ---: | ---: |")

    def row(name, better, test, key, fmt_abs):
        vals = [c.absolute(test, key, p) for p in ("scid", "ipip", "plain")]
        if vals[0] is None:
            return
        out.append(
            f"| {name} | {better} "
            f"| {spread(c.ratios(test, key, 'scid', 'ipip'), r3)} "
            f"| {spread(c.ratios(test, key, 'scid', 'plain'), r3)} "
            f"| {spread(c.ratios(test, key, 'ipip', 'plain'), r3)} "
            f"| {fmt_abs(vals[0])} | {fmt_abs(vals[1])} | {fmt_abs(vals[2])} |")

    for test, name, unit in TESTS:
        row(f"{name}, {unit}", "higher", test, "rate",
            lambda x: num(x, 1) if unit == "Mbit/s" else num(x))
    for test, name, unit in TESTS:
        what = "segment of 1428 B" if test.startswith("tcp") else "datagram"
        row(f"CPU per {what}, {name}, ns", "lower", test, "cpu",
            lambda x: num(x))
    for test, how in (("rtt", "ICMP echo"), ("rtt-udp", "UDP echo server")):
        for key in ("p50", "p99", "mean"):
            if not c.series(test, key, "scid"):
                continue
            plain = c.absolute(test, key, "plain")
            a_s, a_i = c.added(test, key, "scid"), c.added(test, key, "ipip")
            out.append(
                f"| RTT {key} added over plain routing ({how}), µs | lower "
                f"| {spread(c.ratios(test, key, 'scid', 'ipip', minus='plain'), r3)} "
                f"| - | - | {num(med(a_s), 2)} | {num(med(a_i), 2)} "
                f"| ({num(plain, 2)} total) |")
    for key, name in (("p50", "TCP handshake p50, µs"),
                      ("p90", "TCP handshake p90, µs"),
                      ("cpu", "CPU per TCP handshake, ns")):
        row(name, "lower", "handshake", key,
            lambda x: num(x) if key == "cpu" else num(x, 2))
    return out


def variant_rows():
    """(test, key, what, better, digits) of each row a variant table may have."""
    rows = []
    for key, better in (("rate", "higher"), ("cpu", "lower")):
        for test, name, unit in TESTS:
            if key == "rate":
                what = f"{name}, {unit}"
            elif test.startswith("tcp"):
                what = f"CPU per segment of 1428 B, {name}, ns"
            else:
                what = f"CPU per datagram, {name}, ns"
            digits = 1 if key == "rate" and test.startswith("tcp") else 0
            rows.append((test, key, what, better, digits))
    rows.append(("handshake", "p50", "TCP handshake p50, µs", "lower", 2))
    rows.append(("handshake", "cpu", "CPU per TCP handshake, ns", "lower", 0))
    return rows


def variant_table(c, path, label, base_label):
    """The scid path measured again as @path, beside scid and plain."""
    out = [f"| measure | better | {label}/{base_label} | {label}/plain"
           f" | {label} | {base_label} | plain |",
           "| --- | --- | --- | --- | ---: | ---: | ---: |"]
    for test, key, what, better, digits in variant_rows():
        if not c.series(test, key, path):
            continue
        vals = [c.absolute(test, key, p) for p in (path, "scid", "plain")]
        out.append(
            f"| {what} | {better} "
            f"| {spread(c.ratios(test, key, path, 'scid'), r3)} "
            f"| {spread(c.ratios(test, key, path, 'plain'), r3)} "
            + " ".join(f"| {num(x, digits)}" for x in vals) + " |")
    return out if len(out) > 2 else []


def fou_table(c):
    """scid_ipip and ipip inside UDP, beside each other and themselves."""
    out = ["| measure | better | scid-fou/ipip-fou | scid-fou/scid | ipip-fou/ipip"
           " | scid-fou | ipip-fou | plain |",
           "| --- | --- | --- | --- | --- | ---: | ---: | ---: |"]
    rows = variant_rows() + [("rtt", "p50", "RTT p50 (ICMP echo), µs", "lower", 2)]
    for test, key, what, better, digits in rows:
        if not c.series(test, key, SCID_FOU):
            continue
        vals = [c.absolute(test, key, p) for p in (SCID_FOU, IPIP_FOU, "plain")]
        out.append(
            f"| {what} | {better} "
            f"| {spread(c.ratios(test, key, SCID_FOU, IPIP_FOU), r3)} "
            f"| {spread(c.ratios(test, key, SCID_FOU, 'scid'), r3)} "
            f"| {spread(c.ratios(test, key, IPIP_FOU, 'ipip'), r3)} "
            + " ".join(f"| {num(x, digits)}" for x in vals) + " |")
    return out if len(out) > 2 else []


def scale_tables(rows):
    calib = calibration(rows)
    add, dele, mem, tool, teardown = {}, {}, {}, {}, {}
    rx = defaultdict(lambda: defaultdict(dict))  # n -> drv -> rep -> ns/pkt
    fn = defaultdict(dict)  # n -> drv -> ns
    for test, rnd, drv, kv in rows:
        n = int(kv.get("n", 0))
        if test == "scale-add":
            add[(n, drv)] = int(kv["ns"])
            # One tunnel's memory hides in slab and per-CPU granularity.
            if n >= 100:
                mem[(n, drv)] = int(kv["kmem"]) / n
        elif test == "scale-grow":
            if n >= 10000 or (n, drv) not in add:
                add[(n, drv)] = int(kv["ns"])
            if n > 1:
                mem[(n, drv)] = int(kv["kmem"]) / n
        elif test == "scale-del":
            dele[(n, drv)] = int(kv["ns"])
        elif test.startswith("scale-tool-"):
            tool[(test[len("scale-tool-"):], drv)] = (n, int(kv["ns"]))
        elif test in ("scale-del-batch", "scale-netns-del"):
            teardown[(test, drv)] = (n, int(kv["ns"]), int(kv.get("cpu_ns", 0)))
        elif test == "scale-rx":
            rx[n][drv][rnd] = int(kv["cpu_ns"]) / max(1, int(kv["pkts"]))
        elif test == "scale-fn":
            fn[n][drv] = int(kv["ns"]) - calib.get(drv, 0)
    ns = sorted({n for n, _ in add} | set(rx))
    out = []
    out.append("| tunnels | receive CPU per packet, ns: scid / ipip (scid/ipip)"
               " | receive handler per packet, ns: scid / ipip (scid/ipip)"
               " | create all, ms: scid / ipip | delete all, ms: scid / ipip"
               " | memory per tunnel, KiB: scid / ipip |")
    out.append("| ---: | --- | --- | --- | --- | --- |")
    dat = ["# n rx_cpu_scid rx_cpu_ipip handler_scid handler_ipip"
           " create_ms_scid create_ms_ipip create_us_per_tunnel_scid"
           " create_us_per_tunnel_ipip"]

    def pair(d, n, scale=1.0, digits=0):
        s, i = d.get((n, "scid")), d.get((n, "ipip"))
        f = (lambda x: num(x / scale, digits) if x is not None else "-")
        return f"{f(s)} / {f(i)}"

    for n in ns:
        s = rx[n].get("scid", {})
        i = rx[n].get("ipip", {})
        ratios = [s[k] / i[k] for k in sorted(set(s) & set(i)) if i[k]]
        rs, ri = med(list(s.values())), med(list(i.values()))
        fs, fi = fn[n].get("scid"), fn[n].get("ipip")
        fr = f" ({fs / fi:.3f})" if fs and fi else ""
        out.append(
            f"| {n:,} | {num(rs)} / {num(ri)} ({spread(ratios, r3)}) "
            f"| {num(fs)} / {num(fi)}{fr} "
            f"| {pair(add, n, 1e6, 1)} | {pair(dele, n, 1e6, 1)} "
            f"| {pair(mem, n, 1, 1)} |")

        def d(x):
            return "NaN" if x is None else f"{x:.1f}"
        cs, ci = add.get((n, "scid")), add.get((n, "ipip"))
        dat.append(" ".join([str(n), d(rs), d(ri), d(fs), d(fi),
                             d(cs and cs / 1e6), d(ci and ci / 1e6),
                             d(cs and cs / 1e3 / n), d(ci and ci / 1e3 / n)]))
    tools = []
    names = {
        ("add", "scid"): "scidtun add, one process per tunnel",
        ("del", "scid"): "scidtun del, one process per tunnel",
        ("add", "ipip"): "ip tunnel add, one process per tunnel",
        ("del", "ipip"): "ip tunnel del, one process per tunnel",
        ("batch-add", "ipip"): "ip -batch, tunnel add",
        ("batch-del", "ipip"): "ip -batch, tunnel del",
    }
    for key, name in names.items():
        if key in tool:
            n, t = tool[key]
            tools.append(f"{name}: {n} tunnels in {t / 1e6:,.0f} ms"
                         f" ({t / 1e3 / n:,.0f} µs each)")
    return out, dat, tools, teardown_table(teardown, dele)


def teardown_table(teardown, dele):
    """Deleting the largest set: one ioctl each, one request, the netns."""
    if not teardown:
        return []
    n = max(v[0] for v in teardown.values())

    def secs(v):
        if v is None:
            return "-"
        if isinstance(v, int):
            return f"{v / 1e9:,.2f}"
        return f"{v[1] / 1e9:,.2f} ({v[2] / 1e9:,.2f} CPU)"

    def row(name, get):
        return f"| {name} | {secs(get('scid'))} | {secs(get('ipip'))} |"

    def of(test):
        return lambda drv: teardown.get((test, drv))
    return [
        f"| deleting {n:,} tunnels, guest s | scid_ipip | ipip |",
        "| --- | ---: | ---: |",
        row("one ioctl each (`SIOCDELTUNNEL`)", lambda drv: dele.get((n, drv))),
        row("one request (scid: `scidtun flush`; ipip: `ip link del group`)",
            of("scale-del-batch")),
        row("`ip netns del` of their namespace", of("scale-netns-del")),
    ]


def setconf_table(rows):
    """scidtun setconf of N tunnels, then the same file again; [] when
    the run had none."""
    runs = defaultdict(dict)  # n -> step -> kv
    for test, _, _, kv in rows:
        if test in ("setconf-first", "setconf-again"):
            runs[int(kv["n"])][test[len("setconf-"):]] = kv
    if not runs:
        return []
    out = ["| setconf, tunnels | first apply, s | lines | re-apply, s | says |",
           "| ---: | ---: | ---: | ---: | --- |"]
    for n in sorted(runs):
        first, again = runs[n].get("first", {}), runs[n].get("again", {})

        def secs(kv):
            return f"{int(kv['ns']) / 1e9:,.2f}" if "ns" in kv else "-"
        lines = f"{int(first['lines']):,}" if "lines" in first else "-"
        says = {"1": "no changes", "0": "changes!"}.get(again.get("nochange"), "-")
        out.append(f"| {n:,} | {secs(first)} | {lines} | {secs(again)} | {says} |")
    return out


def memory_table(rows):
    """Memory per tunnel from the mem rows (KiB over n tunnels), one row a
    driver and number of possible CPUs; [] when the run had none."""
    mem = [(drv, kv) for t, _, drv, kv in rows if t == "mem"]
    if not mem:
        return []
    names = {"scid": "`scid_ipip`", "ipip": "`ipip`"}
    lines = ["| per tunnel | slab | per-CPU | total |",
             "|---|--:|--:|--:|"]

    def kib(kv, key):
        return f"{int(kv[key]) / int(kv['n']):,.2f} KiB"

    for drv, kv in sorted(mem, key=lambda m: (int(m[1]["possible"]),
                                              m[0] != "scid")):
        cpus = int(kv["possible"])
        lines.append(f"| {names.get(drv, drv)}, {cpus} possible"
                     f" CPU{'s' if cpus != 1 else ''} | {kib(kv, 'slab')}"
                     f" | {kib(kv, 'percpu')} | {kib(kv, 'avail')} |")
    return lines


def calibration(rows):
    """The tracer's own time inside one timed call, per driver run."""
    return {drv: int(kv["ns"]) for test, _, drv, kv in rows
            if test == "breakdown-calib"}


def breakdown_table(rows):
    calib = calibration(rows)
    v = defaultdict(dict)  # test -> (drv, fn) -> net ns
    for test, rnd, drv, kv in rows:
        if test in ("breakdown", "breakdown-parts", "breakdown-rr"):
            v[test][(drv, kv["fn"])] = int(kv["ns"]) - calib.get(drv, 0)
    if not v:
        return []

    def get(test, drv, fn):
        return v[test].get((drv, fn))

    lines = [
        # label, test, scid function, ipip function
        ("**transmit**, total", "breakdown", "scid_xmit", "ipip_tunnel_xmit"),
        ("- outer IP send down to the veth, `iptunnel_xmit` (kernel)",
         "breakdown-parts", "iptunnel_xmit", "iptunnel_xmit"),
        ("- inner route PMTU update, `ip_rt_update_pmtu` (kernel)",
         "breakdown-parts", "ip_rt_update_pmtu", "ip_rt_update_pmtu"),
        ("- outer route from the cache, `dst_cache_get_ip4`",
         "breakdown-parts", "dst_cache_get_ip4", "dst_cache_get_ip4"),
        ("- GSO setup, `iptunnel_handle_offloads`",
         "breakdown-parts", "iptunnel_handle_offloads",
         "iptunnel_handle_offloads"),
        ("- the driver's own code (the rest)", "rest-xmit", None, None),
        ("**receive**, total", "breakdown", "scid_rcv", "ipip_rcv"),
        ("- tunnel lookup, `scid_table_find_rcv` / `ip_tunnel_lookup`",
         "breakdown-parts", "scid_table_find_rcv", "ip_tunnel_lookup"),
        ("- decapsulation to the receive cell, `scid_decap` / `ip_tunnel_rcv`",
         "breakdown-parts", "scid_decap", "ip_tunnel_rcv"),
        ("- the rest (ipip: header pull, before `ip_tunnel_rcv`)",
         "rest-rcv", None, None),
        ("inner packet delivery through GRO, `scid_rx_cell_poll` /"
         " `gro_cell_poll` (kernel)", "breakdown",
         "scid_rx_cell_poll", "gro_cell_poll"),
        ("request/response: transmit", "breakdown-rr", "scid_xmit",
         "ipip_tunnel_xmit"),
        ("request/response: receive", "breakdown-rr", "scid_rcv", "ipip_rcv"),
    ]
    parts = {
        "rest-xmit": ("scid_xmit", "ipip_tunnel_xmit",
                      ["iptunnel_xmit", "ip_rt_update_pmtu",
                       "dst_cache_get_ip4", "iptunnel_handle_offloads"],
                      ["iptunnel_xmit", "ip_rt_update_pmtu",
                       "dst_cache_get_ip4", "iptunnel_handle_offloads"]),
        "rest-rcv": ("scid_rcv", "ipip_rcv",
                     ["scid_table_find_rcv", "scid_decap"],
                     ["ip_tunnel_lookup", "ip_tunnel_rcv"]),
    }
    out = ["| per packet, 64-byte UDP flood | scid_ipip, ns | ipip, ns"
           " | scid/ipip |",
           "| --- | ---: | ---: | ---: |"]
    for label, test, fs, fi in lines:
        if test in parts:
            ps, pi, cs, ci = parts[test]
            try:
                s = get("breakdown", "scid", ps) - sum(
                    get("breakdown-parts", "scid", c) for c in cs)
                i = get("breakdown", "ipip", pi) - sum(
                    get("breakdown-parts", "ipip", c) for c in ci)
            except TypeError:
                continue
        else:
            s, i = get(test, "scid", fs), get(test, "ipip", fi)
        if s is None or i is None:
            continue
        ratio = f"{s / i:.2f}" if i > 0 and s > 0 else "-"
        out.append(f"| {label} | {s:,} | {i:,} | {ratio} |")
    return out


def keepalive_tables(rows):
    """Failover trials and the idle cost of keepalive, from failover and
    ka-cost rows; [] when the run had none."""
    md = []
    trials = [kv for t, _, _, kv in rows if t == "failover"]
    if trials:
        md.append("| keepalive 100ms hold 3 rise 2, ms | median | min | max |")
        md.append("| --- | ---: | ---: | ---: |")
        for key, what in (("detect_ms", "path cut to carrier lost"),
                          ("failover_ms", "path cut to first packet over the backup"),
                          ("failback_ms", "path back to first packet over it again")):
            xs = [float(kv[key]) for kv in trials]
            md.append(f"| {what} | {med(xs):,.1f} | {min(xs):,.1f} | {max(xs):,.1f} |")
        md.append("")
        md.append(f"{len(trials)} trials; packets are counted as they arrive"
                  " at the proxy, through its tunnel.")
    cost = [(r, kv) for t, r, _, kv in rows if t == "ka-cost"]
    if cost:
        if md:
            md.append("")
        peers = {"scid": "scid_ipip peers in the guest",
                 "xdp": "an XDP reflector in the guest",
                 "xdppass": "the reflector, and one on the prober's veth that passes all",
                 "xdp2": "the reflector, each reply bounced back to it once more"}
        windows = {}
        for r, kv in cost:
            key = (kv["keepalive"], kv.get("peer", "scid"))
            w = windows.setdefault(key, {"n": kv["n"], "pct": [], "down": []})
            w["pct"].append(100.0 * int(kv["cpu_ns"]) / int(kv["ns"]))
            w["down"].append(int(kv["down"]))
        md.append("| idle tunnels | keepalive | answered by | guest CPU, % | tunnels without carrier |")
        md.append("| ---: | --- | --- | ---: | ---: |")
        for (ka, peer), w in windows.items():
            label = "-" if ka == "off" else peers.get(peer, peer)
            md.append(f"| {int(w['n']):,} | {ka} | {label} |"
                      f" {spread(w['pct'], lambda x: f'{x:.2f}')} | {max(w['down'])} |")
        md.extend(probing_end(windows))
    return md


def probing_end(windows):
    """The probing end's own cost at 1 s, from the reflector rows (medians
    over the rounds): the bounced row adds two reflections and a pass of
    the program on the prober's veth, which the pass row measures."""
    pct = {f"{ka}:{peer}": med(w["pct"]) for (ka, peer), w in windows.items()}
    if not all(k in pct for k in ("off:scid", "1s:xdp", "1s:xdppass", "1s:xdp2")):
        return []
    idle = pct["off:scid"]
    passing = pct["1s:xdppass"] - pct["1s:xdp"]
    reflection = (pct["1s:xdp2"] - pct["1s:xdppass"]) / 2
    own = pct["1s:xdp"] - reflection - idle
    return ["",
            f"Probing end alone, keepalive 1 s, above the idle guest: {own:.2f} %"
            f" (the reflector's row, less the idle row and one reflection:"
            f" {reflection:.2f} %, half of what the bounce adds beyond the"
            f" pass-only program, which itself adds {passing:.2f} %). At most"
            f" {pct['1s:xdp'] - idle:.2f} %, the reflector's row less the"
            f" idle one. Medians of the rounds."]


def floats(trials, key):
    """The numeric values of @key over the trials ("-": never reached)."""
    out = []
    for kv in trials:
        try:
            out.append(float(kv[key]))
        except (KeyError, ValueError):
            pass
    return out


def pmtu_tables(rows):
    """Path MTU drop and raise trials and pmtu-probe's idle cost, from pmtu
    and pmtu-cost rows; [] when the run had none."""
    md = []
    trials = [kv for t, _, _, kv in rows if t == "pmtu"]
    if trials:
        raise_ms = int(trials[0].get("raise_interval_ms", 0))
        md.append(f"| keepalive 100ms, pmtu-probe on, pmtu-raise {raise_ms / 1000:g} s,"
                  " ms | median | min | max | reached |")
        md.append("| --- | ---: | ---: | ---: | ---: |")
        for key, what in (
                ("drop_ms", "path MTU 1500 -> 1400 to tunnel MTU 1364..1384"),
                ("raise_ms", "path MTU back to 1500 to tunnel MTU 1480"
                 " (pmtu-raise included)"),
                ("raise_due_ms", "the same from when the raise fell due"
                 " (drop + pmtu-raise)")):
            xs = floats(trials, key)
            if not xs:
                md.append(f"| {what} | - | - | - | 0 of {len(trials)} |")
                continue
            md.append(f"| {what} | {med(xs):,.1f} | {min(xs):,.1f} | {max(xs):,.1f}"
                      f" | {len(xs)} of {len(trials)} |")
        mtus = sorted({kv.get("drop_mtu", "?") for kv in trials})
        down = sum(int(kv.get("carrier_down", 0)) for kv in trials)
        md.append("")
        md.append(f"{len(trials)} trials; tunnel MTU on the 1400 path:"
                  f" {', '.join(mtus)}; carrier lost during the trials:"
                  f" {down} time{'s' if down != 1 else ''}.")
    cost = [(r, kv) for t, r, _, kv in rows if t == "pmtu-cost"]
    if cost:
        if md:
            md.append("")
        names = {"off": "keepalive off", "keepalive": "keepalive 100ms",
                 "pmtu": "keepalive 100ms, pmtu-probe on"}
        windows = {}
        for r, kv in cost:
            w = windows.setdefault(kv["probing"], {"n": int(kv["n"]), "pct": [],
                                                  "probes": [], "down": []})
            w["pct"].append(100.0 * int(kv["cpu_ns"]) / int(kv["ns"]))
            w["probes"].append(int(kv["pmtu_probes"]) / (int(kv["ns"]) / 1e9))
            w["down"].append(int(kv["down"]))
        md.append("| idle tunnels | probing | guest CPU, % | path MTU probes a"
                  " second, per tunnel | tunnels without carrier |")
        md.append("| ---: | --- | ---: | ---: | ---: |")
        for key, w in windows.items():
            md.append(f"| {w['n']:,} | {names.get(key, key)} |"
                      f" {spread(w['pct'], lambda x: f'{x:.2f}')} |"
                      f" {med(w['probes']):.1f} | {max(w['down'])} |")
        if "keepalive" in windows and "pmtu" in windows:
            ka, pm = windows["keepalive"], windows["pmtu"]
            added = med(pm["pct"]) - med(ka["pct"])
            n = pm["n"]
            per_tunnel = added / 100 * 1e6 / n  # µs of CPU a second
            rate = med(pm["probes"])
            per_probe = f", {per_tunnel / rate:,.1f} µs a probe and its answer" \
                if rate else ""
            md.append("")
            md.append(f"pmtu-probe adds {added:.2f} % of the guest's CPU for"
                      f" {n:,} tunnels: {per_tunnel:,.1f} µs of CPU a second"
                      f" per tunnel{per_probe} (both ends). Medians of the"
                      " rounds.")
    return md


def main():
    if len(sys.argv) != 4:
        print("usage: report.py RESULTS VMINFO OUTDIR", file=sys.stderr)
        return 1
    rows = parse(sys.argv[1])
    vm = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for w in f.read().split():
            if "=" in w:
                k, x = w.split("=", 1)
                vm[k] = x
    outdir = sys.argv[3]
    info = next((kv for t, _, _, kv in rows if t == "info"), {})
    c = Compare(rows)
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    icount = vm.get("accel") == "tcg" and vm.get("icount")
    md = []
    md.append(f"Measured {date} on Linux {info.get('kernel', '?')} (Debian's stock"
              f" kernel), QEMU {vm.get('accel', '?').upper()},"
              f" {info.get('cpus', '?')} vCPU, iperf3 {info.get('iperf3', '?')};"
              f" {c.rounds()} rounds after a warm-up, paths interleaved"
              f" (plain, ipip, scid, ...), each ratio taken within a round:"
              f" median [min-max].")
    md.append("")
    if icount:
        md.append(f"The guest ran with `-icount shift={vm['icount']},sleep=off`:"
                  " its clock counts executed instructions (one per"
                  f" {2 ** int(vm['icount'])} ns), so every rate, time and RTT"
                  " here is an instruction-cost measure. It repeats run to"
                  " run within about 0.2 %, but it is not the speed of any"
                  " real machine: cache misses cost nothing, so a long hash"
                  " chain costs far less than on hardware.")
        md.append("")
    md.append("Three paths with the same hops, client -> relay -> server:"
              " plain routing, the kernel's `ipip` and `scid_ipip` with the"
              " tunnel between client and server, inner MTU 1480 on all"
              " three. CPU time is the guest's (elapsed less idle, from"
              " `/proc/stat`) over the packets carried.")
    md.append("")
    md.extend(compare_table(c))
    variants = (
        (GRO_OFF, "GRO off", "GRO on",
         "The tunnel's GRO pass: TCP over `scid_ipip` again, in the"
         " same rounds, with `ethtool -K t1 gro off` at both ends."
         " With GSO the inner packets arrive already aggregated and"
         " the pass merges nothing; with GSO off (and no GRO on the"
         " veths) it is the only aggregation on the path."),
        (CLAMP, "clamp-mss auto", "off",
         "MSS clamping's cost on ordinary packets: TCP and 64-byte"
         " UDP over `scid_ipip` again, in the same rounds, with"
         " `clamp-mss auto` at both ends. At MTU 1480 that is 1440,"
         " what both ends announce anyway, so every SYN is read and"
         " none lowered; every other packet passes the check."),
        (CLAMP_1340, "clamp-mss 1340", "off",
         "MSS clamping on the SYN path: TCP handshakes over `scid_ipip`"
         " again, in the same rounds, with `clamp-mss 1340` on the"
         " client's tunnel alone, which rewrites every SYN it sends and"
         " every SYN-ACK it receives (both announce 1440)."),
    )
    for path, label, base_label, intro in variants:
        table = variant_table(c, path, label, base_label)
        if table:
            md.extend(["", intro, ""])
            md.extend(table)
    table = fou_table(c)
    if table:
        md.extend(["", "FOU: both drivers again with the tunnel inside UDP"
                   " (`encap fou encap-dport 5555`, `ip fou add port 5555"
                   " ipproto 4` at both ends), in the same rounds; inner MTU"
                   " 1472. The last two ratio columns are each driver with FOU"
                   " over itself without.", ""])
        md.extend(table)
    bd = breakdown_table(rows)
    if bd:
        md.append("")
        cal = calibration(rows)
        md.append("Where a packet's time goes: mean time per call, children"
                  " included, from ftrace's `function_graph` tracer with"
                  " only the functions named hooked, less the tracer's own"
                  f" share of a call ({med(list(cal.values())):,.0f} ns,"
                  " measured on the almost empty `__rcu_read_lock`).")
        md.append("")
        md.extend(bd)
    sc, dat, tools, td = scale_tables(rows)
    if len(sc) > 2:
        md.append("")
        md.append("Scale: one receiver with N tunnels (N-1 idle, remotes"
                  " spread over 508 addresses and 20 local addresses),"
                  " 64-byte packets through the first tunnel created, so it"
                  " sits last in a chain; the sender runs no tunnel driver"
                  " (raw IPIP). Tunnels are created and deleted with one"
                  " ioctl each (`SIOCADDTUNNEL` on `scid0` or `tunl0`,"
                  " `SIOCDELTUNNEL`); memory is slab + per-CPU growth over N.")
        md.append("")
        md.extend(sc)
        if tools:
            md.append("")
            md.append("Through the tools: " + "; ".join(tools) + ".")
        if td:
            md.append("")
            md.append("Teardown: the same tunnels deleted at once, and with"
                      " the namespace holding them (until its last device"
                      " is gone).")
            md.append("")
            md.extend(td)
    sc_rows = setconf_table(rows)
    if sc_rows:
        md.append("")
        md.append("Bulk configuration through the tool: one `scidtun setconf`"
                  " of a file with N tunnels, each with an address and a"
                  " route, in a namespace of its own, then the same file"
                  " again (which should say `no changes`); guest seconds.")
        md.append("")
        md.extend(sc_rows)
    mt = memory_table(rows)
    if mt:
        md.append("")
        md.append("Memory per tunnel: /proc/meminfo before and after"
                  " creating idle tunnels (`Slab`, `Percpu`, and the drop"
                  " of `MemAvailable` as the total), caches dropped before"
                  " each reading, over the number of tunnels; with the"
                  " guest's possible CPUs and again, in a second boot, with"
                  " `possible_cpus=64`.")
        md.append("")
        md.extend(mt)
    ka = keepalive_tables(rows)
    if ka:
        md.append("")
        md.append("Keepalive (docs/keepalive.md): a client with tunnels to"
                  " two proxies, routes through them at metrics 10 and 20;"
                  " proxy 1 stops forwarding without telling anyone, then"
                  " returns; a ping every 5 ms is the traffic. Then the"
                  " guest's CPU with idle tunnels probing from one"
                  " namespace to another: answered by scid_ipip tunnels"
                  " there (both ends counted), then by an XDP program that"
                  " reflects the probes, so that the probing end's own"
                  " share can be taken apart (bench/README.md).")
        md.append("")
        md.extend(ka)
    pm = pmtu_tables(rows)
    if pm:
        md.append("")
        md.append("Path MTU probing (docs/pmtu-probe.md), across a silent"
                  " black hole: client and peer on one L2 segment through a"
                  " bridge whose port toward the peer goes from MTU 1500 to"
                  " 1400 and back, no ICMP from anyone; the peer's scid_ipip"
                  " tunnel has nothing configured but itself. Then the"
                  " guest's CPU with idle tunnels at keepalive 100ms, with"
                  " and without pmtu-probe, answered by scid_ipip tunnels"
                  " (bench/README.md).")
        md.append("")
        md.extend(pm)
    text = "\n".join(md) + "\n"
    with open(f"{outdir}/latest.md", "w", encoding="utf-8") as f:
        f.write(text)
    with open(f"{outdir}/scale.dat", "w", encoding="utf-8") as f:
        f.write("\n".join(dat) + "\n")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
