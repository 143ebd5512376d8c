#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IFLA_LINK_NETNSID ('ip link add NAME link-netnsid ID type scid_ipip ...'):
# a tunnel made in "app" whose link namespace is "under" sends and
# receives its outer packets in under, and its dev (under's eth0, an
# ifindex app lacks) is looked up there. Since 6.15 rtnetlink creates the
# device in app directly and passes link_net beside it; a driver that
# takes dev_net(dev) for the outer side refuses dev (ENODEV in app) or,
# without dev, routes the outer packets in app. progs/link-netns.c sends
# the request, so the test needs no ip plugin.
#
#   under                                b
#   eth0 198.51.100.1/24 ------------- eth0 198.51.100.2/24
#                                      t1 203.0.113.2 (remote 198.51.100.1)
#   app: lo, scid0, t1 203.0.113.1 (link-netnsid 7 = under, dev eth0)
#        u1 203.0.113.5, the same without dev

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add under app b
veth under eth0 b eth0
ip -n under addr add 198.51.100.1/24 dev eth0
ip -n under addr add 198.51.100.5/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx b scidtun add t1 mode ipip remote 198.51.100.1 local 198.51.100.2 dev eth0
nsx b scidtun add u1 mode ipip remote 198.51.100.5 local 198.51.100.2 dev eth0
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n b addr add 203.0.113.6/32 peer 203.0.113.5 dev u1
ip -n b link set dev t1 up
ip -n b link set dev u1 up

ip -n app netns set under 7
idx=$(nsx under cat /sys/class/net/eth0/ifindex)
! ip -n app -o link show | grep -q "^$idx:" || fail "app has ifindex $idx too; the test cannot tell"

log "u1: link-netnsid 7 (under), no dev"
nsx app /opt/scid/bin/link-netns u1 7 198.51.100.2 198.51.100.5 ||
	fail "RTM_NEWLINK with link-netnsid, no dev"
expect_match "ip -d link show u1 in app" "$(ip -n app -d link show dev u1)" \
	"link-netns(id)? (under|7)"
log "t1: link-netnsid 7 (under), dev eth0 (ifindex $idx in under)"
out=$(nsx app /opt/scid/bin/link-netns t1 7 198.51.100.2 198.51.100.1 "$idx" 2>&1) ||
	fail "RTM_NEWLINK with link-netnsid and under's eth0: $out"
expect_match "ip -d link show t1 in app" "$(ip -n app -d link show dev t1)" \
	"link-netns(id)? (under|7)"
expect_eq "devices in app" "$(nsx app ls /sys/class/net | sort | tr '\n' ' ')" "lo scid0 t1 u1 "

ip -n app addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n app addr add 203.0.113.5/32 peer 203.0.113.6 dev u1
ip -n app link set dev t1 up
ip -n app link set dev u1 up
tx=$(counter under eth0 tx_packets)
ping_ok app 203.0.113.2
ping_ok app 203.0.113.6
ping_ok b 203.0.113.1
expect_rise "under eth0 tx_packets (app's outer packets)" "$tx" "$(counter under eth0 tx_packets)" 9
expect_eq "t1 tx_drop_no_route" "$(scid_stat app t1 tx_drop_no_route)" 0
expect_eq "u1 tx_drop_no_route" "$(scid_stat app u1 tx_drop_no_route)" 0
