#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Keepalive's settings are taken whole or not at all. Bad values (an
# interval under 50 ms or over 10 min, hold or rise 0 or over 100, keepalive
# on a tunnel without a remote, the read-only state attributes) are refused
# with a non-zero exit and a message naming the problem, by scidtun, by ip
# link with the plugin, and by the kernel itself for raw rtnetlink requests
# no tool would send (tests/vm/progs/link-attr); and the tunnel keeps every
# setting it had, including the good values that came in the same request.
# hold and rise are kept while keepalive is off. A change of the settings
# restarts from up (the carrier back, ka_carrier_up counted) even while
# keepalive has the carrier away. `scidtun change NAME keepalive off` stops
# the probes.
#
#   a eth0 198.51.100.1/24 ---- b eth0 198.51.100.2/24
#   a t1 remote 198.51.100.2, keepalive 2s hold 4 rise 3 (the settings under test)
#   a t0 remote any                                     (no peer to probe)
#   a t3 remote 198.51.100.4 (b, no tunnel), keepalive 100ms hold 1 (a change)
#   a t2 remote 198.51.100.3 (b), keepalive 100ms     (keepalive off stops it)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=keepalive.inc
. "$(dirname "$0")/keepalive.inc"
need_scid
ip_plugin || skip "no ip link plugin in the guest (run.sh with SCID_VM_OVERLAY, as make check-vm does)"

# From module/uapi/scid_ipip.h.
IFLA_SCID_KEEPALIVE=33
IFLA_SCID_KEEPALIVE_HOLD=34
IFLA_SCID_KEEPALIVE_RISE=35
IFLA_SCID_KEEPALIVE_STATE=36
IFLA_SCID_KEEPALIVE_LAST=37
IFLA_SCID_KEEPALIVE_RTT=38

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0
nsx a scidtun add t1 local 198.51.100.1 remote 198.51.100.2 dev eth0 keepalive 2s hold 4 rise 3
nsx a scidtun add t0 local 198.51.100.1 remote any dev eth0
ip -n a link set t1 up
ip -n a link set t0 up
expect_eq "t1's settings after add" "$(ka_settings a t1)" "2000 4 3"
expect_eq "t0's settings after add" "$(ka_settings a t0)" off

# addresses DEV: "LOCAL peer|brd REMOTE" of ip link's link/ipip line.
addresses() {
	ip -n a link show dev "$1" | awk '$1 == "link/ipip" { print $2, $3, $4 }'
}
# refused WHAT DEV WORD_RE CMD...: CMD exits non-zero with a message
# matching WORD_RE (the problem named), and DEV's settings and its remote
# are what they were.
refused() {
	local what=$1 dev=$2 re=$3 before remote out
	shift 3
	before=$(ka_settings a "$dev")
	remote=$(addresses "$dev")
	if out=$("$@" 2>&1); then
		fail "$what: '$*' succeeded, expected a refusal (said: $out)"
	fi
	expect_match "$what: the message of '$*'" "$out" "$re"
	expect_eq "$what: $dev's keepalive settings after '$*'" "$(ka_settings a "$dev")" "$before"
	expect_eq "$what: $dev's addresses after '$*'" \
		"$(addresses "$dev")" "$remote"
	log "refused: $* -> $out"
}

log "scidtun"
# The tool's parsing has its unit tests (tests/unit/keepalive_test.c): here
# the edges, through the installed tool, a few processes each (the debug
# kernel makes every process dear).
for bad in 0ms 49ms 600001ms 601s 100; do
	refused "interval $bad" t1 '[Kk]eepalive' nsx a scidtun change t1 keepalive "$bad"
done
for n in 0 101; do
	refused "hold $n" t1 '[Hh]old' nsx a scidtun change t1 hold "$n"
	refused "rise $n" t1 '[Rr]ise' nsx a scidtun change t1 rise "$n"
done
refused "a good interval with a bad hold" t1 '[Hh]old' \
	nsx a scidtun change t1 keepalive 100ms hold 0
refused "a good interval and hold with a bad rise" t1 '[Rr]ise' \
	nsx a scidtun change t1 keepalive 100ms hold 5 rise 101
refused "keepalive on a tunnel with remote any" t0 '[Rr]emote' \
	nsx a scidtun change t0 keepalive 100ms
refused "remote any on a tunnel with keepalive" t1 '[Rr]emote' \
	nsx a scidtun change t1 remote any
if out=$(nsx a scidtun add t9 local 198.51.100.1 remote any keepalive 100ms 2>&1); then
	fail "scidtun add t9 remote any keepalive 100ms succeeded: $out"
fi
expect_match "the message of scidtun add remote any keepalive" "$out" '[Rr]emote'
! has_dev a t9 || fail "a refused scidtun add left t9 behind"

log "ip link with the plugin"
for bad in 0ms 49ms 600001ms; do
	refused "ip link interval $bad" t1 '[Kk]eepalive' \
		ip -n a link set t1 type scid_ipip keepalive "$bad"
done
for n in 0 101; do
	refused "ip link hold $n" t1 '[Hh]old' ip -n a link set t1 type scid_ipip hold "$n"
	refused "ip link rise $n" t1 '[Rr]ise' ip -n a link set t1 type scid_ipip rise "$n"
done
refused "ip link: a good interval with a bad rise" t1 '[Rr]ise' \
	ip -n a link set t1 type scid_ipip keepalive 100ms hold 2 rise 0
refused "ip link keepalive on a tunnel with remote any" t0 '[Rr]emote' \
	ip -n a link set t0 type scid_ipip keepalive 100ms
if out=$(ip -n a link add t9 type scid_ipip local 198.51.100.1 keepalive 100ms 2>&1); then
	fail "ip link add t9 without a remote, with keepalive, succeeded: $out"
fi
expect_match "the message of ip link add without a remote, with keepalive" "$out" '[Rr]emote'
! has_dev a t9 || fail "a refused ip link add left t9 behind"

log "the kernel's own checks (raw attributes)"
# The control: a request the kernel takes, and the settings read back.
nsx a link-attr t1 $IFLA_SCID_KEEPALIVE=3000 ||
	fail "link-attr could not set an interval of 3000 ms"
expect_eq "t1's settings after a raw interval of 3000 ms" "$(ka_settings a t1)" "3000 4 3"
expect_eq "t1's addresses after a raw interval alone" "$(addresses t1)" \
	"198.51.100.1 peer 198.51.100.2"
for v in 49 600001 4294967295; do
	refused "raw interval $v" t1 'keepalive interval' \
		nsx a link-attr t1 $IFLA_SCID_KEEPALIVE=$v
done
# hold and rise: the attribute policy's range, checked before the driver
# sees the request (the kernel names the attribute by its offset).
for v in 0 101; do
	refused "raw hold $v" t1 'out of range' nsx a link-attr t1 $IFLA_SCID_KEEPALIVE_HOLD=$v
	refused "raw rise $v" t1 'out of range' nsx a link-attr t1 $IFLA_SCID_KEEPALIVE_RISE=$v
done
refused "raw: a good interval and hold with a bad rise" t1 'out of range' \
	nsx a link-attr t1 $IFLA_SCID_KEEPALIVE=100 $IFLA_SCID_KEEPALIVE_HOLD=2 \
	$IFLA_SCID_KEEPALIVE_RISE=0
refused "raw: a good interval with the read-only state" t1 'read-only' \
	nsx a link-attr t1 $IFLA_SCID_KEEPALIVE=100 $IFLA_SCID_KEEPALIVE_STATE=u8:1
refused "raw: the read-only last reply" t1 'read-only' \
	nsx a link-attr t1 $IFLA_SCID_KEEPALIVE_LAST=5
refused "raw: the read-only round trip" t1 'read-only' \
	nsx a link-attr t1 $IFLA_SCID_KEEPALIVE_RTT=5
refused "raw: keepalive on a tunnel with remote any" t0 'remote' \
	nsx a link-attr t0 $IFLA_SCID_KEEPALIVE=100

log "hold and rise are kept while keepalive is off"
nsx a scidtun change t1 keepalive off
expect_eq "t1's settings after keepalive off" "$(ka_settings a t1)" off
nsx a scidtun change t1 keepalive 1s
expect_eq "t1's settings after keepalive 1s alone" "$(ka_settings a t1)" "1000 4 3"
# keepalive 0 is off in the ABI, not a bad value.
nsx a link-attr t1 $IFLA_SCID_KEEPALIVE=0 || fail "a raw interval of 0 (off) was refused"
expect_eq "t1's settings after a raw interval of 0" "$(ka_settings a t1)" off

log "a change restarts the count from up, even with the carrier gone"
# b has no tunnel: nobody answers t3.
ip -n b addr add 198.51.100.4/24 dev eth0
nsx a scidtun add t3 local 198.51.100.1 remote 198.51.100.4 dev eth0 keepalive 100ms hold 1 rise 1
ip -n a link set t3 up
expect_carrier "t3 unanswered" a t3 0
expect_eq "t3's ka_carrier_down" "$(ka a t3 ka_carrier_down)" 1
# Counted in process context: the debug kernel's DEBUG_PREEMPT checks it.
nsx a scidtun change t3 hold 3
expect_eq "t3's ka_carrier_up after a change" "$(ka a t3 ka_carrier_up)" 1
expect_eq "t3's settings after the change" "$(ka_settings a t3)" "100 3 1"
expect_carrier "t3 unanswered under the new settings" a t3 0
expect_eq "t3's ka_carrier_down" "$(ka a t3 ka_carrier_down)" 2
nsx a scidtun change t3 keepalive off
expect_eq "t3's ka_carrier_up after keepalive off" "$(ka a t3 ka_carrier_up)" 2
expect_carrier "t3 without keepalive" a t3 1

log "scidtun change keepalive off stops the probes"
ip -n b addr add 198.51.100.3/24 dev eth0
nsx a scidtun add t2 local 198.51.100.1 remote 198.51.100.3 dev eth0 keepalive 100ms
ip -n a link set t2 up
wait_until 20 ka_above a t2 ka_probes_sent 3 || fail "t2 sent no probes: $(ka_counters a t2)"
nsx a scidtun change t2 keepalive off
expect_eq "t2's settings after keepalive off" "$(ka_settings a t2)" off
# Ten intervals of 100 ms without a probe.
expect_stays "keepalive off" a t2 ka_probes_sent 1
capture_start b eth0 4
sleep 1
capture_stop
expect_eq "IPIP packets from t2 after keepalive off" "$(grep -c . "$CAP_FILE" || true)" 0
