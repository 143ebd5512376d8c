#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tunnel MTU: by default the lower device's MTU less 20 (the link device's,
# or for an unbound tunnel the device of its route to the remote); and
# `ip link set NAME mtu N` takes exactly 68..65515 (65535 - 20) and refuses
# everything outside, leaving the MTU as it was.
#
#   a eth0 198.51.100.1/24  (mtu 1500)  ---- b eth0 198.51.100.2/24
#   a eth1 192.0.2.1/25     (mtu 9000)  ---- c eth0 192.0.2.2/25
#   a eth2 192.0.2.129/25   (mtu 65535) ---- d eth0 192.0.2.130/25
#   t1 203.0.113.101 ============================ b t1 203.0.113.102 (last part)
#   t1 dev eth0, t2 dev eth1, t3 unbound over eth2, t4 unbound over eth0

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

netns_add a b c d
veth a eth0 b eth0
veth a eth1 c eth0
veth a eth2 d eth0
ip -n a link set dev eth1 mtu 9000
ip -n a link set dev eth2 mtu 65535
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
ip -n a addr add 192.0.2.1/25 dev eth1
ip -n a addr add 192.0.2.129/25 dev eth2

nsx a $TUN add t1 mode ipip remote 198.51.100.2 local 198.51.100.1 dev eth0
nsx a $TUN add t2 mode ipip remote 192.0.2.2 local 192.0.2.1 dev eth1
nsx a $TUN add t3 mode ipip remote 192.0.2.130
nsx a $TUN add t4 mode ipip remote 198.51.100.3

mtu() {
	nsx a cat "/sys/class/net/$1/mtu"
}
expect_eq "t1 mtu (dev eth0, 1500)" "$(mtu t1)" 1480
expect_eq "t2 mtu (dev eth1, 9000)" "$(mtu t2)" 8980
expect_eq "t3 mtu (route over eth2, 65535)" "$(mtu t3)" 65515
expect_eq "t4 mtu (route over eth0, 1500)" "$(mtu t4)" 1480

log "ip link set t1 mtu N, inside 68..65515"
for n in 68 69 576 1280 1480 1500 9000 65514 65515 1480; do
	ip -n a link set dev t1 mtu $n || fail "ip link set t1 mtu $n was refused"
	expect_eq "t1 mtu after ip link set t1 mtu $n" "$(mtu t1)" $n
done

log "and outside"
ip -n a link set dev t1 mtu 1400
for n in 0 1 67 65516 65535 65536 100000; do
	if out=$(ip -n a link set dev t1 mtu $n 2>&1); then
		fail "ip link set t1 mtu $n was accepted (mtu now $(mtu t1))"
	fi
	log "mtu $n: $out"
	expect_eq "t1 mtu after the refused mtu $n" "$(mtu t1)" 1400
done

log "the same bounds with the tunnel up and carrying traffic"
nsx b $TUN add t1 mode ipip remote 198.51.100.1 local 198.51.100.2 dev eth0
ip -n a addr add 203.0.113.101/32 peer 203.0.113.102 dev t1
ip -n b addr add 203.0.113.102/32 peer 203.0.113.101 dev t1
ip -n a link set dev t1 up
ip -n b link set dev t1 up
ip -n a link set dev t1 mtu 68
ping_ok a 203.0.113.102 -s 40 -M "do"
! ip -n a link set dev t1 mtu 67 2>/dev/null || fail "mtu 67 accepted on an up tunnel"
ip -n a link set dev t1 mtu 65515
ip -n a link set dev t1 mtu 1480
ping_ok a 203.0.113.102 -s 1452 -M "do"
! ip -n a link set dev t1 mtu 65516 2>/dev/null || fail "mtu 65516 accepted on an up tunnel"
expect_eq "t1 mtu" "$(mtu t1)" 1480
