#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A tunnel across a 1500-byte path gets mtu 1480 (20 bytes of outer IPv4
# header); DF pings up to 1452 bytes of payload fit, 1453 do not, and a
# 3000-byte ping without DF is fragmented before encapsulation and crosses.
#
#   a                          router                        b
#   eth0 198.51.100.10/25 ---- r-a .1/25 | r-b .129/25 ---- eth0 198.51.100.130/25
#   tunl1 203.0.113.1  ======== mtu 1500 all along ========  tunl1 203.0.113.2

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

netns_add a b router
veth a eth0 router r-a
veth b eth0 router r-b
ip -n router addr add 198.51.100.1/25 dev r-a
ip -n router addr add 198.51.100.129/25 dev r-b
forwarding router
ip -n a addr add 198.51.100.10/25 dev eth0
ip -n a route add default via 198.51.100.1
ip -n b addr add 198.51.100.130/25 dev eth0
ip -n b route add default via 198.51.100.129

nsx a $TUN add tunl1 mode ipip remote 198.51.100.130 local 198.51.100.10 dev eth0
nsx b $TUN add tunl1 mode ipip remote 198.51.100.10 local 198.51.100.130 dev eth0
for ns in a b; do
	ip -n $ns link set tunl1 up
done
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev tunl1
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev tunl1

for ns in a b; do
	expect_eq "eth0 mtu in $ns" "$(nsx $ns cat /sys/class/net/eth0/mtu)" 1500
	expect_eq "tunl1 mtu in $ns" "$(nsx $ns cat /sys/class/net/tunl1/mtu)" 1480
done

log "the largest DF ping that fits: 1452 + 8 + 20 = 1480"
ping_ok a 203.0.113.2 -M "do" -s 1452
ping_ok b 203.0.113.1 -M "do" -s 1452

log "one byte more is refused with the tunnel's mtu"
tx=$(counter a tunl1 tx_packets)
ping_fails a 203.0.113.2 -M "do" -s 1453
expect_match "ping -M do -s 1453 error" "$PING_OUTPUT" "[Mm]essage too long.*mtu ?= ?1480"
expect_eq "tunl1 tx_packets after refused pings" "$(counter a tunl1 tx_packets)" "$tx"

log "3000 bytes without DF: fragmented, then encapsulated"
rx=$(counter b tunl1 rx_packets)
ping_ok a 203.0.113.2 -M dont -s 3000
# Three echoes of 3028 bytes make at least 3 x 3 fragments at 1480.
expect_rise "b tunl1 rx_packets (fragments)" "$rx" "$(counter b tunl1 rx_packets)" 9
ping_ok b 203.0.113.1 -M dont -s 3000
