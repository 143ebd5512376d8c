#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Loops and nesting.
#   1. tl's outer route leads back into tl: dropped, counted as a loop
#      (tx_drop_loop, and collisions as the kernel's ipip counts it).
#   2. Tunnels routed over each other, scid over scid (s1, s2) and scid over
#      the kernel's ipip (sk, kip): every packet is dropped and counted, the
#      first ones at the nesting limit (tx_drop_nesting), later ones, once
#      the headroom each round raises has reached its cap, as
#      tx_drop_no_headroom; the kernel's own limit ("Dead loop") is never hit:
#      sk does not hand kip a packet that kip would take past the limit.
#   3. Tunnels over tunnels, n1..n5 in a chain: four levels carry traffic,
#      the fifth is dropped by the innermost tunnel, as tx_drop_nesting.
#
#   a                                         b
#   eth0 198.51.100.1/24 ------------------- eth0 198.51.100.2/24
#   n1 203.0.113.1   ======================= n1 203.0.113.2    over eth0
#   n2 203.0.113.11  ======================= n2 203.0.113.12   over n1
#   n3 203.0.113.21  ======================= n3 203.0.113.22   over n2
#   n4 203.0.113.31  ======================= n4 203.0.113.32   over n3
#   n5 203.0.113.41  ======================= n5 203.0.113.42   over n4
#   tl 203.0.113.51 -> remote 192.0.2.51, routed over tl itself
#   s1 203.0.113.61 -> remote 192.0.2.61 over s2; s2 -> remote 192.0.2.62 over s1
#   sk 203.0.113.71 -> remote 192.0.2.71 over kip; kip (ipip) -> 192.0.2.72 over sk

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

# pings NS DST: quick pings that are not expected to be answered, for 4 s:
# at least four even on a loaded TCG host (2 s sometimes sent only two).
pings() {
	nsx "$1" ping -n -c 4 -i 0.2 -w 4 "$2" >/dev/null 2>&1 || true
}

# Three levels where iptunnel_xmit() guards recursion itself, else four.
max=$(nesting_max)

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
dmesg_mark "scid-test: dp-loop begins"

log "1. an outer route back into the tunnel"
nsx a scidtun add tl mode ipip remote 192.0.2.51
ip -n a addr add 203.0.113.51/32 peer 203.0.113.52 dev tl
ip -n a link set dev tl up
ip -n a route add 192.0.2.51/32 dev tl
pings a 203.0.113.52
expect_ge "a tl tx_drop_loop" "$(scid_stat a tl tx_drop_loop)" 4
expect_ge "a tl collisions" "$(counter a tl collisions)" 4
expect_eq "a tl tx_packets" "$(counter a tl tx_packets)" 0
expect_eq "a tl tx_drop_nesting" "$(scid_stat a tl tx_drop_nesting)" 0

log "2a. two scid tunnels routed over each other"
nsx a scidtun add s1 mode ipip remote 192.0.2.61
nsx a scidtun add s2 mode ipip remote 192.0.2.62
ip -n a addr add 203.0.113.61/32 peer 203.0.113.62 dev s1
ip -n a link set dev s1 up
ip -n a link set dev s2 up
ip -n a route add 192.0.2.61/32 dev s2
ip -n a route add 192.0.2.62/32 dev s1
pings a 203.0.113.62
# loop_drops NS DEV...: tx_drop_nesting and tx_drop_no_headroom, summed.
loop_drops() {
	local ns=$1 d sum=0
	shift
	for d; do
		sum=$((sum + $(scid_stat "$ns" "$d" tx_drop_nesting) + $(scid_stat "$ns" "$d" tx_drop_no_headroom)))
	done
	echo $sum
}
log "s1: nesting $(scid_stat a s1 tx_drop_nesting), no headroom $(scid_stat a s1 tx_drop_no_headroom);" \
	"s2: nesting $(scid_stat a s2 tx_drop_nesting), no headroom $(scid_stat a s2 tx_drop_no_headroom)"
# A packet alternates s1 (odd levels) and s2 (even ones); the tunnel at
# level max + 1 drops it: s1 where 4 levels nest, s2 where 3 do.
first=s1
[ $((max % 2)) -eq 0 ] || first=s2
expect_ge "a $first tx_drop_nesting (the first packets)" "$(scid_stat a $first tx_drop_nesting)" 1
expect_ge "a s1 + s2 tx_drop_nesting + tx_drop_no_headroom" "$(loop_drops a s1 s2)" 4
expect_eq "a s1 tx_drop_loop" "$(scid_stat a s1 tx_drop_loop)" 0
expect_eq "a s2 tx_drop_loop" "$(scid_stat a s2 tx_drop_loop)" 0
log "more loops: the headroom stops growing, every packet is still counted"
before=$(loop_drops a s1 s2)
pings a 203.0.113.62
expect_ge "a s1 + s2 tx_drop_nesting + tx_drop_no_headroom" "$(loop_drops a s1 s2)" $((before + 4))

log "2b. a scid tunnel and a kernel ipip tunnel routed over each other"
modprobe ipip
nsx a ip tunnel add kip mode ipip remote 192.0.2.72
nsx a scidtun add sk mode ipip remote 192.0.2.71
ip -n a addr add 203.0.113.71/32 peer 203.0.113.72 dev sk
ip -n a link set dev sk up
ip -n a link set dev kip up
ip -n a route add 192.0.2.71/32 dev kip
ip -n a route add 192.0.2.72/32 dev sk
pings a 203.0.113.72
log "sk: nesting $(scid_stat a sk tx_drop_nesting), no headroom $(scid_stat a sk tx_drop_no_headroom)"
expect_ge "a sk tx_drop_nesting (the first packets)" "$(scid_stat a sk tx_drop_nesting)" 1
expect_ge "a sk tx_drop_nesting + tx_drop_no_headroom" "$(loop_drops a sk)" 4

log "nothing reached the kernel's own limit"
out=$(dmesg_since "scid-test: dp-loop begins")
expect_no_match "kernel log" "$out" "Dead loop|recursion"

log "3. five tunnels, each over the one before"
# chain NS LOCAL_HOST PEER_HOST: n1..n5 in NS, level i between
# 203.0.113.(10*(i-2)+LOCAL_HOST) and ...PEER_HOST over level i-1.
chain() {
	local ns=$1 me=$2 peer=$3 i lcl rmt
	nsx "$ns" scidtun add n1 mode ipip local 198.51.100.$me remote 198.51.100.$peer dev eth0
	for i in 1 2 3 4 5; do
		if [ $i -gt 1 ]; then
			lcl=203.0.113.$((10 * (i - 2) + me))
			rmt=203.0.113.$((10 * (i - 2) + peer))
			nsx "$ns" scidtun add n$i mode ipip local "$lcl" remote "$rmt"
		fi
		ip -n "$ns" addr add "203.0.113.$((10 * (i - 1) + me))/32" \
			peer "203.0.113.$((10 * (i - 1) + peer))" dev n$i
		ip -n "$ns" link set dev n$i up
	done
}
chain a 1 2
chain b 2 1
for i in 1 2 3 4 5; do
	expect_eq "a n$i mtu" "$(nsx a cat /sys/class/net/n$i/mtu)" $((1500 - 20 * i))
done
nesting_drops() {
	local j
	for j in 1 2 3 4 5; do
		printf 'n%s=%s ' $j "$(scid_stat "$1" n$j tx_drop_nesting)"
	done
}
for i in $(seq 1 $max); do
	nsx a ping -n -c 3 -i 0.2 -w 10 "203.0.113.$((10 * (i - 1) + 2))" >/dev/null 2>&1 ||
		fail "$i nested tunnels do not carry a's pings; tx_drop_nesting in a: $(nesting_drops a)"
	nsx b ping -n -c 3 -i 0.2 -w 10 "203.0.113.$((10 * (i - 1) + 1))" >/dev/null 2>&1 ||
		fail "$i nested tunnels do not carry b's pings; tx_drop_nesting in b: $(nesting_drops b)"
	log "$i nested tunnels carry pings both ways"
done
expect_eq "a n1 tx_drop_nesting after $max levels" "$(scid_stat a n1 tx_drop_nesting)" 0
log "level $((max + 1))"
pings a "203.0.113.$((10 * max + 2))"
expect_ge "a n1 tx_drop_nesting after $((max + 1)) levels" "$(scid_stat a n1 tx_drop_nesting)" 4
for i in 2 3 4 5; do
	expect_eq "a n$i tx_drop_nesting" "$(scid_stat a n$i tx_drop_nesting)" 0
done
expect_eq "b n5 rx_packets" "$(counter b n5 rx_packets)" 0
# The deepest level that carries traffic still does after the drops.
ping_ok a "203.0.113.$((10 * (max - 1) + 2))"

