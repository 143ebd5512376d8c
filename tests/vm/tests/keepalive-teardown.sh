#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Keepalive timers at the shortest interval while tunnels go every way a
# tunnel goes: deleted one by one, keepalive turned off and on, devices set
# down and up, the answering side's namespace deleted, the probing side's
# namespace deleted, and last rmmod with timers still running. Path MTU
# probing rides on the same timers: it is on for half the probing
# tunnels, and turned off and on too. Nothing may hang, and the debug
# lane's KASAN, lockdep, DEBUG_OBJECTS (timers) and kmemleak see every one
# of these paths.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

N=16
IFLA_SCID_PMTU_PROBE=40
IFLA_SCID_PMTU_RAISE=41

# probing NS NAME on|off: path MTU probing (raw: it needs nothing else).
probing() {
	nsx "$1" link-attr "$2" $IFLA_SCID_PMTU_PROBE=u8:"$([ "$3" = on ] && echo 1 || echo 0)" \
		$IFLA_SCID_PMTU_RAISE=1000 || fail "pmtu-probe $3 on $2 was refused"
}

# pairs NS_A NS_B: N tunnels from NS_A to NS_B with keepalive 50ms hold 1,
# answered by NS_B's, over one veth. One ip and one scidtun setconf a side:
# a command a tunnel would take longer than the teardowns under test.
pairs() {
	local i

	veth "$1" eth0 "$2" eth0
	for i in $(seq 1 $N); do
		echo "addr add 203.0.113.$i/32 dev eth0" >>/tmp/ka-b.ip
		echo "route add 203.0.113.$i/32 via 198.51.100.2" >>/tmp/ka-a.ip
		echo "tunnel k$i remote 198.51.100.1 local 203.0.113.$i" >>/tmp/ka-b.conf
		echo "tunnel k$i remote 203.0.113.$i local 198.51.100.1 keepalive 50ms hold 1 rise 1" \
			>>/tmp/ka-a.conf
	done
	ip -n "$1" addr add 198.51.100.1/24 dev eth0
	ip -n "$2" addr add 198.51.100.2/24 dev eth0
	ip -n "$1" -batch /tmp/ka-a.ip
	ip -n "$2" -batch /tmp/ka-b.ip
	nsx "$2" scidtun setconf /tmp/ka-b.conf >/dev/null
	nsx "$1" scidtun setconf /tmp/ka-a.conf >/dev/null
	# Half of them: each teardown below meets some, at half the cost.
	for i in $(seq 1 $((N / 2))); do
		probing "$1" "k$i" on
	done
	rm -f /tmp/ka-a.ip /tmp/ka-b.ip /tmp/ka-a.conf /tmp/ka-b.conf
}
answered() {
	local n

	n=$(nsx "$1" ethtool -S "$2" | awk '$1 == "ka_replies:" { print $2 }')
	[ "$n" -gt 2 ]
}

netns_add a b
pairs a b
wait_until 20 answered a "k$N" || fail "k$N got no replies"
probed() {
	[ "$(scid_stat a k1 pmtu_sent_1500_up)" -gt 2 ]
}
wait_until 20 probed || fail "k1 sent no path MTU probes"

log "delete, switch off and on, down and up, with timers running"
for i in 1 2 3 4; do
	nsx a scidtun del "k$i"
done
for i in 5 6 7 8; do
	probing a "k$i" off
	nsx a scidtun change "k$i" keepalive off
	nsx a scidtun change "k$i" keepalive 50ms
	probing a "k$i" on
	ip -n a link set "k$i" down
	ip -n a link set "k$i" up
done
sleep 0.5

log "ip netns del of the answering side, then of the probing side"
ip netns del b
sleep 0.5
ip netns del a

log "rmmod with keepalive timers running"
netns_add c d
pairs c d
wait_until 20 answered c "k$N" || fail "k$N got no replies"
if ! out=$(timeout 30 rmmod scid_ipip 2>&1); then
	fail "rmmod scid_ipip: $out"
fi
has_dev c "k1" && fail "k1 outlived rmmod"
insmod /opt/scid/scid_ipip.ko
has_dev c scid0 || fail "no scid0 in c after insmod"
