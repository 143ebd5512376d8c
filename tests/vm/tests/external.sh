#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# External (metadata) mode beside the kernel's ipip: two hubs, b with a
# scid_ipip external tunnel and d with ipip's, each reaching two spokes by
# routes that carry the outer destination ("encap ip dst"). a talks to both
# hubs through ipip tunnels, c through scid_ipip ones. Then what only
# scid_ipip does: it accepts only the sources it allows (m spoofs, and d,
# the kernel's, takes m's packets), and it refuses, and counts, metadata it
# cannot honour (tc tunnel_key sets it).
#
#   a eth0 198.51.100.1 lo 192.0.2.1 --+
#   b eth0 198.51.100.2 lo 192.0.2.2 --+
#   c eth0 198.51.100.3 lo 192.0.2.3 --+-- br0 (netns sw)
#   d eth0 198.51.100.4 lo 192.0.2.4 --+
#   m eth0 198.51.100.66 -------------+
#
#   a: kb (ipip to b), kd (ipip to d)   c: sb (scid to b), sd (scid to d)
#   b: x0 scid_ipip external, allow a and c   d: x0 ipip external

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid
modprobe ipip

P=198.51.100
I=192.0.2
netns_add sw a b c d m
n=1
for ns in a b c d; do
	veth "$ns" eth0 sw "p$ns"
	ip -n "$ns" addr add "$P.$n/24" dev eth0
	ip -n "$ns" addr add "$I.$n/32" dev lo
	n=$((n + 1))
done
veth m eth0 sw pm
ip -n m addr add "$P.66/24" dev eth0
bridge_add sw br0 pa pb pc pd pm

# spoke NS KIND NAME HUB: a classic tunnel from NS to hub HUB (2 or 4).
spoke() {
	local self
	case $1 in
	a) self=1 ;;
	c) self=3 ;;
	esac
	ip -n "$1" link add "$3" type "$2" local "$P.$self" remote "$P.$4"
	ip -n "$1" link set "$3" up
	ip -n "$1" route add "$I.$4/32" dev "$3" src "$I.$self"
}
spoke a ipip kb 2
spoke a ipip kd 4
spoke c scid_ipip sb 2
spoke c scid_ipip sd 4

# The same words for both kinds, but for scid_ipip's allow list.
ip -n b link add x0 type scid_ipip external allow "$P.1,$P.3"
ip -n d link add x0 type ipip external
# hub NS SELF: the hub's routes to both spokes, each naming its outer end.
hub() {
	ip -n "$1" link set x0 up
	ip -n "$1" route add "$I.1/32" encap ip dst "$P.1" dev x0 src "$I.$2"
	ip -n "$1" route add "$I.3/32" encap ip dst "$P.3" dev x0 src "$I.$2"
}
hub b 2
hub d 4
expect_match "ip -d link of b's x0" "$(ip -n b -d link show x0)" \
	"scid_ipip external allow $P.1,$P.3 remote any "
expect_match "ip -j of b's x0" "$(ip -n b -j -d link show x0)" \
	"\"external\":true,\"allow\":\[\"$P.1/32\",\"$P.3/32\"\]"
expect_match "driver of b's x0" "$(nsx b ethtool -i x0)" "driver: scid_ipip"
expect_match "driver of d's x0" "$(nsx d ethtool -i x0)" "driver: ipip"
expect_eq "b's x0 mtu as d's" "$(nsx b cat /sys/class/net/x0/mtu)" \
	"$(nsx d cat /sys/class/net/x0/mtu)"

# wire HUB: the first outer packet from HUB that a captured, less what
# differs by design (addresses, IP id).
wire() {
	grep -E -- "src=$P.$1 " "$CAP_FILE" | awk 'NR == 1' |
		sed -E 's/ (src|dst|id|isrc|idst)=[^ ]+//g'
}

log "each spoke reaches each hub, both ways; the wire as ipip's"
capture_start a eth0 4
ping_ok a "$I.2" -I "$I.1"
ping_ok a "$I.4" -I "$I.1"
capture_stop
expect_match "ipip external's reply" "$(wire 4)" "proto=4 "
expect_eq "scid external's reply as ipip's" "$(wire 2)" "$(wire 4)"
ping_ok c "$I.2" -I "$I.3"
ping_ok c "$I.4" -I "$I.3"
ping_ok b "$I.1" -I "$I.2"
ping_ok b "$I.3" -I "$I.2"
expect_ge "b x0 rx_packets" "$(counter b x0 rx_packets)" 12

# spoof HUB SRC: 3 IPIP packets from m to HUB with outer source SRC, each
# an echo request to the hub's inner address.
spoof() {
	nsx m ipip-send -s "$2" -d "$P.$1" -S "$P.66" -D "$I.$1" -c 3
	sleep 0.3
}

log "a source outside the allow list: dropped and counted; ipip's takes it"
e=$(echoes b)
drops=$(scid_stat b x0 rx_drop_source)
spoof 2 "$P.66"
expect_eq "b echoes from m" "$(echoes b)" "$e"
expect_rise "b x0 rx_drop_source" "$drops" "$(scid_stat b x0 rx_drop_source)" 3
e=$(echoes d)
spoof 4 "$P.66"
expect_rise "d (ipip external) echoes from m" "$e" "$(echoes d)" 3

# Changes are tried on m's packets alone: a refused packet draws tunnel4's
# ICMP unreachable to its source, and a real spoke's tunnel would report
# that to its senders for the next 30 s, as ipip and scid_ipip both do.
log "allow list changes: m alone, none, then any (the explicit opt-out)"
ip -n b link set x0 type scid_ipip allow "$P.66"
e=$(echoes b)
spoof 2 "$P.66"
expect_rise "b echoes from m once allowed" "$e" "$(echoes b)" 3
ip -n b link set x0 type scid_ipip allow none
drops=$(scid_stat b x0 rx_drop_source)
e=$(echoes b)
spoof 2 "$P.66"
expect_eq "b echoes from m with none allowed" "$(echoes b)" "$e"
expect_rise "rx_drop_source with none allowed" "$drops" \
	"$(scid_stat b x0 rx_drop_source)" 3
ip -n b link set x0 type scid_ipip allow any
e=$(echoes b)
spoof 2 "$P.66"
expect_rise "b echoes from m under allow any" "$e" "$(echoes b)" 3
ip -n b link set x0 type scid_ipip allow "$P.1,$P.3"
ping_ok a "$I.2" -I "$I.1"

log "no metadata: dropped, counted"
ip -n b route add "$I.9/32" dev x0
drops=$(scid_stat b x0 tx_drop_key)
ping_fails b "$I.9"
expect_rise "tx_drop_key without metadata" "$drops" "$(scid_stat b x0 tx_drop_key)" 2

log "refusals name their reason and change nothing"
# The plugin's own, before anything is sent; then the kernel's, raw.
out=$(ip -n b link set x0 type scid_ipip allow "$P.1/24" 2>&1) && fail "host bits accepted"
expect_match "plugin: host bits" "$out" "host bits set \\(the network is $P.0/24\\)"
out=$(ip -n m link add y0 type scid_ipip remote "$P.9" allow any 2>&1) &&
	fail "allow on a classic tunnel accepted"
expect_match "plugin: allow on a classic add" "$out" "for external tunnels"
out=$(ip -n m link add y1 type scid_ipip external remote "$P.9" 2>&1) &&
	fail "external with a remote accepted"
expect_match "kernel via plugin: external with a remote" "$out" "no remote or local address"
# refused WHAT ERE NS ARGS...: link-attr ARGS fails in NS with ERE.
refused() {
	local what=$1 ere=$2 ns=$3 out
	shift 3
	out=$(nsx "$ns" link-attr "$@" 2>&1) && fail "$what accepted"
	expect_match "$what" "$out" "$ere"
}
refused "a second external tunnel" "already" b +x1 19=flag
refused "host bits" "host bits" b x0 "45=prefixes:$P.1/24"
refused "a prefix twice" "twice" b x0 "45=prefixes:$P.1,$P.3,$P.1"
refused "prefix length 33" "over 32" b x0 "45=prefixes:$P.1/33"
refused "keepalive" "needs a remote" b x0 33=1000
# 198.51.100.9 as the u32 link-attr sends, in network order on x86.
remote=$(((9 << 24) | (100 << 16) | (51 << 8) | 198))
refused "external with a remote" "no remote or local" m +x2 19=flag "3=$remote"
ip -n m link add s1 type scid_ipip remote "$P.9"
refused "external on a classic tunnel" "chosen when the tunnel is created" m s1 19=flag
refused "allow on a classic tunnel" "for external tunnels" m s1 "45=prefixes:$P.1"
nsx b link-attr x0 19=flag
ping_ok a "$I.2" -I "$I.1"
ping_ok c "$I.2" -I "$I.3"

if ! nsx b tc qdisc add dev x0 clsact 2>/dev/null; then
	log "SKIP: tc metadata checks (this kernel has no clsact)"
	exit 0
fi

log "received metadata: flower matches the outer source on x0's ingress"
nsx b tc filter add dev x0 ingress pref 1 protocol ip flower \
	enc_src_ip "$P.3" action drop
ping_ok a "$I.2" -I "$I.1"
ping_fails c "$I.2" -I "$I.3"
nsx b tc filter del dev x0 ingress pref 1
ping_ok c "$I.2" -I "$I.3"

# egress_key ARG...: x0's egress metadata replaced by tunnel_key ARG...
# (matchall has no replace).
egress_key() {
	nsx b tc filter del dev x0 egress pref 1 2>/dev/null || true
	nsx b tc filter add dev x0 egress pref 1 protocol ip matchall \
		action tunnel_key "$@"
}
# key COUNTER SET...: b's pings to a with x0's egress metadata replaced by
# tunnel_key SET... are dropped, counted under COUNTER.
key() {
	local name=$1 before
	shift
	egress_key "$@"
	before=$(scid_stat b x0 "$name")
	# Dropped on transmit: no need to wait long for an answer.
	nsx b ping -n -q -c 2 -i 0.2 -w 1 -I "$I.2" "$I.1" >/dev/null 2>&1 &&
		fail "ping through tunnel_key $* was answered"
	expect_rise "$name for tunnel_key $*" "$before" "$(scid_stat b x0 "$name")" 2
}
log "metadata it cannot honour: dropped, counted, harmless"
key tx_drop_key set src_ip 2001:db8::2 dst_ip 2001:db8::1
key tx_drop_key set src_ip "$P.2" dst_ip 224.0.0.1
key tx_drop_key set src_ip "$P.2" dst_ip 255.255.255.255
key tx_drop_key set src_ip "$P.2" dst_ip 127.0.0.1
key tx_drop_key set src_ip "$P.2" dst_ip 0.0.0.0
key tx_drop_key set src_ip "$P.2" dst_ip "$P.1" geneve_opts 0102:80:00880022
key tx_drop_key unset
key tx_drop_no_route set src_ip "$P.99" dst_ip "$P.1"

log "metadata it can: its TTL and TOS on the wire"
egress_key set src_ip "$P.2" dst_ip "$P.1" ttl 9 tos 0x20
capture_start a eth0 4
ping_ok b "$I.1" -I "$I.2"
capture_stop
cap_has "the key's ttl and tos" "src=$P.2 dst=$P.1 proto=4 ttl=9 tos=0x20 "
nsx b tc qdisc del dev x0 clsact
ping_ok b "$I.1" -I "$I.2"
