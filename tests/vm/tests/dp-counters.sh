#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Drop reasons, counted per tunnel: each case below is provoked on its own
# tunnel, counted in that tunnel's `ethtool -S` under its own name by
# exactly the number of packets sent, and nowhere else; the generic error
# fields of `ip -s link` (sysfs statistics) carry them too, and iproute2's
# `ip -s tunnel show` keeps working on scid tunnels.
#   t1  too big (DF ping over an MTU pinned above the path), not IPv4
#       (ll-send: IPv6, version 6 behind ETH_P_IP, a 10-byte "IPv4"),
#       malformed inner headers and ECN (ipip-send from b; an inner
#       header under 20 bytes never reaches a tunnel: tunnel4 drops it)
#   tn  no route to its remote
#   tl  its outer route leads back into it
#   scid0, brought up and routed to: the control device carries nothing
# Nesting has dp-loop.sh; no headroom cannot be provoked with the devices
# a test can make (the nesting limit stops first) and must stay 0.
#
#   a                                        b
#   eth0 198.51.100.1/24 ------------------ eth0 198.51.100.2/24
#   t1 203.0.113.1 ======================== t1 203.0.113.2
#   tn 203.0.113.11 -> remote 192.0.2.11 (no route)
#   tl 203.0.113.21 -> remote 192.0.2.21 (routed over tl)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx a scidtun add t1 mode ipip remote 198.51.100.2 local 198.51.100.1 dev eth0
nsx b scidtun add t1 mode ipip remote 198.51.100.1 local 198.51.100.2 dev eth0
nsx a scidtun add tn mode ipip remote 192.0.2.11
nsx a scidtun add tl mode ipip remote 192.0.2.21
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n a addr add 203.0.113.11/32 peer 203.0.113.12 dev tn
ip -n a addr add 203.0.113.21/32 peer 203.0.113.22 dev tl
for t in t1 tn tl; do
	ip -n a link set dev $t up
done
ip -n b link set dev t1 up
ip -n a route add 192.0.2.21/32 dev tl
ping_ok a 203.0.113.2

names=(tx_drop_not_ipv4 tx_drop_no_route tx_drop_loop tx_drop_too_big
	tx_drop_no_headroom tx_drop_nesting tx_drop_control_device
	rx_drop_malformed rx_drop_ecn rx_drop_policy icmp_frag_needed
	icmp_redirect icmp_unreachable icmp_time_exceeded rx_drop_down
	rx_drop_backlog)

for t in t1 tn tl scid0; do
	out=$(nsx a ethtool -S $t)
	for n in "${names[@]}"; do
		expect_match "ethtool -S $t lists $n" "$out" "(^|"$'\n'")     $n: 0("$'\n'"|$)"
	done
	# Not a drop; t1 has delivered the ping's replies this way.
	expect_match "ethtool -S $t lists rx_gro_skipped" "$out" "(^|"$'\n'")     rx_gro_skipped: [0-9]+("$'\n'"|$)"
done

# quick_pings NS DST COUNT [OPTION...]: pings that are not answered.
quick_pings() {
	local ns=$1 dst=$2 n=$3
	shift 3
	nsx "$ns" ping -n -c "$n" -i 0.2 -W 1 "$@" "$dst" >/dev/null 2>&1 || true
}

log "no route: 5 pings over tn"
quick_pings a 203.0.113.12 5
log "loop: 4 pings over tl"
quick_pings a 203.0.113.22 4
log "too big: 3 DF pings of 1500 bytes over t1 (mtu pinned at 1500, path 1480)"
ip -n a link set dev t1 mtu 1500
for i in 1 2 3; do
	# Forget the PMTU exception, or ping would not even try.
	ip -n a route flush cache
	out=$(nsx a ping -n -c 1 -W 1 -M "do" -s 1472 203.0.113.2 2>&1 || true)
	expect_match "too-big ping $i is told the path MTU" "$out" "mtu[ =:]*1480"
done
log "not IPv4: 2 IPv6 frames, 2 version-6 packets as IPv4, 2 of 10 bytes"
nsx a ll-send -i t1 -p 0x86dd -c 2
nsx a ll-send -i t1 -p 0x0800 -v 6 -c 2
nsx a ll-send -i t1 -p 0x0800 -n 10 -c 2
log "malformed inner headers from b: one of each kind"
rx=$(counter a t1 rx_packets)
for k in ihl-short ihl-long len-long len-short v6; do
	nsx b ipip-send -s 198.51.100.2 -d 198.51.100.1 -S 203.0.113.2 -D 203.0.113.1 -u -m "$k"
done
# Less than an IPv4 header inside: tunnel4 drops it before any IPIP
# handler runs, so no tunnel can count it; it must not get through either.
nsx b ipip-send -s 198.51.100.2 -d 198.51.100.1 -S 203.0.113.2 -D 203.0.113.1 -u -m truncated -c 2
sleep 0.3
expect_eq "a t1 rx_packets after malformed packets" "$(counter a t1 rx_packets)" "$rx"
log "ECN: 2 packets of CE over not-ECT"
nsx b ipip-send -s 198.51.100.2 -d 198.51.100.1 -T 3 -S 203.0.113.2 -D 203.0.113.1 -u -c 2
log "the control device: scid0 up, 3 pings routed to it"
ip -n a link set dev scid0 up
ip -n a route add 203.0.113.99/32 dev scid0
quick_pings a 203.0.113.99 3
ip -n a link set dev scid0 down
sleep 0.5

# want TUNNEL NAME=N...: the tunnel's counters are N for the names given,
# 0 for all the others.
want() {
	local t=$1 out n v
	shift
	out=$(nsx a ethtool -S "$t")
	printf '%s:\n%s\n' "$t" "$(printf '%s\n' "$out" | grep -v ': 0$' | tail -n +2)" | indent
	for n in "${names[@]}"; do
		v=0
		for kv; do
			[ "${kv%%=*}" = "$n" ] && v=${kv#*=}
		done
		expect_match "$t $n" "$out" $'\n'"     $n: $v("$'\n'"|$)"
	done
}
want t1 tx_drop_too_big=3 tx_drop_not_ipv4=6 rx_drop_malformed=5 rx_drop_ecn=2
want tn tx_drop_no_route=5
want tl tx_drop_loop=4
want scid0 tx_drop_control_device=3

log "the generic statistics carry them"
stat() {
	counter a "$1" "$2"
}
expect_eq "t1 rx_length_errors (malformed)" "$(stat t1 rx_length_errors)" 5
expect_eq "t1 rx_frame_errors (ECN)" "$(stat t1 rx_frame_errors)" 2
expect_eq "t1 rx_errors" "$(stat t1 rx_errors)" 7
expect_eq "t1 tx_errors (too big)" "$(stat t1 tx_errors)" 3
expect_eq "t1 tx_dropped (not IPv4)" "$(stat t1 tx_dropped)" 6
expect_eq "tn tx_carrier_errors (no route)" "$(stat tn tx_carrier_errors)" 5
expect_eq "tn tx_errors" "$(stat tn tx_errors)" 5
expect_eq "tl collisions (loop)" "$(stat tl collisions)" 4
expect_eq "tl tx_errors" "$(stat tl tx_errors)" 4
expect_eq "scid0 tx_dropped" "$(stat scid0 tx_dropped)" 3
out=$(ip -n a -s -s link show dev t1)
expect_match "ip -s -s link show t1" "$out" "RX errors: +length +crc +frame [^"$'\n'"]*"$'\n'" +5 +0 +2 "

log "ip -s tunnel show"
# tunnel_stats NAME: "rx_packets rx_errors tx_packets tx_errors X Y Z" from
# ip -s tunnel show, read by its column headings.
tunnel_stats() {
	nsx a ip -s tunnel show "$1" | awk '
		/^ *RX:/ { n = split($0, h); getline; split($0, v)
			   for (i = 2; i <= n; i++) rx[h[i]] = v[i - 1] }
		/^ *TX:/ { n = split($0, h); getline; split($0, v)
			   for (i = 2; i <= n; i++) tx[h[i]] = v[i - 1] }
		END { print rx["Packets"], rx["Errors"], tx["Packets"], tx["Errors"],
			    tx["DeadLoop"], tx["NoRoute"], tx["NoBufs"] }'
}
for t in t1 tn tl; do
	out=$(nsx a ip -s tunnel show $t)
	printf '%s\n' "$out" | indent
	expect_match "ip -s tunnel show $t" "$out" "^$t: ip/ip +remote "
done
read -r rxp rxe txp txe dl nr nb < <(tunnel_stats t1)
expect_eq "ip -s tunnel show t1: RX packets" "$rxp" "$(stat t1 rx_packets)"
expect_eq "ip -s tunnel show t1: RX errors" "$rxe" 7
expect_eq "ip -s tunnel show t1: TX packets" "$txp" "$(stat t1 tx_packets)"
expect_eq "ip -s tunnel show t1: TX errors" "$txe" 3
expect_eq "ip -s tunnel show t1: NoBufs (tx_dropped: not IPv4)" "$nb" 6
read -r rxp rxe txp txe dl nr nb < <(tunnel_stats tn)
expect_eq "ip -s tunnel show tn: NoRoute" "$nr" 5
read -r rxp rxe txp txe dl nr nb < <(tunnel_stats tl)
expect_eq "ip -s tunnel show tl: DeadLoop" "$dl" 4
