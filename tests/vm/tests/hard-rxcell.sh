#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The receive cells are the module's, one per CPU for every tunnel of every
# namespace, so a tunnel that goes away under a flood must take its own
# packets out of them and leave the others' flowing. R rounds, each under
# two floods at once (t1 and t2 of b share b's cells), and a third through
# t3 into namespace c:
#   1. b's t1 deleted: t2 keeps receiving; t1 made again receives again;
#   2. namespace c deleted while its t3 decapsulates: b's t2 keeps
#      receiving.
# Short: 2 rounds; SCID_STRESS=1: 10.
#
#   a                                    b
#   eth0 198.51.100.1/24 + .3/24 ------- eth0 198.51.100.2/24
#   t1 192.0.2.1 (.1 -> .2) ============ t1 192.0.2.2
#   t2 192.0.2.3 (.3 -> .2) ============ t2 192.0.2.4
#   eth1 203.0.113.1/24 ---------------- c: eth0 203.0.113.2/24
#   t3 192.0.2.5 ======================= t3 192.0.2.6
#   hard-flood to 192.0.2.2, .4 and .6

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

rounds=$(size 2 10)
floods=()

# tun NS NAME LOCAL REMOTE ADDR PEER: a tunnel, its address, up.
tun() {
	nsx "$1" scidtun add "$2" remote "$4" local "$3"
	ip -n "$1" addr add "$5/32" peer "$6" dev "$2"
	ip -n "$1" link set "$2" up
}
flood() {
	ip netns exec a hard-flood -d "$1" -t 86400 >/dev/null 2>&1 &
	floods+=($!)
}
rx_rose() {
	[ "$(counter "$1" "$2" rx_packets)" -ge "$3" ]
}
# flowing NS DEV: DEV in NS receives 20 more packets within 20 s.
flowing() {
	wait_until 20 rx_rose "$1" "$2" $(($(counter "$1" "$2" rx_packets) + 20))
}
eth1_gone() {
	! has_dev a eth1
}
c_up() {
	netns_add c
	veth a eth1 c eth0
	ip -n a addr add 203.0.113.1/24 dev eth1
	ip -n c addr add 203.0.113.2/24 dev eth0
	# a's t3 outlives c; its outer packets wait for a new eth1.
	has_dev a t3 || tun a t3 203.0.113.1 203.0.113.2 192.0.2.5 192.0.2.6
	tun c t3 203.0.113.2 203.0.113.1 192.0.2.6 192.0.2.5
}

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n a addr add 198.51.100.3/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
tun a t1 198.51.100.1 198.51.100.2 192.0.2.1 192.0.2.2
tun a t2 198.51.100.3 198.51.100.2 192.0.2.3 192.0.2.4
tun b t1 198.51.100.2 198.51.100.1 192.0.2.2 192.0.2.1
tun b t2 198.51.100.2 198.51.100.3 192.0.2.4 192.0.2.3
c_up
flood 192.0.2.2
flood 192.0.2.4
flood 192.0.2.6
flowing b t1 || fail "the flood through t1 did not get going"
flowing b t2 || fail "the flood through t2 did not get going"

events=0
for r in $(seq "$rounds"); do
	flowing c t3 || fail "round $r: t3 in c receives nothing"
	ip -n b link del t1
	flowing b t2 || fail "round $r: t2 stopped receiving when t1 went"
	tun b t1 198.51.100.2 198.51.100.1 192.0.2.2 192.0.2.1
	flowing b t1 || fail "round $r: t1 made again receives nothing"

	ip netns del c
	flowing b t2 || fail "round $r: t2 stopped receiving when c went"
	# The namespace's devices go with its cleanup, after the name.
	wait_until 120 eth1_gone || fail "round $r: a's eth1 outlived c"
	c_up
	events=$((events + 2))
done

for f in "${floods[@]}"; do
	kill -TERM "$f" 2>/dev/null || true
	wait "$f" 2>/dev/null || true
done
expect_eq "b's t2 rx_drop_down" "$(scid_stat b t2 rx_drop_down)" 0
hard_figure "rounds=$rounds events=$events"
