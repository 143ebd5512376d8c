#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The outer DF policy, three values, seen on the wire at b:
#
#   policy     inner DF   inner no DF   3028-byte inner DF ping over 1500
#   nodf       DF 0       DF 0          crosses, outer fragmented by r
#   inherit    DF 1       DF 0          refused: frag-needed
#   pmtudisc   DF 1       DF 1          refused: frag-needed
#
#   a                       r                      b
#   eth0 ---9000--- ra | rb ---1500--- eth0
#   198.51.100.1/25  .2/25 | .129/25     198.51.100.130/25
#   t1 203.0.113.1 (mtu 8980) ======================= t1 203.0.113.2
#
# scidtun sets the policy; tun-df (tests/vm/progs/tun-df.c) reads it back
# through the ioctl, independently of scidtun's own output.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add a r b
veth a eth0 r ra
veth r rb b eth0
ip -n a link set dev eth0 mtu 9000
ip -n r link set dev ra mtu 9000
ip -n a addr add 198.51.100.1/25 dev eth0
ip -n a route add default via 198.51.100.2
ip -n r addr add 198.51.100.2/25 dev ra
ip -n r addr add 198.51.100.129/25 dev rb
ip -n b addr add 198.51.100.130/25 dev eth0
ip -n b route add default via 198.51.100.129
forwarding r
nsx r sysctl -qw net.ipv4.icmp_ratelimit=0

nsx a scidtun add t1 mode ipip remote 198.51.100.130 local 198.51.100.1
nsx b scidtun add t1 mode ipip remote 198.51.100.1 local 198.51.100.130
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n a link set dev t1 up
ip -n b link set dev t1 up
expect_eq "t1 mtu in a" "$(nsx a cat /sys/class/net/t1/mtu)" 8980
expect_eq "default policy" "$(nsx a tun-df t1)" pmtudisc

# set_policy POLICY: a's t1 gets POLICY through scidtun.
set_policy() {
	case $1 in
	pmtudisc) nsx a scidtun change t1 pmtudisc ;;
	inherit) nsx a scidtun change t1 nopmtudisc ;;
	nodf) nsx a scidtun change t1 nodf ;;
	esac
	expect_eq "a t1 policy" "$(nsx a tun-df t1)" "$1"
}

# check POLICY DF_OF_DF DF_OF_NODF BIG: small pings with and without DF
# (inner lengths 128 and 129) leave with the outer DF given; BIG is "ok" if
# a 3028-byte DF ping crosses, "refused" if a is told frag-needed.
check() {
	local policy=$1 want_do=$2 want_dont=$3 big=$4 out
	log "policy $policy"
	set_policy "$policy"
	capture_start b eth0 4
	PING_COUNT=2 ping_ok a 203.0.113.2 -M "do" -s 100
	PING_COUNT=2 ping_ok a 203.0.113.2 -M dont -s 101
	if [ "$big" = ok ]; then
		PING_COUNT=2 ping_ok a 203.0.113.2 -M "do" -s 3000
	else
		out=$(nsx a ping -n -M "do" -s 3000 -c 3 -i 0.4 -w 4 203.0.113.2 2>&1 || true)
		expect_match "3028-byte DF ping with $policy" "$out" "mtu[ =:]*1480"
		expect_no_match "3028-byte DF ping with $policy" "$out" " 0% packet loss"
	fi
	capture_stop
	cap_has "$policy: captured the small pings" " ilen=128$"
	cap_lacks "$policy: outer DF of an inner DF packet" " df=$((1 - want_do)) .* idf=1 .* ilen=128$"
	cap_lacks "$policy: outer DF of an inner packet without DF" " df=$((1 - want_dont)) .* idf=0 .* ilen=129$"
	cap_has "$policy: outer DF of an inner DF packet" " df=$want_do .* idf=1 .* ilen=128$"
	cap_has "$policy: outer DF of an inner packet without DF" " df=$want_dont .* idf=0 .* ilen=129$"
	if [ "$big" = ok ]; then
		cap_has "$policy: the 3028-byte DF ping crossed as outer fragments" \
			" df=0 mf=1 off=0 .* idf=1 .* ilen=3028$"
		cap_has "$policy: the later outer fragments" " df=0 mf=[01] off=[1-9]"
	fi
}

# nodf first: it is the one that teaches a no path MTU.
check nodf 0 0 ok
check inherit 1 0 refused
check pmtudisc 1 1 refused
