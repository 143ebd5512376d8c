#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module DKMS built on the host (tests/packaging/dkms.sh) loads with
# modprobe from /lib/modules/KVER/updates/dkms/, autoloads on the first
# scidtun call, and carries a tunnel.
#
#   a: eth0 198.51.100.1/24 ---- veth ---- b: eth0 198.51.100.2/24
#      t1 10.9.0.1 ------------- ipip ----- t1 10.9.0.2

. "$(dirname "$0")/../lib.sh"
need_scid
[ -f /opt/scid/overlay/dkms ] || skip "no DKMS-built module (make check-packaging)"
. /opt/scid/overlay/dkms

# Compressed (scid_ipip.ko.xz) where the kernel's own modules are.
ko=$(ls /lib/modules/"$(uname -r)"/updates/dkms/scid_ipip.ko* 2>/dev/null | head -n 1)
[ -n "$ko" ] || fail "no scid_ipip.ko* in /lib/modules/$(uname -r)/updates/dkms"
expect_eq "modinfo -n scid_ipip" "$(modinfo -n scid_ipip)" "$ko"
rmmod scid_ipip
modprobe scid_ipip
expect_eq "loaded version" "$(cat /sys/module/scid_ipip/version)" "$version"
rmmod scid_ipip

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx a scidtun add t1 remote 198.51.100.2 local 198.51.100.1 dev eth0
[ -d /sys/module/scid_ipip ] || fail "scidtun add did not load the DKMS module"
nsx b scidtun add t1 remote 198.51.100.1 local 198.51.100.2 dev eth0
ip -n a addr add 10.9.0.1 peer 10.9.0.2 dev t1
ip -n b addr add 10.9.0.2 peer 10.9.0.1 dev t1
ip -n a link set t1 up
ip -n b link set t1 up
ping_ok a 10.9.0.2
