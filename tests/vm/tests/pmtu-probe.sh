#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pmtu-probe across a silent path-MTU black hole (docs/pmtu-probe.md). c
# and p share one L2 segment through a bridge; the bridge port toward p
# sets the path MTU (1500, then 1400, then 1500 again), while both hosts'
# own links say 1500 and nobody sends ICMP. (A bridge port passes its MTU
# plus a VLAN tag's 4 bytes: at 1400 the path carries outer packets of
# 1404, a tunnel MTU of 1384.) The tunnel is scid_ipip on c
# with keepalive 100ms and pmtu-probe on; p is first a scid_ipip peer with
# nothing configured but its tunnel, then the kernel's ipip configured as
# the study's proxies are (forwarding, a route back through its tunnel).
#
#   c                                  br                        p
#   c0 192.0.2.1 ------ bc [br0] bp (MTU 1500 / 1400) ------ p0 192.0.2.2
#   t1 203.0.113.1 (scid_ipip, probing) ====== t1 203.0.113.2 (scid_ipip, then ipip)
#
# The tunnel's MTU follows the path down within seconds, a bulk TCP
# transfer then crosses, and the MTU goes back up after pmtu-raise once the
# path recovers; the carrier never goes for a probe lost for its size, and
# with the peer gone the MTU stays. The kernel refuses bad settings.
#
# Then a router that drops the ICMP it would send, with the kernel's ipip
# behind it: without probing a bulk transfer stalls (the control), with
# it the transfer crosses.
#
#   c2 c0 192.0.2.1 ---- r0 .254 [r] r1 198.51.100.254 (MTU 1400) ---- p2 p0 .2

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=keepalive.inc
. "$(dirname "$0")/keepalive.inc"
need_scid

IFLA_IPTUN_PMTUDISC=10
IFLA_SCID_KEEPALIVE=33
IFLA_SCID_PMTU_PROBE=40
IFLA_SCID_PMTU_RAISE=41
IFLA_SCID_PMTU=42

modprobe ipip
netns_add c br p
veth c c0 br bc
veth br bp p p0
bridge_add br br0 bc bp
ip -n c addr add 192.0.2.1/24 dev c0
ip -n p addr add 192.0.2.2/24 dev p0
# Segment before the bridge, as a real NIC's wire would (mss-clamp.sh).
for ns_dev in c:c0 p:p0; do
	nsx "${ns_dev%:*}" ethtool -K "${ns_dev#*:}" gso off tso off \
		tx-ipxip4-segmentation off >/dev/null
done

peer_scid() {
	nsx p scidtun add t1 remote 192.0.2.1 local 192.0.2.2 dev p0
	ip -n p addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
	ip -n p link set t1 up
}

peer_ipip() {
	nsx p ip tunnel add t1 mode ipip remote 192.0.2.1 local 192.0.2.2 dev p0
	ip -n p addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
	ip -n p link set t1 up
	forwarding p
	ip -n p route add 192.0.2.1 via 192.0.2.1 dev t1 onlink
}

path_mtu() {
	ip -n br link set bp mtu "$1"
}

mtu_of() {
	nsx c cat /sys/class/net/t1/mtu
}

# mtu_between_in NS LO HI: NS's t1 has an MTU in [LO, HI].
mtu_between_in() {
	local m
	m=$(nsx "$1" cat /sys/class/net/t1/mtu)
	[ "$m" -ge "$2" ] && [ "$m" -le "$3" ]
}

mtu_between() {
	mtu_between_in c "$@"
}

expect_le() {
	[ "$2" -le "$3" ] || fail "$1: $2 is above $3"
}

now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

# converge LO HI LIMIT WHAT: wait up to LIMIT seconds for t1's MTU to reach
# [LO, HI]; logs how long it took.
converge() {
	local start
	start=$(now_ms)
	wait_until "$3" mtu_between "$1" "$2" ||
		fail "$4: t1's MTU is $(mtu_of), not in $1..$2 after $3 s ($(pmtu_counters))"
	log "$4: MTU $(mtu_of) after $(($(now_ms) - start)) ms"
}

# bulk WHAT [FROM TO ADDR]: a transfer that must cross (c to p by default).
bulk() {
	tcp_bulk "${2:-c}" "${3:-p}" "${4:-203.0.113.2}" 30 ||
		fail "$1: 2 MB did not cross: $BULK_OUT"
	log "$1: $BULK_OUT"
}

pmtu_counters() {
	nsx c ethtool -S t1 | awk '$1 ~ /^(pmtu_|ka_carrier)/ { printf "%s%s", sep, $1 $2; sep = " " }'
}

ka_down_before=0
carrier_kept() {
	carrier_is c t1 1 || fail "t1 lost its carrier ($(pmtu_counters))"
	expect_eq "ka_carrier_down" "$(ka c t1 ka_carrier_down)" "$ka_down_before"
}

peer_scid
nsx c scidtun add t1 remote 192.0.2.2 local 192.0.2.1 dev c0
ip -n c addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n c link set t1 up
ping_ok c 203.0.113.2

log "the kernel's refusals"
refused() {
	local want=$1 out
	shift
	if out=$(nsx c link-attr t1 "$@" 2>&1); then
		fail "link-attr t1 $* was taken"
	fi
	expect_match "the kernel's message for $*" "$out" "$want"
}
refused 'pmtu-probe needs keepalive' $IFLA_SCID_PMTU_PROBE=u8:1
refused 'pmtu-probe must be 0' $IFLA_SCID_KEEPALIVE=100 $IFLA_SCID_PMTU_PROBE=u8:2
refused 'pmtu-raise out of range' $IFLA_SCID_PMTU_RAISE=999
refused 'pmtu-raise out of range' $IFLA_SCID_PMTU_RAISE=86400001
refused 'read-only' $IFLA_SCID_PMTU=1400
if out=$(nsx c link-attr t1 $IFLA_SCID_KEEPALIVE=100 $IFLA_SCID_PMTU_PROBE=u8:1 \
	$IFLA_IPTUN_PMTUDISC=u8:2 2>&1); then
	fail "pmtu-probe was taken with nopmtudisc"
fi
expect_match "the kernel's message for pmtu-probe with nopmtudisc" "$out" 'pmtu-probe needs DF'
expect_eq "t1's MTU after the refusals" "$(mtu_of)" 1480

log "keepalive 100ms, pmtu-probe on, pmtu-raise 3s, over a clear path"
nsx c scidtun change t1 keepalive 100ms pmtu-probe on pmtu-raise 3s
wait_until 5 ka_above c t1 pmtu_sent_1500_up 1 || fail "no probe of 1500 bytes ($(pmtu_counters))"
converge 1480 1480 5 "clear path"
expect_eq "pmtu_lowered over a clear path" "$(ka c t1 pmtu_lowered)" 0
expect_eq "probes of 1500 lost over a clear path" "$(ka c t1 pmtu_lost_1500_up)" 0

log "the path shrinks to 1400 under the running tunnel"
path_mtu 1400
converge 1364 1384 10 "1500 -> 1400"
carrier_kept
expect_ge "probes of 1500 lost" "$(ka c t1 pmtu_lost_1500_up)" 2
# Not a terminal: the tab-separated form. Found 3 s ago (pmtu-raise), a
# search for more may be under way, slow kernels reaching it first.
t=$'\t' state='(complete|searching)'
expect_match "scidtun show t1" "$(nsx c scidtun show t1)" \
	"pmtu-probe=on${t}pmtu-raise=3s${t}pmtu=$(mtu_of)${t}pmtu-state=$state${t}pmtu-age=[0-9]+ms"
expect_match "scidtun -j show t1" "$(nsx c scidtun -j show t1)" \
	"\"pmtu_probe\": ?true.*\"pmtu\": ?$(mtu_of),.*\"pmtu_state\": ?\"$state\""
expect_match "scidtun showconf" "$(nsx c scidtun showconf)" \
	'tunnel t1 .*keepalive 100ms.* pmtu-probe on pmtu-raise 3s'
if ip_plugin; then
	expect_match "ip -d link show t1" "$(ip -n c -d link show t1)" \
		"pmtu-probe on pmtu-raise 3s.* pmtu $(mtu_of) pmtu-state $state"
fi
bulk "scid_ipip peer, path 1400"

log "the path recovers: the MTU rises within pmtu-raise (3 s) and 5 s"
path_mtu 1500
converge 1480 1480 8 "1400 -> 1500"
carrier_kept
expect_ge "pmtu_raised" "$(ka c t1 pmtu_raised)" 1

log "the peer goes: probes lost with keepalive's are not a smaller MTU"
lowered=$(ka c t1 pmtu_lowered)
ip -n p link set t1 down
wait_until 5 carrier_is c t1 0 || fail "t1 kept its carrier with the peer gone"
sleep 1
ip -n p link set t1 up
wait_until 5 carrier_is c t1 1 || fail "t1 did not get its carrier back"
ka_down_before=$(ka c t1 ka_carrier_down)
sleep 1
expect_eq "t1's MTU after the peer came back" "$(mtu_of)" 1480
expect_eq "pmtu_lowered with the peer gone" "$(ka c t1 pmtu_lowered)" "$lowered"

log "an MTU the operator set: the probed one caps it, the pin stays"
path_mtu 1400
converge 1364 1384 10 "pinned 1450, path 1400"
ip -n c link set t1 mtu 1450
expect_le "t1's MTU after pinning 1450 on a 1400 path" "$(mtu_of)" 1384
path_mtu 1500
converge 1450 1450 8 "pinned 1450, path 1500"

log "pmtu-probe off: the MTU is the pinned one, then the underlay's"
path_mtu 1400
converge 1364 1384 10 "pinned 1450, path 1400 again"
nsx c link-attr t1 $IFLA_SCID_PMTU_PROBE=u8:0 || fail "pmtu-probe off was refused"
expect_eq "t1's MTU with probing off" "$(mtu_of)" 1450
nsx c scidtun change t1 mtu auto
expect_eq "t1's MTU unpinned" "$(mtu_of)" 1480

log "the kernel's ipip as the peer"
nsx p ip link del t1
peer_ipip
path_mtu 1500
wait_until 5 carrier_is c t1 1 || fail "t1 without carrier against the kernel's ipip"
ka_down_before=$(ka c t1 ka_carrier_down)
nsx c link-attr t1 $IFLA_SCID_PMTU_PROBE=u8:1 || fail "pmtu-probe on was refused"
wait_until 5 ka_above c t1 pmtu_sent_1500_up 1 || fail "no probe of 1500 bytes"
sleep 1
expect_eq "t1's MTU over a clear path to ipip" "$(mtu_of)" 1480
path_mtu 1400
converge 1364 1384 10 "ipip peer, 1500 -> 1400"
carrier_kept
bulk "ipip peer, path 1400"
path_mtu 1500
converge 1480 1480 8 "ipip peer, 1400 -> 1500"

log "a router that drops the ICMP it would send: c2 -- r (r1 MTU 1400) -- p2"
netns_add c2 r p2
veth c2 c0 r r0
veth r r1 p2 p0
ip -n r link set r1 mtu 1400
ip -n c2 addr add 192.0.2.1/24 dev c0
ip -n r addr add 192.0.2.254/24 dev r0
ip -n r addr add 198.51.100.254/24 dev r1
ip -n p2 addr add 198.51.100.2/24 dev p0
ip -n c2 route add default via 192.0.2.254
ip -n p2 route add default via 198.51.100.254
forwarding r
# r's own ICMP (fragmentation needed, to c2) goes nowhere; forwarded
# traffic, pings included, passes.
ip -n r rule add ipproto 1 iif lo lookup 100
ip -n r route add blackhole default table 100
for ns_dev in c2:c0 p2:p0; do
	nsx "${ns_dev%:*}" ethtool -K "${ns_dev#*:}" gso off tso off \
		tx-ipxip4-segmentation off >/dev/null
done
nsx p2 ip tunnel add t1 mode ipip remote 192.0.2.1 local 198.51.100.2 dev p0
ip -n p2 addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n p2 link set t1 up
forwarding p2
ip -n p2 route add 192.0.2.1 via 192.0.2.1 dev t1 onlink
nsx c2 scidtun add t1 remote 198.51.100.2 local 192.0.2.1 dev c0
ip -n c2 addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n c2 link set t1 up
ping_ok c2 203.0.113.2
ping_fails c2 198.51.100.2 -M do -s 1372
expect_no_match "c2's route to p2 after a lost ICMP" "$(ip -n c2 route get 198.51.100.2)" 'mtu'

log "control: without probing, a bulk transfer stalls"
if tcp_bulk c2 p2 203.0.113.2 3; then
	fail "2 MB crossed the router without probing: its ICMP leaks ($BULK_OUT)"
fi
log "control: $BULK_OUT"

log "keepalive 100ms, pmtu-probe on"
nsx c2 link-attr t1 $IFLA_SCID_KEEPALIVE=100 $IFLA_SCID_PMTU_PROBE=u8:1 ||
	fail "pmtu-probe on was refused"
wait_until 10 mtu_between_in c2 1360 1380 ||
	fail "c2's t1 MTU is $(nsx c2 cat /sys/class/net/t1/mtu), not 1360..1380"
bulk "router, ipip peer" c2 p2 203.0.113.2
