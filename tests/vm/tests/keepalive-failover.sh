#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The study's failover: a client with tunnels to two proxies, keepalive
# 100ms hold 3 on both, routes to the server through proxy 1 (metric 10)
# and proxy 2 (metric 20). A TCP transfer runs while proxy 1 stops
# forwarding without a word to anyone (its tunnel goes down); the client's
# tunnel to it loses its carrier, the kernel's routing moves the transfer to
# proxy 2, and the transfer completes without a reset. Proxy 1 returns and
# traffic moves back. No route is touched by anyone after the setup.
#
# The network: tests/vm/failover-net.sh.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../failover-net.sh
. "$(dirname "$0")/../failover-net.sh"
need_scid

carrier() {
	[ "$(nsx "$1" cat "/sys/class/net/$2/carrier")" = "$3" ]
}
rx_above() {
	[ "$(counter "$1" "$2" rx_packets)" -gt "$3" ]
}

failover_net
nsx fcl scidtun add t1 local 192.0.2.1 remote 192.0.2.2 dev a1 keepalive 100ms hold 3
nsx fcl scidtun add t2 local 192.0.2.5 remote 192.0.2.6 dev a2 keepalive 100ms hold 3
nsx fp1 scidtun add t1 local 192.0.2.2 remote 192.0.2.1 dev c1
nsx fp2 scidtun add t1 local 192.0.2.6 remote 192.0.2.5 dev c2
for ns in fp1:t1 fp2:t1 fcl:t1 fcl:t2; do
	ip -n "${ns%:*}" link set "${ns#*:}" up
done
ip -n fcl route add 203.0.113.10/32 dev t1 src 203.0.113.1 metric 10
ip -n fcl route add 203.0.113.10/32 dev t2 src 203.0.113.1 metric 20
ping_ok fcl 203.0.113.10
expect_match "route with both proxies alive" "$(ip -n fcl route get 203.0.113.10)" "dev t1"

log "a transfer through proxy 1; proxy 1 stops forwarding under it"
nsx fsv iperf3 -s -D -I /tmp/iperf3.pid
listening() {
	nsx fsv cat /proc/net/tcp /proc/net/tcp6 |
		awk '$2 ~ /:1451$/ && $4 == "0A" { found = 1 } END { exit !found }'
}
wait_until 10 listening || fail "iperf3 server did not start"
nsx fcl iperf3 -c 203.0.113.10 -B 203.0.113.1 -t 8 >/tmp/iperf3.client 2>&1 &
client=$!
p1=$(counter fp1 t1 rx_packets)
wait_until 20 rx_above fp1 t1 $((p1 + 200)) || fail "the transfer did not start over proxy 1"
p2=$(counter fp2 t1 rx_packets)
ip -n fp1 link set t1 down
wait_until 10 carrier fcl t1 0 || fail "the client's t1 kept its carrier"
wait_until 20 rx_above fp2 t1 $((p2 + 200)) || fail "the transfer did not move to proxy 2"
expect_match "route with proxy 1 gone" "$(ip -n fcl route get 203.0.113.10)" "dev t2"
wait "$client" || fail "the transfer failed across the switch: $(cat /tmp/iperf3.client)"
kill "$(cat /tmp/iperf3.pid)" 2>/dev/null || true
expect_match "iperf3 receiver summary" "$(cat /tmp/iperf3.client)" "receiver"
expect_no_match "iperf3 errors" "$(cat /tmp/iperf3.client)" "error|reset"

log "proxy 1 returns: traffic moves back"
ip -n fp1 link set t1 up
wait_until 10 carrier fcl t1 1 || fail "the client's t1 did not regain its carrier"
expect_match "route with proxy 1 back" "$(ip -n fcl route get 203.0.113.10)" "dev t1"
p1=$(counter fp1 t1 rx_packets)
ping_ok fcl 203.0.113.10
rx_above fp1 t1 "$p1" || fail "the ping did not go through proxy 1"
