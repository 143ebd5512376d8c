#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot one guest with Debian's stock kernel, measure plain
# routing, the kernel's ipip and scid_ipip in it (bench/guest.sh), and
# write bench/results/: latest.md (the table, also printed), latest.txt
# (the guest's raw lines), scale.dat and scale.png. bench/publish.py puts
# the tables into bench/README.md and a summary of them into README.md.
#
#   bench/run.sh [--kernel KVER] [--accel auto|kvm|tcg] [--no-readme]
#                [--results DIR]
#
# With KVM the guest gets every host CPU. Without it (TCG) it gets one,
# under -icount: guest time then counts instructions, so the numbers
# repeat from run to run however busy the host is. SCID_BENCH_CONF=FILE
# overrides bench/guest.sh's settings (ROUNDS=, SCALE_N=, ...).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
out=$top/build/bench
results=$here/results
kver=${KVER:-}
accel=auto
readme=1

usage() {
	echo "usage: bench/run.sh [--kernel KVER] [--accel auto|kvm|tcg] [--no-readme] [--results DIR]" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	--kernel) [ $# -ge 2 ] || usage; kver=$2; shift 2 ;;
	--accel) [ $# -ge 2 ] || usage; accel=$2; shift 2 ;;
	--no-readme) readme=0; shift ;;
	# A partial run (SCID_BENCH_CONF) keeps its results apart from latest.
	--results) [ $# -ge 2 ] || usage; results=$(realpath -m "$2"); shift 2 ;;
	*) echo "bench: unknown argument \`$1'" >&2; usage ;;
	esac
done

log() {
	printf 'bench: [%3d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2
}

# What the host side needs beyond scripts/deps.sh: the report and the plot.
need=()
command -v python3 >/dev/null || need+=(python3)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
if [ ${#need[@]} -gt 0 ]; then
	[ "$(id -u)" -eq 0 ] || { echo "bench: apt-get install ${need[*]}" >&2; exit 1; }
	log "installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }
fi

mkdir -p "$out" "$results"
args=(--bench --accel "$accel" --smp "$(nproc)" --icount 1 --mem 2G --timeout 3600)
[ -z "$kver" ] || args+=(--kernel "$kver")

log "booting the guest; progress below, in guest time"
rm -f "$out/results.log"
SCID_VM_OUT=$out "$top/tests/vm/run.sh" "${args[@]}" >"$out/run.log" 2>&1 &
vm=$!
# Progress from the guest's results port as it comes.
(
	until [ -e "$out/results.log" ]; do
		kill -0 "$vm" 2>/dev/null || exit 0
		sleep 1
	done
	tail -n +1 -F --pid="$vm" "$out/results.log" 2>/dev/null |
		while IFS= read -r line; do
			line=${line%$'\r'}
			case $line in
			'# '*) log "${line#\# }" ;;
			'bench: '*) log "guest: ${line#bench: }" ;;
			esac
		done
) &
progress=$!
rc=0
wait "$vm" || rc=$?
wait "$progress" 2>/dev/null || true
if [ $rc -ne 0 ]; then
	log "the guest run failed (exit $rc); tests/vm/run.sh said:"
	tail -n 40 "$out/run.log" >&2
	exit 1
fi
grep '^R ' "$out/results.txt" >"$results/latest.txt"

# Memory per tunnel again with SCID_BENCH_MEM_CPUS (default 64; 0: not)
# possible CPUs: a second boot, possible_cpus= on its command line, that
# runs the memory part alone. The per-CPU part of a tunnel is sized by the
# possible CPUs, which a 1-vCPU guest otherwise has one of.
mem_cpus=${SCID_BENCH_MEM_CPUS:-64}
if [ "$mem_cpus" != 0 ] && grep -q '^R mem ' "$results/latest.txt"; then
	log "booting again with $mem_cpus possible CPUs, for memory per tunnel"
	conf=$out/mem-conf
	{
		[ -z "${SCID_BENCH_CONF:-}" ] || cat "$SCID_BENCH_CONF"
		echo "COMPARE=0 BREAKDOWN=0 FAILOVER=0 PMTU=0 SCALE=0 MEMORY=1"
	} >"$conf"
	rc=0
	SCID_VM_OUT=$out/mem SCID_BENCH_CONF=$conf \
		SCID_VM_APPEND="${SCID_VM_APPEND:+$SCID_VM_APPEND }possible_cpus=$mem_cpus" \
		"$top/tests/vm/run.sh" "${args[@]}" >"$out/run-mem.log" 2>&1 || rc=$?
	if [ $rc -ne 0 ]; then
		log "the memory boot failed (exit $rc); tests/vm/run.sh said:"
		tail -n 40 "$out/run-mem.log" >&2
		exit 1
	fi
	grep '^R mem ' "$out/mem/results.txt" >>"$results/latest.txt"
fi
log "guest done; writing bench/results/"

python3 "$here/report.py" "$results/latest.txt" "$out/bench-vm" "$results"
# A run without the scale part (SCALE=0) has nothing to plot.
if grep -q '[0-9]' "$results/scale.dat"; then
	gnuplot -e "dir='$results'" "$here/scale.gp"
fi

# The full tables into bench/README.md, five figures into README.md: users
# read the summary, the method stays beside the tables.
if [ $readme -eq 1 ]; then
	python3 "$here/publish.py" "$results/latest.md" "$top/README.md" "$here/README.md"
fi
log "done: ${results#"$top/"}/latest.md"
