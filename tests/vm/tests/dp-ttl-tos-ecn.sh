#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Outer TTL and TOS, fixed or inherited from the inner packet, and ECN per
# RFC 6040: on encapsulation the outer ECN field copies the inner one (CE
# becomes ECT(0)); on decapsulation CE on the outer header marks an ECT
# inner packet CE, and CE over a not-ECT inner packet is dropped and counted.
# Outer headers are read at b's eth0, decapsulated inner ones at a's t1;
# the outer packets a receives are crafted in b by ipip-send.
#
#   a                                        b
#   eth0 198.51.100.1/24 ------------------ eth0 198.51.100.2/24
#   t1 203.0.113.1 ======================== t1 203.0.113.2

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

tunnel_pair

# send_inner ITOS ITTL LEN: an echo request from a into t1, with the inner
# TOS byte and TTL given (ECN bits too, which ping will not set).
send_inner() {
	nsx a ipip-send -N -S 203.0.113.1 -D 203.0.113.2 -t "$1" -l "$2" -n "$3"
}

log "ttl 33: every outer packet has TTL 33"
nsx a $TUN change t1 ttl 33
capture_start b eth0 4
send_inner 0 50 10
send_inner 0 200 11
capture_stop
cap_has "outer TTL, inner TTL 50" " ttl=33 .* ittl=50 "
cap_has "outer TTL, inner TTL 200" " ttl=33 .* ittl=200 "
cap_lacks "outer TTL other than 33" " proto=4 ttl=([0-9]|[0-24-9][0-9]|3[0-24-9]|[0-9]{3}) "

log "ttl inherit: the outer TTL is the inner one"
# iproute2's 'ip tunnel change NAME ttl inherit' keeps the old TTL: say 0.
if [ "$MOD" = scid_ipip ]; then
	nsx a $TUN change t1 ttl inherit
else
	nsx a $TUN change t1 ttl 0
fi
capture_start b eth0 4
send_inner 0 50 10
send_inner 0 200 11
capture_stop
cap_has "outer TTL, inner TTL 50" " ttl=50 .* ittl=50 "
cap_has "outer TTL, inner TTL 200" " ttl=200 .* ittl=200 "

log "tos 0x28: outer DSCP fixed, ECN from the inner packet (CE -> ECT(0))"
nsx a $TUN change t1 tos 0x28
capture_start b eth0 4
send_inner 0x00 64 10
send_inner 0x02 64 11
send_inner 0x01 64 12
send_inner 0x03 64 13
send_inner 0xb8 64 14
capture_stop
cap_has "outer tos, inner not-ECT" " tos=0x28 .* itos=0x00 .* ilen=38$"
cap_has "outer tos, inner ECT(0)" " tos=0x2a .* itos=0x02 .* ilen=39$"
cap_has "outer tos, inner ECT(1)" " tos=0x29 .* itos=0x01 .* ilen=40$"
cap_has "outer tos, inner CE" " tos=0x2a .* itos=0x03 .* ilen=41$"
cap_has "outer tos, inner DSCP 0xb8" " tos=0x28 .* itos=0xb8 .* ilen=42$"

log "tos inherit: outer DSCP and ECN from the inner packet"
nsx a $TUN change t1 tos inherit
capture_start b eth0 4
send_inner 0x48 64 10
send_inner 0xba 64 11
send_inner 0x4b 64 12
capture_stop
cap_has "outer tos, inner 0x48" " tos=0x48 .* itos=0x48 .* ilen=38$"
cap_has "outer tos, inner 0xb8 ECT(0)" " tos=0xba .* itos=0xba .* ilen=39$"
cap_has "outer tos, inner 0x48 CE" " tos=0x4a .* itos=0x4b .* ilen=40$"
log "and ping -Q, the operator's way"
capture_start b eth0 4
PING_COUNT=1 ping_ok a 203.0.113.2 -Q 0x68 -s 60
capture_stop
cap_has "outer tos of ping -Q 0x68" " tos=0x68 .* itos=0x68 .* ilen=88$"

log "decapsulation: outer CE marks ECT inner packets; CE over not-ECT is dropped"
if [ "$MOD" = scid_ipip ]; then
	ecn0=$(scid_stat a t1 rx_drop_ecn)
fi
fe0=$(counter a t1 rx_frame_errors)
rx0=$(counter a t1 rx_packets)
# outer OTOS ITOS LEN: from b to a, as b's t1 would send it.
outer() {
	nsx b ipip-send -s 198.51.100.2 -d 198.51.100.1 -T "$1" \
		-S 203.0.113.2 -D 203.0.113.1 -u -t "$2" -n "$3"
}
capture_start a t1 17
outer 0x03 0x02 10	# CE over ECT(0)      -> CE
outer 0x03 0x01 11	# CE over ECT(1)      -> CE
outer 0xbb 0x22 12	# CE over DSCP+ECT(0) -> inner DSCP kept, CE
outer 0x02 0x00 13	# ECT(0) over not-ECT -> as it is
outer 0x00 0x03 14	# not-ECT over CE     -> as it is
outer 0x03 0x00 15	# CE over not-ECT     -> dropped
outer 0x00 0x00 16	# plain
capture_stop
indent <"$CAP_FILE"
cap_has "CE over ECT(0)" " tos=0x03 .* tot=38 "
cap_has "CE over ECT(1)" " tos=0x03 .* tot=39 "
cap_has "CE over DSCP 0x20 + ECT(0)" " tos=0x23 .* tot=40 "
cap_has "ECT(0) over not-ECT" " tos=0x00 .* tot=41 "
cap_has "not-ECT over CE" " tos=0x03 .* tot=42 "
cap_lacks "CE over not-ECT is not delivered" " tot=43 "
cap_has "a plain packet after it" " tos=0x00 .* tot=44 "
expect_eq "packets delivered on a's t1" "$(($(counter a t1 rx_packets) - rx0))" 6
expect_eq "a t1 rx_frame_errors (ECN)" "$(($(counter a t1 rx_frame_errors) - fe0))" 1
if [ "$MOD" = scid_ipip ]; then
	expect_eq "a t1 rx_drop_ecn" "$(($(scid_stat a t1 rx_drop_ecn) - ecn0))" 1
fi
