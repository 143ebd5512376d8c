#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ICMP errors that a router on the outer path sends about a tunnel's outer
# packets: each is counted on the tunnel it concerns and acted on as the
# kernel's ipip does.
#   - redirect: a's outer route to the remote takes the new gateway;
#   - time exceeded with a fixed TTL, and destination unreachable: the next
#     inner packets' senders are told "host unreachable";
#   - time exceeded with an inherited TTL: the inner sender's own TTL ran
#     out, so it is counted and nothing is passed on.
# (frag-needed is dp-pmtu's.)
#
#   a eth0 198.51.100.1/24 --+
#   r1 eth0 198.51.100.2/24 -+-- br0 (netns sw)
#   b eth0 198.51.100.4/24 --+   b lo 192.0.2.2, 192.0.2.3 (outer endpoints)
#
#   a: 192.0.2.0/24 via r1.  r1: 192.0.2.0/24 via b (same link: redirect),
#      unreachable 192.0.2.99.
#   a tr 203.0.113.1 ====== b tr 203.0.113.2   remote 192.0.2.2
#   a ti 203.0.113.5 ====== b ti 203.0.113.6   remote 192.0.2.3, ttl inherit
#   a tf 203.0.113.9  ---->                    remote 192.0.2.4, ttl 1
#   a tu 203.0.113.13 ---->                    remote 192.0.2.99

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# stat_ge / stat_eq WHAT NS DEV COUNTER N: a scid_ipip counter (not checked
# in a reference run: the kernel's ipip has no such counters).
stat_ge() {
	[ "$MOD" = scid_ipip ] || return 0
	expect_ge "$1" "$(scid_stat "$2" "$3" "$4")" "$5"
}
stat_eq() {
	[ "$MOD" = scid_ipip ] || return 0
	expect_eq "$1" "$(scid_stat "$2" "$3" "$4")" "$5"
}

netns_add sw a r1 b
veth a eth0 sw pa
veth r1 eth0 sw pr
veth b eth0 sw pb
bridge_add sw br0 pa pr pb
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n r1 addr add 198.51.100.2/24 dev eth0
ip -n b addr add 198.51.100.4/24 dev eth0
ip -n b addr add 192.0.2.2/32 dev lo
ip -n b addr add 192.0.2.3/32 dev lo
ip -n a route add 192.0.2.0/24 via 198.51.100.2
ip -n r1 route add 192.0.2.0/24 via 198.51.100.4
ip -n r1 route add unreachable 192.0.2.99/32
forwarding r1
nsx r1 sysctl -qw net.ipv4.icmp_ratelimit=0
nsx r1 sysctl -qw net.ipv4.conf.all.send_redirects=1
nsx r1 sysctl -qw net.ipv4.conf.eth0.send_redirects=1
nsx a sysctl -qw net.ipv4.conf.all.accept_redirects=1
nsx a sysctl -qw net.ipv4.conf.eth0.accept_redirects=1

# tunnel NS NAME LOCAL REMOTE INNER PEER [OPTION...]
tunnel() {
	local ns=$1 name=$2 lcl=$3 rmt=$4 inner=$5 peer=$6
	shift 6
	nsx "$ns" $TUN add "$name" mode ipip remote "$rmt" local "$lcl" "$@"
	ip -n "$ns" addr add "$inner/32" peer "$peer" dev "$name"
	ip -n "$ns" link set dev "$name" up
}
tunnel a tr 198.51.100.1 192.0.2.2 203.0.113.1 203.0.113.2
tunnel b tr 192.0.2.2 198.51.100.1 203.0.113.2 203.0.113.1
tunnel a ti 198.51.100.1 192.0.2.3 203.0.113.5 203.0.113.6 ttl inherit
tunnel b ti 192.0.2.3 198.51.100.1 203.0.113.6 203.0.113.5
tunnel a tf 198.51.100.1 192.0.2.4 203.0.113.9 203.0.113.10 ttl 1
tunnel a tu 198.51.100.1 192.0.2.99 203.0.113.13 203.0.113.14

# pings NS DST [OPTION...]: the output of a short ping, answered or not.
pings() {
	local ns=$1 dst=$2
	shift 2
	nsx "$ns" ping -n -c 4 -i 0.4 -w 4 "$@" "$dst" 2>&1 || true
}

log "time exceeded, ttl inherit: counted, not passed on"
out=$(pings a 203.0.113.6 -t 1)
printf '%s\n' "$out" | indent
stat_ge "a ti icmp_time_exceeded after pings with ttl 1" a ti icmp_time_exceeded 1
out=$(nsx a ping -n -c 3 -i 0.2 -w 10 203.0.113.6 2>&1) ||
	fail "pings over ti right after its TTL-exceeded errors were not all answered: $out"
expect_no_match "pings over ti after TTL-exceeded with ttl inherit" "$out" "[Uu]nreachable"

log "time exceeded, ttl 1: counted, and inner senders hear of it"
out=$(pings a 203.0.113.10)
printf '%s\n' "$out" | indent
stat_ge "a tf icmp_time_exceeded" a tf icmp_time_exceeded 1
expect_match "pings over tf" "$out" "Destination Host Unreachable"

log "destination unreachable: counted, and inner senders hear of it"
out=$(pings a 203.0.113.14)
printf '%s\n' "$out" | indent
stat_ge "a tu icmp_unreachable" a tu icmp_unreachable 1
expect_match "pings over tu" "$out" "Destination Host Unreachable"
stat_eq "a tu icmp_time_exceeded" a tu icmp_time_exceeded 0
stat_eq "a tf icmp_unreachable" a tf icmp_unreachable 0

log "redirect: r1 points a at b for 192.0.2.2; a's outer route follows"
expect_match "a's route to 192.0.2.2 before" "$(ip -n a route get 192.0.2.2)" "via 198\.51\.100\.2 "
ping_ok a 203.0.113.2
stat_ge "a tr icmp_redirect" a tr icmp_redirect 1
out=$(ip -n a route get 192.0.2.2)
expect_match "a's route to 192.0.2.2 after the redirect" "$out" "via 198\.51\.100\.4 "
ping_ok a 203.0.113.2
stat_eq "a tr icmp_unreachable" a tr icmp_unreachable 0
stat_eq "a tr icmp_time_exceeded" a tr icmp_time_exceeded 0
