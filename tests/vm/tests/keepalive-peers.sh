#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Keepalive against the peers people have (docs/keepalive.md). A tunnel
# without keepalive sends nothing of its own. With it, the probes on the
# wire are what the man page says; a scid_ipip peer with nothing configured
# but its tunnel answers them, and so does the kernel's ipip configured as
# the study's proxies are (forwarding, a route back through its tunnel).
# hold unanswered probes take the carrier away (and a second route takes
# over), rise answered ones give it back. While the peer is gone, forged
# replies (wrong cookie, wrong inner address) change nothing and are
# counted. Probes stop while the tunnel is down; a peer tunnel that is
# down, or whose remote is someone else, does not answer (keepalive-config
# has the settings and their changes).
#
#   a                                  b
#   eth0 198.51.100.1/24 ----------- eth0 198.51.100.2/24
#   t1 203.0.113.1 (keepalive)       t1 203.0.113.2 (scid_ipip, then ipip)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

# ka NS DEV NAME: the keepalive counter NAME of DEV.
ka() {
	nsx "$1" ethtool -S "$2" | awk -v k="$3:" '$1 == k { print $2 }'
}
carrier() {
	[ "$(nsx "$1" cat "/sys/class/net/$2/carrier")" = "$3" ]
}
ka_rises() {
	[ "$(ka "$1" "$2" "$3")" -gt "$4" ]
}

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx a scidtun add t1 local 198.51.100.1 remote 198.51.100.2 dev eth0
nsx b scidtun add t1 local 198.51.100.2 remote 198.51.100.1 dev eth0
ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n a link set t1 up
ip -n b link set t1 up
# The backup route the kernel falls back to when t1 loses its carrier.
ip -n a route add 192.0.2.0/24 dev t1 metric 10
ip -n a route add 192.0.2.0/24 via 198.51.100.2 dev eth0 metric 20

log "no keepalive: not one packet of its own"
capture_start b eth0 4
sleep 2
capture_stop
expect_eq "IPIP packets from an idle tunnel without keepalive" "$(grep -c . "$CAP_FILE" || true)" 0
expect_eq "ka_probes_sent without keepalive" "$(ka a t1 ka_probes_sent)" 0

log "keepalive 100ms against a scid_ipip peer: the probes on the wire"
capture_start b eth0 4
nsx a scidtun change t1 keepalive 100ms hold 3 rise 2
wait_until 10 ka_rises a t1 ka_replies 3 || fail "no replies: $(ka a t1 ka_replies)"
capture_stop
cap_has "a probe: outer a -> b, inner a -> a, UDP" \
	"src=198\.51\.100\.1 dst=198\.51\.100\.2 proto=4 .*isrc=198\.51\.100\.1 idst=198\.51\.100\.1 iproto=17"
expect_eq "net.ipv4.conf.t1.ignore_routes_with_linkdown (set by scidtun)" \
	"$(nsx a sysctl -n net.ipv4.conf.t1.ignore_routes_with_linkdown)" 1
ka_rises b t1 ka_answers_sent 0 || fail "b answered nothing"
carrier a t1 1 || fail "t1 lost its carrier with the peer answering"
expect_eq "ka_carrier_down while answered" "$(ka a t1 ka_carrier_down)" 0
expect_match "route to 192.0.2.9 with the peer alive" \
	"$(ip -n a route get 192.0.2.9)" "dev t1"

log "the peer's tunnel goes down: no answer, carrier lost, the backup route"
ip -n b link set t1 down
wait_until 10 carrier a t1 0 || fail "t1 kept its carrier with the peer silent"
expect_eq "ka_carrier_down" "$(ka a t1 ka_carrier_down)" 1
expect_match "ip link show t1" "$(ip -n a link show dev t1)" "NO-CARRIER"
expect_match "route to 192.0.2.9 with the peer gone" \
	"$(ip -n a route get 192.0.2.9)" "dev eth0"

log "forged replies while the peer is gone change nothing"
cookie=0123456789abcdef
for type in 01 02; do
	# magic SCIK, version 1, TYPE, reserved, sequence 1..3, reserved, cookie
	for seq in 00000001 00000002 00000003; do
		nsx b ipip-send -s 198.51.100.2 -d 198.51.100.1 \
			-S 198.51.100.1 -D 198.51.100.1 -p 4754 \
			-x "5343494b01${type}0000${seq}00000000$cookie"
	done
done
nsx b ipip-send -s 198.51.100.2 -d 198.51.100.1 -S 203.0.113.7 -D 203.0.113.7 \
	-p 4754 -x "5343494b010100000000000100000000$cookie" -c 2
# Type answer with a cookie not ours: a wrong value. Type probe with a
# cookie not ours looks like b's own probe, but it is about a's address
# (or 203.0.113.7), not b's: a wrong source, and not answered.
wait_until 5 ka_rises a t1 ka_rejected_source 4 ||
	fail "forged probes not counted: ka_rejected_source $(ka a t1 ka_rejected_source)"
sleep 1
carrier a t1 0 || fail "forged replies brought the carrier back"
expect_eq "ka_carrier_up after forged replies" "$(ka a t1 ka_carrier_up)" 0
expect_eq "ka_rejected_value" "$(ka a t1 ka_rejected_value)" 3
expect_eq "ka_rejected_source" "$(ka a t1 ka_rejected_source)" 5
expect_eq "ka_answers_sent by a" "$(ka a t1 ka_answers_sent)" 0

log "the peer returns: carrier back after rise replies"
ip -n b link set t1 up
wait_until 10 carrier a t1 1 || fail "t1 did not regain its carrier"
expect_eq "ka_carrier_up" "$(ka a t1 ka_carrier_up)" 1
ping_ok a 203.0.113.2

log "probes stop while t1 is down, and go on when it is up again"
ip -n a link set t1 down
sent=$(ka a t1 ka_probes_sent)
sleep 1
expect_eq "ka_probes_sent while down" "$(ka a t1 ka_probes_sent)" "$sent"
ip -n a link set t1 up
wait_until 10 ka_rises a t1 ka_probes_sent "$sent" || fail "no probe after up"

log "a peer answers a probe only about its remote itself"
rejected=$(ka b t1 ka_rejected_source)
# An off-path sender poses as b's remote, asking about another address.
nsx a ipip-send -s 198.51.100.1 -d 198.51.100.2 -S 203.0.113.7 -D 203.0.113.7 \
	-p 4754 -x "5343494b010100000000000100000000$cookie"
wait_until 5 ka_rises b t1 ka_rejected_source "$rejected" ||
	fail "b did not refuse a probe about 203.0.113.7"

# The inner address then comes from the cached outer route (keepalive.c
# scid_ka_addr()), not from a route lookup per probe.
log "local any: the probes are about the outer route's source"
nsx a scidtun change t1 local any
replies=$(ka a t1 ka_replies)
wait_until 10 ka_rises a t1 ka_replies $((replies + 3)) ||
	fail "no replies with local any: ka_replies $(ka a t1 ka_replies)"
carrier a t1 1 || fail "t1 without carrier with local any"
nsx a scidtun change t1 local 198.51.100.1

log "the kernel's ipip as the peer, as the study configures it"
modprobe ipip
nsx b scidtun del t1
ip -n b tunnel add tunl1 mode ipip remote 198.51.100.1 local 198.51.100.2 dev eth0
ip -n b addr add 198.51.100.2/32 dev tunl1
ip -n b link set tunl1 up
forwarding b
ip -n b route add 198.51.100.1 via 198.51.100.1 dev tunl1 onlink
replies=$(ka a t1 ka_replies)
wait_until 10 ka_rises a t1 ka_replies $((replies + 3)) ||
	fail "the kernel's ipip returned no probe: ka_replies $(ka a t1 ka_replies)"
carrier a t1 1 || fail "t1 without carrier against the kernel's ipip"
log "its route back goes: no reply, carrier lost"
ip -n b route del 198.51.100.1 via 198.51.100.1 dev tunl1 onlink
wait_until 10 carrier a t1 0 || fail "t1 kept its carrier without replies"
ip -n b route add 198.51.100.1 via 198.51.100.1 dev tunl1 onlink
wait_until 10 carrier a t1 1 || fail "t1 did not regain its carrier"

log "keepalive off: the carrier follows the underlay alone, no probe"
nsx a scidtun change t1 keepalive off
sent=$(ka a t1 ka_probes_sent)
ip -n b route del 198.51.100.1 via 198.51.100.1 dev tunl1 onlink
sleep 1
expect_eq "ka_probes_sent after keepalive off" "$(ka a t1 ka_probes_sent)" "$sent"
carrier a t1 1 || fail "t1 lost its carrier without keepalive"
