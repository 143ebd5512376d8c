#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The table of a hard-* run (run.sh --stress, make check-stress):
#
#   tests/vm/stress-table.sh RESULTS CONSOLE
#
# RESULTS is the guest's results channel: a test's "ok"/"not ok" line and
# its figure, "FIGURE name=TEST key=value ...". CONSOLE is the kernel log,
# which hard-lib.inc marks with "scid-hard: begin TEST"; the kernel
# reports (KASAN, UBSAN, lockdep, kmemleak, WARN, BUG, a stuck
# unregister_netdevice) between one mark and the next are that test's,
# whatever the guest itself managed to say. Exit status 1 when a test
# failed or a report was found anywhere in the console.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 RESULTS CONSOLE" >&2; exit 2; }
results=$1
console=$2
# run.sh's kernel_problems, and lockdep's and kmemleak's own words.
problems='WARNING:|BUG:|Oops|Call Trace|general protection|KASAN|UBSAN|[Kk]ernel panic|unregister_netdevice: waiting|possible circular|inconsistent lock|suspicious RCU|kmemleak: [0-9]+ new suspected'

tr -d '\r' <"$console" 2>/dev/null | awk -v re="$problems" '
	/scid-hard: begin / { for (i = 1; i <= NF; i++) if ($i == "begin") cur = $(i + 1); next }
	$0 ~ re { n[cur == "" ? "(outside the tests)" : cur]++; total++ }
	END { for (k in n) print "REPORTS", k, n[k]; print "REPORTS_TOTAL", total + 0 }
' >/tmp/stress-reports.$$
trap 'rm -f /tmp/stress-reports.$$' EXIT

awk -v reports=/tmp/stress-reports.$$ '
	BEGIN {
		while ((getline l <reports) > 0) {
			split(l, f, " ")
			if (f[1] == "REPORTS") rep[f[2]] = f[3]
			else total = f[2]
		}
	}
	# "ok 3 hard-churn # 26s", "not ok 4 hard-fuzz # exit 1 ...", "# SKIP ..."
	/^(not )?ok [0-9]+ hard-/ {
		name = ($1 == "not") ? $4 : $3
		res[name] = ($1 == "not") ? "FAIL" : (/# SKIP/ ? "skip" : "ok")
		order[++n] = name
		next
	}
	/^FIGURE / {
		delete kv
		for (i = 2; i <= NF; i++) { p = index($i, "="); kv[substr($i, 1, p - 1)] = substr($i, p + 1) }
		name = kv["name"]
		ops[name] = ("ops" in kv) ? kv["ops"] : ("events" in kv) ? kv["events"] : ("checks" in kv) ? kv["checks"] : ("cases" in kv) ? kv["cases"] : "-"
		sent[name] = ("sent" in kv) ? kv["sent"] : ("packets" in kv) ? kv["packets"] : "-"
		rcvd[name] = ("received" in kv) ? kv["received"] : ("delivered" in kv) ? kv["delivered"] : "-"
		drops[name] = ("drops" in kv) ? kv["drops"] : "-"
		secs[name] = kv["seconds"]
	}
	END {
		fmt = "%-14s %-6s %9s %9s %9s %8s %7s  %s\n"
		printf fmt, "test", "result", "ops", "sent", "received", "reports", "seconds", "drops by reason"
		for (i = 1; i <= n; i++) {
			t = order[i]
			printf fmt, t, res[t], (t in ops) ? ops[t] : "-", (t in sent) ? sent[t] : "-",
				(t in rcvd) ? rcvd[t] : "-", rep[t] + 0, (t in secs) ? secs[t] : "-",
				(t in drops) ? drops[t] : "-"
			if (res[t] == "FAIL") bad = 1
		}
		if (("(outside the tests)" in rep))
			printf fmt, "(other)", "", "", "", "", rep["(outside the tests)"], "", ""
		printf "reports found in the whole console: %d\n", total
		exit bad || total > 0
	}' "$results"
