#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed input on the receive side, in UDP: hard-corpus's way (cases of
# tests/vm/progs/hard-inject.c put on b's outer link with AF_PACKET, whole
# and non-linear, each moving exactly the fate counters it predicts and no
# other one) for FOU and GUE, which the kernel's fou module receives and
# hands to tunnel4 as IP protocol 4. The UDP header's faults (lengths, a
# wrong checksum, a cut header) are UDP's to count. The GUE header's
# (versions, hlen, unknown flags and private flags, remote checksum
# fields, control messages, protocol 0) are fou's, which drops what it
# refuses without a counter of its own: UDP has counted the datagram as
# received (Udp.InDatagrams) and that is all that moves. What fou passes
# on reaches the tunnels' own checks: the IPIP corpus's broken inner
# headers, in FOU and GUE, must each be counted as rx_drop_malformed, and
# so must a GUE hlen that swallows the inner header. GUE protocols other
# than 4 go to their own handlers.
# Predicted from net/ipv4/fou_core.c and udp.c of 6.1 (docs/fou.md sums
# it up); a kernel whose fou counts or passes differently fails here.
# Short: 3 packets a case; SCID_STRESS=1: 50 (each whole and again
# non-linear).
#
#   s (no address)                       b: ip fou add port 5555 ipproto 4
#                                           ip fou add port 6666 gue
#   eth0 -------------------------------- eth0 198.51.100.2/24
#   hard-inject -U fou:5555 from .1 ->    tf: remote .1 local .2 dev eth0
#                                             encap fou encap-dport 5555
#                                             192.0.2.2 peer 192.0.2.1
#   hard-inject -U gue:6666 from .3 ->    tg: remote .3 local .2 dev eth0
#                                             encap gue encap-dport 6666
#                                             192.0.2.2 peer 192.0.2.3

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
modprobe fou || skip "this kernel has no fou module"
hard_begin

n=$(size 3 50)

netns_add s b
veth s eth0 b eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx b ip fou add port 5555 ipproto 4
nsx b ip fou add port 6666 gue
nsx b scidtun add tf remote 198.51.100.1 local 198.51.100.2 dev eth0 \
	encap fou encap-dport 5555
nsx b scidtun add tg remote 198.51.100.3 local 198.51.100.2 dev eth0 \
	encap gue encap-dport 6666
ip -n b addr add 192.0.2.2/32 peer 192.0.2.1 dev tf
ip -n b addr add 192.0.2.2/32 peer 192.0.2.3 dev tg
ip -n b link set tf up
ip -n b link set tg up
# b's answers (ICMP errors, resets) go to s and end there; no ARP to wait for.
smac=$(nsx s cat /sys/class/net/eth0/address)
ip -n b neigh add 198.51.100.1 lladdr "$smac" dev eth0 nud permanent
ip -n b neigh add 198.51.100.3 lladdr "$smac" dev eth0 nud permanent
bmac=$(nsx b cat /sys/class/net/eth0/address)

# The fate counters: the tunnels' rx_packets and drops by reason from
# sysfs (rx_length_errors is rx_drop_malformed, rx_frame_errors
# rx_drop_ecn, rx_dropped rx_drop_policy), the IP layer's, UDP's and TCP's.
fate_keys="tf.rx_packets tf.rx_length_errors tf.rx_frame_errors tf.rx_dropped
tg.rx_packets tg.rx_length_errors tg.rx_frame_errors tg.rx_dropped
Ip.InReceives Ip.InHdrErrors Ip.InAddrErrors Ip.InUnknownProtos Ip.InDiscards
Ip.InDelivers Ip.ReasmReqds IpExt.InTruncatedPkts IpExt.InCsumErrors
Udp.InDatagrams Udp.NoPorts Udp.InErrors Udp.InCsumErrors Udp.RcvbufErrors
Tcp.InSegs Tcp.OutSegs Tcp.OutRsts Tcp.InErrs Tcp.InCsumErrors"
stat_files=(/proc/net/snmp /proc/net/netstat)
for d in tf tg; do
	for c in rx_packets rx_length_errors rx_frame_errors rx_dropped; do
		stat_files+=("/sys/class/net/$d/statistics/$c")
	done
done

snap() {
	snap_files | sort
}

# What fou's or the tunnel's verdict leaves: UDP took the datagram, the
# IP layer delivered it once; then, decapsulated, the inner UDP datagram
# to the closed port 9.
udp_in="Ip.InReceives=1 Ip.InDelivers=1 Udp.InDatagrams=1"
inner="Ip.InReceives=1 Ip.InDelivers=1 Udp.NoPorts=1"

log "FOU to port 5555 from tf's peer"
inject_args=(-U fou:5555)
#     case                fate                  counters moved by each packet
cases_ delivered "tf.rx_packets=1 $udp_in $inner" good inner-opts outer-opts
case_ good                delivered             "tf.rx_packets=1 $udp_in $inner" -Z
# UDP drops them before fou sees them.
cases_ udp_error "Ip.InReceives=1 Ip.InDelivers=1 Udp.InErrors=1" \
	udp-len-long udp-len-below-hdr udp-trunc
case_ udp-csum            udp_csum_error        "Ip.InReceives=1 Ip.InDelivers=1 Udp.InErrors=1 Udp.InCsumErrors=1"
# Less than an inner header: tunnel4 drops it before any IPIP handler.
cases_ tunnel4_short "$udp_in" udp-empty inner-empty inner-trunc
# The UDP length 4 short of the packet: UDP trims it, the inner header
# says 4 more.
cases_ rx_drop_malformed "tf.rx_length_errors=1 $udp_in" \
	udp-len-short inner-ihl0 inner-ihl4 inner-ihl-long inner-len-short \
	inner-len-long inner-len-zero inner-len-below-ihl inner-v6 inner-v15
# GUE to the FOU port: fou takes the GUE header for the inner one.
case_ good                rx_drop_malformed     "tf.rx_length_errors=1 $udp_in" -U gue:5555
case_ ecn-ce              rx_drop_ecn           "tf.rx_frame_errors=1 $udp_in"
case_ inner-csum          inner_csum_error      "tf.rx_packets=1 $udp_in Ip.InReceives=1 Ip.InHdrErrors=1 IpExt.InCsumErrors=1"
# The inner UDP checksum, checked against the sum fou and the tunnel
# left (the outer UDP checksum was checked), then without one.
case_ inner-udp-csum      inner_udp_csum_error  "tf.rx_packets=1 $udp_in Ip.InReceives=1 Ip.InDelivers=1 Udp.InErrors=1 Udp.InCsumErrors=1"
case_ inner-udp-csum      inner_udp_csum_error  "tf.rx_packets=1 $udp_in Ip.InReceives=1 Ip.InDelivers=1 Udp.InErrors=1 Udp.InCsumErrors=1" -Z
# TCP to port 9, closed: a reset back through tf, in FOU.
case_ syn-mss             delivered_tcp         "tf.rx_packets=1 $udp_in Ip.InReceives=1 Ip.InDelivers=1 Tcp.InSegs=1 Tcp.OutSegs=1 Tcp.OutRsts=1"
# fou takes any source; no tunnel claims it, tunnel4 drops it.
case_ unknown-src         unclaimed             "$udp_in"

log "GUE to port 6666 from tg's peer"
inject_args=(-U gue:6666 -s 198.51.100.3 -S 192.0.2.3)
# Options no flag announces are skipped, private flags 0 are none, and
# with remote checksum offload the inner UDP checksum is the sender's
# business: fou marks it CHECKSUM_PARTIAL, so that its wrong value is
# never checked (with -Z, nothing checks the packet at all).
cases_ delivered "tg.rx_packets=1 $udp_in $inner" \
	good gue-v1 gue-opt-unflagged gue-priv gue-remcsum
case_ good                delivered             "tg.rx_packets=1 $udp_in $inner" -Z
case_ gue-remcsum         delivered             "tg.rx_packets=1 $udp_in $inner" -Z
# (The UDP header's faults are judged before the socket is known, as
# for FOU.)
# fou's refusals: counted nowhere but as a datagram UDP received.
cases_ fou_dropped "$udp_in" \
	gue-v1-ip5 gue-v2 gue-v3 gue-trunc gue-hlen-long gue-flags-unknown \
	gue-priv-short gue-pflags-unknown gue-remcsum-bad gue-remcsum-past \
	gue-remcsum-short gue-control gue-proto0
cases_ tunnel4_short "$udp_in" udp-empty inner-empty inner-trunc
# hlen 5 without options: fou takes the inner header for them and hands
# on the inner UDP header as an IPv4 one (version 9: its port 40000).
cases_ rx_drop_malformed "tg.rx_length_errors=1 $udp_in" \
	gue-hlen-inner udp-len-short inner-ihl0 inner-len-long inner-v6
case_ ecn-ce              rx_drop_ecn           "tg.rx_frame_errors=1 $udp_in"
case_ inner-udp-csum      inner_udp_csum_error  "tg.rx_packets=1 $udp_in Ip.InReceives=1 Ip.InDelivers=1 Udp.InErrors=1 Udp.InCsumErrors=1"
# GUE protocol 17: the rest goes to UDP again, under the outer header: a
# datagram to the closed port 9, or to the GUE port and in through tg.
case_ gue-proto-udp       delivered_udp         "$udp_in Udp.NoPorts=1"
case_ gue-in-gue          delivered_nested      "tg.rx_packets=1 $udp_in Udp.InDatagrams=1 $inner"
case_ gue-proto-unknown   unknown_proto         "Ip.InReceives=1 Ip.InUnknownProtos=1 Udp.InDatagrams=1"

# A tunnel claims by outer addresses, whatever carried the packet: FOU
# from tg's peer is tg's, plain IPIP from tf's is tf's.
log "FOU from tg's peer, IPIP from tf's"
case_ good                delivered             "tg.rx_packets=1 $udp_in $inner" -U fou:5555
inject_args=()
case_ good                delivered             "tf.rx_packets=1 Ip.InDelivers=1 Ip.InReceives=1 $inner"

log "ethtool -S agrees with sysfs, and no other drop reason moved"
expect_eq "tf and tg rx_drop_malformed" \
	$(($(scid_stat b tf rx_drop_malformed) + $(scid_stat b tg rx_drop_malformed))) \
	"${fate_total[rx_drop_malformed]}"
expect_eq "tf and tg rx_drop_ecn" \
	$(($(scid_stat b tf rx_drop_ecn) + $(scid_stat b tg rx_drop_ecn))) \
	"${fate_total[rx_drop_ecn]}"
expect_eq "tf and tg drops" $(($(drops_of b tf rx_drop_) + $(drops_of b tg rx_drop_))) \
	$((fate_total[rx_drop_malformed] + fate_total[rx_drop_ecn]))

corpus_figure
