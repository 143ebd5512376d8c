#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A tunnel's MTU follows the device below until the operator chooses one;
# then it stays. Any explicit choice pins, also one equal to the MTU the
# tunnel has (dev_set_mtu() skips an unchanged value, so before, such a
# choice was lost at the next change below), and "mtu auto" goes back to
# following, at once. scidtun carries it over rtnetlink (the ioctls have no
# MTU), the plugin as "type scid_ipip mtu", and IFLA_MTU pins as well.
#
#   a: eth0 (veth to b) 198.51.100.1/24, MTU changed under the tunnels
#      p1 dev eth0, p2 dev eth0

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0

mtu() {
	nsx a cat "/sys/class/net/$1/mtu"
}
eth0_mtu() {
	ip -n a link set eth0 mtu "$1"
}

nsx a scidtun add p1 remote 192.0.2.1 local 198.51.100.1 dev eth0
expect_eq "p1 over a 1500 eth0" "$(mtu p1)" 1480
eth0_mtu 1400
expect_eq "p1 follows eth0 down" "$(mtu p1)" 1380
eth0_mtu 1500
expect_eq "p1 follows eth0 up" "$(mtu p1)" 1480

log "scidtun change p1 mtu 1480: pinned at the MTU it has"
nsx a scidtun change p1 mtu 1480
eth0_mtu 1400
expect_eq "p1 pinned at its own MTU" "$(mtu p1)" 1480

log "mtu auto: back to eth0's at once, and following again"
nsx a scidtun change p1 mtu auto
expect_eq "p1 unpinned" "$(mtu p1)" 1380
eth0_mtu 1500
expect_eq "p1 follows after auto" "$(mtu p1)" 1480

log "ip link set's own mtu pins when it changes the MTU"
ip -n a link set p1 mtu 1300
eth0_mtu 1400
expect_eq "p1 pinned by ip link set mtu" "$(mtu p1)" 1300
nsx a scidtun change p1 mtu auto
expect_eq "p1 unpinned again" "$(mtu p1)" 1380
eth0_mtu 1500

log "add with mtu pins from the start; a bad mtu changes nothing"
nsx a scidtun add p2 remote 192.0.2.2 local 198.51.100.1 dev eth0 mtu 1000
expect_eq "p2 added pinned" "$(mtu p2)" 1000
for bad in 67 65516 1480x; do
	if out=$(nsx a scidtun change p2 mtu "$bad" ttl 9 2>&1); then
		fail "scidtun change p2 mtu $bad succeeded"
	fi
	expect_match "mtu $bad refused" "$out" "invalid mtu '$bad'"
done
expect_eq "p2 kept its mtu" "$(mtu p2)" 1000
expect_match "p2 kept its ttl" "$(nsx a scidtun show p2)" "eth0.inherit"
eth0_mtu 1400
expect_eq "p2 stays pinned" "$(mtu p2)" 1000
eth0_mtu 1500

if ip_plugin; then
	log "ip link: the plugin's mtu, and IFLA_MTU at the current value, pin"
	expect_match "ip -d link: auto" "$(ip -n a -d link show p1)" "pmtudisc mtu auto"
	ip -n a link set p1 type scid_ipip mtu 1480
	expect_match "ip -d link: pinned" "$(ip -n a -d link show p1)" "pmtudisc mtu 1480"
	eth0_mtu 1400
	expect_eq "p1 pinned by the plugin" "$(mtu p1)" 1480
	ip -n a link set p1 type scid_ipip mtu auto
	expect_eq "p1 unpinned by the plugin" "$(mtu p1)" 1380
	eth0_mtu 1500
	ip -n a link add p3 mtu 1480 type scid_ipip remote 192.0.2.3 dev eth0
	eth0_mtu 1400
	expect_eq "p3 created pinned by IFLA_MTU" "$(mtu p3)" 1480
	if out=$(ip -n a link set p1 mtu 1300 type scid_ipip mtu 1200 2>&1); then
		fail "IFLA_MTU and the kind's mtu disagreeing was taken"
	fi
	expect_match "disagreeing mtus refused" "$out" "disagrees"
	expect_eq "p1 unchanged" "$(mtu p1)" 1380
else
	log "no link_scid_ipip.so: the ip link cases need make check-vm"
fi
