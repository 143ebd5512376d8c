#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The seed's section 2.4: "private" tunnel addresses (198.51.100.2X1 for the
# study's 192.168.X.1, routed by nobody but the tunnel ends) over the public
# LAN addresses of seed-topology.sh:
#
#   client .241 ==tunl1==> proxy .221 ==tunl2==> gateway .231
#   (192.0.2.51)           (198.51.100.42)       (203.0.113.200)
#        \                      \                      \
#         +----------------------+----------------------+--- router

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../seed-topology.sh
. "$(dirname "$0")/../seed-topology.sh"

pings=5
seed_lans

log "no path to the private addresses without the tunnels"
ping_fails client $proxy_priv
ping_fails client $gw_priv
ping_fails client $gw_ip

seed24_tunnels

out=$(nsx proxy ip tunnel show tunl1)
expect_match "ip tunnel show tunl1 on proxy" "$out" "^tunl1: ip/ip +remote $client_ip +local any "
out=$(nsx client ip addr show dev tunl1)
expect_match "client tunl1 address" "$out" "inet $client_priv/32 "

c_tx=$(counter client tunl1 tx_packets)
c_rx=$(counter client tunl1 rx_packets)
p_rx=$(counter proxy tunl1 rx_packets)
p2_tx=$(counter proxy tunl2 tx_packets)
g_rx=$(counter gateway tunl2 rx_packets)
g_tx=$(counter gateway tunl2 tx_packets)

log "client pings the proxy's and the gateway's private addresses"
PING_COUNT=$pings ping_ok client $proxy_priv
PING_COUNT=$pings ping_ok client $gw_priv
log "and the gateway pings the client back"
PING_COUNT=$pings ping_ok gateway $client_priv

expect_rise "client tunl1 tx_packets" "$c_tx" "$(counter client tunl1 tx_packets)" $((3 * pings))
expect_rise "client tunl1 rx_packets" "$c_rx" "$(counter client tunl1 rx_packets)" $((3 * pings))
expect_rise "proxy tunl1 rx_packets" "$p_rx" "$(counter proxy tunl1 rx_packets)" $((3 * pings))
expect_rise "proxy tunl2 tx_packets" "$p2_tx" "$(counter proxy tunl2 tx_packets)" $((2 * pings))
expect_rise "gateway tunl2 rx_packets" "$g_rx" "$(counter gateway tunl2 rx_packets)" $((2 * pings))
expect_rise "gateway tunl2 tx_packets" "$g_tx" "$(counter gateway tunl2 tx_packets)" $((2 * pings))

log "the public gateway address stays out of reach of the client"
ping_fails client $gw_ip
