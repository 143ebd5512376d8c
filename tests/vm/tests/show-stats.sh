#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scidtun show for scripts: -j is one JSON array with stable keys, -s adds
# the link's counters and every driver counter (ethtool -S), by name.
#
#   s: eth0 198.51.100.1/24 (dummy)
#      t1 remote 198.51.100.2 dev eth0 ttl 64   t2 remote 203.0.113.9 (no route)

. "$(dirname "$0")/../lib.sh"
need_scid

netns_add s
ip -n s link add eth0 type dummy
ip -n s addr add 198.51.100.1/24 dev eth0
ip -n s link set eth0 up
nsx s scidtun add t1 remote 198.51.100.2 dev eth0 ttl 64 tos 0x10
nsx s scidtun add t2 remote 203.0.113.9
ip -n s addr add 10.9.0.1/32 dev t2
ip -n s link set t2 up
ip -n s route add 10.9.0.2/32 dev t2
# t2's remote has no route: each packet is a tx_drop_no_route.
ping_fails s 10.9.0.2

log "scidtun -j show"
out=$(nsx s scidtun -j show)
expect_eq "-j show" "$out" '[{"ifname":"t1","mode":"ipip","remote":"198.51.100.2","local":"any","dev":"eth0","link":'"$(nsx s cat /sys/class/net/eth0/ifindex)"',"ttl":64,"tos":16,"df":"pmtudisc","fwmark":0,"encap":null,"clamp_mss":null,"keepalive":null,"pmtu_probe":false,"pmtu_raise_ms":600000,"pmtu":null,"pmtu_state":"off","pmtu_age_ms":null,"external":false,"allow":null},{"ifname":"t2","mode":"ipip","remote":"203.0.113.9","local":"any","dev":null,"link":0,"ttl":0,"tos":0,"df":"pmtudisc","fwmark":0,"encap":null,"clamp_mss":null,"keepalive":null,"pmtu_probe":false,"pmtu_raise_ms":600000,"pmtu":null,"pmtu_state":"off","pmtu_age_ms":null,"external":false,"allow":null}]'
expect_eq "show -j is -j show" "$(nsx s scidtun show -j)" "$out"

log "scidtun -j -s show t2"
out=$(nsx s scidtun -j -s show t2)
drops=$(nsx s ethtool -S t2 | awk '$1 == "tx_drop_no_route:" { print $2 }')
expect_ge "ethtool tx_drop_no_route" "$drops" 2
expect_match "-j -s: counters" "$out" '"counters":\{[^}]*"tx_drop_no_route":'"$drops"'[,}]'
expect_match "-j -s: tx" "$out" '"tx":\{"packets":'"$(counter s t2 tx_packets)"',"bytes":'"$(counter s t2 tx_bytes)"',"errors":'"$(counter s t2 tx_errors)"',"dropped":'"$(counter s t2 tx_dropped)"'\}'
# Every counter ethtool -S shows is there, whatever the module adds.
while read -r name _; do
	expect_match "-j -s has ${name%:}" "$out" "\"${name%:}\":[0-9]+"
done < <(nsx s ethtool -S t2 | tail -n +2)
if command -v jq >/dev/null; then
	expect_eq "jq reads it" "$(jq -r '.[0].stats.counters.tx_drop_no_route' <<<"$out")" "$drops"
	expect_eq "jq: ifname" "$(nsx s scidtun -j show | jq -r 'map(.ifname) | join(",")')" "t1,t2"
fi

log "scidtun show -s for scripts"
out=$(nsx s scidtun show -s t2)
expect_match "tab -s" "$out" $'^t2\t203\\.0\\.113\\.9\tany\tnone\tinherit\t0x00\tpmtudisc\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+\t'
expect_match "tab -s counters" "$out" $'\ttx_drop_no_route='"$drops"$'(\t|$)'
