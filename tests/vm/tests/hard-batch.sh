#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Deleting many tunnels in one request (SCID_IOC_DELTUNNELS):
#   1. scidtun del with several names is all or none: one name that is no
#      scid_ipip tunnel (missing, a dummy, a kernel ipip tunnel, scid0) is
#      named in the error, "nothing was deleted" follows, and every tunnel
#      is still there; a repeated name is deleted once;
#   2. flush -n lists what would go and deletes nothing; flush deletes
#      every scid_ipip tunnel and leaves scid0 and other devices;
#   3. N tunnels, one of them decapsulating a flood, go in one flush while
#      the flood runs, and in one del of all their names; the namespace
#      then works again;
#   4. ip netns del of a namespace holding N tunnels.
# Short: N=50; SCID_STRESS=1: N=2000.
#
#   a: eth0 198.51.100.1/24 ------ b: eth0 198.51.100.2/24
#   a: t0 192.0.2.1 ============== b: t0 192.0.2.2, and t1..tN (no peer)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

n=$(size 50 2000)

# tunnels_of NS: the scid_ipip tunnels of NS, sorted, on one line.
tunnels_of() {
	nsx "$1" scidtun show | cut -f1 | sort | tr '\n' ' '
}

# refused WHAT NAME ARGS...: scidtun del ARGS fails, names NAME, deletes nothing.
refused() {
	local what=$1 name=$2 before out
	shift 2
	before=$(tunnels_of a)
	if out=$(nsx a scidtun del "$@" 2>&1); then
		fail "$what: del $* succeeded"
	fi
	expect_match "$what: the refused name" "$out" "$name"
	expect_match "$what: says so" "$out" "nothing was deleted"
	expect_eq "$what: tunnels left" "$(tunnels_of a)" "$before"
}

# add_many NS FIRST LAST: tunnels tFIRST..tLAST to distinct remotes, no
# peer, up. One setconf makes them all: what is tested here is deleting
# them, and a process per tunnel took half of this test's time in the
# debug kernel.
add_many() {
	local i conf=/tmp/hard-batch.conf
	for i in $(seq "$2" "$3"); do
		echo "tunnel t$i remote 203.0.113.$((i % 250 + 1)) local 192.0.2.$((i / 250 + 10))"
	done >$conf
	nsx "$1" scidtun setconf $conf >/dev/null
}

rx_rose() {
	[ "$(counter "$1" "$2" rx_packets)" -ge "$3" ]
}

gone_ns() {
	! ip netns list | grep -qw "$1"
}

log "[${SECONDS}s] 1. del of several names: all or none"
netns_add a
modprobe ipip
ip -n a link add d0 type dummy
ip -n a link add ip1 type ipip remote 198.51.100.9 local 192.0.2.9
for i in 1 2 3 4 5; do
	nsx a scidtun add "t$i" remote "198.51.100.$i" local 192.0.2.1
done
refused "a missing name" "no scid_ipip tunnel named 'nosuch'" t1 nosuch t2
refused "a dummy" "no scid_ipip tunnel named 'd0'" t1 t2 d0
refused "a kernel ipip tunnel" "no scid_ipip tunnel named 'ip1'" ip1 t1
# A bad name is the tool's to refuse, before any request.
if out=$(nsx a scidtun del t1 t23456789abcdef0 2>&1); then
	fail "del of a name too long succeeded"
fi
expect_match "a name too long" "$out" "invalid name 't23456789abcdef0'"
expect_eq "after a name too long" "$(tunnels_of a)" "t1 t2 t3 t4 t5 "
nsx a scidtun del t1 t2 t1
expect_eq "after del t1 t2 t1" "$(tunnels_of a)" "t3 t4 t5 "

log "[${SECONDS}s] 2. flush -n, then flush"
out=$(nsx a scidtun flush -n)
expect_eq "flush -n" "$out" "$(printf '%s\n' "t3: would be deleted" "t4: would be deleted" \
	"t5: would be deleted" "dry run: nothing was deleted")"
expect_eq "after flush -n" "$(tunnels_of a)" "t3 t4 t5 "
nsx a scidtun flush
expect_eq "after flush" "$(tunnels_of a)" ""
for d in scid0 d0 ip1; do
	has_dev a "$d" || fail "flush took $d"
done
nsx a scidtun flush
ip netns del a

log "[${SECONDS}s] 3. $n tunnels deleted at once under a flood"
netns_add a b
pair a b
flood_start() {
	ip netns exec a hard-flood -d 192.0.2.2 -t 86400 >/tmp/flood.out 2>&1 &
	flood=$!
	wait_until 20 rx_rose b t0 $(($(counter b t0 rx_packets) + 20)) ||
		fail "the flood did not get through t0"
}
flood_stop() {
	kill -0 $flood || fail "the flood died with b's tunnels"
	kill -TERM $flood 2>/dev/null || true
	wait $flood 2>/dev/null || true
}
# The tunnels are made before the flood, which would slow their making.
add_many b 1 "$n"
expect_eq "tunnels in b" "$(nsx b scidtun show | wc -l)" $((n + 1))
flood_start
nsx b scidtun flush
expect_eq "tunnels in b after flush" "$(tunnels_of b)" ""
flood_stop
nsx b scidtun add t0 remote 198.51.100.1 local 198.51.100.2 dev eth0
ip -n b addr add 192.0.2.2/32 peer 192.0.2.1 dev t0
ip -n b link set t0 up
add_many b 1 "$n"
flood_start
# shellcheck disable=SC2046 # one word per name
nsx b scidtun del $(nsx b scidtun show | cut -f1)
expect_eq "tunnels in b after del of all names" "$(tunnels_of b)" ""
flood_stop
ip netns del b
ip netns del a

log "[${SECONDS}s] 4. ip netns del with $n tunnels"
netns_add a b
pair a b
add_many b 1 "$n"
ping_ok a 192.0.2.2
ip netns del b
wait_until 60 gone_ns b || fail "b did not go"
ping_fails a 192.0.2.2
ip netns del a

log "[${SECONDS}s] done"
hard_figure "tunnels=$n"
