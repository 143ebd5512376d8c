#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# External mode with transmit metadata set by BPF: a tc program on x0's
# egress calls bpf_skb_set_tunnel_key() (tests/vm/progs/bpf-tunkey.c,
# raw instructions, no compiler). A key it can honour crosses with the
# key's TTL, TOS and DF on the wire; keys it cannot (IPv6, destination 0,
# multicast, broadcast, loopback) are dropped and counted in tx_drop_key,
# and a source that is not local in tx_drop_no_route (docs/external.md).
# external.sh does the same with routes and tc's tunnel_key. Stock lane
# only: the debug kernel has no BPF.
#
#   a eth0 198.51.100.1 lo 192.0.2.1 --- b eth0 198.51.100.2 lo 192.0.2.2
#   a: t0 (scid_ipip, to b)               b: x0 (external, allow a)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

PIN=/run/scid-bpf/tunkey
P=198.51.100
I=192.0.2

# What the kernel lacks is a skip; anything else bpf-tunkey says, a failure.
rc=0
out=$(bpf-tunkey -p "$PIN" -d "$P.1" 2>&1) || rc=$?
[ $rc -ne 77 ] || skip "no bpf(2) in this kernel: $out"
if [ $rc -ne 0 ]; then
	printf 'FAIL: bpf-tunkey could not load or pin its program\n' >&2
	printf '%s\n' "$out" | indent >&2
	exit 1
fi
modprobe -q cls_bpf 2>/dev/null || [ -d /sys/module/cls_bpf ] ||
	skip "no cls_bpf in this kernel"
modprobe -q sch_ingress 2>/dev/null || true

netns_add a b
veth a eth0 b eth0
ip -n a addr add "$P.1/24" dev eth0
ip -n b addr add "$P.2/24" dev eth0
ip -n a addr add "$I.1/32" dev lo
ip -n b addr add "$I.2/32" dev lo
nsx a scidtun add t0 remote "$P.2" local "$P.1"
ip -n a link set t0 up
ip -n a route add "$I.2/32" dev t0 src "$I.1"
nsx b scidtun add x0 external allow "$P.1"
ip -n b link set x0 up
# No encap: only the BPF program gives b's packets to a their metadata.
ip -n b route add "$I.1/32" dev x0 src "$I.2"
nsx b tc qdisc add dev x0 clsact 2>/dev/null || skip "no clsact in this kernel"

# egress_bpf ARG...: x0's egress program replaced by one whose key is
# bpf-tunkey ARG... (del then add, as for matchall).
egress_bpf() {
	bpf-tunkey -p "$PIN" "$@"
	nsx b tc filter del dev x0 egress pref 1 2>/dev/null || true
	nsx b tc filter add dev x0 egress pref 1 protocol ip \
		bpf object-pinned "$PIN" direct-action
}

log "without a key: dropped, counted (the route has no encap)"
drops=$(scid_stat b x0 tx_drop_key)
ping_fails b "$I.1" -I "$I.2"
expect_rise "tx_drop_key without metadata" "$drops" "$(scid_stat b x0 tx_drop_key)" 2

log "a key it can honour: the pings cross, its TTL, TOS and DF on the wire"
egress_bpf -d "$P.1" -s "$P.2" -T 9 -t 0x20
expect_match "tc shows the pinned program" \
	"$(nsx b tc filter show dev x0 egress)" "bpf .*direct-action"
capture_start a eth0 4
ping_ok b "$I.1" -I "$I.2"
capture_stop
cap_has "the key's ttl and tos, DF clear" \
	"src=$P.2 dst=$P.1 proto=4 ttl=9 tos=0x20 df=0 "
# Source 0 (the route chooses), DF asked for, TOS 1 (the inner packet's:
# ping -Q sets it), TTL 0 (the inner packet's: ping -t).
egress_bpf -d "$P.1" -t 1 -f df -f zero-csum
capture_start a eth0 4
ping_ok b "$I.1" -I "$I.2" -Q 0x28 -t 17
capture_stop
cap_has "route-chosen source, inherited ttl and tos, DF set" \
	"src=$P.2 dst=$P.1 proto=4 ttl=17 tos=0x28 df=1 "
expect_ge "b x0 rx_packets (a's replies)" "$(counter b x0 rx_packets)" 6

# key COUNTER ARG...: b's pings to a with the key of bpf-tunkey ARG... are
# dropped, counted under COUNTER.
key() {
	local name=$1 before
	shift
	egress_bpf "$@"
	before=$(scid_stat b x0 "$name")
	# Dropped on transmit: no need to wait long for an answer.
	nsx b ping -n -q -c 2 -i 0.2 -w 1 -I "$I.2" "$I.1" >/dev/null 2>&1 &&
		fail "ping through BPF key $* was answered"
	expect_rise "$name for BPF key $*" "$before" "$(scid_stat b x0 "$name")" 2
}
log "keys it cannot honour: dropped, counted, harmless"
key tx_drop_key -d 2001:db8::1 -s 2001:db8::2
key tx_drop_key -d 0.0.0.0 -s "$P.2"
key tx_drop_key -d 224.0.0.1 -s "$P.2"
key tx_drop_key -d 255.255.255.255 -s "$P.2"
key tx_drop_key -d 127.0.0.1 -s "$P.2"
key tx_drop_key -d "$P.1" -s 127.0.0.1
key tx_drop_no_route -d "$P.1" -s "$P.99"

log "a good key again: the tunnel is none the worse"
egress_bpf -d "$P.1"
ping_ok b "$I.1" -I "$I.2"
nsx b tc qdisc del dev x0 clsact
rm -f "$PIN"
ping_fails b "$I.1" -I "$I.2"
