#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scid_ipip next to the kernel's ipip. In one pair of namespaces each module
# has its own tunnel between different endpoints, and each tunnel carries
# only its own traffic. In a second pair one end is scid_ipip and the other
# the kernel's ipip, and they talk both ways.
#
#   a                                       b
#   eth0 198.51.100.1, .3  ------------  eth0 198.51.100.2, .4
#   kip (ipip)  203.0.113.1  ==========  kip (ipip)  203.0.113.2   .1 <-> .2
#   sip (scid)  203.0.113.11 ==========  sip (scid)  203.0.113.12  .3 <-> .4
#
#   c                                       d
#   eth0 198.51.100.21     ------------  eth0 198.51.100.22
#   mix (scid)  203.0.113.21 ==========  mix (ipip)  203.0.113.22

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

modprobe ipip

netns_add a b c d
veth a eth0 b eth0
veth c eth0 d eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n a addr add 198.51.100.3/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
ip -n b addr add 198.51.100.4/24 dev eth0
ip -n c addr add 198.51.100.21/24 dev eth0
ip -n d addr add 198.51.100.22/24 dev eth0

# tunnel NS NAME CMD LOCAL REMOTE INNER PEER
tunnel() {
	nsx "$1" $3 add "$2" mode ipip local "$4" remote "$5"
	ip -n "$1" addr add "$6/32" peer "$7" dev "$2"
	ip -n "$1" link set "$2" up
}
tunnel a kip "ip tunnel" 198.51.100.1 198.51.100.2 203.0.113.1 203.0.113.2
tunnel b kip "ip tunnel" 198.51.100.2 198.51.100.1 203.0.113.2 203.0.113.1
tunnel a sip "$TUN" 198.51.100.3 198.51.100.4 203.0.113.11 203.0.113.12
tunnel b sip "$TUN" 198.51.100.4 198.51.100.3 203.0.113.12 203.0.113.11

if [ "$MOD" = scid_ipip ]; then
	expect_match "driver of kip" "$(nsx a ethtool -i kip)" "driver: ipip"
	expect_match "driver of sip" "$(nsx a ethtool -i sip)" "driver: scid_ipip"
fi

# stats NS: "kip-rx kip-tx sip-rx sip-tx"
stats() {
	echo "$(counter "$1" kip rx_packets) $(counter "$1" kip tx_packets)" \
		"$(counter "$1" sip rx_packets) $(counter "$1" sip tx_packets)"
}

log "both tunnels at once"
read -r akr akt asr ast < <(stats a)
read -r bkr bkt bsr bst < <(stats b)
PING_COUNT=5 ping_ok a 203.0.113.2
PING_COUNT=5 ping_ok b 203.0.113.11
read -r akr2 akt2 asr2 ast2 < <(stats a)
read -r bkr2 bkt2 bsr2 bst2 < <(stats b)
expect_rise "a kip tx_packets" "$akt" "$akt2" 5
expect_rise "a kip rx_packets" "$akr" "$akr2" 5
expect_rise "b kip rx_packets" "$bkr" "$bkr2" 5
expect_rise "b sip tx_packets" "$bst" "$bst2" 5
expect_rise "b sip rx_packets" "$bsr" "$bsr2" 5
expect_rise "a sip rx_packets" "$asr" "$asr2" 5
log "each tunnel carried only its own pings"
expect_eq "a sip tx_packets" "$ast2" "$((ast + 5))"
expect_eq "a kip tx_packets" "$akt2" "$((akt + 5))"
expect_eq "b kip tx_packets" "$bkt2" "$((bkt + 5))"
expect_eq "b sip tx_packets" "$bst2" "$((bst + 5))"

log "scid_ipip on one end, the kernel's ipip on the other"
tunnel c mix "$TUN" 198.51.100.21 198.51.100.22 203.0.113.21 203.0.113.22
tunnel d mix "ip tunnel" 198.51.100.22 198.51.100.21 203.0.113.22 203.0.113.21
[ "$MOD" != scid_ipip ] ||
	expect_match "driver of mix in d" "$(nsx d ethtool -i mix)" "driver: ipip"
cr=$(counter c mix rx_packets)
dr=$(counter d mix rx_packets)
PING_COUNT=5 ping_ok c 203.0.113.22
PING_COUNT=5 ping_ok d 203.0.113.21
expect_rise "c mix rx_packets" "$cr" "$(counter c mix rx_packets)" 10
expect_rise "d mix rx_packets" "$dr" "$(counter d mix rx_packets)" 10
