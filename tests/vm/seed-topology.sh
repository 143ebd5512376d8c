# SPDX-License-Identifier: GPL-2.0
#
# The seed study's testbed (sections 2.2 and 2.4) in namespaces, shared by
# tests/seed-*.sh and demo/seed.sh. The study's public UCCS addresses map to
# the documentation ranges, host numbers kept:
#
#   client LAN   128.198.61.0/26  -> 192.0.2.0/26       client .51, router .1
#   proxy LAN    128.198.60.0/25  -> 198.51.100.0/25    proxy .42, router .1
#   gateway LAN  128.198.60.128/25 -> 203.0.113.128/25  gateway .200,
#                                                       target .201, router .129
#   section 2.4 "private" 192.168.X.1 -> 198.51.100.2X1 (in 198.51.100.128/25,
#                                                        routed nowhere)
#
#    client               router                     proxy
#   +-------------+      +----------------------+     +-------------------+
#   | eth0 .51/26 |------| cl0 192.0.2.1/26     |     | eth0 .42/25       |
#   | tunl1       |      | px0 198.51.100.1/25  |-----| tunl1, tunl2      |
#   +-------------+      | br0 203.0.113.129/25 |     +-------------------+
#                        | no forwarding between|
#                        | 192.0.2.0/26 and     |
#                        | 203.0.113.128/25     |
#                        +----------+-----------+
#                                   | br0 (gw0, tg0)
#                     +-------------+-------------+
#              gateway .200/25                target .201/25
#              eth0, tunl2                    eth0
#
# shellcheck shell=bash

client_ip=192.0.2.51
client_gw=192.0.2.1
proxy_ip=198.51.100.42
proxy_gw=198.51.100.1
gw_ip=203.0.113.200
gw_gw=203.0.113.129
target_ip=203.0.113.201

# The study's 192.168.4.1 (client), .2.1 (proxy) and .3.1 (gateway).
client_priv=198.51.100.241
proxy_priv=198.51.100.221
gw_priv=198.51.100.231

# The LANs, the router, and each host's address and default route; no
# tunnel yet, and the router refuses the direct client <-> gateway path.
seed_lans() {
	netns_add client proxy gateway target router
	veth client eth0 router cl0
	veth proxy eth0 router px0
	veth gateway eth0 router gw0
	veth target eth0 router tg0
	bridge_add router br0 gw0 tg0

	ip -n router addr add 192.0.2.1/26 dev cl0
	ip -n router addr add 198.51.100.1/25 dev px0
	ip -n router addr add 203.0.113.129/25 dev br0
	forwarding router
	ip -n router rule add from 192.0.2.0/26 to 203.0.113.128/25 prohibit
	ip -n router rule add from 203.0.113.128/25 to 192.0.2.0/26 prohibit

	ip -n client addr add $client_ip/26 dev eth0
	ip -n client route add default via $client_gw
	ip -n proxy addr add $proxy_ip/25 dev eth0
	ip -n proxy route add default via $proxy_gw
	ip -n gateway addr add $gw_ip/25 dev eth0
	ip -n gateway route add default via $gw_gw
	ip -n target addr add $target_ip/25 dev eth0
	ip -n target route add default via $gw_gw
}

# Section 2.2, the operators' scripts line by line: 'ip tunnel' is $TUN,
# 'ifconfig X ADDR' is 'ip addr add ADDR/32 dev X' (what ifconfig gives a
# point-to-point device).

# a) client, tunnel 1
seed22_client() {
	local tunl=tunl1
	nsx client $TUN add $tunl mode ipip remote $proxy_ip dev eth0
	nsx client ip addr add $client_ip/32 dev $tunl
	nsx client ip link set $tunl up
	nsx client ip route add $proxy_ip via $client_gw dev $tunl onlink
	nsx client ip route add $gw_ip via $client_gw dev $tunl onlink
	nsx client ip route add $target_ip via $client_gw dev $tunl onlink
}

# b) proxy
seed22_proxy() {
	local tunl
	forwarding proxy
	tunl=tunl1
	nsx proxy $TUN add $tunl mode ipip remote $client_ip dev eth0
	nsx proxy ip addr add $proxy_ip/32 dev $tunl
	nsx proxy ip link set $tunl up
	nsx proxy ip route add $client_ip via $proxy_gw dev $tunl onlink
	tunl=tunl2
	nsx proxy $TUN add $tunl mode ipip remote $gw_ip dev eth0
	nsx proxy ip addr add $proxy_ip/32 dev $tunl
	nsx proxy ip link set $tunl up
	nsx proxy ip route add $gw_ip via $proxy_gw dev $tunl onlink
	nsx proxy ip route add $target_ip via $proxy_gw dev $tunl onlink
}

# c) gateway
seed22_gateway() {
	local tunl=tunl2
	forwarding gateway
	nsx gateway $TUN add $tunl mode ipip remote $proxy_ip dev eth0
	nsx gateway ip addr add $gw_ip/32 dev $tunl
	nsx gateway ip link set $tunl up
	nsx gateway ip route add $proxy_ip via $gw_gw dev $tunl onlink
	nsx gateway ip route add $client_ip via $gw_gw dev $tunl onlink
}

# d) target
seed22_target() {
	nsx target ip route add $client_ip via $gw_ip dev eth0 onlink
}

seed22_tunnels() {
	seed22_client
	seed22_proxy
	seed22_gateway
	seed22_target
}

# Section 2.4: private tunnel addresses over the public ones.
seed24_tunnels() {
	nsx client $TUN add tunl1 mode ipip remote $proxy_ip dev eth0
	nsx client ip addr add $client_priv/32 dev tunl1
	nsx client ip link set tunl1 up
	nsx client ip route add $proxy_priv via $client_gw dev tunl1 onlink
	nsx client ip route add $gw_priv via $client_gw dev tunl1 onlink

	forwarding proxy
	nsx proxy $TUN add tunl1 mode ipip remote $client_ip
	nsx proxy ip addr add $proxy_priv/32 dev tunl1
	nsx proxy ip link set tunl1 up
	nsx proxy ip route add $client_priv via $proxy_gw dev tunl1 onlink
	nsx proxy $TUN add tunl2 mode ipip remote $gw_ip
	nsx proxy ip addr add $proxy_priv/32 dev tunl2
	nsx proxy ip link set tunl2 up
	nsx proxy ip route add $gw_priv via $proxy_gw dev tunl2 onlink

	nsx gateway $TUN add tunl2 mode ipip remote $proxy_ip
	nsx gateway ip addr add $gw_priv/32 dev tunl2
	nsx gateway ip link set tunl2 up
	nsx gateway ip route add $proxy_priv via $gw_gw dev tunl2 onlink
	nsx gateway ip route add $client_priv via $gw_gw dev tunl2 onlink
}
