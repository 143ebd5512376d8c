#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The seed study's section 2.2 played in namespaces, showing what its
# operator looks at: the tunnels, the routes, netstat -i before and after a
# ping that can only cross through the tunnels. Topology: seed-topology.sh.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../seed-topology.sh
. "$(dirname "$0")/../seed-topology.sh"

heading() {
	printf '\n=== %s\n' "$*"
}

# show NS CMD...: print the prompt an operator would see, then the output.
show() {
	local ns=$1
	shift
	printf '[root@%s]# %s\n' "$ns" "$*"
	nsx "$ns" "$@"
}

heading "The testbed: client, proxy, gateway, target and a router"
sed -n '/^#    client/,/^#  *eth0, tunl2/p' "$(dirname "$0")/../seed-topology.sh" | sed 's/^#//'
seed_lans

heading "Before the tunnels, the router refuses client -> gateway"
show client ping -n -c 2 -w 3 $gw_ip || true

heading "The operators' scripts (section 2.2), with $TUN for 'ip tunnel'"
# Narrate every command the scripts run in a namespace.
nsx() {
	local ns=$1
	shift
	[ "${narrate:-0}" = 0 ] || printf '[root@%s]# %s\n' "$ns" "$*"
	ip netns exec "$ns" "$@"
}
narrate=1
seed22_tunnels
narrate=0

heading "The tunnels"
show client $TUN show
show proxy $TUN show
show client ip link show tunl1
show proxy ip link show

heading "Routes"
show client ip route
show proxy ip route
show gateway ip route

heading "netstat -i on the proxy, before"
show proxy netstat -i

heading "Ping the gateway and the target from the client, through the tunnels"
show client ping -n -c 5 -i 0.2 $gw_ip
show client ping -n -c 5 -i 0.2 $target_ip

heading "netstat -i on the proxy, after: tunl1 and tunl2 counted the pings"
show proxy netstat -i
heading "The client's tunnel"
show client ip -s link show tunl1

heading "Take tunl1 down and the gateway is out of reach again"
show client ip link set tunl1 down
show client ping -n -c 2 -w 3 $gw_ip || true

# shellcheck source=failover.sh
. "$(dirname "$0")/failover.sh"
