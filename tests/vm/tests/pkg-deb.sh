#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the scid-ipip-dkms and scidtun packages installed on the host
# (tests/packaging/deb.sh): modprobe loads their module, their scidtun
# applies the shipped example the way scid-ipip.service does, and their
# ip plugin shows the tunnel.
#
#   s: eth0 128.198.61.51/24 (dummy), the seed's client
#      tunl1 remote 128.198.60.42 dev eth0

. "$(dirname "$0")/../lib.sh"
need_scid
[ -f /opt/scid/overlay/deb ] || skip "no installed packages (make check-packaging)"
. /opt/scid/overlay/deb

# Compressed (scid_ipip.ko.xz) where the kernel's own modules are.
ko=$(ls /lib/modules/"$(uname -r)"/updates/dkms/scid_ipip.ko* 2>/dev/null | head -n 1)
[ -n "$ko" ] || fail "no scid_ipip.ko* in /lib/modules/$(uname -r)/updates/dkms"
expect_eq "modinfo -n scid_ipip" "$(modinfo -n scid_ipip)" "$ko"
rmmod scid_ipip
expect_eq "scidtun --version" "$(scidtun --version)" "scidtun $version"

netns_add s
ip -n s link add eth0 type dummy
ip -n s addr add 128.198.61.51/24 dev eth0
ip -n s link set eth0 up
mkdir -p /etc/scid-ipip
cp /usr/share/doc/scidtun/examples/seed-client.conf /etc/scid-ipip/client.conf
cmd=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/scid-ipip.service)
# shellcheck disable=SC2086 # the unit's words, as systemd splits them
out=$(nsx s $cmd)
[ -d /sys/module/scid_ipip ] || fail "setconf did not load the module"
expect_match "setconf of the example" "$out" "tunl1: added"
expect_match "setconf of the example" "$out" "tunl1: route 128\.198\.60\.201 via 128\.198\.61\.1 onlink added"
# shellcheck disable=SC2086
expect_eq "again" "$(nsx s $cmd)" "no changes"
expect_match "ip -d link show, through the plugin" "$(ip -n s -d link show tunl1)" \
	"scid_ipip remote 128\.198\.60\.42 local any dev eth0 ttl inherit tos 0x00 pmtudisc"
rm -rf /etc/scid-ipip
