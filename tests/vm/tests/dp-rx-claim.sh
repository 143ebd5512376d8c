#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Which tunnel claims a received packet or an ICMP error, when one that
# would is down or has no remote:
#   A. t1 (bound to eth0, the better match) is down: the unbound t1u with
#      the same endpoints takes its packets and its ICMP errors; t1 drops
#      nothing.
#   B. with t1u gone, the "remote any" tany takes t1's packets.
#   C. an ICMP unreachable that anyone could have sent, quoting an IPIP
#      packet of tany's: counted, but tany's next inner packets go out as
#      before, with no "host unreachable" for their senders.
#
#   s (no address)                       b
#   eth0 -------------------------------- eth0 198.51.100.2/24
#   hard-inject: IPIP 198.51.100.1 -> .2  t1:   remote .1 local .2 dev eth0 (down)
#   and ICMP errors to .2                 t1u:  remote .1 local .2 (A)
#                                         tany: remote any local .2 (B, C),
#                                               203.0.113.2; 192.0.2.100 via
#                                               198.51.100.1 onlink

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

n=3

netns_add s b
veth s eth0 b eth0
ip -n b addr add 198.51.100.2/24 dev eth0
ip -n b neigh add 198.51.100.1 lladdr "$(nsx s cat /sys/class/net/eth0/address)" dev eth0 nud permanent
bmac=$(nsx b cat /sys/class/net/eth0/address)
nsx b scidtun add t1 remote 198.51.100.1 local 198.51.100.2 dev eth0
nsx b scidtun add t1u remote 198.51.100.1 local 198.51.100.2
ip -n b addr add 192.0.2.2/32 dev t1u
ip -n b link set t1u up

# inject CASE COUNT [-D ADDR]: COUNT frames of hard-inject's CASE from s.
inject() {
	local k=$1 c=$2
	shift 2
	nsx s hard-inject -i eth0 -m "$bmac" -s 198.51.100.1 -d 198.51.100.2 \
		-S 192.0.2.1 -D 192.0.2.2 -k "$k" -c "$c" "$@" ||
		fail "hard-inject $k could not send"
}
# rose_by NS DEV COUNTER BEFORE N: wait for COUNTER to reach BEFORE + N,
# then expect exactly that.
rose_by() {
	local want=$(($4 + $5))
	reached() {
		[ "$(counter "$1" "$2" "$3")" -ge "$want" ]
	}
	wait_until 10 reached "$@" || true
	expect_eq "$1 $2 $3" "$(counter "$1" "$2" "$3")" "$want"
}

log "A. t1 down: t1u takes its packets and its ICMP errors"
rx=$(counter b t1u rx_packets)
inject good $n
rose_by b t1u rx_packets "$rx" $n
expect_eq "b t1 rx_drop_down" "$(scid_stat b t1 rx_drop_down)" 0
# Quoting an IPIP packet from .2 to .1, t1's and t1u's endpoints.
inject icmp-unreach 1 -D 198.51.100.1
icmp_seen() {
	[ "$(scid_stat b t1u icmp_unreachable)" -ge 1 ]
}
wait_until 10 icmp_seen || true
expect_eq "b t1u icmp_unreachable" "$(scid_stat b t1u icmp_unreachable)" 1
expect_eq "b t1 icmp_unreachable" "$(scid_stat b t1 icmp_unreachable)" 0

log "B. t1 down, t1u gone: the \"remote any\" tany takes t1's packets"
ip -n b link del t1u
nsx b scidtun add tany remote any local 198.51.100.2
ip -n b addr add 203.0.113.2/32 dev tany
ip -n b link set tany up
ip -n b route add 192.0.2.100/32 via 198.51.100.1 dev tany onlink
rx=$(counter b tany rx_packets)
inject good $n
rose_by b tany rx_packets "$rx" $n
expect_eq "b t1 rx_drop_down" "$(scid_stat b t1 rx_drop_down)" 0

log "C. a spoofed ICMP unreachable about a packet of tany's"
inject icmp-unreach 1 -D 203.0.113.99
tany_seen() {
	[ "$(scid_stat b tany icmp_unreachable)" -ge 1 ]
}
wait_until 10 tany_seen || fail "the ICMP error never reached tany"
tx=$(counter b eth0 tx_packets)
out=$(nsx b ping -n -c 2 -i 0.2 -w 2 192.0.2.100 2>&1 || true)
printf '%s\n' "$out" | indent
expect_no_match "pings over tany after a spoofed unreachable" "$out" "[Uu]nreachable"
expect_ge "b eth0 tx_packets (the pings, encapsulated)" $(($(counter b eth0 tx_packets) - tx)) 2
