#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The seed's section 2.2: public addresses only. The router refuses
# client <-> gateway/target, so the client reaches them only through
# client -tunl1-> proxy -tunl2-> gateway (see seed-topology.sh):
#
#   client ==tunl1==> proxy ==tunl2==> gateway ---br0--- target
#      \                 \                 \
#       +-----------------+-----------------+---- router (outer packets only)
#
# What an operator checks in the study (2.3): the tunnel device (mtu 1480,
# link/ipip ... peer), netstat -i counters rising during a ping.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../seed-topology.sh
. "$(dirname "$0")/../seed-topology.sh"

pings=5
seed_lans

log "the router forwards the outer paths, not client <-> gateway"
ping_ok client $proxy_ip
ping_ok proxy $gw_ip
ping_fails client $gw_ip
ping_fails client $target_ip

seed22_tunnels

log "the tunnel devices"
out=$(nsx client ip link show tunl1)
expect_match "client tunl1 mtu" "$out" "mtu 1480 "
expect_match "client tunl1 flags" "$out" "<POINTOPOINT,NOARP,UP,LOWER_UP>"
expect_match "client tunl1 addresses" "$out" "link/ipip 0\.0\.0\.0 peer $proxy_ip"
out=$(nsx proxy ip link show tunl2)
expect_match "proxy tunl2" "$out" "mtu 1480 .*link/ipip 0\.0\.0\.0 peer $gw_ip"
out=$(nsx client ip tunnel show tunl1)
expect_match "ip tunnel show tunl1 on client" "$out" \
	"^tunl1: ip/ip +remote $proxy_ip +local any +dev eth0 "
out=$(nsx proxy ip tunnel show tunl2)
expect_match "ip tunnel show tunl2 on proxy" "$out" \
	"^tunl2: ip/ip +remote $gw_ip +local any +dev eth0 "

log "the seed's tunnel 3, created with a local address"
nsx client $TUN add tunl3 mode ipip local $client_ip remote 198.51.100.100 dev eth0
out=$(nsx client ip link show tunl3)
expect_match "client tunl3" "$out" "mtu 1480 .*link/ipip $client_ip peer 198\.51\.100\.100"
out=$(nsx client ip tunnel show tunl3)
expect_match "ip tunnel show tunl3" "$out" "^tunl3: ip/ip +remote 198\.51\.100\.100 +local $client_ip +dev eth0 "
nsx client $TUN del tunl3
! has_dev client tunl3 || fail "tunl3 still exists after del"

read -r c_rx c_tx < <(echo "$(counter client tunl1 rx_packets) $(counter client tunl1 tx_packets)")
read -r p1_rx p1_tx < <(echo "$(counter proxy tunl1 rx_packets) $(counter proxy tunl1 tx_packets)")
read -r p2_rx p2_tx < <(echo "$(counter proxy tunl2 rx_packets) $(counter proxy tunl2 tx_packets)")
read -r g_rx g_tx < <(echo "$(counter gateway tunl2 rx_packets) $(counter gateway tunl2 tx_packets)")
read -r ns_mtu ns_rx ns_tx < <(netstat_i proxy tunl1)
expect_eq "netstat -i MTU of tunl1 on proxy" "$ns_mtu" 1480

log "client pings gateway and target through the tunnels"
PING_COUNT=$pings ping_ok client $gw_ip
PING_COUNT=$pings ping_ok client $target_ip
PING_COUNT=$pings ping_ok gateway $client_ip
n=$((3 * pings))

expect_rise "client tunl1 tx_packets" "$c_tx" "$(counter client tunl1 tx_packets)" $n
expect_rise "client tunl1 rx_packets" "$c_rx" "$(counter client tunl1 rx_packets)" $n
expect_rise "proxy tunl1 rx_packets" "$p1_rx" "$(counter proxy tunl1 rx_packets)" $n
expect_rise "proxy tunl1 tx_packets" "$p1_tx" "$(counter proxy tunl1 tx_packets)" $n
expect_rise "proxy tunl2 tx_packets" "$p2_tx" "$(counter proxy tunl2 tx_packets)" $n
expect_rise "proxy tunl2 rx_packets" "$p2_rx" "$(counter proxy tunl2 rx_packets)" $n
expect_rise "gateway tunl2 rx_packets" "$g_rx" "$(counter gateway tunl2 rx_packets)" $n
expect_rise "gateway tunl2 tx_packets" "$g_tx" "$(counter gateway tunl2 tx_packets)" $n

read -r mtu rx tx < <(netstat_i proxy tunl1)
expect_eq "netstat -i MTU of tunl1 on proxy" "$mtu" 1480
expect_rise "netstat -i RX-OK of tunl1 on proxy" "$ns_rx" "$rx" $n
expect_rise "netstat -i TX-OK of tunl1 on proxy" "$ns_tx" "$tx" $n
out=$(nsx client netstat -i)
expect_match "netstat -i on client" "$out" $'\n''tunl1 +1480 '

log "with tunl1 down the client cannot reach the gateway"
nsx client ip link set tunl1 down
ping_fails client $gw_ip
