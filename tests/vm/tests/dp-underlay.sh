#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tunnel MTU follows the underlay: the link device's MTU for a bound
# tunnel, the MTU of the device its route to the remote leaves through for
# an unbound one, both when that device's MTU changes and when the route
# moves to another device (noticed when the tunnel next transmits, applied
# shortly after). A tunnel whose MTU the operator set keeps it.
#
#   a eth0 198.51.100.1/25   ---- n1 eth0 198.51.100.2/25
#   a eth1 198.51.100.129/25 ---- n2 eth0 198.51.100.130/25  (mtu 3000)
#
#   tb  remote 192.0.2.1 dev eth0          follows eth0
#   tu  remote 192.0.2.2, unbound          follows its route (eth0, then eth1)
#   tp  remote 192.0.2.3 dev eth0          mtu 1400 set by the operator
#   tq  remote 192.0.2.4, unbound          mtu 1300 set by the operator
#   192.0.2.0/24 via n1 (eth0)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add a n1 n2
veth a eth0 n1 eth0
veth a eth1 n2 eth0
ip -n a link set dev eth1 mtu 3000
ip -n n2 link set dev eth0 mtu 3000
ip -n a addr add 198.51.100.1/25 dev eth0
ip -n a addr add 198.51.100.129/25 dev eth1
ip -n n1 addr add 198.51.100.2/25 dev eth0
ip -n n2 addr add 198.51.100.130/25 dev eth0
ip -n a route add 192.0.2.0/24 via 198.51.100.2

i=0
for t in "tb 192.0.2.1 dev eth0" "tu 192.0.2.2" "tp 192.0.2.3 dev eth0" "tq 192.0.2.4"; do
	set -- $t
	name=$1 rmt=$2
	shift 2
	nsx a scidtun add "$name" mode ipip remote "$rmt" "$@"
	ip -n a addr add "203.0.113.$((4 * i + 1))/32" peer "203.0.113.$((4 * i + 2))" dev "$name"
	ip -n a link set dev "$name" up
	i=$((i + 1))
done
ip -n a link set dev tp mtu 1400
ip -n a link set dev tq mtu 1300

mtu() {
	nsx a cat "/sys/class/net/$1/mtu"
}
mtu_is() {
	[ "$(mtu "$1")" = "$2" ]
}
# expect_mtus WHAT TB TU TP TQ, waiting up to 10 s for them.
expect_mtus() {
	local what=$1
	shift
	wait_until 10 eval 'mtu_is tb '"$1"' && mtu_is tu '"$2"' && mtu_is tp '"$3"' && mtu_is tq '"$4" ||
		fail "$what: tb tu tp tq have mtu $(mtu tb) $(mtu tu) $(mtu tp) $(mtu tq), expected $*"
	log "$what: tb tu tp tq mtu $*"
}
# traffic: one packet into each tunnel, so the unbound ones look at their
# outer route.
traffic() {
	local i
	for i in 0 1 2 3; do
		nsx a ipip-send -N -S "203.0.113.$((4 * i + 1))" -D "203.0.113.$((4 * i + 2))" -n 8
	done
}

expect_mtus "at first (eth0 1500)" 1480 1480 1400 1300

log "eth0's MTU changes"
ip -n a link set dev eth0 mtu 4000
expect_mtus "eth0 mtu 4000" 3980 3980 1400 1300
ip -n a link set dev eth0 mtu 1280
expect_mtus "eth0 mtu 1280" 1260 1260 1400 1300

log "the routes of tu and tq move to eth1 (mtu 3000)"
ip -n a route add 192.0.2.2/32 via 198.51.100.130 dev eth1
ip -n a route add 192.0.2.4/32 via 198.51.100.130 dev eth1
traffic
expect_mtus "after traffic over the moved routes" 1260 2980 1400 1300
log "and eth1's MTU changes"
ip -n a link set dev eth1 mtu 2000
expect_mtus "eth1 mtu 2000" 1260 1980 1400 1300

log "the routes move back to eth0"
ip -n a route del 192.0.2.2/32
ip -n a route del 192.0.2.4/32
traffic
expect_mtus "after traffic over eth0 again" 1260 1260 1400 1300

log "the operator sets tb's and tu's MTU: they stop following"
ip -n a link set dev tb mtu 1000
ip -n a link set dev tu mtu 1100
ip -n a link set dev eth0 mtu 1500
ip -n a route add 192.0.2.2/32 via 198.51.100.130 dev eth1
traffic
sleep 1
expect_mtus "after eth0 mtu 1500 and tu's route over eth1" 1000 1100 1400 1300
