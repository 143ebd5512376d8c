#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# GSO and GRO. TCP over the tunnel (iperf3) hands the tunnel GSO super-packets
# (its tx_bytes / tx_packets is well above its MTU), which are segmented only
# after encapsulation, by a's eth0 with IPIP segmentation offload turned off:
# on the wire they are full-size, 1500-byte outer packets. On b, GRO cells
# merge the decapsulated segments again: b's t1 hands the stack packets
# larger than its MTU (how many depends on how many segments a softirq
# batch holds, which is few under TCG: one is proof enough).
#
#   a                                          b
#   eth0 198.51.100.1/24 -------------------- eth0 198.51.100.2/24
#   (tx-ipxip4-segmentation off)
#   t1 203.0.113.1 (mtu 1480) =============== t1 203.0.113.2    iperf3 -s

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

tunnel_pair
nsx a ethtool -K eth0 tx-ipxip4-segmentation off

features=$(nsx a ethtool -k t1)
expect_match "t1 offers GSO" "$features" $'\n''generic-segmentation-offload: on'
expect_match "t1 offers TSO" "$features" $'\n''tcp-segmentation-offload: on'
expect_match "b t1 does GRO" "$(nsx b ethtool -k t1)" $'\n''generic-receive-offload: on'

ip netns exec b iperf3 -s -1 -B 203.0.113.2 >/tmp/dp-gso.iperf-s 2>&1 &
server=$!
listening() {
	nsx b netstat -ltn 2>/dev/null | grep -q '203\.0\.113\.2:5201'
}
wait_until 10 listening || fail "iperf3 -s did not start: $(cat /tmp/dp-gso.iperf-s)"

wire=$(mktemp)
gro=$(mktemp)
rm -f /tmp/dp-gso.ready1 /tmp/dp-gso.ready2
ip netns exec b pkt-capture -i eth0 -d in -p 4 -c 400 -t 20 -r /tmp/dp-gso.ready1 >"$wire" 2>/dev/null &
cap1=$!
ip netns exec b pkt-capture -i t1 -d in -p 6 -c 5000 -t 20 -r /tmp/dp-gso.ready2 >"$gro" 2>/dev/null &
cap2=$!
wait_until 10 test -e /tmp/dp-gso.ready1 || fail "pkt-capture on b eth0 did not start"
wait_until 10 test -e /tmp/dp-gso.ready2 || fail "pkt-capture on b t1 did not start"

tx_p=$(counter a t1 tx_packets)
tx_b=$(counter a t1 tx_bytes)
log "iperf3 from a to b over t1"
out=$(nsx a iperf3 -c 203.0.113.2 -t 3 -f m 2>&1) || fail "iperf3 failed: $out"
printf '%s\n' "$out" | tail -n 4 | indent
wait "$server" 2>/dev/null || true
kill "$cap1" "$cap2" 2>/dev/null || true
wait "$cap1" "$cap2" 2>/dev/null || true

dp=$(($(counter a t1 tx_packets) - tx_p))
db=$(($(counter a t1 tx_bytes) - tx_b))
[ $dp -gt 0 ] || fail "no packets went through a's t1"
log "a t1: $dp packets, $db bytes, $((db / dp)) bytes on average"
# Without GSO no packet tops the MTU; one that does shows GSO worked.
expect_ge "average size of the packets a's t1 sent (GSO)" $((db / dp)) 1481

# lens FILE: the len= of each captured packet, one a line.
lens() {
	sed -n 's/.* len=\([0-9]*\) .*/\1/p' "$1"
}
all=$(lens "$wire" | wc -l)
full=$(lens "$wire" | grep -c '^1500$' || true)
over=$(lens "$wire" | awk '$1 > 1500' | wc -l)
big=$(lens "$gro" | awk '$1 > 1480' | wc -l)
biggest=$(lens "$gro" | sort -n | tail -n 1)
log "b eth0: $full of $all IPIP packets are 1500 bytes; b t1: $big of $(lens "$gro" | wc -l) TCP packets are above 1480 bytes, up to ${biggest:-0}"
expect_ge "IPIP packets on b's eth0" "$all" 100
expect_eq "IPIP packets above the wire's MTU on b's eth0" "$over" 0
expect_ge "full-size (1500-byte) IPIP segments on b's eth0, in percent" $((100 * full / all)) 80
expect_ge "GRO-merged TCP packets (above t1's MTU) on b's t1" "$big" 1
rm -f "$wire" "$gro"
