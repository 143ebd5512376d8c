#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Churn: tunnels added, changed and deleted without pause, through the
# ioctls and rtnetlink mixed (tests/vm/progs/hard-churn.c checks every
# answer), while a UDP flood crosses the tunnel t0 whose receive lookups
# share b's table with the churn. Afterwards: t0 still carries a ping, no
# churned tunnel is left, and no memory is: slab objects in use per cache
# and per-CPU memory back to where they were (within a tolerance), no
# kmemleak report where the kernel has kmemleak, no stuck
# unregister_netdevice. Short: 1000 operations; SCID_STRESS=1: 100000, or as many
# as 420 s allow.
#
#   a                                      b
#   eth0 198.51.100.1/24 ---------------- eth0 198.51.100.2/24
#   t0 192.0.2.1 ======================== t0 192.0.2.2
#        hard-flood (UDP) ------------------>
#                                          ch0..ch127: churned, some bound to
#                                          eth0, remotes in 203.0.113.0/24

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

ops=$(size 1000 100000)
# In the debug guest under TCG an addition takes ~17 ms, a deletion ~45
# (RCU grace periods, netdev todo), an up or down 5 and any other change
# 1.5: the full run's 100,000 operations fit in about 250 s when one
# change in twenty is an up or down and one operation in a hundred a
# deletion (about a thousand registrations and as many unregistrations).
# The short run keeps the denser mix. A busy host may not get through:
# the full churn stops after this many seconds, and its figure says how
# many operations it did.
limit=$(size 0 420)
del_odds=$(size 6 100)
updown_percent=$(size 20 5)
pool=128
# Caches, pools and hash tables a churn fills once (more of them on the
# debug kernel: debugobjects, the refcount trackers' quarantine), and the
# per-CPU allocator's populated pages, which it keeps at their high-water
# mark: the warm-up has the churn's mix of operations, and is long enough
# to reach that mark (300 operations were not: per-CPU memory then grew
# once by 24-72 kB over the churn, and stayed flat over four more).
warmup=1000
seed=${SCID_SEED:-$RANDOM}

netns_add a b
pair a b
ping_ok a 192.0.2.2

log "warm-up: $warmup operations, so that what the churn fills once is full"
nsx b hard-churn -n "$warmup" -p $pool -l eth0 -s 1 -P ch -d "$del_odds" \
	-u "$updown_percent" >/dev/null ||
	fail "the warm-up churn saw unexpected answers"
kmemleak_clear
# Keepalive probes of churned tunnels leave neighbour entries for their
# remotes (failed, below the GC threshold: they stay): kernel state the
# churn's traffic makes, not the driver's memory. Both snapshots go
# without them.
ip -n b neigh flush dev eth0
mem_snapshot /tmp/mem.before
devs_before=$(nsx b ls /sys/class/net | sort | tr '\n' ' ')

rx0=$(counter b t0 rx_packets)
tx0=$(counter a t0 tx_packets)
# Traffic, not a flood: at full speed it would starve the churn under TCG.
ip netns exec a hard-flood -d 192.0.2.2 -r 2000 -t 86400 >/tmp/flood.out 2>&1 &
flood=$!

# Every deletion and every down waits for RCU grace periods under RTNL;
# expedited ones take a fraction of the time under TCG, where they are
# most of the churn's.
expedited=/sys/kernel/rcu_expedited
old_expedited=$(cat $expedited 2>/dev/null || echo 0)
echo 1 >$expedited 2>/dev/null || true
trap 'echo "$old_expedited" >$expedited 2>/dev/null || true' EXIT
log "churn: $ops operations in b, seed $seed, pool $pool"
if ! out=$(nsx b hard-churn -n "$ops" -t "$limit" -p $pool -l eth0 -s "$seed" -P ch -d "$del_odds" -u "$updown_percent" 2>&1); then
	kill $flood 2>/dev/null || true
	printf '%s\n' "$out" | indent >&2
	fail "the churn saw unexpected answers (seed $seed)"
fi
echo "$old_expedited" >$expedited 2>/dev/null || true
log "$out"
[ "$(kv "$out" ops)" -eq "$ops" ] ||
	log "time limit of ${limit}s reached: $(kv "$out" ops) of $ops operations done"
kill -TERM $flood
wait $flood || true
flood_out=$(cat /tmp/flood.out)
log "$flood_out"
sleep 1

sent=$(kv "$flood_out" sent)
rx=$(($(counter b t0 rx_packets) - rx0))
tx=$(($(counter a t0 tx_packets) - tx0))
drops=$(drops_add "$(drops_list a t0)" "$(drops_list b t0)")
log "flood: $sent sent, $tx through a's t0, $rx received by b's t0, drops $drops"
expect_ge "packets b's t0 received during the churn" "$rx" 1
ping_ok a 192.0.2.2

log "no churned tunnel left"
devs_after=$(nsx b ls /sys/class/net | sort | tr '\n' ' ')
expect_eq "devices in b" "$devs_after" "$devs_before"

log "no memory left behind"
leaks=$(kmemleak_scan)
log "kmemleak: $leaks"
if [ "$leaks" != n/a ] && [ "$leaks" -ne 0 ]; then
	kmemleak_report
	fail "kmemleak: $leaks suspected leaks"
fi
ip -n b neigh flush dev eth0
mem_snapshot /tmp/mem.after
adds=$(kv "$out" add)
# A leak of one object per three tunnels fails; below that, noise: the
# debug kernel's own bookkeeping (KASAN, lockdep) moves more, and there
# kmemleak above is the exact check.
floor=256
[ "$leaks" = n/a ] || floor=1024
tolerance=$((adds / 3 > floor ? adds / 3 : floor))
grown=$(mem_growth /tmp/mem.before /tmp/mem.after $tolerance)
slab_kb=$(awk '$2 == "slab_kb" { print $3 }' /tmp/mem.before)
slab_kb2=$(awk '$2 == "slab_kb" { print $3 }' /tmp/mem.after)
log "Slab: ${slab_kb} kB before, ${slab_kb2} kB after; grown by $tolerance objects or more: ${grown:-nothing}"
log "grown by 64 objects or more: $(mem_growth /tmp/mem.before /tmp/mem.after 64)"
[ -z "$grown" ] || fail "memory grew over $adds tunnel additions: $grown"

hard_figure "ops=$(kv "$out" ops) churn_seconds=$(kv "$out" seconds) add=$adds chg=$(kv "$out" chg) del=$(kv "$out" del)" \
	"ms_add=$(kv "$out" ms_add) ms_del=$(kv "$out" ms_del) ms_chg=$(kv "$out" ms_chg) ms_updown=$(kv "$out" ms_updown)" \
	"sent=$sent received=$rx drops=$drops slab_kb=$slab_kb->$slab_kb2 kmemleak=$leaks seed=$seed"
