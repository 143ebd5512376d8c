#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Modes mplsip and any beside the kernel's ipip: MPLS routes (mpls_iptunnel
# pushes a label, the far end pops it and delivers) through tunnels of
# each kind and mixed, the same outer packets on the wire (IP protocol
# 137), mode any carrying IPv4 and MPLS both, and each mode refusing, and
# counting, what the other carries, in either direction. The same `mode`
# words for both kinds, in ip link and in scidtun.
#
#   a                                       b
#   eth0 198.51.100.1, 3, 5, 7  --------  eth0 198.51.100.2, 4, 6, 8
#   lo 192.0.2.200-203                    lo 192.0.2.100-103
#
#   tunnel N (0-3) from a's .2N+1 to b's .2N+2:
#     km: ipip mplsip  sm: scid mplsip  xm: scid mplsip, b ipip
#     ya: scid any, b ipip any, also inner 203.0.113.1 - 203.0.113.2
#   a reaches b's 192.0.2.10N with label 10N, b a's 192.0.2.20N with 20N.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid
ip_plugin || skip "ip has no scid_ipip plugin (make check-vm stages it)"

modprobe ipip
modprobe mpls_router && modprobe mpls_iptunnel || skip "this kernel has no MPLS routing"

P=198.51.100
netns_add a b
veth a eth0 b eth0
for n in 0 1 2 3; do
	ip -n a addr add "$P.$((2 * n + 1))/24" dev eth0
	ip -n b addr add "$P.$((2 * n + 2))/24" dev eth0
	ip -n a addr add "192.0.2.20$n/32" dev lo
	ip -n b addr add "192.0.2.10$n/32" dev lo
done
for ns in a b; do
	nsx $ns sysctl -qw net.mpls.platform_labels=1000 net.mpls.conf.lo.input=1
done

# set_mode NS NAME MODE: a live scid_ipip tunnel's mode, by ip link.
set_mode() {
	ip -n "$1" link set "$2" type scid_ipip mode "$3"
}

# tunnel NS NAME KIND LOCAL REMOTE MODE
tunnel() {
	if [ "$3" = ipip ]; then
		ip -n "$1" link add "$2" type ipip local "$4" remote "$5" mode "$6"
	else
		ip -n "$1" link add "$2" type scid_ipip local "$4" remote "$5" mode "$6"
	fi
	ip -n "$1" link set "$2" up
	nsx "$1" sysctl -qw "net.mpls.conf.$2.input=1"
}
# pair N NAME KIND-A KIND-B MODE: tunnel N with MPLS routes both ways.
pair() {
	local n=$1 name=$2
	tunnel a "$name" "$3" "$P.$((2 * n + 1))" "$P.$((2 * n + 2))" "$5"
	tunnel b "$name" "$4" "$P.$((2 * n + 2))" "$P.$((2 * n + 1))" "$5"
	ip -n a route add "192.0.2.10$n/32" encap mpls "10$n" dev "$name" src "192.0.2.20$n"
	ip -n b route add "192.0.2.20$n/32" encap mpls "20$n" dev "$name" src "192.0.2.10$n"
	ip -n b -f mpls route add "10$n" dev lo
	ip -n a -f mpls route add "20$n" dev lo
}
pair 0 km ipip ipip mplsip
pair 1 sm scid_ipip scid_ipip mplsip
pair 2 xm scid_ipip ipip mplsip
pair 3 ya scid_ipip ipip any
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev ya
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev ya
expect_match "driver of sm" "$(nsx a ethtool -i sm)" "driver: scid_ipip"
expect_match "driver of b's xm" "$(nsx b ethtool -i xm)" "driver: ipip"

# wire N: the first outer packet of tunnel N that b captured, less what
# differs by design (addresses, IP id).
wire() {
	grep -E -- "src=$P.$((2 * $1 + 1)) " "$CAP_FILE" | awk 'NR == 1' |
		sed -E 's/ (src|dst|id)=[^ ]+//g'
}

log "MPLS through each tunnel, both directions, the wire as ipip's"
capture_start b eth0 137
for n in 0 1 2 3; do
	ping_ok a "192.0.2.10$n" -I "192.0.2.20$n"
done
capture_stop
expect_match "ipip mplsip on the wire" "$(wire 0)" "proto=137 "
expect_eq "scid mplsip as ipip's" "$(wire 1)" "$(wire 0)"
expect_eq "scid mplsip to ipip" "$(wire 2)" "$(wire 0)"
expect_eq "scid any to ipip" "$(wire 3)" "$(wire 0)"
for name in sm xm ya; do
	expect_ge "$name rx_packets" "$(counter a $name rx_packets)" 3
done

log "mode any carries IPv4 too"
ping_ok a 203.0.113.2

log "each mode drops the other's packets, counted, in both directions"
# IPv4 into an mplsip tunnel on a: refused on transmit.
ip -n a addr add 203.0.113.11/32 peer 203.0.113.12 dev sm
drops=$(scid_stat a sm tx_drop_mode)
ping_fails a 203.0.113.12
expect_rise "sm tx_drop_mode" "$drops" "$(scid_stat a sm tx_drop_mode)" 2
# b's end of ya (the kernel's ipip, mode any) sends IPv4 and MPLS; a's end
# becomes mplsip, then ipip: each takes only its own.
set_mode a ya mplsip
drops=$(scid_stat a ya rx_drop_mode)
ping_fails b 203.0.113.1
expect_rise "ya (mplsip) rx_drop_mode for IPv4" "$drops" "$(scid_stat a ya rx_drop_mode)" 2
ping_ok a 192.0.2.103 -I 192.0.2.203
set_mode a ya ipip
drops=$(scid_stat a ya rx_drop_mode)
rx=$(counter a ya rx_packets)
nsx b ping -n -c 2 -i 0.2 -W 1 -I 192.0.2.103 192.0.2.203 >/dev/null 2>&1 || true
expect_rise "ya (ipip) rx_drop_mode for MPLS" "$drops" "$(scid_stat a ya rx_drop_mode)" 2
expect_eq "ya delivered none of it" "$(counter a ya rx_packets)" "$rx"
ping_ok b 203.0.113.1

log "the tools show the mode, and scidtun changes it and keeps it"
expect_match "ip -d link of sm" "$(ip -n a -d link show sm)" "scid_ipip mode mplsip remote"
expect_match "ip -j of ya" "$(ip -n a -j -d link show ya)" '"proto":"ipip"'
expect_match "scidtun -j show sm" "$(nsx a scidtun -j show sm)" '"mode":"mplsip"'
nsx a scidtun change sm ttl 64
expect_match "mplsip kept by a change" "$(nsx a scidtun -j show sm)" '"mode":"mplsip"'
nsx a scidtun change sm mode any
expect_match "scidtun change to any" "$(nsx a scidtun -j show sm)" '"mode":"any"'

expect_match "showconf of sm" "$(nsx a scidtun showconf sm)" "tunnel sm mode any "
nsx a scidtun change sm mode mplsip
ping_ok a 192.0.2.101 -I 192.0.2.201

log "keepalive needs IPv4: refused on mplsip, and mplsip refused under keepalive"
out=$(ip -n a link set sm type scid_ipip keepalive 1s 2>&1) && fail "keepalive on mplsip accepted"
expect_match "keepalive refusal" "$out" "keepalive needs mode ipip or any"
ip -n a link set ya type scid_ipip keepalive 1s
out=$(set_mode a ya mplsip 2>&1) && fail "mplsip under keepalive accepted"
expect_match "mode refusal" "$out" "keepalive needs mode ipip or any"
