#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Things going away under a flood, R rounds each:
#   1. ip netns del of the receiving namespace, its tunnel decapsulating a
#      UDP flood, and of one whose scid0 is up and takes a flood of IPIP
#      packets no tunnel claims (where the kernel's ipip had its fallback
#      device's use-after-free), and of the sending namespace with its
#      tunnels while the flood runs in it;
#   2. a tunnel moved to another namespace and back, on both ends, while
#      the flood runs through it;
#   3. the link device of a bound tunnel deleted under the flood, on both
#      ends: the tunnel stays, counts what it cannot send (tx_drop_no_route),
#      and works again once bound to a new device;
#   4. scid0 refuses to move.
# Afterwards the pair carries a ping. Short: 1 round; SCID_STRESS=1: 3.
#
#   a                                   b (c: where tunnels are moved to)
#   eth0 198.51.100.1/24 -------------- eth0 198.51.100.2/24
#   t0 192.0.2.1 ====================== t0 192.0.2.2
#   hard-flood -d 192.0.2.2 ---------->

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

rounds=$(size 1 3)
sent=0
events=0

flood_start() {
	ip netns exec "$1" hard-flood -d "$2" -t 86400 >/tmp/flood.out 2>&1 &
	flood=$!
}
flood_stop() {
	kill -TERM $flood 2>/dev/null || true
	wait $flood 2>/dev/null || true
	sent=$((sent + $(kv "$(cat /tmp/flood.out)" sent)))
}
rx_rose() {
	[ "$(counter "$1" "$2" rx_packets)" -ge "$3" ]
}
# flowing NS DEV: DEV in NS receives 20 more packets within 20 s.
flowing() {
	wait_until 20 rx_rose "$1" "$2" $(($(counter "$1" "$2" rx_packets) + 20))
}
# gone NS: the namespace's name is free again.
gone() {
	! ip netns list | grep -qw "$1"
}

log "1. namespaces deleted under a flood"
for r in $(seq "$rounds"); do
	netns_add a b
	pair a b
	flood_start a 192.0.2.2
	flowing b t0 || fail "round $r: the flood did not get going"
	ip netns del b
	events=$((events + 1))
	# a keeps sending into t0; its outer packets have nowhere to go.
	sleep 0.3
	kill -0 $flood || fail "round $r: the flood died with b"

	# scid0 up in u: it decapsulates what nobody claims, from a raw flood.
	netns_add u
	veth a eth1 u eth0
	ip -n a addr add 203.0.113.1/24 dev eth1
	ip -n u addr add 203.0.113.2/24 dev eth0
	ip -n u addr add 192.0.2.99/32 dev lo
	ip -n u link set scid0 up
	ip netns exec a ipip-send -d 203.0.113.2 -S 192.0.2.98 -D 192.0.2.99 -u -c 1000000 >/dev/null 2>&1 &
	raw=$!
	flowing u scid0 || fail "round $r: scid0 in u decapsulated nothing"
	ip netns del u
	events=$((events + 1))
	sleep 0.3
	kill $raw 2>/dev/null || true
	wait $raw 2>/dev/null || true

	# The sender's namespace: it lives on while the flood is in it.
	ip netns del a
	events=$((events + 1))
	sleep 0.3
	flood_stop
	wait_until 10 gone a || fail "round $r: namespace a still listed"
done
settle_rcu

log "2. tunnels moved between namespaces under a flood"
netns_add a b c
pair a b
flood_start a 192.0.2.2
flowing b t0 || fail "the flood did not get going"
for r in $(seq "$rounds"); do
	for ns in b a; do
		peer=$([ $ns = a ] && echo 192.0.2.2 || echo 192.0.2.1)
		me=$([ $ns = a ] && echo 192.0.2.1 || echo 192.0.2.2)
		ip -n $ns link set t0 netns c
		has_dev c t0 || fail "round $r: $ns's t0 did not arrive in c"
		# In c, b's t0 still receives: its outer packets live in b.
		ip -n c link set t0 up
		sleep 0.2
		ip -n c link set t0 netns $ns
		ip -n $ns addr add $me/32 peer $peer dev t0
		ip -n $ns link set t0 up
		events=$((events + 2))
	done
	flowing b t0 || fail "round $r: the flood did not resume after the moves"
done
flood_stop
ping_ok a 192.0.2.2
ip netns del c

log "3. a bound tunnel's link device deleted under a flood"
flood_start a 192.0.2.2
for r in $(seq "$rounds"); do
	flowing b t0 || fail "round $r: the flood did not get going"
	no_route=$(scid_stat a t0 tx_drop_no_route)
	# Both ends: deleting one end of a veth pair deletes the other.
	ip -n a link del eth0
	events=$((events + 2))
	sleep 0.3
	for ns in a b; do
		has_dev $ns t0 || fail "round $r: $ns's t0 went with its link device"
		expect_eq "round $r: $ns t0 carrier without its link device" \
			"$(nsx $ns cat /sys/class/net/t0/carrier)" 0
	done
	# No carrier: what the flood sends now may not even reach t0.
	log "round $r: a t0 tx_drop_no_route $no_route -> $(scid_stat a t0 tx_drop_no_route)"
	veth a eth0 b eth0
	ip -n a addr add 198.51.100.1/24 dev eth0
	ip -n b addr add 198.51.100.2/24 dev eth0
	nsx a scidtun change t0 dev eth0
	nsx b scidtun change t0 dev eth0
	flowing b t0 || fail "round $r: t0 did not work again on a new link device"
done
flood_stop
ping_ok a 192.0.2.2

log "4. scid0 stays where it is"
if ip -n a link set scid0 netns b 2>/dev/null; then
	fail "scid0 moved to another namespace"
fi
has_dev a scid0 || fail "a lost its scid0"

hard_figure "rounds=$rounds events=$events sent=$sent received=$(counter b t0 rx_packets)"
