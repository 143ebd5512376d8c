#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo's last scene, sourced by seed.sh: the study's reason for the
# tunnels. A client keeps tunnels to two proxies with keepalive; proxy 1
# goes silent as an attacked one would, the client's routing moves to
# proxy 2 by itself, and back when proxy 1 returns. Prints how long each
# switch took (guest time, TCG: slower than real hardware).
# The network: tests/vm/failover-net.sh.

# shellcheck source=../failover-net.sh
. "$(dirname "${BASH_SOURCE[0]}")/../failover-net.sh"
ms_since() {
	echo "$(ms_between "$1" "$2") ms"
}

heading "Two proxies and failover: the network set up"
failover_net
echo "client fcl (203.0.113.1), proxies fp1 and fp2, server fsv (203.0.113.10)"

heading "The client: a tunnel to each proxy, keepalive 100ms hold 3"
narrate=1
nsx fcl scidtun add t1 local 192.0.2.1 remote 192.0.2.2 dev a1 keepalive 100ms hold 3
nsx fcl scidtun add t2 local 192.0.2.5 remote 192.0.2.6 dev a2 keepalive 100ms hold 3
nsx fp1 scidtun add t1 local 192.0.2.2 remote 192.0.2.1 dev c1
nsx fp2 scidtun add t1 local 192.0.2.6 remote 192.0.2.5 dev c2
for ns in fp1:t1 fp2:t1 fcl:t1 fcl:t2; do
	nsx "${ns%:*}" ip link set "${ns#*:}" up
done
nsx fcl ip route add 203.0.113.10/32 dev t1 src 203.0.113.1 metric 10
nsx fcl ip route add 203.0.113.10/32 dev t2 src 203.0.113.1 metric 20
narrate=0
sleep 1
show fcl scidtun show
show fcl ip route get 203.0.113.10

heading "Proxy 1 goes silent (as an attacked one would); a ping runs"
# No deadline: with one, ping stops at the first error, and proxy 1's
# "protocol unreachable" for the packets it no longer takes is one.
ip netns exec fcl ping -n -q -i 0.02 203.0.113.10 >/tmp/demo.ping 2>&1 &
ping_pid=$!
sleep 1
rx=$(nsx fp2 cat /sys/class/net/t1/statistics/rx_packets)
poll_until fcl /sys/class/net/t1/carrier -eq 0 >/tmp/demo.down &
down_pid=$!
poll_until fp2 /sys/class/net/t1/statistics/rx_packets -gt "$rx" >/tmp/demo.moved &
moved_pid=$!
t0=$EPOCHREALTIME
show fp1 ip link set t1 down
wait "$down_pid" "$moved_pid"
echo "client's t1 lost its carrier after $(ms_since "$t0" "$(</tmp/demo.down)")"
echo "first packet through proxy 2 after $(ms_since "$t0" "$(</tmp/demo.moved)")"
show fcl ip link show t1
show fcl ip route get 203.0.113.10

heading "Proxy 1 is back; traffic returns to it"
rx=$(nsx fp1 cat /sys/class/net/t1/statistics/rx_packets)
poll_until fp1 /sys/class/net/t1/statistics/rx_packets -gt "$rx" >/tmp/demo.back &
back_pid=$!
t0=$EPOCHREALTIME
show fp1 ip link set t1 up
wait "$back_pid"
echo "first packet through proxy 1 again after $(ms_since "$t0" "$(</tmp/demo.back)")"
kill -INT "$ping_pid"
wait "$ping_pid" || true
tail -n 2 /tmp/demo.ping
show fcl scidtun show -s t1
