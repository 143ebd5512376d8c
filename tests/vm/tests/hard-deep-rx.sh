#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# One packet with 200 IPIP headers, every one 198.51.100.1 -> .2, so that
# t1 decapsulates it 200 times; t1 must take every level, and the kernel
# live through it:
#   A. t1 on its own.
#   B. t1 enslaved to a VRF, which makes the VRF device, not t1, the device
#      each inner level arrives on, with b's eth0 tapped (a packet socket),
#      which leaves every level a cloned packet, one that GRO would not
#      merge and that could go straight to the stack. Were each level handed
#      on synchronously, the 200 would recurse into the stack 200 deep and
#      overflow the softirq stack; each after the first must take t1's queue
#      instead. Skipped (after A) where the kernel has no VRF.
#   C. the same with t1's GRO off: every level through the kernel's
#      backlog (netif_rx()) instead of the receive cell. The cells' polls
#      run in softirq only: they are the module's, shared by all tunnels,
#      so t1 has no NAPI of its own that /sys/class/net/t1/threaded could
#      move to a kthread (the kernel refuses it, or it changes nothing).
# Then one more good packet: t1 still decapsulates.
#
#   s (no address)                        b
#   eth0 mtu 9000 ----------------------- eth0 198.51.100.2/24 mtu 9000
#   hard-inject -k ipip-deep -n 200         (B, C: pkt-capture on it)
#                                         t1: remote 198.51.100.1
#                                             local 198.51.100.2
#                                         A: 198.51.100.2/32 and 192.0.2.2/32
#                                            (innermost) on t1
#                                         B, C: t1 in vrf red, which has them

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

depth=200

netns_add s b
veth s eth0 b eth0
ip -n s link set eth0 mtu 9000
ip -n b link set eth0 mtu 9000
ip -n b addr add 198.51.100.2/24 dev eth0
bmac=$(nsx b cat /sys/class/net/eth0/address)
nsx b scidtun add t1 remote 198.51.100.1 local 198.51.100.2
ip -n b addr add 198.51.100.2/32 dev t1
ip -n b addr add 192.0.2.2/32 dev t1
ip -n b link set t1 up

# deep WHAT [OPTION...]: one packet of $depth levels from s; t1 must have
# taken every level.
deep() {
	local what=$1 rx
	shift
	rx=$(counter b t1 rx_packets)
	nsx s hard-inject -i eth0 -m "$bmac" -s 198.51.100.1 -d 198.51.100.2 \
		-S 192.0.2.1 -D 192.0.2.2 -k ipip-deep -n "$depth" "$@" ||
		fail "hard-inject ipip-deep ($what) could not send"
	all_levels() {
		[ $(($(counter b t1 rx_packets) - rx)) -ge "$depth" ]
	}
	wait_until 20 all_levels || true
	expect_eq "$what: levels t1 decapsulated" $(($(counter b t1 rx_packets) - rx)) "$depth"
}

log "A. $depth levels, t1 on its own"
deep "no VRF"

log "B. $depth levels, t1 in a VRF, eth0 tapped"
ip -n b link add red type vrf table 10 2>/dev/null ||
	skip "B and C need a VRF: this kernel has none (CONFIG_NET_L3_MASTER_DEV, CONFIG_NET_VRF); A passed"
ip -n b link set red up
ip -n b addr del 198.51.100.2/32 dev t1
ip -n b addr del 192.0.2.2/32 dev t1
ip -n b addr add 198.51.100.2/32 dev red
ip -n b addr add 192.0.2.2/32 dev red
ip -n b link set t1 master red
ip -n b link set t1 up
capture_start b eth0 4
deep "VRF, tapped"
deep "VRF, tapped, non-linear" -N

log "C. the same, t1's GRO off"
nsx b sh -c 'echo 1 >/sys/class/net/t1/threaded' 2>/dev/null || true
nsx b ethtool -K t1 gro off
deep "VRF, tapped, GRO off"
nsx b ethtool -K t1 gro on
capture_stop
cap_has "the tap saw the packets" "proto=4"

log "t1 still decapsulates a plain packet"
rx=$(counter b t1 rx_packets)
nsx s hard-inject -i eth0 -m "$bmac" -s 198.51.100.1 -d 198.51.100.2 \
	-S 192.0.2.1 -D 192.0.2.2 -k good
one_more() {
	[ "$(counter b t1 rx_packets)" -gt "$rx" ]
}
wait_until 10 one_more || fail "t1 received nothing after the deep packets"
expect_eq "t1 rx_drop_backlog" "$(scid_stat b t1 rx_drop_backlog)" 0

hard_figure "packets=5 levels=$((4 * depth + 1))"
