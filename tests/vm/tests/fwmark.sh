#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fwmark beside the kernel's ipip: a tunnel's outer packets are looked up
# with its mark, so an `ip rule fwmark` sends them by another table and
# out of another link. Marked tunnels of both kinds take eth1, unmarked
# ones eth0, as captured on b; the MTU follows the marked path's device;
# a change of the mark moves the very next packet (no cached route left
# over); an ioctl change keeps scid_ipip's mark; `ip -d link show` prints
# it as for ipip; setconf and showconf carry it.
#
#   a                                           b
#   eth0 198.51.100.1/28  ------------------  eth0 198.51.100.2/28   main table
#   eth1 198.51.100.17/28 ---- mtu 1400 ----  eth1 198.51.100.18/28  table 100
#   lo .200-.204 (outer sources)              lo .100-.104 (outer destinations)
#   ip rule fwmark 0x10 table 100: 198.51.100.96/28 via .18 dev eth1
#
#   kip (ipip) .200 -> .100  203.0.113.1  -> .2   fwmark 0x10
#   sip (scid) .201 -> .101  203.0.113.11 -> .12  fwmark 0x10, keepalive 100ms
#   kun (ipip) .202 -> .102  203.0.113.21 -> .22  no mark
#   sun (scid) .203 -> .103  203.0.113.31 -> .32  no mark
#   b has the same tunnels back, unmarked, and answers by eth0.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

modprobe ipip

netns_add a b
veth a eth0 b eth0
veth a eth1 b eth1
ip -n a link set eth1 mtu 1400
ip -n b link set eth1 mtu 1400
for ns in a b; do
	# b takes marked packets in on eth1 and answers by eth0.
	nsx $ns sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
		net.ipv4.conf.eth0.rp_filter=0 net.ipv4.conf.eth1.rp_filter=0
done
ip -n a addr add 198.51.100.1/28 dev eth0
ip -n a addr add 198.51.100.17/28 dev eth1
ip -n b addr add 198.51.100.2/28 dev eth0
ip -n b addr add 198.51.100.18/28 dev eth1
for i in 0 1 2 3 4; do
	ip -n a addr add "198.51.100.20$i/32" dev lo
	ip -n b addr add "198.51.100.10$i/32" dev lo
done
ip -n a route add 198.51.100.96/28 via 198.51.100.2 dev eth0
ip -n a route add 198.51.100.96/28 via 198.51.100.18 dev eth1 table 100
ip -n a rule add fwmark 0x10 table 100 pref 100
ip -n b route add 198.51.100.192/28 via 198.51.100.1 dev eth0

# tunnel NS NAME INNER PEER CMD...: CMD makes it, then its inner addresses.
tunnel() {
	local ns=$1 name=$2 inner=$3 peer=$4
	shift 4
	nsx "$ns" "$@"
	ip -n "$ns" addr add "$inner/32" peer "$peer" dev "$name"
	ip -n "$ns" link set "$name" up
}
P=198.51.100
tunnel a kip 203.0.113.1 203.0.113.2 \
	ip link add kip type ipip local $P.200 remote $P.100 fwmark 0x10
tunnel a sip 203.0.113.11 203.0.113.12 \
	scidtun add sip local $P.201 remote $P.101 fwmark 0x10 keepalive 100ms
tunnel a kun 203.0.113.21 203.0.113.22 \
	ip link add kun type ipip local $P.202 remote $P.102
tunnel a sun 203.0.113.31 203.0.113.32 \
	scidtun add sun local $P.203 remote $P.103
tunnel b kip 203.0.113.2 203.0.113.1 \
	ip link add kip type ipip local $P.100 remote $P.200
tunnel b sip 203.0.113.12 203.0.113.11 \
	scidtun add sip local $P.101 remote $P.201
tunnel b kun 203.0.113.22 203.0.113.21 \
	ip link add kun type ipip local $P.102 remote $P.202
tunnel b sun 203.0.113.32 203.0.113.31 \
	scidtun add sun local $P.103 remote $P.203
expect_match "driver of sip" "$(nsx a ethtool -i sip)" "driver: scid_ipip"
expect_match "driver of kip" "$(nsx a ethtool -i kip)" "driver: ipip"

# The outer IPIP packets b receives on each link, one line each.
caps_start() {
	local dev
	CAPS=()
	for dev in eth0 eth1; do
		rm -f "/tmp/fw-$dev.ready"
		ip netns exec b pkt-capture -i $dev -d in -p 4 -t 60 -r "/tmp/fw-$dev.ready" \
			>"/tmp/fw-$dev.lines" 2>/dev/null &
		CAPS+=($!)
	done
	for dev in eth0 eth1; do
		wait_until 10 test -e "/tmp/fw-$dev.ready" || fail "pkt-capture on $dev did not start"
	done
}

caps_stop() {
	local pid
	sleep 0.3
	for pid in "${CAPS[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}

# outer DEV SRC [ERE]: how many captured packets on b's DEV came from SRC.
outer() {
	grep -E -- "src=$2 .*${3:-}" "/tmp/fw-$1.lines" | grep -c . || true
}

# took NAME SRC DEV: every outer packet of tunnel NAME (source SRC) went
# by DEV, at least the pings' 3, and none by the other link.
took() {
	local other=eth0 n
	[ "$3" = eth0 ] && other=eth1
	n=$(outer "$3" "$2")
	[ "$n" -ge 3 ] || {
		printf 'FAIL: %s: %s outer packets from %s on %s, expected at least 3\n' \
			"$1" "$n" "$2" "$3" >&2
		indent <"/tmp/fw-$3.lines" >&2
		exit 1
	}
	n=$(outer $other "$2")
	[ "$n" -eq 0 ] || {
		printf 'FAIL: %s: %s outer packets from %s on %s, expected none\n' \
			"$1" "$n" "$2" $other >&2
		grep -E -- "src=$2 " "/tmp/fw-$other.lines" | indent >&2
		exit 1
	}
}

# pings: three echoes through each tunnel, captured on b.
pings() {
	caps_start
	ping_ok a 203.0.113.2
	ping_ok a 203.0.113.12
	ping_ok a 203.0.113.22
	ping_ok a 203.0.113.32
	caps_stop
}

mtu() {
	nsx a cat "/sys/class/net/$1/mtu"
}

# mark_word NAME: what ip -d link show prints of NAME's fwmark, or "none".
mark_word() {
	ip -n a -d link show "$1" | grep -oE 'fwmark [^ ]+' || echo none
}

log "marked tunnels take eth1, unmarked eth0"
pings
took kip $P.200 eth1
took sip $P.201 eth1
took kun $P.202 eth0
took sun $P.203 eth0
log "sip's keepalive probes take the marked path too"
n=$(outer eth1 $P.201 'iproto=17')
expect_ge "sip probes on eth1" "$n" 1
expect_eq "sip probes and pings on eth0" "$(outer eth0 $P.201)" 0
log "the MTU follows the marked path's device (eth1, 1400)"
expect_eq "kip mtu" "$(mtu kip)" 1380
expect_eq "sip mtu" "$(mtu sip)" 1380
expect_eq "kun mtu" "$(mtu kun)" 1480
expect_eq "sun mtu" "$(mtu sun)" 1480

if ip_plugin; then
	log "ip -d link show prints the mark as for ipip"
	expect_eq "kip's fwmark in ip -d link" "$(mark_word kip)" "fwmark 0x10"
	expect_eq "sip's fwmark in ip -d link" "$(mark_word sip)" "$(mark_word kip)"
	expect_eq "kun's fwmark in ip -d link" "$(mark_word kun)" none
	expect_eq "sun's fwmark in ip -d link" "$(mark_word sun)" none
	expect_eq "sip's fwmark in ip -j -d link" \
		"$(ip -n a -j -d link show sip | grep -oE '"fwmark":"[^"]*"')" \
		"$(ip -n a -j -d link show kip | grep -oE '"fwmark":"[^"]*"')"
	log "ip link add type scid_ipip fwmark: the first MTU already over eth1"
	ip -n a link add sip2 type scid_ipip local $P.204 remote $P.104 fwmark 0x10
	ip -n a link add kip2 type ipip local $P.204 remote $P.104 fwmark 0x10
	expect_eq "sip2 mtu" "$(mtu sip2)" "$(mtu kip2)"
	expect_eq "sip2 mtu" "$(mtu sip2)" 1380
	expect_eq "sip2's fwmark" "$(mark_word sip2)" "fwmark 0x10"
	ip -n a link del kip2
	ip -n a link del sip2
	if out=$(ip -n a link set sip type scid_ipip fwmark 0x1g 2>&1); then
		fail "ip link set fwmark 0x1g succeeded"
	fi
	expect_match "ip link set fwmark 0x1g" "$out" "invalid fwmark '0x1g'"
else
	log "no ip link plugin in the guest: ip -d link checks skipped"
fi

log "scidtun shows it"
expect_match "scidtun show sip" "$(nsx a scidtun show sip)" $'\tfwmark=0x10\t'
expect_no_match "scidtun show sun" "$(nsx a scidtun show sun)" "fwmark"
expect_match "scidtun -j show sip" "$(nsx a scidtun -j show sip)" '"fwmark":16,'
if out=$(nsx a scidtun change sip fwmark 010 2>&1); then
	fail "scidtun change sip fwmark 010 succeeded"
fi
expect_match "scidtun fwmark 010" "$out" "invalid fwmark '010'"

log "a change of the mark moves the next packet"
ip -n a link set kip type ipip fwmark 0
nsx a scidtun change sip fwmark 0
ip -n a link set kun type ipip fwmark 16
nsx a scidtun change sun fwmark 0x10
pings
took kip $P.200 eth0
took sip $P.201 eth0
took kun $P.202 eth1
took sun $P.203 eth1
expect_eq "kip mtu" "$(mtu kip)" 1480
expect_eq "sip mtu" "$(mtu sip)" 1480
expect_eq "kun mtu" "$(mtu kun)" 1380
expect_eq "sun mtu" "$(mtu sun)" 1380
if ip_plugin; then
	expect_eq "sip's fwmark 0 in ip -d link" "$(mark_word sip)" none
	expect_eq "kip's fwmark 0 in ip -d link" "$(mark_word kip)" none
	expect_eq "sun's fwmark in ip -d link" "$(mark_word sun)" "$(mark_word kun)"
fi

log "an ioctl change keeps scid_ipip's mark"
nsx a scidtun change sun ttl 10
nsx a ip tunnel change sun mode ipip ttl 11
expect_match "sun after ioctl changes" "$(nsx a scidtun show sun)" \
	$'\t11\t.*\tfwmark=0x10'
! ip_plugin || expect_eq "sun's fwmark after ioctl changes" "$(mark_word sun)" "fwmark 0x10"
caps_start
ping_ok a 203.0.113.32
caps_stop
took sun $P.203 eth1
expect_ge "sun's outer ttl 11 on eth1" "$(outer eth1 $P.203 ' ttl=11 ')" 3
# The kernel's ipip passes 0 for the mark on SIOCCHGTUNNEL (ip_tunnel_ctl):
# shown here, not required of it.
nsx a ip tunnel change kun mode ipip ttl 11
log "the kernel's ipip after ip tunnel change: $(mark_word kun)"

log "setconf and showconf carry it"
conf=$(mktemp)
nsx a scidtun showconf sun >"$conf"
expect_match "showconf sun" "$(cat "$conf")" "^tunnel sun .* fwmark 0x10"
expect_eq "setconf of showconf" "$(nsx a scidtun setconf "$conf")" "no changes"
sed -i 's/ fwmark 0x10//' "$conf"
expect_match "setconf without fwmark" "$(nsx a scidtun setconf "$conf")" \
	"sun: changed: fwmark 0x10 -> 0"
expect_no_match "sun after setconf" "$(nsx a scidtun show sun)" "fwmark"
sed -i 's/^tunnel sun /&fwmark 0x20 /' "$conf"
expect_match "setconf with fwmark 0x20" "$(nsx a scidtun setconf "$conf")" \
	"sun: changed: fwmark 0 -> 0x20"
expect_match "sun after setconf" "$(nsx a scidtun show sun)" $'\tfwmark=0x20'
rm -f "$conf"
