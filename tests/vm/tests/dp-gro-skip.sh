#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What skips the GRO pass on receive (rx_gro_skipped), and that skipping
# it keeps TCP in order. A packet GRO would not merge (ICMP, a TCP segment
# without payload, one the sender's GSO already aggregated, a cloned one)
# goes straight to the stack while the tunnel's receive cell is idle (see
# module/rxcells.c); any other goes through GRO.
#
#   a                                          b
#   eth0 198.51.100.1/24 -------------------- eth0 198.51.100.2/24
#   t1 203.0.113.1 (mtu 1480) =============== t1 203.0.113.2    iperf3 -s

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

tunnel_pair

skipped() {
	scid_stat "$1" t1 rx_gro_skipped
}

# tcp_ext NS NAME: a TcpExt counter of NS (/proc/net/netstat).
tcp_ext() {
	nsx "$1" awk -v k="$2" '
		$1 == "TcpExt:" && !n { n = split($0, names); next }
		$1 == "TcpExt:" { for (i = 2; i <= n; i++) if (names[i] == k) print $i }
	' /proc/net/netstat
}

log "20 pings: requests skip GRO at b, replies at a"
a0=$(skipped a)
b0=$(skipped b)
nsx a ping -n -q -c 20 -i 0.05 -W 2 203.0.113.2 >/dev/null || fail "pings over t1 were lost"
expect_rise "b t1 rx_gro_skipped (echo requests)" "$b0" "$(skipped b)" 20
expect_rise "a t1 rx_gro_skipped (echo replies)" "$a0" "$(skipped a)" 20

ip netns exec b iperf3 -s -A 0 -B 203.0.113.2 -D -I /tmp/dp-gro-skip.pid
listening() {
	nsx b netstat -ltn 2>/dev/null | grep -q '203\.0\.113\.2:5201'
}
wait_until 10 listening || fail "iperf3 -s did not start"

# tcp LABEL: 2 s of TCP from a to b, client and server on CPU 0 (two CPUs
# feeding one receiver can reorder a flow without any tunnel); sets rx
# (b's t1 packets), skip (b's rx_gro_skipped) and ofo (segments b's TCP
# queued out of order: the kernel's ipip has none here either).
tcp() {
	local r0 s0 o0 out

	r0=$(counter b t1 rx_packets)
	s0=$(skipped b)
	o0=$(tcp_ext b TCPOFOQueue)
	out=$(nsx a iperf3 -c 203.0.113.2 -A 0 -t 2 -f m 2>&1) || fail "iperf3 ($1) failed: $out"
	printf '%s\n' "$out" | grep -E 'sender|receiver' | indent
	rx=$(($(counter b t1 rx_packets) - r0))
	skip=$(($(skipped b) - s0))
	ofo=$(($(tcp_ext b TCPOFOQueue) - o0))
	log "$1: b t1 received $rx packets, $skip of them without GRO; $ofo out of order"
}

tcp "GSO at a"
expect_ge "b t1 packets received" "$rx" 100
# Aggregated by a's GSO: all of them skip GRO unless the cell was busy.
expect_ge "percent of b t1's packets that skipped GRO" $((100 * skip / rx)) 50
expect_eq "TCP segments b received out of order" "$ofo" 0

# One segment per packet: cloned ones (the sender still holds them) skip
# GRO while the cell is idle, the others queue behind them; none may
# overtake another.
nsx a ethtool -K t1 gso off tso off
tcp "no GSO at a"
expect_ge "b t1 packets received" "$rx" 100
expect_eq "TCP segments b received out of order" "$ofo" 0
nsx a ethtool -K t1 gso on tso on

# GRO off: nothing to skip, every packet takes the same way.
nsx b ethtool -K t1 gro off
tcp "GSO at a, GRO off at b"
expect_eq "b t1 packets that skipped GRO with GRO off" "$skip" 0
expect_eq "TCP segments b received out of order" "$ofo" 0

kill "$(cat /tmp/dp-gro-skip.pid)" 2>/dev/null || true
