#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module loads, every namespace gets a down scid0 control device, and
# scidtun add / show / del round-trip a tunnel. No traffic.
#
#   init netns: scid0          s: scid0, eth0 198.51.100.1 -- (dummy)
#                                 tunl1 remote 198.51.100.2

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

[ -d /sys/module/scid_ipip ] || fail "scid_ipip is not loaded"
expect_match "lsmod" "$(lsmod)" $'\n''scid_ipip '

# check_scid0 WHERE SYSFS-DIR
check_scid0() {
	local flags
	[ -d "$2" ] || fail "no scid0 in $1"
	expect_eq "scid0 type in $1" "$(cat "$2/type")" 768
	flags=$(($(cat "$2/flags")))
	[ $((flags & 0x1)) -eq 0 ] || fail "scid0 is up in $1 (flags $(cat "$2/flags"))"
	[ $((flags & 0x80)) -ne 0 ] || fail "scid0 is not NOARP in $1 (flags $(cat "$2/flags"))"
}
check_scid0 "the init namespace" /sys/class/net/scid0

netns_add s
out=$(nsx s ip link show scid0)
expect_no_match "scid0 in a new namespace is down" "$out" "[<,]UP[,>]"
expect_match "scid0 link type" "$out" "link/ipip "
# shellcheck disable=SC2016
nsx s bash -c "$(declare -f check_scid0 fail expect_eq); check_scid0 'a new namespace' /sys/class/net/scid0"

log "scidtun add / show / del"
ip -n s link add eth0 type dummy
ip -n s addr add 198.51.100.1/24 dev eth0
ip -n s link set eth0 up
nsx s scidtun add tunl1 mode ipip remote 198.51.100.2 local 198.51.100.1 dev eth0
has_dev s tunl1 || fail "scidtun add created no tunl1"
expect_eq "tunl1 type" "$(nsx s cat /sys/class/net/tunl1/type)" 768
expect_eq "tunl1 mtu" "$(nsx s cat /sys/class/net/tunl1/mtu)" 1480
expect_match "ethtool -i tunl1" "$(nsx s ethtool -i tunl1)" "driver: scid_ipip"
expect_match "ip -d link show tunl1" "$(nsx s ip -d link show tunl1)" "scid_ipip"

out=$(nsx s scidtun show tunl1)
expect_match "scidtun show tunl1" "$out" "tunl1.*198\.51\.100\.2"
expect_match "scidtun show tunl1 (local)" "$out" "198\.51\.100\.1([^0-9]|$)"
out=$(nsx s scidtun show)
expect_match "scidtun show" "$out" "tunl1.*198\.51\.100\.2"
expect_no_match "scidtun show lists no scid0 tunnel" "$out" "^scid0"
out=$(nsx s ip tunnel show tunl1)
expect_match "ip tunnel show tunl1" "$out" "^tunl1: ip/ip +remote 198\.51\.100\.2 +local 198\.51\.100\.1 +dev eth0 "

nsx s scidtun del tunl1
! has_dev s tunl1 || fail "tunl1 still exists after scidtun del"
out=$(nsx s scidtun show)
expect_no_match "scidtun show after del" "$out" "tunl1"
has_dev s scid0 || fail "scid0 went away with tunl1"
