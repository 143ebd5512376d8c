#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench takes half an hour, so its report and publishing steps are
# tried here on the committed raw results instead: report.py must still
# make the committed tables of them, and publish.py must put all of them in
# bench/README.md and five rows in README.md, or say where its markers are
# missing rather than skip the page.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
ko() { echo "bench-report test: $*" >&2; fail=$((fail + 1)); }

# What bench/run.sh gets from tests/vm/run.sh for a TCG run.
printf 'accel=tcg icount=1\n' >"$dir/vm"
python3 "$top/bench/report.py" "$top/bench/results/latest.txt" "$dir/vm" "$dir" >/dev/null
# The first line holds the date of the run.
if diff <(tail -n +2 "$top/bench/results/latest.md") <(tail -n +2 "$dir/latest.md") >"$dir/diff"; then
	ok
else
	ko "report.py no longer makes bench/results/latest.md of latest.txt:"; cat "$dir/diff" >&2
fi

mkdir -p "$dir/bench"
cp "$top/README.md" "$dir/README.md"
cp "$top/bench/README.md" "$dir/bench/README.md"
python3 "$top/bench/publish.py" "$dir/latest.md" "$dir/README.md" "$dir/bench/README.md"
block() { sed -n "/^<!-- $1: begin -->\$/,/^<!-- $1: end -->\$/p" "$2" | sed '1d;$d'; }
if cmp -s <(block bench "$dir/bench/README.md") "$dir/latest.md"; then ok; else ko "bench/README.md does not hold the new tables"; fi
rows=$(block bench-summary "$dir/README.md" | grep -c '^| [^-]') || true
if [ "$rows" = 6 ]; then ok; else ko "README.md's summary has $((rows - 1)) rows, not 5"; fi
if block bench-summary "$dir/README.md" | grep -q "$(date -u +%Y-%m-%d)"; then ok; else ko "the summary does not date the new run"; fi
if python3 "$top/bench/publish.py" --check "$dir/latest.md" "$dir/README.md" "$dir/bench/README.md"; then ok; else ko "--check refuses what publish.py wrote"; fi
if python3 "$top/bench/publish.py" --check "$top/bench/results/latest.md" "$dir/README.md" "$dir/bench/README.md" 2>/dev/null; then
	ko "--check accepts pages that quote another run"
else
	ok
fi

printf '# no markers\n' >"$dir/plain.md"
if out=$(python3 "$top/bench/publish.py" "$dir/latest.md" "$dir/plain.md" "$dir/bench/README.md" 2>&1); then
	ko "a README without markers accepted"
elif [[ $out == *"plain.md has no <!-- bench-summary: begin -->"* ]]; then
	ok
else
	ko "unclear message for missing markers: $out"
fi

echo "bench-report test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
