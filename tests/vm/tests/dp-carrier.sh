#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Carrier follows reality. A tunnel has no carrier while its local address
# is configured on no device of its namespace, or while its link device is
# down, has no carrier itself, or is gone; `ip link` (NO-CARRIER, state),
# sysfs and ethtool all say so, and the carrier comes back with the cause.
#
#   a eth0 (198.51.100.1/24 added and removed) ---- b eth0 198.51.100.2/24
#   tl  local 198.51.100.1 remote 198.51.100.2     (unbound)
#   td  remote 198.51.100.3 dev eth0               (no local)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

netns_add a b
veth a eth0 b eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx a scidtun add tl mode ipip local 198.51.100.1 remote 198.51.100.2
nsx a scidtun add td mode ipip remote 198.51.100.3 dev eth0
ip -n a link set dev tl up
ip -n a link set dev td up

carrier_is() {
	[ "$(nsx a cat "/sys/class/net/$1/carrier")" = "$2" ]
}
# link_shows DEV 0|1: ip link shows the carrier state (operstate follows
# the carrier through linkwatch, up to a second later).
link_shows() {
	local out up='[<,]LOWER_UP[,>]' down='[<,]NO-CARRIER[,>].* state (DOWN|LOWERLAYERDOWN) '
	out=$(ip -n a link show dev "$1")
	if [ "$2" = 1 ]; then
		[[ $out =~ $up ]] && [[ ! $out =~ NO-CARRIER ]]
	else
		[[ $out =~ $down ]]
	fi
}
# expect_carrier WHAT DEV 0|1: sysfs, ip link and ethtool agree, within 5 s.
expect_carrier() {
	local what=$1 dev=$2 want=$3
	wait_until 5 carrier_is "$dev" "$want" ||
		fail "$what: $dev carrier is $(nsx a cat "/sys/class/net/$dev/carrier"), expected $want"
	if ! wait_until 5 link_shows "$dev" "$want"; then
		if [ "$want" = 1 ]; then
			expect_match "$what: ip link show $dev" "$(ip -n a link show dev "$dev")" \
				"[<,]LOWER_UP[,>]"
			expect_no_match "$what: ip link show $dev" "$(ip -n a link show dev "$dev")" \
				"NO-CARRIER"
		fi
		expect_match "$what: ip link show $dev" "$(ip -n a link show dev "$dev")" \
			"[<,]NO-CARRIER[,>].* state (DOWN|LOWERLAYERDOWN) "
	fi
	expect_match "$what: ethtool $dev" "$(nsx a ethtool "$dev")" \
		"Link detected: $([ "$want" = 1 ] && echo yes || echo no)"
	log "$what: $dev carrier $want"
}

log "local address"
expect_carrier "198.51.100.1 on no device" tl 0
expect_carrier "eth0 up with carrier" td 1
ip -n a addr add 198.51.100.1/24 dev eth0
expect_carrier "198.51.100.1 on eth0" tl 1
ping_ok a 198.51.100.2
ip -n a addr del 198.51.100.1/24 dev eth0
expect_carrier "198.51.100.1 removed" tl 0
ip -n a addr add 198.51.100.1/32 dev lo
expect_carrier "198.51.100.1 on lo" tl 1
ip -n a addr del 198.51.100.1/32 dev lo
expect_carrier "198.51.100.1 removed from lo" tl 0
ip -n a addr add 198.51.100.1/24 dev eth0
expect_carrier "198.51.100.1 on eth0 again" tl 1

log "link device"
ip -n a link set dev eth0 down
expect_carrier "eth0 down" td 0
ip -n a link set dev eth0 up
expect_carrier "eth0 up" td 1
ip -n b link set dev eth0 down
expect_carrier "eth0 without carrier (b's end down)" td 0
expect_carrier "tl, unbound, with its address still on eth0" tl 1
ip -n b link set dev eth0 up
expect_carrier "eth0 with carrier again" td 1

log "a tunnel created for an address that comes later"
nsx a scidtun add tn mode ipip local 198.51.100.9 remote 198.51.100.2
ip -n a link set dev tn up
expect_carrier "198.51.100.9 nowhere" tn 0
ip -n a addr add 198.51.100.9/24 dev eth0
expect_carrier "198.51.100.9 on eth0" tn 1

log "scidtun change to a local address that is not there"
nsx a scidtun change tn local 198.51.100.10
expect_carrier "changed to 198.51.100.10" tn 0
nsx a scidtun change tn local 198.51.100.9
expect_carrier "changed back to 198.51.100.9" tn 1

log "the link device goes away"
ip -n a link del dev eth0
expect_carrier "eth0 deleted" td 0
