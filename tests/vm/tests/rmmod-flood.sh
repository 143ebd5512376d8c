#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rmmod while a flood ping runs through the tunnel: the module goes away
# cleanly, takes its tunnels and every scid0 with it, and loads again.
#
#   a                                  b
#   eth0 198.51.100.1/24 ---------- eth0 198.51.100.2/24
#   tunl1 203.0.113.1  ============ tunl1 203.0.113.2
#        ping -f -->

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx a $TUN add tunl1 mode ipip remote 198.51.100.2 dev eth0
nsx b $TUN add tunl1 mode ipip remote 198.51.100.1 dev eth0
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev tunl1
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev tunl1
ip -n a link set tunl1 up
ip -n b link set tunl1 up
ping_ok a 203.0.113.2

# ip netns exec execs ping, so $! is the ping itself.
ip netns exec a ping -n -q -f -w 60 203.0.113.2 >/tmp/flood.out 2>&1 &
flood=$!
flowing() {
	[ "$(counter b tunl1 rx_packets)" -ge 200 ]
}
wait_until 20 flowing || fail "the flood did not get going: $(counter b tunl1 rx_packets) packets"
kill -0 $flood 2>/dev/null || fail "the flood ping stopped early: $(cat /tmp/flood.out)"

log "rmmod $MOD under the flood"
if ! out=$(timeout 30 rmmod $MOD 2>&1); then
	fail "rmmod $MOD: $out"
fi
[ ! -d /sys/module/$MOD ] || fail "$MOD is still loaded"
log "the flood ping is $(kill -0 $flood 2>/dev/null && echo 'still running' || echo gone) after rmmod"
for ns in a b; do
	! has_dev $ns tunl1 || fail "tunl1 still exists in $ns"
	! has_dev $ns scid0 || fail "scid0 still exists in $ns"
done
[ ! -e /sys/class/net/scid0 ] || fail "scid0 still exists in the init namespace"

kill $flood 2>/dev/null || true
wait $flood 2>/dev/null || true
log "flood: $(tail -n 2 /tmp/flood.out | tr '\n' ' ')"

log "insmod again"
insmod /opt/scid/scid_ipip.ko
[ -e /sys/class/net/scid0 ] || fail "no scid0 in the init namespace after insmod"
has_dev a scid0 || fail "no scid0 in namespace a after insmod"
nsx a $TUN add tunl1 mode ipip remote 198.51.100.2 dev eth0
nsx b $TUN add tunl1 mode ipip remote 198.51.100.1 dev eth0
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev tunl1
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev tunl1
ip -n a link set tunl1 up
ip -n b link set tunl1 up
ping_ok a 203.0.113.2
