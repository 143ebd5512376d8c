#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Strict receive (CVE-2020-10136): a host with a tunnel to b must not
# decapsulate and forward what anybody else sends it. m, on a's LAN, sends
# IPIP to a whose inner packet is an echo request to v, behind a: v never
# sees it. The same packet with b's outer source is a tunnel packet and
# reaches v (so the negative above is not an accident of the setup). scid0
# takes unmatched packets only while the operator has it up, and even then
# after the kernel's ipip.
#
#   m eth0 198.51.100.66/24 --+
#   b eth0 198.51.100.2/24 ---+-- br0 (netns sw) -- eth0 a 198.51.100.1/24
#                                                  eth1 a 192.0.2.1/24 -- eth0 v 192.0.2.2/24
#   a t1: local 198.51.100.1 remote 198.51.100.2, forwarding on

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add sw a b m v
veth a eth0 sw pa
veth b eth0 sw pb
veth m eth0 sw pm
veth a eth1 v eth0
bridge_add sw br0 pa pb pm
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n a addr add 192.0.2.1/24 dev eth1
ip -n b addr add 198.51.100.2/24 dev eth0
ip -n m addr add 198.51.100.66/24 dev eth0
ip -n m route add 192.0.2.0/24 via 198.51.100.1
ip -n v addr add 192.0.2.2/24 dev eth0
ip -n v route add default via 192.0.2.1
forwarding a

nsx a scidtun add t1 mode ipip local 198.51.100.1 remote 198.51.100.2
ip -n a link set dev t1 up
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev t1

# attack SRC: 3 IPIP packets from m to a, outer source SRC, carrying an
# echo request from m to v.
attack() {
	nsx m ipip-send -s "$1" -d 198.51.100.1 -S 198.51.100.66 -D 192.0.2.2 -c 3
	sleep 0.3
}

ping_ok v 198.51.100.66
expect_eq "scid0 is down" "$(nsx a cat /sys/class/net/scid0/operstate)" down

log "IPIP from m with its own source: dropped, not forwarded to v"
e=$(echoes v)
rx=$(counter a t1 rx_packets)
c0=$(counter a scid0 rx_packets)
attack 198.51.100.66
expect_eq "echo requests v received" "$(echoes v)" "$e"
expect_eq "a t1 rx_packets" "$(counter a t1 rx_packets)" "$rx"
expect_eq "a scid0 rx_packets" "$(counter a scid0 rx_packets)" "$c0"

log "the same with b's address as outer source: t1's packet, forwarded"
attack 198.51.100.2
expect_eq "echo requests v received" "$(echoes v)" "$((e + 3))"
expect_eq "a t1 rx_packets" "$(counter a t1 rx_packets)" "$((rx + 3))"

log "an address of a's LAN that is no tunnel's remote: dropped"
e=$(echoes v)
attack 198.51.100.3
expect_eq "echo requests v received" "$(echoes v)" "$e"

log "scid0 up: it takes what no tunnel claims"
ip -n a link set dev scid0 up
attack 198.51.100.66
expect_eq "echo requests v received with scid0 up" "$(echoes v)" "$((e + 3))"
expect_eq "a scid0 rx_packets" "$(counter a scid0 rx_packets)" "$((c0 + 3))"
expect_eq "a t1 rx_packets" "$(counter a t1 rx_packets)" "$((rx + 3))"

log "the kernel's ipip with tunl0 up comes first"
modprobe ipip
ip -n a link set dev tunl0 up
k0=$(counter a tunl0 rx_packets)
c1=$(counter a scid0 rx_packets)
attack 198.51.100.66
expect_eq "a tunl0 rx_packets" "$(counter a tunl0 rx_packets)" "$((k0 + 3))"
expect_eq "a scid0 rx_packets with tunl0 up" "$(counter a scid0 rx_packets)" "$c1"
log "and a tunnel's own packets stay the tunnel's"
rx=$(counter a t1 rx_packets)
attack 198.51.100.2
expect_eq "a t1 rx_packets with tunl0 and scid0 up" "$(counter a t1 rx_packets)" "$((rx + 3))"
expect_eq "a tunl0 rx_packets" "$(counter a tunl0 rx_packets)" "$((k0 + 3))"

log "scid0 down again: dropped again"
ip -n a link set dev tunl0 down
ip -n a link set dev scid0 down
e=$(echoes v)
attack 198.51.100.66
expect_eq "echo requests v received with scid0 down" "$(echoes v)" "$e"
expect_eq "a scid0 rx_packets" "$(counter a scid0 rx_packets)" "$((c1))"
