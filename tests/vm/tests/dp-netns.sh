#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Network namespaces. Every namespace has its own scid0 and its own tunnel
# table (the same name and endpoints in two of them). A tunnel made in
# "under" and moved to "app" keeps sending and receiving its outer packets
# in "under" (app has no other device), and ip -d link says so. Namespaces
# go with tunnels up and a flood running through them: the one the tunnel
# was made in (the tunnel goes too), the one it was moved to (its table
# entry in the creation namespace goes too), the peer's. Last, 12 namespaces
# with tunnels made and deleted leave no struct net behind.
#
#   under                           b
#   eth0 198.51.100.1/24 -------- eth0 198.51.100.2/24
#   (t1 made here, moved to app)  t1 203.0.113.2
#   app: lo, scid0, t1 203.0.113.1
#   x:   scid0, t1 with under's endpoints, its own

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add under app b x
veth under eth0 b eth0
ip -n under addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
for ns in under app b x; do
	has_dev $ns scid0 || fail "no scid0 in $ns"
done

log "the same tunnel name and endpoints in two namespaces"
nsx under scidtun add t1 mode ipip local 198.51.100.1 remote 198.51.100.2 dev eth0
nsx x scidtun add t1 mode ipip local 198.51.100.1 remote 198.51.100.2
expect_match "scidtun show in x" "$(nsx x scidtun show t1)" "198\.51\.100\.2"
nsx b scidtun add t1 mode ipip local 198.51.100.2 remote 198.51.100.1 dev eth0
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n b link set dev t1 up

log "t1 moves from under to app"
ip -n under link set dev t1 netns app
! has_dev under t1 || fail "t1 is still in under"
has_dev app t1 || fail "t1 did not arrive in app"
ip -n app addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n app link set dev t1 up
expect_match "ip -d link show t1 in app" "$(ip -n app -d link show dev t1)" "link-netns(id)? under|link-netnsid [0-9]+"
expect_eq "t1 carrier in app (local address and eth0 in under)" "$(nsx app cat /sys/class/net/t1/carrier)" 1
expect_eq "devices in app" "$(nsx app ls /sys/class/net | sort | tr '\n' ' ')" "lo scid0 t1 "
tx=$(counter under eth0 tx_packets)
rx=$(counter under eth0 rx_packets)
ping_ok app 203.0.113.2
ping_ok b 203.0.113.1
expect_rise "under eth0 tx_packets (app's outer packets)" "$tx" "$(counter under eth0 tx_packets)" 6
expect_rise "under eth0 rx_packets (app's outer packets)" "$rx" "$(counter under eth0 rx_packets)" 6
log "x's t1 saw none of it"
expect_eq "x t1 tx_packets" "$(counter x t1 tx_packets)" 0
expect_eq "x t1 rx_packets" "$(counter x t1 rx_packets)" 0

# flood NS DST: a flood ping in the background; sets flood_pid.
flood() {
	ip netns exec "$1" ping -n -q -f -w 60 "$2" >/dev/null 2>&1 &
	flood_pid=$!
}
flood_stop() {
	kill "$flood_pid" 2>/dev/null || true
	wait "$flood_pid" 2>/dev/null || true
}
rx_at_least() {
	[ "$(counter "$1" "$2" rx_packets)" -ge "$3" ]
}
# flowing NS DEV N: DEV in NS receives N more packets within 20 seconds.
flowing() {
	wait_until 20 rx_at_least "$1" "$2" $(($(counter "$1" "$2" rx_packets) + $3))
}
gone_from() {
	! has_dev "$1" "$2"
}

log "ip netns del under (t1's creation namespace) under a flood from app"
flood app 203.0.113.2
flowing b t1 100 || fail "the flood from app did not get going"
ip netns del under
wait_until 20 gone_from app t1 || fail "t1 outlived its creation namespace in app"
flood_stop
has_dev app scid0 || fail "app lost its scid0"
expect_eq "x t1 still there" "$(nsx x cat /sys/class/net/t1/operstate)" down

log "ip netns del app (where t1 lives) under a flood; t1 leaves its creation table"
netns_add under
veth under eth0 b eth1
ip -n under addr add 192.0.2.1/24 dev eth0
ip -n b addr add 192.0.2.2/24 dev eth1
nsx b scidtun add t2 mode ipip local 192.0.2.2 remote 192.0.2.1
ip -n b addr add 203.0.113.6/32 peer 203.0.113.5 dev t2
ip -n b link set dev t2 up
nsx under scidtun add t2 mode ipip local 192.0.2.1 remote 192.0.2.2
ip -n under link set dev t2 netns app
ip -n app addr add 203.0.113.5/32 peer 203.0.113.6 dev t2
ip -n app link set dev t2 up
ping_ok app 203.0.113.6
flood app 203.0.113.6
flowing b t2 100 || fail "the flood over t2 did not get going"
ip netns del app
flood_stop
expect_no_match "scidtun show in under after app went" "$(nsx under scidtun show)" "t2"
nsx under scidtun add t2 mode ipip local 192.0.2.1 remote 192.0.2.2 ||
	fail "under cannot make a tunnel with t2's endpoints again"
ip -n under addr add 203.0.113.5/32 peer 203.0.113.6 dev t2
ip -n under link set dev t2 up
ping_ok under 203.0.113.6

log "ip netns del b, the peer, under a flood from under"
flood under 203.0.113.6
flowing b t2 100 || fail "the flood from under did not get going"
ip netns del b
flood_stop
ip netns del under
ip netns del x

log "12 namespaces with tunnels, made and deleted: no struct net left behind"
slab=/sys/kernel/slab/net_namespace
# nets: struct net objects in use, after flushing the per-CPU slabs.
nets() {
	echo 1 >"$slab/shrink"
	awk '$1 == "net_namespace" { print $2 }' /proc/slabinfo
}
if [ ! -e "$slab/shrink" ] || ! grep -q '^net_namespace ' /proc/slabinfo; then
	log "no net_namespace slab cache to count in: leak check left out"
	exit 0
fi
# The kernel frees the struct nets of one dismantling round only when the
# next round starts (net_complete_free(): upstream since 6.13, backported
# to the stable series, Debian's 6.1.192 has it), so the last namespaces
# to go stay in the slab until another one goes. kick dismantles a throwaway namespace to
# empty that list; a leaked struct net stays whatever is dismantled after.
kick() {
	ip netns add scid-kick
	ip netns del scid-kick
}
# Namespaces of earlier tests and of this one may still be on their way out:
# one kick, then a count that stands still for 3 s (dismantling waits for
# RCU grace periods that take seconds here) is the namespaces alive plus
# the kick's own, in the deferred list. Nothing dismantles from then until
# the 12 are deleted, so "during" is base + 12 exactly.
kick
settled() {
	local n
	n=$(nets)
	if [ "$n" = "${last:-}" ]; then
		still=$((still + 1))
	else
		still=0
		last=$n
	fi
	[ $still -ge 3 ] && return 0
	sleep 1
	return 1
}
still=0
wait_until 60 settled || true
base=$(nets)
for i in $(seq 12); do
	ip netns add "leak$i"
	ip -n "leak$i" link add eth0 type dummy
	ip -n "leak$i" addr add 198.51.100.1/24 dev eth0
	ip -n "leak$i" link set dev eth0 up
	nsx "leak$i" scidtun add "t$i" mode ipip local 198.51.100.1 remote 198.51.100.2 dev eth0
	ip -n "leak$i" link set dev "t$i" up
	# Every other one moves next door, as in the first part.
	if [ $((i % 2)) -eq 0 ]; then
		ip -n "leak$i" link set dev "t$i" netns "leak$((i - 1))"
	fi
done
during=$(nets)
log "struct net in use: $base before, $during with 12 more namespaces"
expect_ge "struct net in use with 12 more namespaces" "$during" $((base + 12))
for i in $(seq 12); do
	ip netns del "leak$i"
done
# Dismantling runs in a workqueue behind RCU grace periods, as slow as the
# host is busy (3 of the 12 were once still on their way after 120 s): so
# wait while the count keeps falling, and call it a leak only when it has
# stood still above base for 60 s of kicks. The allowance is the kick's own
# namespace and one more round still in the workqueue; a leak keeps one for
# each namespace with tunnels.
left=$(nets)
still=0
while [ "$left" -gt $((base + 2)) ]; do
	[ $still -lt 60 ] || fail "struct net in use: $base before, $left after deleting 12 namespaces, none freed in the last 60s"
	kick
	sleep 1
	now=$(nets)
	if [ "$now" -lt "$left" ]; then
		still=0
	else
		still=$((still + 1))
	fi
	left=$now
done
log "struct net in use after deleting them: $(nets)"
