#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Nothing lost: every packet offered to a tunnel is either received at the
# other end or counted under a drop reason, exactly, hop by hop. N UDP
# datagrams as fast as they go (some may fall off veth's or gro_cells'
# backlog: counted too), frames that are not IPv4 (tx_drop_not_ipv4),
# DF datagrams over a pinned MTU larger than the path (tx_drop_too_big),
# datagrams while the route to the remote is prohibited
# (tx_drop_no_route), and, sent raw from a past the tunnel, IPIP packets
# with a broken inner header (rx_drop_malformed) and CE over not-ECT
# (rx_drop_ecn). No other traffic: IPv6 off, neighbours static. Last,
# datagrams into t0 while it has no carrier (its local address gone): they
# are dropped by the kernel's noop qdisc before the tunnel sees them:
# reported in the figure, not counted by t0 (see the end).
# Short: 1000 datagrams; SCID_STRESS=1: 20000.
#
#   a                                     b
#   eth0 198.51.100.1/24 --------------- eth0 198.51.100.2/24
#   t0 192.0.2.1 (mtu 1500, pinned) ===== t0 192.0.2.2
#
#   sent (a) = a.t0 tx + a.t0 tx drops
#   a.t0 tx + raw sent = a.eth0 tx + a.eth0 tx_dropped
#   a.eth0 tx = b.eth0 rx = b.t0 rx + b.t0 rx drops + b's outer IP drops
#   b.t0 rx = delivered to UDP + b's inner IP drops
# (a packet dropped for a full receive queue counts in rx drops only)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

n=$(size 1000 20000)
small=$(size 10 50)

quiet_link a b
# Not bound to eth0: a bound tunnel's route lookup never fails (the kernel
# assumes the remote is on the link), and no_route is one of the reasons.
nsx a scidtun add t0 remote 198.51.100.2 local 198.51.100.1
nsx b scidtun add t0 remote 198.51.100.1 local 198.51.100.2
ip -n a addr add 192.0.2.1/32 peer 192.0.2.2 dev t0
ip -n b addr add 192.0.2.2/32 peer 192.0.2.1 dev t0
ip -n a link set t0 up
ip -n b link set t0 up
ip -n a neigh add 198.51.100.2 lladdr "$(nsx b cat /sys/class/net/eth0/address)" dev eth0 nud permanent
ip -n b neigh add 198.51.100.1 lladdr "$(nsx a cat /sys/class/net/eth0/address)" dev eth0 nud permanent
ip -n a link set t0 mtu 1500
ping_ok a 192.0.2.2

# ip_stat NS GROUP FIELD: a field of /proc/net/snmp or /proc/net/netstat.
ip_stat() {
	nsx "$1" cat /proc/net/snmp /proc/net/netstat | awk -v g="$2:" -v f="$3" '
		$1 == g && !hdr { for (i = 2; i <= NF; i++) if ($i == f) c = i; hdr = 1; next }
		$1 == g && hdr && !done { print $c; done = 1 }'
}

# state: every counter the equations use, as shell assignments.
state() {
	local pfx=$1 k
	echo "${pfx}a_t0_tx=$(counter a t0 tx_packets)"
	echo "${pfx}a_eth0_tx=$(counter a eth0 tx_packets)"
	echo "${pfx}a_eth0_txdrop=$(counter a eth0 tx_dropped)"
	echo "${pfx}b_eth0_rx=$(counter b eth0 rx_packets)"
	echo "${pfx}b_t0_rx=$(counter b t0 rx_packets)"
	echo "${pfx}b_t0_rxdropped=$(counter b t0 rx_dropped)"
	scid_stats a t0 | awk -v p="$pfx" '$1 ~ /^tx_drop_/ { print p "a_" $1 "=" $2 }'
	scid_stats b t0 | awk -v p="$pfx" '$1 ~ /^rx_drop_/ { print p "b_" $1 "=" $2 }'
	for k in Ip:InReceives Ip:InHdrErrors Ip:InAddrErrors Ip:InDiscards Ip:InUnknownProtos \
		IpExt:InTruncatedPkts IpExt:InCsumErrors Udp:InDatagrams Udp:NoPorts Udp:InErrors; do
		echo "${pfx}b_${k/:/_}=$(ip_stat b "${k%%:*}" "${k#*:}")"
	done
}

# settled: b's tunnel received nothing new for half a second.
settled() {
	local x
	x=$(counter b t0 rx_packets)
	sleep 0.5
	[ "$x" = "$(counter b t0 rx_packets)" ]
}

eval "$(state w_)"
sent_tun=0
sent_raw=0
flood() {
	local out
	out=$(nsx a hard-flood "$@")
	log "hard-flood $*: $out"
	sent_tun=$((sent_tun + $(kv "$out" sent)))
}

log "$n datagrams through t0, as fast as they go"
flood -d 192.0.2.2 -c "$n"
log "$small IPv6 frames and $small ARP frames offered to t0"
nsx a ll-send -i t0 -p 0x86dd -c "$small"
nsx a ll-send -i t0 -p 0x0806 -c "$small"
sent_tun=$((sent_tun + 2 * small))
log "$small DF datagrams of 1500 bytes over the pinned MTU"
# Each one that reaches t0 teaches the route the path MTU; forget it.
for i in $(seq "$small"); do
	ip -n a route flush cache
	flood -d 192.0.2.2 -c 1 -D -l 1472
done
log "$small datagrams while the route to the remote is prohibited"
ip -n a route add prohibit 198.51.100.2/32
flood -d 192.0.2.2 -c "$small"
ip -n a route del prohibit 198.51.100.2/32
log "$small broken inner headers and $small CE over not-ECT, sent raw past t0"
nsx a ipip-send -s 198.51.100.1 -d 198.51.100.2 -S 192.0.2.1 -D 192.0.2.2 -u -m len-long -c "$small"
nsx a ipip-send -s 198.51.100.1 -d 198.51.100.2 -T 3 -S 192.0.2.1 -D 192.0.2.2 -u -c "$small"
sent_raw=$((2 * small))
wait_until 30 settled || fail "traffic through b's t0 did not stop"
eval "$(state z_)"

d() {
	local w=w_$1 z=z_$1
	echo $((${!z:-0} - ${!w:-0}))
}
tx_drops=0
tx_list=
for k in $(compgen -v z_a_tx_drop_); do
	k=${k#z_}
	v=$(d "$k")
	tx_drops=$((tx_drops + v))
	[ "$v" -eq 0 ] || tx_list+="${tx_list:+,}${k#a_}:$v"
done
rx_drops=0
rx_list=
for k in $(compgen -v z_b_rx_drop_); do
	k=${k#z_}
	v=$(d "$k")
	rx_drops=$((rx_drops + v))
	[ "$v" -eq 0 ] || rx_list+="${rx_list:+,}${k#b_}:$v"
done
a_t0_tx=$(d a_t0_tx)
a_eth0_tx=$(d a_eth0_tx)
veth_drop=$(d a_eth0_txdrop)
b_eth0_rx=$(d b_eth0_rx)
b_t0_rx=$(d b_t0_rx)
# Among rx_drops: the receive cell's queue was full
# or the tunnel went down. rx_dropped adds rx_drop_policy to them.
backlog_drop=$(($(d b_rx_drop_backlog) + $(d b_rx_drop_down)))
outer_ip_drops=$(($(d b_Ip_InHdrErrors) + $(d b_Ip_InAddrErrors) + $(d b_Ip_InDiscards) +
	$(d b_Ip_InUnknownProtos) + $(d b_IpExt_InTruncatedPkts)))
delivered=$(($(d b_Udp_InDatagrams) + $(d b_Udp_NoPorts)))
udp_errors=$(d b_Udp_InErrors)
# The inner packets' IP drops cannot be told from the outer ones here:
# both are 0 or the test fails below.
log "sent $sent_tun into t0 and $sent_raw raw; t0 sent $a_t0_tx, dropped $tx_drops ($tx_list)"
log "eth0: a sent $a_eth0_tx, dropped $veth_drop; b received $b_eth0_rx"
log "b's t0: received $b_t0_rx, dropped $rx_drops ($rx_list), backlog $backlog_drop; IP drops $outer_ip_drops; delivered $delivered, UDP errors $udp_errors"

expect_eq "sent into t0 = t0 tx + t0 tx drops" "$sent_tun" $((a_t0_tx + tx_drops))
expect_eq "t0 tx + raw = eth0 tx + eth0 tx_dropped" $((a_t0_tx + sent_raw)) $((a_eth0_tx + veth_drop))
expect_eq "a eth0 tx = b eth0 rx" "$a_eth0_tx" "$b_eth0_rx"
expect_eq "b eth0 rx = b t0 rx + b t0 rx drops + IP drops" "$b_eth0_rx" $((b_t0_rx + rx_drops + outer_ip_drops))
expect_eq "b t0 rx = delivered + UDP errors" "$b_t0_rx" $((delivered + udp_errors))
expect_eq "IP drops in b" "$outer_ip_drops" 0
expect_eq "b t0 rx_dropped = rx_drop_policy + rx_drop_backlog + rx_drop_down" \
	"$(d b_t0_rxdropped)" $(($(d b_rx_drop_policy) + backlog_drop))
expect_eq "a t0 tx_drop_not_ipv4" "$(d a_tx_drop_not_ipv4)" $((2 * small))
expect_eq "a t0 tx_drop_too_big" "$(d a_tx_drop_too_big)" "$small"
expect_eq "a t0 tx_drop_no_route" "$(d a_tx_drop_no_route)" "$small"
expect_eq "b t0 rx_drop_malformed" "$(d b_rx_drop_malformed)" "$small"
expect_eq "b t0 rx_drop_ecn" "$(d b_rx_drop_ecn)" "$small"

total=$((sent_tun + sent_raw))
drops=$tx_list
[ "$veth_drop" -eq 0 ] || drops+=",veth_backlog:$veth_drop"
[ -z "$rx_list" ] || drops+=",$rx_list"
[ "$udp_errors" -eq 0 ] || drops+=",udp_errors:$udp_errors"
expect_eq "sent = delivered + every drop" "$total" \
	$((delivered + tx_drops + veth_drop + rx_drops + udp_errors))

# A tunnel without carrier (its local address gone) still has its routes,
# but the kernel swaps its qdisc for noop, which drops silently before
# scid_xmit: a known gap of every carrier-less device, not counted by t0.
# Measured and shown in the figure (uncounted_no_carrier), not a failure.
log "$small datagrams while t0 has no carrier (its local address gone)"
ip -n a addr del 198.51.100.1/24 dev eth0
no_carrier() {
	[ "$(nsx a cat /sys/class/net/t0/carrier)" = 0 ]
}
wait_until 10 no_carrier || fail "t0 kept its carrier without its local address"
before=$(($(counter a t0 tx_packets) + $(drops_of a t0 tx_drop_)))
before_sent=$sent_tun
flood -d 192.0.2.2 -c "$small"
counted=$(($(counter a t0 tx_packets) + $(drops_of a t0 tx_drop_) - before))
offered=$((sent_tun - before_sent))
log "t0 without carrier: $offered sent into it, $counted counted by t0 (tx + tx drops), the rest dropped by the noop qdisc"
hard_figure "sent=$total received=$delivered drops=$drops uncounted_no_carrier=$((offered - counted))"
