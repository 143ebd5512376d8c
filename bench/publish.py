#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Put a bench run's tables where readers look for them.

    bench/publish.py [--check] LATEST_MD README BENCH_README

LATEST_MD is what report.py wrote (bench/results/latest.md). All of it
goes into BENCH_README (bench/README.md) between its "bench:" markers; a
five-row summary taken from its tables goes into README (the top-level
README.md) between its "bench-summary:" markers. The README is for users,
so it gets the few figures they ask about and a link; the method and the
full tables stay with the bench.

--check writes nothing and fails if either file is not what a publish
would make of LATEST_MD, so that the committed results and the pages
quoting them cannot drift apart.
"""
import re
import sys

FULL = ("<!-- bench: begin -->\n", "<!-- bench: end -->\n")
SUMMARY = ("<!-- bench-summary: begin -->\n", "<!-- bench-summary: end -->\n")


def tables(text):
    """Every markdown table of text, as lists of {header: cell} rows."""
    found, head, rows = [], None, []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if head is None:
                head = cells
            elif not all(set(c) <= set("-: ") for c in cells):
                rows.append(dict(zip(head, cells)))
            continue
        if head is not None:
            found.append(rows)
        head, rows = None, []
    return found


def row(text, first, label):
    """The row whose first column (named first) reads label, or None."""
    for rows in tables(text):
        for r in rows:
            if r.get(first) == label:
                return r
    return None


def ratio(cell):
    """The median of a "median [min-max]" cell."""
    return cell.split(" [", 1)[0]


def summary(latest):
    """The README's summary table: (scid_ipip, ipip, scid/ipip) per measure.

    Rows the run did not measure (a partial run) are left out rather than
    shown empty."""
    out = []
    compare = (
        ("TCP, 1 stream, Mbit/s", "TCP, 1 stream, Mbit/s (higher is better)"),
        ("UDP 64 B, received, datagrams/s",
         "UDP, 64-byte datagrams received a second (higher is better)"),
        ("RTT p50 added over plain routing (ICMP echo), µs",
         "round-trip time the tunnel adds, median, µs (lower is better)"),
    )
    for label, name in compare:
        r = row(latest, "measure", label)
        if r and "scid/ipip" in r:
            out.append((name, r["scid"], r["ipip"], ratio(r["scid/ipip"])))
    r = row(latest, "tunnels", "10,000")
    key = "receive CPU per packet, ns: scid / ipip (scid/ipip)"
    m = re.match(r"([\d,]+) / ([\d,]+) \(([\d.]+)", r.get(key, "")) if r else None
    if m:
        out.append(("CPU to receive a packet with 10,000 tunnels, ns (lower is better)",
                    m.group(1), m.group(2), m.group(3)))
    r = row(latest, "keepalive 100ms hold 3 rise 2, ms",
            "path cut to first packet over the backup")
    if r:
        out.append(("failover to a second proxy, keepalive 100ms hold 3, ms",
                    r["median"], "no keepalive", "-"))
    return out


def summary_block(latest):
    first = latest.splitlines()[0] if latest else ""
    m = re.match(r"Measured (\S+) \S+ UTC on Linux (\S+)", first)
    when = f" on {m.group(1)}, Linux {m.group(2)}" if m else ""
    m = re.search(r"; (\d+) rounds after a warm-up", first)
    rounds = f"; medians of {m.group(1)} rounds" if m else ""
    # Under TCG the figures are instruction counts; say so where they are quoted.
    icount = (", one vCPU under QEMU's `-icount` (instruction costs, not the"
              " speed of real hardware)") if "-icount" in latest else ""
    lines = [f"From `make bench`{when}{icount}{rounds}. The method and every"
             " table are in [bench/README.md](bench/README.md#results).", "",
             "| measure | scid_ipip | kernel's ipip | scid/ipip |",
             "| --- | ---: | ---: | ---: |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in summary(latest)]
    return "\n".join(lines) + "\n"


def replace(text, markers, block, name):
    begin, end = markers
    if begin not in text or end not in text:
        raise SystemExit(f"publish: {name} has no {begin.strip()} ... {end.strip()} markers")
    head, rest = text.split(begin, 1)
    return head + begin + block + end + rest.split(end, 1)[1]


def main(argv):
    check = argv[:1] == ["--check"]
    if check:
        argv = argv[1:]
    if len(argv) != 3:
        print("usage: bench/publish.py [--check] LATEST_MD README BENCH_README", file=sys.stderr)
        return 1
    with open(argv[0], encoding="utf-8") as f:
        latest = f.read()
    work = ((argv[1], SUMMARY, summary_block(latest)), (argv[2], FULL, latest))
    stale = []
    for path, markers, block in work:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new = replace(text, markers, block, path)
        if check:
            if new != text:
                stale.append(path)
        elif new != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
    for path in stale:
        print(f"publish: {path} does not quote {argv[0]}; run"
              f" bench/publish.py {' '.join(argv)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
