#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Without DF the outer packet is fragmented, and the tunnel still carries
# 3000- and 9000-byte pings across a 1500-byte hop it does not know about.
#   - nopmtudisc (DF copied from the inner packet) and pings without DF:
#     the outer packets leave without DF and r1 fragments them; r2 sees
#     the outer fragments.
#   - pmtudisc (the default) and pings without DF: once a knows the path,
#     an inner packet that no longer fits leaves with DF cleared and is
#     fragmented outside, rather than lost.
#
#   a                      r1                      r2                     b
#   eth0 ---9000--- r1a | r1b ---1500--- r2a | r2b ---9000--- eth0
#   198.51.100.1/26  .2/26 | .65/26      .66/26 | .129/26       .130/26
#   t1 203.0.113.1 (mtu 8980) =============================== t1 203.0.113.2 (mtu 8980)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

netns_add a r1 r2 b
veth a eth0 r1 r1a
veth r1 r1b r2 r2a
veth r2 r2b b eth0
for l in "a eth0" "r1 r1a" "r2 r2b" "b eth0"; do
	set -- $l
	ip -n "$1" link set dev "$2" mtu 9000
done
ip -n a addr add 198.51.100.1/26 dev eth0
ip -n a route add default via 198.51.100.2
ip -n r1 addr add 198.51.100.2/26 dev r1a
ip -n r1 addr add 198.51.100.65/26 dev r1b
ip -n r1 route add 198.51.100.128/26 via 198.51.100.66
ip -n r2 addr add 198.51.100.66/26 dev r2a
ip -n r2 addr add 198.51.100.129/26 dev r2b
ip -n r2 route add 198.51.100.0/26 via 198.51.100.65
ip -n b addr add 198.51.100.130/26 dev eth0
ip -n b route add default via 198.51.100.129
forwarding r1
forwarding r2
for ns in r1 r2; do
	nsx $ns sysctl -qw net.ipv4.icmp_ratelimit=0
done

nsx a $TUN add t1 mode ipip remote 198.51.100.130 local 198.51.100.1 nopmtudisc
nsx b $TUN add t1 mode ipip remote 198.51.100.1 local 198.51.100.130 nopmtudisc
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n a link set dev t1 up
ip -n b link set dev t1 up
expect_eq "t1 mtu in a" "$(nsx a cat /sys/class/net/t1/mtu)" 8980
expect_eq "t1 mtu in b" "$(nsx b cat /sys/class/net/t1/mtu)" 8980
ping_ok a 203.0.113.2

log "nopmtudisc, pings without DF: 3000 and 9000 bytes, both ways"
capture_start r2 r2a 4
rx=$(counter b t1 rx_packets)
ping_ok a 203.0.113.2 -M dont -s 3000
ping_ok a 203.0.113.2 -M dont -s 9000
ping_ok b 203.0.113.1 -M dont -s 3000
ping_ok b 203.0.113.1 -M dont -s 9000
capture_stop
cap_has "outer fragments that r1 made (first ones, MF)" " df=0 mf=1 off=0 "
cap_has "outer fragments that r1 made (later ones)" " mf=[01] off=[1-9]"
cap_lacks "outer packets with DF" " df=1 "
cap_has "a 3000-byte ping in one inner packet, fragmented outside" \
	" df=0 mf=1 off=0 .* isrc=203\.0\.113\.1 idst=203\.0\.113\.2 iproto=1 .* ilen=3028$"
cap_has "a 9000-byte ping, fragmented inside first (t1 mtu 8980), then outside" \
	" df=0 mf=1 off=0 .* isrc=203\.0\.113\.1 idst=203\.0\.113\.2 iproto=1 .* imf=1 ilen=8980$"
# 3 pings of 3028 bytes arrive as 3 inner packets, not 3 x 3 fragments.
expect_ge "b t1 rx_packets" "$(($(counter b t1 rx_packets) - rx))" 3

log "pmtudisc, pings without DF: too big for the path, sent with DF cleared"
nsx a $TUN change t1 pmtudisc
nsx b $TUN change t1 pmtudisc
capture_start r2 r2a 4
ping_ok a 203.0.113.2 -M dont -s 3000
ping_ok a 203.0.113.2 -M dont -s 9000
ping_ok b 203.0.113.1 -M dont -s 3000
ping_ok b 203.0.113.1 -M dont -s 9000
capture_stop
expect_match "a learnt the outer path MTU" "$(ip -n a route get 198.51.100.130)" "mtu 1500"
if [ "$MOD" = scid_ipip ]; then
	cap_has "outer fragments, DF cleared, of a whole inner packet" \
		" df=0 mf=1 off=0 .* ilen=(3028|8980)$"
fi
