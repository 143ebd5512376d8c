#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Failing allocations (failslab and /proc/PID/fail-nth; the debug kernel
# has them, Debian's does not: skipped there). tests/vm/progs/
# hard-failnth.c makes the N-th slab allocation of one request fail, for
# each N over the request's last K allocations (where the module's own
# are): loading the module (with two namespaces besides the first, so that
# its per-namespace setup runs three times), adding a tunnel by ioctl and
# by rtnetlink, making a namespace. Each failure must unwind completely
# (no module, no device, no half-made namespace), nothing may leak
# (kmemleak), and afterwards everything works. Short: the last 40
# allocations of each; SCID_STRESS=1: the last 60.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

k=$(size 40 60)
fs=/sys/kernel/debug/failslab
[ -e /proc/self/fail-nth ] ||
	skip "no /proc/self/fail-nth: this kernel has no CONFIG_FAULT_INJECTION (the debug kernel does)"
[ -d $fs ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null || true
[ -d $fs ] || skip "no $fs: this kernel has no CONFIG_FAILSLAB with debugfs"

# Only the armed thread's n-th allocation fails: the probability stays 0.
# GFP_KERNEL ones too (ignore-gfp-wait), and quietly (no stack dumps).
old_ignore=$(cat $fs/ignore-gfp-wait)
old_verbose=$(cat $fs/verbose)
echo 0 >$fs/probability
echo N >$fs/ignore-gfp-wait
echo 0 >$fs/verbose

# The kernel reports some allocation failures of its own with a stack
# dump (sysctl: "could not get directory ... -12" and a Call Trace): they
# are expected here, not reports. They are kept off the serial console
# while faults are injected, told apart from anything else afterwards
# (which fails the test), and cleared from dmesg so that the harness's
# scans see only what matters.
benign='sysctl could not get directory|sysctl table check failed'
printk_old=$(cat /proc/sys/kernel/printk)
restore() {
	echo "$old_ignore" >$fs/ignore-gfp-wait
	echo "$old_verbose" >$fs/verbose
	echo "$printk_old" >/proc/sys/kernel/printk
}
trap restore EXIT
inject_mark="scid-hard: hard-failslab injecting"
dmesg_mark "$inject_mark"
echo "1 4 1 7" >/proc/sys/kernel/printk

kmemleak_clear
netns_add fsa fsb
results=()
run() {
	local out rc=0
	out=$("$@" 2>&1) || rc=$?
	log "$out"
	[ $rc -eq 0 ] || fail "$*: something was left half done"
	results+=("$(tail -n 1 <<<"$out")")
}

log "insmod, the N-th allocation failing"
rmmod $MOD
run hard-failnth -k "$k" insmod /opt/scid/scid_ipip.ko
[ ! -d /sys/module/$MOD ] || fail "$MOD is loaded after the insmod attempts"
insmod /opt/scid/scid_ipip.ko
for ns in fsa fsb; do
	has_dev $ns scid0 || fail "no scid0 in $ns after loading again"
done

log "adding a tunnel, the N-th allocation failing"
run nsx fsa hard-failnth -k "$k" add
run nsx fsa hard-failnth -k "$k" newlink
log "a new namespace, the N-th allocation failing"
run hard-failnth -k "$k" netns
restore
trap - EXIT

# reports_besides_benign: the lines that look like kernel reports, except
# the stack dumps that follow one of the benign messages.
reports_besides_benign() {
	awk -v re="$HARD_PROBLEMS" -v benign="$benign" '
		$0 ~ benign { in_dump = 1; dumps++; next }
		in_dump && /(CPU: |Hardware name:|Call Trace:|<\/?TASK>|\+0x[0-9a-f]+\/0x)/ { next }
		{ in_dump = 0 }
		$0 ~ re { print }
		END { print dumps + 0 >"/tmp/benign-dumps" }'
}
real=$(dmesg_since "$inject_mark" | reports_besides_benign)
dumps=$(cat /tmp/benign-dumps)
[ -z "$real" ] || fail "kernel reports under failing allocations:
$real"
earlier=$(dmesg | awk -v m="$inject_mark" 'index($0, m) { exit } { print }' |
	grep -E "$HARD_PROBLEMS" || true)
if [ "$dumps" -gt 0 ] && [ -z "$earlier" ]; then
	log "$dumps stack dumps of the kernel's own allocation-failure messages, cleared from dmesg:"
	dmesg_since "$inject_mark" | grep -E "$benign" | sort | uniq -c | indent
	dmesg -c >/dev/null
fi

log "everything still works"
netns_add a b
pair a b
ping_ok a 192.0.2.2
leaks=$(kmemleak_scan)
log "kmemleak: $leaks"
if [ "$leaks" != n/a ] && [ "$leaks" -ne 0 ]; then
	kmemleak_report
	fail "kmemleak: $leaks suspected leaks after the failed requests"
fi

attempts=0
failed=0
for r in "${results[@]}"; do
	attempts=$((attempts + $(kv "$r" attempts)))
	failed=$((failed + $(kv "$r" failed)))
done
hard_figure "ops=$attempts failed=$failed kmemleak=$leaks benign_dumps=$dumps" \
	"$(for r in "${results[@]}"; do printf '%s_errors=%s ' "$(kv "$r" mode)" "$(kv "$r" errors)"; done)"
