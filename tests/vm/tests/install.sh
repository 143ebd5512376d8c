#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What 'make install' put in place works as installed: modprobe finds the
# module under updates/, the first scidtun call loads it through the
# netdev-scid0 alias, and modinfo, ethtool and the bash completion say
# what an operator expects. Needs the staged install (make check-vm).
#
#   s: eth0 198.51.100.1/24 (dummy)
#      t1 remote 198.51.100.2 local 198.51.100.1 dev eth0

. "$(dirname "$0")/../lib.sh"
need_scid
[ -f /opt/scid/overlay/install ] || skip "no staged 'make install' (SCID_VM_OVERLAY)"
. /opt/scid/overlay/install

kdir=/lib/modules/$(uname -r)
[ -f "$kdir/updates/scid_ipip.ko" ] || fail "no $kdir/updates/scid_ipip.ko"
expect_eq "modinfo -n scid_ipip" "$(modinfo -n scid_ipip)" "$kdir/updates/scid_ipip.ko"
info=$(modinfo scid_ipip)
for field in description author license version; do
	expect_match "modinfo $field" "$info" $'(^|\n)'"$field: +[^ ]"
done
expect_match "modinfo version" "$info" $'(^|\n)version: +'"${version//./\\.}"$'(\n|$)'
expect_match "modinfo alias netdev" "$info" $'(^|\n)alias: +netdev-scid0(\n|$)'
expect_match "modinfo alias rtnl" "$info" $'(^|\n)alias: +rtnl-link-scid_ipip(\n|$)'

log "modprobe loads the installed module"
rmmod scid_ipip
[ ! -d /sys/module/scid_ipip ] || fail "scid_ipip still loaded after rmmod"
modprobe scid_ipip
[ -d /sys/module/scid_ipip ] || fail "modprobe scid_ipip loaded nothing"
expect_eq "loaded version" "$(cat /sys/module/scid_ipip/version)" "$version"
rmmod scid_ipip

log "the first scidtun add loads it (netdev-scid0)"
netns_add s
ip -n s link add eth0 type dummy
ip -n s addr add 198.51.100.1/24 dev eth0
ip -n s link set eth0 up
nsx s scidtun add t1 remote 198.51.100.2 local 198.51.100.1 dev eth0
[ -d /sys/module/scid_ipip ] || fail "scidtun add did not load scid_ipip"
has_dev s t1 || fail "scidtun add made no t1"

log "a first scidtun show loads it too"
ip netns del s
rmmod scid_ipip
out=$(scidtun show)
[ -d /sys/module/scid_ipip ] || fail "scidtun show did not load scid_ipip"
expect_eq "scidtun show with no tunnels" "$out" ""

log "ethtool -i and -S"
netns_add s
ip -n s link add eth0 type dummy
ip -n s link set eth0 up
nsx s scidtun add t1 remote 198.51.100.2 dev eth0
out=$(nsx s ethtool -i t1)
expect_match "ethtool -i driver" "$out" $'(^|\n)driver: scid_ipip(\n|$)'
expect_match "ethtool -i version" "$out" $'(^|\n)version: '"${version//./\\.}"$'(\n|$)'
out=$(nsx s ethtool -S t1)
expect_match "ethtool -S" "$out" "tx_drop_no_route: [0-9]+"
expect_match "ethtool -S" "$out" "rx_drop_malformed: [0-9]+"

log "bash completion: commands, keywords and tunnel names"
comp=/usr/share/bash-completion/completions/scidtun
[ -f "$comp" ] || fail "no $comp"
# complete WORD...: what the completion offers for the last word.
complete_words() {
	nsx s bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
		_scidtun_completion; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@" | sort | tr '\n' ' '
}
expect_match "complete commands" "$(complete_words scidtun '')" "add .*setconf .*show .*showconf"
expect_eq "complete a tunnel name" "$(complete_words scidtun del '')" "t1 "
expect_match "complete keywords" "$(complete_words scidtun change t1 '')" "remote .*ttl"
expect_eq "complete a dev" "$(complete_words scidtun add x dev eth)" "eth0 "
