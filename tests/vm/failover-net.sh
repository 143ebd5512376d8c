# SPDX-License-Identifier: GPL-2.0
#
# The study's failover network, shared by the keepalive-failover test, the
# demo's last scene and the benchmark's failover rows (the bench guest has
# no lib.sh: plain ip commands only). A client, two proxies that forward to
# a server, and the server's way back through proxy 2, so that replies
# arrive whichever proxy carries the client's packets. The tunnels are each
# user's own.
#
#   fcl a1 192.0.2.1/30 ---- 192.0.2.2/30 fp1 b1 198.51.100.1/30 --+
#       a2 192.0.2.5/30 ---- 192.0.2.6/30 fp2 b2 198.51.100.5/30 --+-- fsv
#   fcl 203.0.113.1 (lo), fsv 203.0.113.10 (lo)

failover_net() {
	local ns i

	for ns in fcl fp1 fp2 fsv; do
		ip netns add $ns
		ip -n $ns link set lo up
	done
	for i in 1 2; do
		ip link add a$i netns fcl type veth peer name c$i netns fp$i
		ip link add b$i netns fp$i type veth peer name s$i netns fsv
		ip -n fcl addr add 192.0.2.$((4 * i - 3))/30 dev a$i
		ip -n fp$i addr add 192.0.2.$((4 * i - 2))/30 dev c$i
		ip -n fp$i addr add 198.51.100.$((4 * i - 3))/30 dev b$i
		ip -n fsv addr add 198.51.100.$((4 * i - 2))/30 dev s$i
		ip -n fcl link set a$i up
		ip -n fp$i link set c$i up
		ip -n fp$i link set b$i up
		ip -n fsv link set s$i up
		ip netns exec fp$i sysctl -qw net.ipv4.ip_forward=1
		ip -n fp$i route add 203.0.113.10/32 via 198.51.100.$((4 * i - 2))
	done
	ip -n fcl addr add 203.0.113.1/32 dev lo
	ip -n fsv addr add 203.0.113.10/32 dev lo
	ip -n fsv route add 203.0.113.1/32 via 198.51.100.5
	ip -n fp2 route add 203.0.113.1/32 via 192.0.2.5
}

# poll_until NS FILE OP VALUE: in NS, read FILE (a sysfs counter or flag)
# every millisecond until "FILE OP VALUE" holds; prints the time then
# ($EPOCHREALTIME). A shell loop, not a command per read: forking would
# cost more than the millisecond it measures.
poll_until() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	ip netns exec "$1" bash -c '
		exec 3<> <(:)
		until [ "$(<"$1")" "$2" "$3" ]; do read -r -t 0.001 -u 3 || :; done
		echo "$EPOCHREALTIME"' - "$2" "$3" "$4"
}

# ms_between T0 T1: milliseconds from one $EPOCHREALTIME to another.
ms_between() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'
}
