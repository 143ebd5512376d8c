#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rmmod during a flood through many tunnels: a sends UDP round-robin to one
# address behind each of N tunnels (hard-flood), b decapsulates, and the
# module is removed while the flood runs; it must unload within 30 s, take
# every tunnel and scid0 in every namespace with it, and load again. R
# rounds. Short: 10 tunnels, 2 rounds; SCID_STRESS=1: 100 tunnels, 2 rounds.
#
#   a                                            b
#   eth0 198.51.100.1/24 ----------------------- eth0 198.51.100.2/24
#                                                     198.51.100.101..100+N/24
#   tI: remote 198.51.100.(100+I) dev eth0 ===== tI: remote 198.51.100.1
#       192.0.2.1, route 203.0.113.I                 local 198.51.100.(100+I)
#                                                    203.0.113.I
#   hard-flood -d 203.0.113.1 -n N ------------>

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

tunnels=$(size 10 100)
rounds=$(size 2 2)

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
for i in $(seq "$tunnels"); do
	echo "addr add 198.51.100.$((100 + i))/24 dev eth0"
done | ip -n b -batch -

# setconf files: every tunnel, its address and route, up.
for i in $(seq "$tunnels"); do
	printf 'tunnel t%d remote 198.51.100.%d local 198.51.100.1 dev eth0\n' "$i" $((100 + i))
	printf '\taddress 192.0.2.1/32\n\troute 203.0.113.%d/32\n' "$i"
done >/tmp/a.conf
for i in $(seq "$tunnels"); do
	printf 'tunnel t%d remote 198.51.100.1 local 198.51.100.%d dev eth0\n' "$i" $((100 + i))
	printf '\taddress 203.0.113.%d/32\n' "$i"
done >/tmp/b.conf

# rx_total NS: packets received by the tunnels t* of NS.
rx_total() {
	# shellcheck disable=SC2016 # for the shell in the namespace
	nsx "$1" sh -c 'cat /sys/class/net/t*/statistics/rx_packets' | awk '{ s += $1 } END { print s + 0 }'
}

sent=0
received=0
for round in $(seq "$rounds"); do
	[ -d /sys/module/$MOD ] || insmod /opt/scid/scid_ipip.ko
	nsx a scidtun setconf /tmp/a.conf >/dev/null
	nsx b scidtun setconf /tmp/b.conf >/dev/null
	expect_eq "round $round: tunnels in a" "$(scid_devs a | wc -l)" "$tunnels"
	ip netns exec a hard-flood -d 203.0.113.1 -n "$tunnels" -t 86400 >/tmp/flood.out 2>&1 &
	flood=$!
	flowing() {
		[ "$(counter b "t$tunnels" rx_packets)" -ge 20 ]
	}
	wait_until 30 flowing || fail "round $round: the flood did not reach t$tunnels in b"
	rx=$(rx_total b)
	log "round $round: $rx packets received by b's $tunnels tunnels; rmmod $MOD"
	out=$(timeout 30 rmmod $MOD 2>&1) || fail "round $round: rmmod $MOD: ${out:-timed out after 30s}"
	[ ! -d /sys/module/$MOD ] || fail "round $round: $MOD still loaded"
	for ns in a b; do
		[ -z "$(nsx $ns ls /sys/class/net | grep -v -x -e lo -e eth0)" ] ||
			fail "round $round: devices left in $ns: $(nsx $ns ls /sys/class/net | tr '\n' ' ')"
	done
	[ ! -e /sys/class/net/scid0 ] || fail "round $round: scid0 left in the init namespace"
	kill -0 $flood 2>/dev/null || fail "round $round: the flood died with the module"
	kill -TERM $flood
	wait $flood || true
	out=$(cat /tmp/flood.out)
	log "round $round: $out"
	sent=$((sent + $(kv "$out" sent)))
	received=$((received + rx))
done

log "load again: the tunnels work"
insmod /opt/scid/scid_ipip.ko
nsx a scidtun setconf /tmp/a.conf >/dev/null
nsx b scidtun setconf /tmp/b.conf >/dev/null
before=$(counter b t1 rx_packets)
nsx a hard-flood -d 203.0.113.1 -c 10 >/dev/null
sleep 0.5
expect_rise "b t1 rx_packets after loading again" "$before" "$(counter b t1 rx_packets)" 10

hard_figure "ops=$((rounds * tunnels)) rounds=$rounds tunnels=$tunnels sent=$sent received=$received"
