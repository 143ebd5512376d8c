#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Which tunnel receives an IPIP packet: (remote, local) exact first, then a
# tunnel with that remote and no local, then one with that local and
# "remote any"; among equal matches, the tunnel bound to the device the
# packet came in on. Packets are crafted by ipip-send in s0 (behind a's
# eth0) and s1 (behind eth1), with whatever outer source the case needs;
# the receiving tunnel is the one whose rx_packets rises.
#
#   s0 eth0 198.51.100.10/24 -------- eth0 a 198.51.100.1/24, .3/24
#   s1 eth0 192.0.2.10/24 ----------- eth1 a 192.0.2.1/24
#
#   a: both   local .1  remote .10
#      ronly  local any remote .10
#      lonly  local .1  remote any
#      bound, ronly1, lonly1: as both, ronly, lonly, with dev eth1;
#      made after them, then before them (both, ronly, lonly made again)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

netns_add a s0 s1
veth s0 eth0 a eth0
veth s1 eth0 a eth1
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n a addr add 198.51.100.3/24 dev eth0
ip -n a addr add 192.0.2.1/24 dev eth1
ip -n s0 addr add 198.51.100.10/24 dev eth0
ip -n s1 addr add 192.0.2.10/24 dev eth0
ip -n s1 route add 198.51.100.0/24 via 192.0.2.1

tunnels=(both ronly lonly bound)
nsx a $TUN add both mode ipip local 198.51.100.1 remote 198.51.100.10
nsx a $TUN add ronly mode ipip remote 198.51.100.10
nsx a $TUN add lonly mode ipip local 198.51.100.1 remote any
for t in both ronly lonly; do
	ip -n a link set dev "$t" up
done

# rx_all: "NAME=rx_packets " for every tunnel of a, in one go.
rx_all() {
	local t files=()
	for t in "${tunnels[@]}"; do
		files+=("/sys/class/net/$t/statistics/rx_packets")
	done
	nsx a grep -H . "${files[@]}" 2>/dev/null |
		sed 's|^/sys/class/net/\([^/]*\)/statistics/rx_packets:|\1=|' | tr '\n' ' ' || true
}

# expect_rcv WHAT SENDER_NS OUTER_SRC OUTER_DST TUNNEL|none: three packets
# with these outer addresses from SENDER_NS reach TUNNEL and no other.
expect_rcv() {
	local what=$1 ns=$2 src=$3 dst=$4 want=$5 before after t n0 n1
	before=$(rx_all)
	nsx "$ns" ipip-send -s "$src" -d "$dst" -S 203.0.113.10 -D 203.0.113.1 -u -c 3
	sleep 0.2
	after=$(rx_all)
	for t in "${tunnels[@]}"; do
		[[ $after =~ (^| )$t= ]] || continue
		[[ $before =~ (^| )$t=([0-9]+) ]] && n0=${BASH_REMATCH[2]}
		[[ $after =~ (^| )$t=([0-9]+) ]] && n1=${BASH_REMATCH[2]}
		if [ "$t" = "$want" ]; then
			[ $((n1 - n0)) -eq 3 ] ||
				fail "$what: $src -> $dst from $ns should reach $want; rx_packets $before-> $after"
		else
			[ $((n1 - n0)) -eq 0 ] ||
				fail "$what: $src -> $dst from $ns reached $t, expected ${want}; rx_packets $before-> $after"
		fi
	done
	log "$what: $src -> $dst via $ns: $want"
}

expect_rcv "exact endpoints beat both wildcards" s0 198.51.100.10 198.51.100.1 both
expect_rcv "exact endpoints beat both wildcards, on eth1" s1 198.51.100.10 198.51.100.1 both
expect_rcv "remote with local any" s0 198.51.100.10 198.51.100.3 ronly
expect_rcv "local with remote any" s0 198.51.100.11 198.51.100.1 lonly
expect_rcv "no tunnel for this source and destination" s0 198.51.100.11 198.51.100.3 none

# remake NAME ARG...: delete tunnel NAME and make it again (the newest now).
remake() {
	local t=$1
	shift
	nsx a $TUN del "$t"
	nsx a $TUN add "$t" mode ipip "$@"
	ip -n a link set dev "$t" up
}
# who_rcv SENDER_NS OUTER_SRC OUTER_DST: log which tunnels took 3 packets.
who_rcv() {
	local before after
	before=$(rx_all)
	nsx "$1" ipip-send -s "$2" -d "$3" -S 203.0.113.10 -D 203.0.113.1 -u -c 3
	sleep 0.2
	after=$(rx_all)
	log "$2 -> $3 via $1: rx_packets $before-> $after"
}

log "the tunnel bound to the ingress device wins, made after the unbound one"
nsx a $TUN add bound mode ipip local 198.51.100.1 remote 198.51.100.10 dev eth1
nsx a $TUN add ronly1 mode ipip remote 198.51.100.10 dev eth1
nsx a $TUN add lonly1 mode ipip local 198.51.100.1 remote any dev eth1
tunnels+=(ronly1 lonly1)
for t in bound ronly1 lonly1; do
	ip -n a link set dev "$t" up
done
expect_rcv "exact endpoints, bound to eth1" s1 198.51.100.10 198.51.100.1 bound
expect_rcv "remote with local any, bound to eth1" s1 198.51.100.10 198.51.100.3 ronly1
expect_rcv "local with remote any, bound to eth1" s1 198.51.100.12 198.51.100.1 lonly1
log "and made before it"
remake both local 198.51.100.1 remote 198.51.100.10
remake ronly remote 198.51.100.10
remake lonly local 198.51.100.1 remote any
expect_rcv "exact endpoints, bound to eth1, older" s1 198.51.100.10 198.51.100.1 bound
expect_rcv "remote with local any, bound to eth1, older" s1 198.51.100.10 198.51.100.3 ronly1
expect_rcv "local with remote any, bound to eth1, older" s1 198.51.100.12 198.51.100.1 lonly1
# Neither bound to eth0: the issue does not say, the kernel's ipip takes
# the oldest for exact endpoints and the newest for the wildcards.
log "for the record, packets on eth0 with a tunnel bound to eth1 about:"
who_rcv s0 198.51.100.10 198.51.100.1
who_rcv s0 198.51.100.10 198.51.100.3
who_rcv s0 198.51.100.12 198.51.100.1

log "without the exact tunnels, remote-only beats local-only"
nsx a $TUN del both
nsx a $TUN del bound
expect_rcv "remote before local" s0 198.51.100.10 198.51.100.1 ronly
expect_rcv "remote before local, on eth1" s1 198.51.100.10 198.51.100.1 ronly1
nsx a $TUN del ronly
nsx a $TUN del ronly1
expect_rcv "then local with remote any" s0 198.51.100.10 198.51.100.1 lonly

# ipip's tunnel with neither address is a catch-all (its tunl0); scid_ipip
# has no such tunnel: one is accepted, and sends by its routes' gateways,
# but no packet matches it (docs/behaviour.md, who may send into a tunnel).
log "remote any with local any receives nothing"
nsx a $TUN add anyany mode ipip remote any local any
ip -n a link set dev anyany up
tunnels+=(anyany)
expect_rcv "neither remote nor local" s0 198.51.100.11 198.51.100.3 none
expect_rcv "neither, and local-only still wins its address" s0 198.51.100.11 198.51.100.1 lonly
