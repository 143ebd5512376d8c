#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# FOU and GUE beside the kernel's ipip: the same `ip link` commands with
# `type ipip` and `type scid_ipip` give the same packets on the wire (as
# captured, addresses and the hashed source port aside), the same MTU
# (28 and 32 bytes below the link's), the same path MTU once a router
# reports a smaller one, and each kind talks to the other both ways. Then
# what scid_ipip refuses that ipip takes, and the fou module going away.
#
#   a                        r                          b
#   eth0 198.51.100.1/28 --- eth0 .2   eth1 .17 --- eth0 198.51.100.18/28
#   lo .200-.205 (outer)          (mtu 1400 later)       lo .100-.105
#   ip fou: port 5555 ipproto 4, port 6666 gue; on a and b
#
#   kf ipip-fou  .200-.100  203.0.113.1-.2     sf scid-fou  .201-.101  .11-.12
#   xf scid-fou  .202-.102  .21-.22 (b: ipip)  kg ipip-gue  .203-.103  .31-.32
#   sg scid-gue  .204-.104  .41-.42            xg scid-gue  .205-.105  .51-.52 (b: ipip)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid
ip_plugin || skip "ip has no scid_ipip plugin (make check-vm stages it)"

modprobe ipip
modprobe fou || skip "this kernel has no fou module"

P=198.51.100
netns_add a r b
veth a eth0 r eth0
veth r eth1 b eth0
forwarding r
ip -n a addr add $P.1/28 dev eth0
ip -n r addr add $P.2/28 dev eth0
ip -n r addr add $P.17/28 dev eth1
ip -n b addr add $P.18/28 dev eth0
for i in 0 1 2 3 4 5; do
	ip -n a addr add "$P.20$i/32" dev lo
	ip -n b addr add "$P.10$i/32" dev lo
done
ip -n a route add $P.96/28 via $P.2
ip -n b route add $P.192/28 via $P.17
ip -n r route add $P.96/28 via $P.18
ip -n r route add $P.192/28 via $P.1
for ns in a b; do
	nsx $ns ip fou add port 5555 ipproto 4
	nsx $ns ip fou add port 6666 gue
done

FOU="encap fou encap-sport auto encap-dport 5555"
GUE="encap gue encap-sport auto encap-dport 6666"

# tunnel NS NAME KIND LOCAL REMOTE INNER PEER ENCAP...
tunnel() {
	local ns=$1 name=$2 kind=$3 local=$4 remote=$5 inner=$6 peer=$7
	shift 7
	# shellcheck disable=SC2068 # the encap words split on purpose
	ip -n "$ns" link add "$name" type "$kind" local "$local" remote "$remote" $@
	ip -n "$ns" addr add "$inner/32" peer "$peer" dev "$name"
	ip -n "$ns" link set "$name" up
}
# pair NAME KIND-A KIND-B N ENCAP...: a tunnel between a's .20N and b's .10N.
pair() {
	local name=$1 ka=$2 kb=$3 n=$4
	shift 4
	tunnel a "$name" "$ka" $P.20"$n" $P.10"$n" "203.0.113.$((n * 10 + 1))" \
		"203.0.113.$((n * 10 + 2))" "$@"
	tunnel b "$name" "$kb" $P.10"$n" $P.20"$n" "203.0.113.$((n * 10 + 2))" \
		"203.0.113.$((n * 10 + 1))" "$@"
}
pair kf ipip ipip 0 "$FOU"
pair sf scid_ipip scid_ipip 1 "$FOU"
pair xf scid_ipip ipip 2 "$FOU"
pair kg ipip ipip 3 "$GUE"
pair sg scid_ipip scid_ipip 4 "$GUE"
pair xg scid_ipip ipip 5 "$GUE"
expect_match "driver of sf" "$(nsx a ethtool -i sf)" "driver: scid_ipip"
expect_match "driver of kf" "$(nsx a ethtool -i kf)" "driver: ipip"
expect_match "driver of b's xf" "$(nsx b ethtool -i xf)" "driver: ipip"

mtu() {
	nsx "$1" cat "/sys/class/net/$2/mtu"
}

log "MTU: the link's less 28 (FOU) or 32 (GUE), as ipip has it"
expect_eq "ipip fou mtu" "$(mtu a kf)" 1472
expect_eq "scid fou mtu" "$(mtu a sf)" 1472
expect_eq "ipip gue mtu" "$(mtu a kg)" 1468
expect_eq "scid gue mtu" "$(mtu a sg)" 1468

log "ip -d link shows the encapsulation as for ipip"
# encap_words NS NAME: the encap part of ip -d link show.
encap_words() {
	ip -n "$1" -d link show "$2" | grep -oE 'encap [a-z]+ .*encap-dport [0-9]+' || echo none
}
expect_eq "scid fou words" "$(encap_words a sf)" "$(encap_words a kf)"
expect_eq "scid gue words" "$(encap_words a sg)" "$(encap_words a kg)"
expect_match "fou words" "$(encap_words a sf)" "^encap fou encap-sport auto encap-dport 5555$"

# wire NAME: the first echo request of tunnel NAME's pings as b captured
# it, less what differs by design: addresses, IP id, the hashed source
# port and the checksum covering them.
wire() {
	local n=$1
	grep -E -- "src=$P.20$n .*iproto=1 " "$CAP_FILE" | awk 'NR == 1' |
		sed -E 's/ (src|dst|id|sport|ucsum|isrc|idst)=[^ ]+//g'
}

# side_by_side: pings through every tunnel, each direction, the wire of
# the scid tunnels the same as ipip's, every packet UDP.
side_by_side() {
	capture_start b eth0 17
	for n in 0 1 2 3 4 5; do
		ping_ok a "203.0.113.$((n * 10 + 2))"
		ping_ok b "203.0.113.$((n * 10 + 1))"
	done
	capture_stop
	expect_match "ipip fou on the wire" "$(wire 0)" "proto=17 .* dport=5555 ulen=[0-9]+ iver=4 "
	expect_match "ipip gue on the wire" "$(wire 3)" "dport=6666 .* gue=0 ghlen=4 gproto=4 "
	expect_eq "scid fou as ipip fou" "$(wire 1)" "$(wire 0)"
	expect_eq "scid fou to ipip" "$(wire 2)" "$(wire 0)"
	expect_eq "scid gue as ipip gue" "$(wire 4)" "$(wire 3)"
	expect_eq "scid gue to ipip" "$(wire 5)" "$(wire 3)"
	cap_lacks "no plain IPIP packet" " proto=4 "
}

log "FOU and GUE, scid beside ipip and with it, both directions"
side_by_side
expect_match "checksum off" "$(grep -E "src=$P.201 " "$CAP_FILE" | awk 'NR == 1')" "ucsum=0x0000"

log "encap-csum and a fixed encap-sport, changed on live tunnels"
# The whole encap is given again: ipip's `ip link set` resets what is left out.
for name in kf sf xf kg sg xg; do
	words=$FOU
	[[ $name != *g ]] || words=$GUE
	# shellcheck disable=SC2086 # the encap words split on purpose
	ip -n a link set "$name" type "$(nsx a ethtool -i "$name" | awk '/^driver/ { print $2 }')" \
		${words/encap-sport auto /} encap-csum encap-sport 4000
done
# udp_csum_errors NS: Udp InCsumErrors of /proc/net/snmp.
udp_csum_errors() {
	nsx "$1" awk '/^Udp:/ { if (!n++) { for (i = 1; i <= NF; i++) col[$i] = i } else print $col["InCsumErrors"] }' \
		/proc/net/snmp
}
csum_errors_before=$(udp_csum_errors b)
side_by_side
for n in 0 1 2 3 4 5; do
	expect_match "tunnel $n: fixed port, checksum on" \
		"$(grep -E "src=$P.20$n " "$CAP_FILE" | awk 'NR == 1')" "sport=4000 .*ucsum=0x[0-9a-f]{4}"
	cap_lacks "tunnel $n: no zero checksum" "src=$P.20$n .*ucsum=0x0000"
done
expect_eq "b's UDP checksum errors" "$(udp_csum_errors b)" "$csum_errors_before"

log "TCP bulk over FOU and GUE with checksums: GSO and GRO through the UDP header"
tcp_bulk a b 203.0.113.12 60 || fail "scid fou bulk: $BULK_OUT"
tcp_bulk b a 203.0.113.41 60 || fail "scid gue bulk: $BULK_OUT"
tcp_bulk a b 203.0.113.22 60 || fail "scid fou to ipip bulk: $BULK_OUT"

log "keepalive rides the encapsulation"
for ns in a b; do
	ip -n $ns link set sf type scid_ipip keepalive 100ms
done
replies=$(scid_stat a sf ka_replies)
sleep 1
expect_rise "sf ka_replies" "$replies" "$(scid_stat a sf ka_replies)" 5
expect_eq "sf carrier" "$(nsx a cat /sys/class/net/sf/carrier)" 1

log "a router's smaller MTU reaches the inner sender less the UDP header"
ip -n r link set eth1 mtu 1400
# full N: the echo data size that fills tunnel N (FOU 1472, GUE 1468).
full() {
	if [ "$1" -ge 3 ]; then echo 1440; else echo 1444; fi
}
for n in 0 1 3 4; do
	# The first full-size packet meets the router; the second the tunnel.
	nsx a ping -n -c 1 -W 1 -M "do" -s "$(full $n)" "203.0.113.$((n * 10 + 2))" \
		>/dev/null 2>&1 || true
done
# frag_mtu N: the MTU ping -M do reports for a full-size echo.
frag_mtu() {
	nsx a ping -n -c 1 -W 1 -M "do" -s "$(full "$1")" "203.0.113.$(($1 * 10 + 2))" 2>&1 |
		grep -oE 'mtu ?= ?[0-9]+' | grep -oE '[0-9]+' | awk 'NR == 1' || true
}
expect_eq "ipip fou after the router" "$(frag_mtu 0)" 1372
expect_eq "scid fou after the router" "$(frag_mtu 1)" 1372
expect_eq "ipip gue after the router" "$(frag_mtu 3)" 1368
expect_eq "scid gue after the router" "$(frag_mtu 4)" 1368
ping_ok a 203.0.113.12 -M "do" -s 1344
ping_ok a 203.0.113.42 -M "do" -s 1340
expect_ge "scid fou icmp_frag_needed" "$(scid_stat a sf icmp_frag_needed)" 1
ip -n r link set eth1 mtu 1500

log "what scid_ipip refuses and ipip takes"
# refused WHY CMD...: CMD fails and says WHY.
refused() {
	local why=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "accepted: $*"
	fi
	expect_match "refusal of: $*" "$out" "$why"
}
ip -n a link add kz type ipip remote $P.109 encap fou
ip -n a link del kz
refused "encap-dport" ip -n a link add sz type scid_ipip remote $P.109 encap fou
refused "remcsum" ip -n a link add sz type scid_ipip remote $P.109 \
	encap fou encap-dport 5555 encap-remcsum
# Straight to the kernel, past the tools' own checks.
nsx a ip link add sz type scid_ipip remote $P.109
refused "encap-dport" nsx a link-attr sz 15=u16:1
refused "fou, gue or none" nsx a link-attr sz 15=u16:3
refused "fou, gue or none" nsx a link-attr sz 15=u16:999
refused "only encap-csum" nsx a link-attr sz 16=u16:8
refused "remcsum needs encap gue" nsx a link-attr sz 15=u16:1 18=be16:5555 16=u16:4
nsx a link-attr sz 15=u16:2 18=be16:6666 16=u16:4
expect_eq "gue with remote checksums" "$(mtu a sz)" 1460
nsx a link-attr sz 15=u16:0 16=u16:0
expect_eq "back to plain IPIP" "$(mtu a sz)" 1480
ip -n a link del sz

log "the fou module going away: drops counted, new ones refused"
for ns in a b; do
	nsx $ns ip fou del port 5555
	nsx $ns ip fou del port 6666
done
for name in kf kg xf xg; do
	ip -n a link del "$name"
	ip -n b link del "$name"
done
modprobe -r fou || skip "fou stays loaded here (built in, or held)"
drops=$(scid_stat a sf tx_drop_encap)
ping_fails a 203.0.113.12
expect_rise "tx_drop_encap" "$drops" "$(scid_stat a sf tx_drop_encap)" 2
refused "modprobe fou" ip -n a link add sz type scid_ipip remote $P.109 \
	encap fou encap-dport 5555
