#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# iproute2 with the installed link_scid_ipip.so: 'ip link add ... type
# scid_ipip' makes a tunnel that carries traffic, and 'ip -d link show'
# prints its parameters in the words scidtun uses. Needs the staged
# install (make check-vm).
#
#   a: eth0 198.51.100.1/24 ---- veth ---- b: eth0 198.51.100.2/24
#      t1 10.9.0.1/32 --------- ipip ------ t1 10.9.0.2/32

. "$(dirname "$0")/../lib.sh"
need_scid
[ -f /opt/scid/overlay/install ] || skip "no staged 'make install' (SCID_VM_OVERLAY)"
plugin=$(ls /usr/lib/*/ip/link_scid_ipip.so 2>/dev/null | head -n 1)
[ -n "$plugin" ] || fail "the staged install has no link_scid_ipip.so"

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0

log "ip link add ... type scid_ipip"
ip -n a link add t1 type scid_ipip remote 198.51.100.2 local 198.51.100.1 dev eth0 ttl 64
ip -n b link add t1 type scid_ipip remote 198.51.100.1 local 198.51.100.2 dev eth0
expect_eq "scidtun show of the ip-made tunnel" "$(nsx a scidtun show t1)" \
	$'t1\t198.51.100.2\t198.51.100.1\teth0\t64\t0x00\tpmtudisc'

out=$(ip -n a -d link show t1)
expect_match "ip -d link show" "$out" \
	"scid_ipip remote 198\.51\.100\.2 local 198\.51\.100\.1 dev eth0 ttl 64 tos 0x00 pmtudisc"
out=$(ip -n b -d link show t1)
expect_match "ip -d link show (defaults)" "$out" \
	"scid_ipip remote 198\.51\.100\.1 local 198\.51\.100\.2 dev eth0 ttl inherit tos 0x00 pmtudisc"
out=$(ip -n a -d -j link show t1)
expect_match "ip -d -j link show" "$out" \
	'"info_data":\{"proto":"ipip","remote":"198\.51\.100\.2","local":"198\.51\.100\.1","link":"eth0","ttl":64,"tos":"0x00","pmtudisc":true,"mtu":0\}'
if command -v jq >/dev/null; then
	expect_eq "ip -j, read by jq" "$(jq -r '.[0].linkinfo.info_data.remote' <<<"$out")" 198.51.100.2
fi

log "traffic through the tunnels"
for ns in a b; do
	ip -n $ns link set t1 up
done
ip -n a addr add 10.9.0.1/32 dev t1
ip -n b addr add 10.9.0.2/32 dev t1
ip -n a route add 10.9.0.2/32 dev t1
ip -n b route add 10.9.0.1/32 dev t1
ping_ok a 10.9.0.2

log "ip link set ... type scid_ipip changes only what it names"
ip -n a link set t1 type scid_ipip ttl inherit tos inherit
expect_eq "after ip link set" "$(nsx a scidtun show t1)" \
	$'t1\t198.51.100.2\t198.51.100.1\teth0\tinherit\tinherit\tpmtudisc'
ping_ok a 10.9.0.2

log "bad options are refused by the plugin"
if out=$(ip -n a link add t2 type scid_ipip remote 300.1.1.1 2>&1); then
	fail "ip link add with remote 300.1.1.1 succeeded"
fi
expect_match "bad remote" "$out" "300\.1\.1\.1"
if out=$(ip -n a link add t2 type scid_ipip key 5 2>&1); then
	fail "ip link add with key succeeded"
fi
expect_match "unknown keyword" "$out" "unknown keyword 'key'"
! has_dev a t2 || fail "a refused ip link add left t2 behind"
ip -n a link del t1
! has_dev a t1 || fail "ip link del t1 left t1"
