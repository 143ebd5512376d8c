#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Path MTU through a router on the outer path, as the kernel's pmtu.sh checks
# ipip: the tunnel's MTU is pinned at 5000 over a 5000-byte first hop, r1's
# 4000-byte second hop answers the first big DF packet with frag-needed, a's
# tunnel learns the outer path MTU (4000) from it, and the next inner DF
# packet that no longer fits gets frag-needed with exactly 4000 - 20 = 3980,
# both when a forwards it (c hears it) and when a sends it itself; every
# inner route ends up with a PMTU exception of exactly 3980. Then the same
# with nexthop objects for the outer and inner routes.
#
#   c                 a                             r1                        b
#   eth0 ---9000--- eth1      eth0 ----5000---- r1a | r1b ----4000---- eth0
#   192.0.2.10/24   192.0.2.1/24                                    198.51.100.130/25
#                             198.51.100.1/25   .2/25 | .129/25      lo 198.51.100.200
#                   t1 203.0.113.1 ====================================== t1 203.0.113.2
#                   t2 203.0.113.5 ==(routes with nexthop objects)======= t2 203.0.113.6

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

netns_add c a r1 b
veth c eth0 a eth1
veth a eth0 r1 r1a
veth r1 r1b b eth0
ip -n c link set dev eth0 mtu 9000
ip -n a link set dev eth1 mtu 9000
ip -n a link set dev eth0 mtu 5000
ip -n r1 link set dev r1a mtu 5000
ip -n r1 link set dev r1b mtu 4000
ip -n b link set dev eth0 mtu 4000

ip -n c addr add 192.0.2.10/24 dev eth0
ip -n c route add default via 192.0.2.1
ip -n a addr add 192.0.2.1/24 dev eth1
ip -n a addr add 198.51.100.1/25 dev eth0
ip -n a route add default via 198.51.100.2
ip -n r1 addr add 198.51.100.2/25 dev r1a
ip -n r1 addr add 198.51.100.129/25 dev r1b
ip -n r1 route add 198.51.100.200/32 via 198.51.100.130
ip -n b addr add 198.51.100.130/25 dev eth0
ip -n b addr add 198.51.100.200/32 dev lo
ip -n b route add default via 198.51.100.129
forwarding a
forwarding r1
# Every frag-needed r1 owes a must go out, however fast the test runs.
nsx r1 sysctl -qw net.ipv4.icmp_ratelimit=0

# tunnel NS NAME LOCAL REMOTE INNER PEER
tunnel() {
	nsx "$1" $TUN add "$2" mode ipip remote "$4" local "$3"
	ip -n "$1" addr add "$5/32" peer "$6" dev "$2"
	ip -n "$1" link set dev "$2" up
}
tunnel a t1 198.51.100.1 198.51.100.130 203.0.113.1 203.0.113.2
tunnel b t1 198.51.100.130 198.51.100.1 203.0.113.2 203.0.113.1
ip -n b route add 192.0.2.0/24 dev t1

expect_eq "t1 mtu in a (outer route over eth0, mtu 5000)" "$(nsx a cat /sys/class/net/t1/mtu)" 4980
expect_eq "t1 mtu in b (outer route over eth0, mtu 4000)" "$(nsx b cat /sys/class/net/t1/mtu)" 3980
ip -n a link set dev t1 mtu 5000
ping_ok a 203.0.113.2

if [ "$MOD" = scid_ipip ]; then
	fn0=$(scid_stat a t1 icmp_frag_needed)
	tb0=$(scid_stat a t1 tx_drop_too_big)
fi

# pmtu_of NS DST: the mtu of the route (exception) towards DST, or "none".
pmtu_of() {
	local out
	out=$(ip -n "$1" route get "$2")
	if [[ $out =~ mtu\ ([0-9]+) ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo none
	fi
}

log "c sends 4528-byte DF pings across a; r1 allows only 4000 bytes on"
out=$(nsx c ping -n -M "do" -s 4500 -c 4 -i 0.5 -w 6 203.0.113.2 2>&1 || true)
printf '%s\n' "$out" | indent
expect_match "c is told the tunnel's path MTU" "$out" "mtu[ =:]*3980"
expect_no_match "c is never told another MTU" "$out" "mtu[ =:]*(4980|5000|4000|3960)([^0-9]|$)"
expect_eq "a's outer route to b has r1's MTU" "$(pmtu_of a 198.51.100.130)" 4000
expect_eq "c's route to 203.0.113.2 has a PMTU exception of path MTU - 20" "$(pmtu_of c 203.0.113.2)" 3980
expect_eq "a's route to 203.0.113.2 has a PMTU exception of path MTU - 20" "$(pmtu_of a 203.0.113.2)" 3980
if [ "$MOD" = scid_ipip ]; then
	expect_rise "a t1 icmp_frag_needed" "$fn0" "$(scid_stat a t1 icmp_frag_needed)" 1
	expect_rise "a t1 tx_drop_too_big" "$tb0" "$(scid_stat a t1 tx_drop_too_big)" 1
fi

log "4528-byte pings with -M want now cross, from c and from a"
ping_ok c 203.0.113.2 -M want -s 4500
ping_ok a 203.0.113.2 -M want -s 4500
expect_eq "a's route to 203.0.113.2 after a's own pings" "$(pmtu_of a 203.0.113.2)" 3980

log "again with nexthop objects for the outer and the inner routes"
ip -n a nexthop add id 11 via 198.51.100.2 dev eth0
ip -n a route add 198.51.100.200/32 nhid 11
nsx a $TUN add t2 mode ipip remote 198.51.100.200 local 198.51.100.1
ip -n a addr add 203.0.113.5/32 dev t2
ip -n a link set dev t2 up
ip -n a link set dev t2 mtu 5000
ip -n a nexthop add id 12 dev t2
ip -n a route add 203.0.113.6/32 nhid 12
ip -n c nexthop add id 13 via 192.0.2.1 dev eth0
ip -n c route add 203.0.113.6/32 nhid 13
nsx b $TUN add t2 mode ipip remote 198.51.100.1 local 198.51.100.200
ip -n b addr add 203.0.113.6/32 dev t2
ip -n b link set dev t2 up
ip -n b route add 203.0.113.5/32 dev t2
expect_match "a's route to 203.0.113.6 uses a nexthop object" "$(ip -n a route show 203.0.113.6/32)" "nhid 12"
ping_ok a 203.0.113.6
[ "$MOD" != scid_ipip ] || fn0=$(scid_stat a t2 icmp_frag_needed)

log "a's own 4528-byte pings first, as pmtu.sh does"
out=$(nsx a ping -n -M want -s 4500 -c 4 -i 0.5 -w 6 203.0.113.6 2>&1 || true)
printf '%s\n' "$out" | indent
expect_eq "a's outer route to 198.51.100.200 (nexthop object) has r1's MTU" "$(pmtu_of a 198.51.100.200)" 4000
expect_eq "a's route to 203.0.113.6 (nexthop object) has a PMTU exception of path MTU - 20" \
	"$(pmtu_of a 203.0.113.6)" 3980
[ "$MOD" != scid_ipip ] ||
	expect_rise "a t2 icmp_frag_needed" "$fn0" "$(scid_stat a t2 icmp_frag_needed)" 1
ping_ok a 203.0.113.6 -M want -s 4500

log "then c's 4528-byte DF pings through a"
out=$(nsx c ping -n -M "do" -s 4500 -c 2 -i 0.5 -w 4 203.0.113.6 2>&1 || true)
printf '%s\n' "$out" | indent
expect_match "c is told the tunnel's path MTU" "$out" "mtu[ =:]*3980"
expect_eq "c's route to 203.0.113.6 (nexthop object) has a PMTU exception of path MTU - 20" \
	"$(pmtu_of c 203.0.113.6)" 3980
ping_ok c 203.0.113.6 -M want -s 4500
