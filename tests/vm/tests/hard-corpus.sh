#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed input on the receive side: a corpus of IPIP frames
# (tests/vm/progs/hard-inject.c) put on b's outer link with AF_PACKET,
# each case on its own, first with the whole frame in the socket buffer's
# linear area, then (-N) with only its Ethernet header there, so that a
# header read before it is pulled reads the wrong bytes (and, on the debug
# kernel, KASAN sees it); among them IPIP nested 60 deep in one frame,
# each level t1's. For each case every counter that tells a
# packet's fate must move by exactly what the case predicts for the N
# packets sent, and all the others not at all: the tunnel's rx_packets and
# drops by reason, the IP layer's header errors, truncations, checksum
# errors, reassembly results, UDP deliveries (port 9 is closed: NoPorts).
# t1 clamps MSS to 1000: TCP segments with odd, broken and (syn-random,
# seeded) random option layouts must each be lowered, left alone or
# counted as clamping says, and reach TCP with a checksum that holds
# (TCP answers each with a reset, or counts a bad header).
# Short: 3 packets a case, 40 random SYNs; SCID_STRESS=1: 50 and 2000
# (each whole and again non-linear).
#
#   s (no address)                       b
#   eth0 -------------------------------- eth0 198.51.100.2/24
#   hard-inject ---> outer 198.51.100.1 -> 198.51.100.2
#                                         t1: remote 198.51.100.1 local 198.51.100.2
#                                             dev eth0; 192.0.2.2 peer 192.0.2.1
#                                         t2: remote 192.0.2.1 local 192.0.2.2
#                                             (IPIP in IPIP, second pass only)
#                                         scid0: up for the last case only

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

n=$(size 3 50)
random_syns=$(size 40 2000)
seed=${SCID_SEED:-$RANDOM}

netns_add s b
veth s eth0 b eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx b scidtun add t1 remote 198.51.100.1 local 198.51.100.2 dev eth0
ip -n b addr add 192.0.2.2/32 peer 192.0.2.1 dev t1
ip -n b link set t1 up
nsx b scidtun change t1 clamp-mss 1000
# b's answers (ICMP errors) go to s and end there; no ARP to wait for.
ip -n b neigh add 198.51.100.1 lladdr "$(nsx s cat /sys/class/net/eth0/address)" dev eth0 nud permanent
# Lone fragments expire after a second, not thirty.
nsx b sysctl -qw net.ipv4.ipfrag_time=1
bmac=$(nsx b cat /sys/class/net/eth0/address)

# The counters that tell where a packet ended. A tunnel's drops by
# reason are read from sysfs, where they are also counted (one process
# instead of several under TCG): rx_length_errors is rx_drop_malformed,
# rx_frame_errors rx_drop_ecn, rx_dropped rx_drop_policy.
fate_keys="t1.rx_packets t1.rx_length_errors t1.rx_frame_errors t1.rx_dropped
t2.rx_packets scid0.rx_packets Ip.InReceives Ip.InHdrErrors Ip.InAddrErrors
Ip.InUnknownProtos Ip.InDiscards Ip.InDelivers Ip.ReasmReqds Ip.ReasmOKs
Ip.ReasmFails Ip.ReasmTimeout IpExt.InTruncatedPkts IpExt.InCsumErrors
IpExt.ReasmOverlaps Udp.InDatagrams Udp.NoPorts Udp.InErrors Tcp.InSegs
Tcp.OutSegs Tcp.OutRsts Tcp.InErrs Tcp.InCsumErrors"
stat_files=(/proc/net/snmp /proc/net/netstat)
for d in t1 t2 scid0; do
	for c in rx_packets rx_length_errors rx_frame_errors rx_dropped; do
		stat_files+=("/sys/class/net/$d/statistics/$c")
	done
done

# snap: "key value" for every fate key, and during the TCP cases t1's
# MSS clamping counters (t1.mss_*), which only ethtool -S has (one more
# process a snapshot is too slow under TCG for every case).
snap_mss=0
snap() {
	{
		[ $snap_mss = 0 ] || ip netns exec b ethtool -S t1 |
			awk '$1 ~ /^mss_/ { sub(":", "", $1); print "t1." $1, $2 }'
		snap_files
	} | sort
}

# case_ and cases_ (hard-lib.inc) send each case and judge it.
#     case                fate               counters moved by each packet
case_ good                delivered          "t1.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=2 Udp.NoPorts=1"
case_ outer-empty         ip_hdr_error       "Ip.InReceives=1 Ip.InHdrErrors=1"
case_ outer-trunc         ip_hdr_error       "Ip.InReceives=1 Ip.InHdrErrors=1"
case_ outer-totlen-long   ip_truncated       "Ip.InReceives=1 IpExt.InTruncatedPkts=1"
case_ outer-totlen-short  ip_hdr_error       "Ip.InReceives=1 Ip.InHdrErrors=1"
case_ outer-opts          delivered          "t1.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=2 Udp.NoPorts=1"
case_ outer-opts-bad      ip_hdr_error       "Ip.InReceives=1 Ip.InHdrErrors=1"
# Less than an inner header: tunnel4 drops it before any IPIP handler.
case_ inner-empty         tunnel4_short      "Ip.InReceives=1 Ip.InDelivers=1"
case_ inner-trunc         tunnel4_short      "Ip.InReceives=1 Ip.InDelivers=1"
cases_ rx_drop_malformed "t1.rx_length_errors=1 Ip.InReceives=1 Ip.InDelivers=1" \
	inner-ihl0 inner-ihl4 inner-ihl-long inner-len-short inner-len-long \
	inner-len-zero inner-len-below-ihl inner-v6 inner-v15
# Decapsulated; the IP layer on t1 then refuses the inner header.
case_ inner-csum          inner_csum_error   "t1.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=1 Ip.InHdrErrors=1 IpExt.InCsumErrors=1"
case_ inner-opts          delivered          "t1.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=2 Udp.NoPorts=1"
case_ frag-first          reasm_timeout      "Ip.InReceives=1 Ip.ReasmReqds=1 Ip.ReasmFails=1 Ip.ReasmTimeout=1"
case_ frag-later          reasm_timeout      "Ip.InReceives=1 Ip.ReasmReqds=1 Ip.ReasmFails=1 Ip.ReasmTimeout=1"
cases_ delivered "t1.rx_packets=1 Ip.InReceives=3 Ip.ReasmReqds=2 Ip.ReasmOKs=1 Ip.InDelivers=2 Udp.NoPorts=1" \
	frag-pair frag-pair-rev frag-split-inner
case_ frag-overlap        reasm_overlap      "Ip.InReceives=2 Ip.ReasmReqds=2 Ip.ReasmFails=1 IpExt.ReasmOverlaps=1"
case_ inner-frag-pair     delivered          "t1.rx_packets=2 Ip.InReceives=4 Ip.ReasmReqds=2 Ip.ReasmOKs=1 Ip.InDelivers=3 Udp.NoPorts=1"
case_ ecn-ce              rx_drop_ecn        "t1.rx_frame_errors=1 Ip.InReceives=1 Ip.InDelivers=1"
# Nobody's: tunnel4 answers port unreachable and drops it.
case_ unknown-src         unclaimed          "Ip.InReceives=1 Ip.InDelivers=1"
# IPIP in IPIP: the inner IPIP packet is nobody's until t2 exists.
case_ ipip-in-ipip        unclaimed_inner    "t1.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=2" -M 192.0.2.1,192.0.2.2
# 60 levels of IPIP in one frame, all t1's (198.51.100.1 -> .2): each
# level is decapsulated by t1 and queued, none recurses.
case_ ipip-deep           delivered_deep     "t1.rx_packets=60 Ip.InReceives=61 Ip.InDelivers=61 Udp.NoPorts=1" -n 60
# TCP to port 9, closed: TCP answers with a reset (out through t1, to s,
# which drops it), or counts a bad header. The clamp is 1000.
snap_mss=1
rst="t1.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=2 Tcp.InSegs=1 Tcp.OutSegs=1 Tcp.OutRsts=1"
cases_ delivered_tcp "$rst t1.mss_clamped=1" syn-mss syn-mss-odd syn-mss-two syn-mss-last synack-mss
cases_ delivered_tcp "$rst" syn-mss-low ack-mss
cases_ delivered_tcp "$rst t1.mss_no_option=1" syn-no-mss syn-mss-after-eol
cases_ delivered_tcp "$rst t1.mss_malformed=1" syn-mss-len3 syn-opt-len0 syn-opt-overrun syn-opt-half
tcp_bad="t1.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=2 Tcp.InSegs=1 t1.mss_malformed=1"
case_ syn-doff-short      tcp_bad_header     "$tcp_bad Tcp.InErrs=1"
cases_ tcp_short "$tcp_bad" syn-doff-long syn-trunc

# syn_random: random option layouts (seeded), whole and non-linear, each
# SYN lowered, left alone or counted as hard-inject's own reading of the
# options says.
syn_random() {
	local cases_n=$n out c o m u want got
	n=$random_syns	# inject's count
	snap >/tmp/before
	out=$(inject syn-random both -R "$seed" -T 1000)
	sleep 0.5
	snap >/tmp/after
	n=$cases_n
	read -r c o m u < <(echo "$out" | sed -n 's/^mss clamped=\([0-9]*\) no_option=\([0-9]*\) malformed=\([0-9]*\) untouched=\([0-9]*\)$/\1 \2 \3 \4/p')
	[ -n "$u" ] || fail "syn-random: hard-inject printed no verdicts: $out"
	want=$({
		expected "$rst" $((2 * random_syns)) | tr ' ' '\n'
		echo
		[ "$c" = 0 ] || echo "t1.mss_clamped=+$c"
		[ "$o" = 0 ] || echo "t1.mss_no_option=+$o"
		[ "$m" = 0 ] || echo "t1.mss_malformed=+$m"
	} | grep . | sort | tr '\n' ' ' | sed 's/ $//')
	got=$(moved /tmp/before /tmp/after)
	[ "$got" = "$want" ] ||
		fail "syn-random (seed $seed, $random_syns SYNs whole and as many non-linear): counters moved by
      $got
    expected
      $want"
	log "syn-random (seed $seed): $((2 * random_syns)) SYNs, $c lowered, $o without MSS, $m malformed, $u left alone"
	tally delivered_tcp 1 $((2 * random_syns))
}
syn_random
snap_mss=0

nsx b scidtun add t2 remote 192.0.2.1 local 192.0.2.2
ip -n b addr add 203.0.113.2/32 dev t2
ip -n b link set t2 up
# The innermost packet goes to 192.0.2.2 too (hard-inject's inner addresses).
case_ ipip-in-ipip        delivered_twice    "t1.rx_packets=1 t2.rx_packets=1 Ip.InReceives=3 Ip.InDelivers=3 Udp.NoPorts=1" -M 192.0.2.1,192.0.2.2
# scid0, once up, takes what nobody claims.
ip -n b link set scid0 up
case_ unknown-src         delivered_scid0    "scid0.rx_packets=1 Ip.InReceives=2 Ip.InDelivers=2 Udp.NoPorts=1"
ip -n b link set scid0 down

still_decapsulates() {
	local before
	before=$(counter b t1 rx_packets)
	nsx s hard-inject -i eth0 -m "$bmac" -s 198.51.100.1 -d 198.51.100.2 \
		-S 192.0.2.1 -D 192.0.2.2 -k good -c 1
	sleep 0.2
	expect_eq "t1 rx_packets after one more good packet" "$(counter b t1 rx_packets)" $((before + 1))
}
log "t1 still decapsulates a good packet after all of it"
still_decapsulates

log "ethtool -S t1 agrees with sysfs"
expect_eq "t1 rx_drop_malformed" "$(scid_stat b t1 rx_drop_malformed)" "${fate_total[rx_drop_malformed]}"
expect_eq "t1 rx_drop_ecn" "$(scid_stat b t1 rx_drop_ecn)" "${fate_total[rx_drop_ecn]}"
expect_eq "t1 rx_drop_policy" "$(scid_stat b t1 rx_drop_policy)" 0

corpus_figure
