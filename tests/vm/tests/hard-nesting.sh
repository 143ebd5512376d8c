#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Routing loops and nesting under a flood (the loops that grew ipip's
# headroom without bound, CVE-2024-26804). N datagrams each:
#   A. s1 and s2 routed over each other: every datagram is dropped inside
#      a's namespace, by the nesting limit (tx_drop_nesting) or, once the
#      headroom has grown to its cap, tx_drop_no_headroom; none leaves eth0.
#   B. a scid tunnel and a kernel ipip tunnel routed over each other: the
#      same, before the kernel's own limit ("Dead loop").
#   C. a tunnel whose outer route leads back into itself: tx_drop_loop.
#   D. after A, the loop is repaired by the routes alone: s1 carries
#      traffic over eth0, and a tunnel nested over s1 too (what the loop
#      did to s1's MTU and headroom must not outlive it).
#   E. five tunnels, each over the one before: the deepest level that
#      nests on this kernel (nesting_max in lib.sh: 4, or 3 where the
#      kernel guards recursion itself) delivers all N, the next drops all N
#      at the innermost tunnel (tx_drop_nesting).
# Short: 200 datagrams; SCID_STRESS=1: 1000.
#
#   a                                         b
#   eth0 198.51.100.1/24 ------------------- eth0 198.51.100.2/24
#   s1 -> 192.0.2.61 over s2, s2 -> 192.0.2.62 over s1
#   sk -> 192.0.2.71 over kip (ipip), kip -> 192.0.2.72 over sk
#   tl -> 192.0.2.51 over tl
#   n1 over eth0, n2 over n1 ... n5 over n4 ====== n1..n5 likewise
#   (D) s1 -> 192.0.2.61 via eth0 ============= s1 (192.0.2.61 on lo)
#       nn over s1 ================================ nn

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

n=$(size 200 1000)
declare -A drops_total
sent=0
delivered=0

# No IPv6 chatter on eth0: A and B count what leaves it.
quiet_link a b

# flood_n DST: n datagrams to DST from a; adds to sent.
flood_n() {
	local out
	out=$(nsx a hard-flood -d "$1" -c "$n")
	sent=$((sent + $(kv "$out" sent)))
	expect_eq "datagrams to $1 accepted" "$(kv "$out" sent)" "$n"
}
# tally DEV...: the drop counters of a's DEVs, added up by name; the
# figure's drops grow by them.
tally() {
	local d list=none
	for d; do
		list=$(drops_add "$list" "$(drops_list a "$d")")
	done
	echo "$list"
}
add_drops() {
	local kv
	for kv in ${1//,/ }; do
		[ "$kv" = none ] && continue
		drops_total[${kv%%:*}]=$((${drops_total[${kv%%:*}]:-0} + ${kv#*:}))
	done
}
# sum_of LIST NAME...: the sum of the named counters in a drops list.
sum_of() {
	local list=$1 s=0 kv name
	shift
	for kv in ${list//,/ }; do
		for name; do
			[ "${kv%%:*}" = "$name" ] && s=$((s + ${kv#*:}))
		done
	done
	echo $s
}

log "A. s1 and s2 routed over each other"
nsx a scidtun add s1 remote 192.0.2.61
nsx a scidtun add s2 remote 192.0.2.62
ip -n a addr add 203.0.113.61/32 peer 203.0.113.62 dev s1
ip -n a link set s1 up
ip -n a link set s2 up
ip -n a route add 192.0.2.61/32 dev s2
ip -n a route add 192.0.2.62/32 dev s1
# The loop shrinks both MTUs (each follows the other's, less 20) down to
# 68, a step each time traffic makes the tunnels look at their routes
# again. While the MTUs move, a datagram can vanish between two levels
# outside the driver (counted as sent by one, never seen by the other: 1
# to 8 in 200 on the debug kernel). So the loop is first driven to where
# it stays, and the n datagrams counted are sent there.
mtus() {
	echo "$(nsx a cat /sys/class/net/s1/mtu) $(nsx a cat /sys/class/net/s2/mtu)"
}
for _ in $(seq 40); do
	[ "$(mtus)" = "68 68" ] && break
	nsx a hard-flood -d 203.0.113.62 -c 20 >/dev/null
done
expect_eq "A: s1 and s2 MTUs after the loop settled" "$(mtus)" "68 68"
list=$(tally s1 s2)
before=$(sum_of "$list" tx_drop_nesting tx_drop_no_headroom tx_drop_too_big)
eth_tx=$(counter a eth0 tx_packets)
flood_n 203.0.113.62
list=$(tally s1 s2)
log "s1 + s2: $list"
# A datagram may enter s1 as two fragments, or be too big at a deeper
# level: at least n drops, by these reasons only.
expect_ge "A: s1 + s2 nesting, headroom and too-big drops" \
	"$(($(sum_of "$list" tx_drop_nesting tx_drop_no_headroom tx_drop_too_big) - before))" "$n"
expect_eq "A: s1 + s2 other drops" "$(sum_of "$list" tx_drop_loop tx_drop_no_route tx_drop_not_ipv4)" 0
expect_eq "A: packets out of eth0" "$(counter a eth0 tx_packets)" "$eth_tx"
add_drops "$list"

log "B. a scid tunnel and a kernel ipip tunnel routed over each other"
modprobe ipip
nsx a ip tunnel add kip mode ipip remote 192.0.2.72
nsx a scidtun add sk remote 192.0.2.71
ip -n a addr add 203.0.113.71/32 peer 203.0.113.72 dev sk
ip -n a link set sk up
ip -n a link set kip up
ip -n a route add 192.0.2.71/32 dev kip
ip -n a route add 192.0.2.72/32 dev sk
eth_tx=$(counter a eth0 tx_packets)
flood_n 203.0.113.72
list=$(tally sk)
log "sk: $list; kip tx_errors $(counter a kip tx_errors), tx_dropped $(counter a kip tx_dropped)"
expect_ge "B: sk nesting, headroom and too-big drops" \
	"$(sum_of "$list" tx_drop_nesting tx_drop_no_headroom tx_drop_too_big)" "$n"
expect_eq "B: packets out of eth0" "$(counter a eth0 tx_packets)" "$eth_tx"
add_drops "$list"
nsx a ip tunnel del kip
ip -n a link del sk

log "C. an outer route back into the tunnel"
nsx a scidtun add tl remote 192.0.2.51
ip -n a addr add 203.0.113.51/32 peer 203.0.113.52 dev tl
ip -n a link set tl up
ip -n a route add 192.0.2.51/32 dev tl
flood_n 203.0.113.52
list=$(tally tl)
expect_eq "C: tl drops" "$list" "tx_drop_loop:$n"
add_drops "$list"
ip -n a link del tl

log "D. the loop of A repaired by the routes alone: s1 over eth0, nn over s1"
ip -n a route del 192.0.2.62/32 dev s1
ip -n a route replace 192.0.2.61/32 via 198.51.100.2 dev eth0
ip -n a link del s2
ip -n b addr add 192.0.2.61/32 dev lo
nsx b scidtun add s1 remote 198.51.100.1 local 192.0.2.61
ip -n b addr add 203.0.113.62/32 peer 203.0.113.61 dev s1
ip -n b link set s1 up
# The loop taught the routes path MTUs of 68 and less (ICMP from s1 and
# s2 to a's own senders); that is the kernel's, and goes with the cache.
ip -n a route flush cache
ping_ok a 203.0.113.62
mtu_ok() {
	[ "$(nsx a cat /sys/class/net/s1/mtu)" = 1480 ]
}
wait_until 5 mtu_ok || fail "D: s1's MTU did not come back from the loop: $(nsx a cat /sys/class/net/s1/mtu)"
nsx a scidtun add nn remote 203.0.113.62 local 203.0.113.61
nsx b scidtun add nn remote 203.0.113.61 local 203.0.113.62
ip -n a addr add 192.0.2.201/32 peer 192.0.2.202 dev nn
ip -n b addr add 192.0.2.202/32 peer 192.0.2.201 dev nn
ip -n a link set nn up
ip -n b link set nn up
if ! nsx a ping -n -c 3 -i 0.2 -w 10 192.0.2.202 >/dev/null 2>&1; then
	fail "D: a tunnel nested over s1 carries nothing after s1's loop; a nn: $(drops_list a nn), s1: $(drops_list a s1)"
fi
rx=$(counter b nn rx_packets)
flood_n 192.0.2.202
sleep 0.5
expect_eq "D: b nn received the flood" $(($(counter b nn rx_packets) - rx)) "$n"
delivered=$((delivered + n))

log "E. five tunnels, each over the one before"
# chain NS ME PEER: n1 over eth0 between 198.51.100.ME and .PEER; level i
# between 203.0.113.(10*(i-2)+ME) and ...PEER over level i-1.
chain() {
	local ns=$1 me=$2 peer=$3 i
	nsx "$ns" scidtun add n1 local 198.51.100.$me remote 198.51.100.$peer dev eth0
	for i in 2 3 4 5; do
		nsx "$ns" scidtun add n$i local 203.0.113.$((10 * (i - 2) + me)) \
			remote 203.0.113.$((10 * (i - 2) + peer))
	done
	for i in 1 2 3 4 5; do
		ip -n "$ns" addr add "203.0.113.$((10 * (i - 1) + me))/32" \
			peer "203.0.113.$((10 * (i - 1) + peer))" dev n$i
		ip -n "$ns" link set n$i up
	done
}
chain a 1 2
chain b 2 1
max=$(nesting_max)
ping_ok a "203.0.113.$((10 * (max - 1) + 2))"
rx=$(counter b "n$max" rx_packets)
flood_n "203.0.113.$((10 * (max - 1) + 2))"
sleep 0.5
expect_eq "E: $max levels: b n$max received" $(($(counter b "n$max" rx_packets) - rx)) "$n"
delivered=$((delivered + n))
before=$(tally n1 n2 n3 n4 n5)
flood_n "203.0.113.$((10 * max + 2))"
expect_eq "E: $((max + 1)) levels: a n1 tx_drop_nesting" $(($(scid_stat a n1 tx_drop_nesting) - $(sum_of "$before" tx_drop_nesting))) "$n"
expect_eq "E: $((max + 1)) levels: b n$((max + 1)) rx_packets" "$(counter b "n$((max + 1))" rx_packets)" 0
add_drops "tx_drop_nesting:$n"

log "nothing reached the kernel's own limit"
out=$(hard_new_dmesg)
expect_no_match "kernel log" "$out" "Dead loop|recursion"

drops=$(for k in "${!drops_total[@]}"; do echo "$k:${drops_total[$k]}"; done | sort | tr '\n' ',' | sed 's/,$//')
hard_figure "sent=$sent received=$delivered drops=$drops"
