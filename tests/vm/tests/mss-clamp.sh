#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# clamp-mss across a silent path-MTU black hole. c and p share one L2
# segment through a bridge whose port toward p has MTU 1400, while both
# hosts' own links say 1500: outer packets above 1400 bytes vanish in the
# bridge and nobody sends ICMP. The tunnel is scid_ipip on c, the kernel's
# ipip on p: the peer knows nothing of clamping. h sits behind c, which
# forwards its traffic into the tunnel, as the study's proxy does.
#
#   h                c                        br                  p
#   eth0 .1 ------ h0 198.51.100.254
#   198.51.100.0/24  c0 192.0.2.1 ------ bc [br0] bp (mtu 1400) ------ p0 192.0.2.2
#                    t1 203.0.113.1 (scid_ipip) ============ t1 203.0.113.2 (ipip)
#
# Without clamping a bulk TCP transfer stalls (the control); with
# clamp-mss 1340 on c alone it completes both ways, for c's own connections
# and for h's forwarded ones; "auto" follows a tunnel MTU the operator set.
# The kernel refuses values out of range however they are sent.

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

IFLA_SCID_CLAMP_MSS=39

modprobe ipip
netns_add h c br p
veth h eth0 c h0
veth c c0 br bc
veth br bp p p0
ip -n br link set bp mtu 1400
bridge_add br br0 bc bp
ip -n h addr add 198.51.100.1/24 dev eth0
ip -n h route add default via 198.51.100.254
ip -n c addr add 198.51.100.254/24 dev h0
ip -n c addr add 192.0.2.1/24 dev c0
ip -n p addr add 192.0.2.2/24 dev p0
forwarding c
# A veth hands GSO packets over whole and a bridge forwards those whatever
# their size: segment them before they leave, as a real NIC's wire would.
for ns_dev in c:c0 p:p0; do
	nsx "${ns_dev%:*}" ethtool -K "${ns_dev#*:}" gso off tso off \
		tx-ipxip4-segmentation off >/dev/null
done

nsx c scidtun add t1 remote 192.0.2.2 local 192.0.2.1 dev c0
nsx p ip tunnel add t1 mode ipip remote 192.0.2.1 local 192.0.2.2 dev p0
ip -n c addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
ip -n p addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
ip -n c link set t1 up
ip -n p link set t1 up
ip -n p route add 198.51.100.0/24 dev t1
expect_eq "c t1's MTU" "$(nsx c cat /sys/class/net/t1/mtu)" 1480
expect_eq "p t1's MTU" "$(nsx p cat /sys/class/net/t1/mtu)" 1480
ping_ok c 203.0.113.2
ping_ok h 203.0.113.2
# The hole itself: outer packets of 1400 bytes pass, of 1420 do not (a
# bridge port forwards up to its MTU plus a VLAN tag's 4 bytes).
ping_ok c 203.0.113.2 -M do -s 1352
ping_fails c 203.0.113.2 -M do -s 1372

# mss_ok: both ends of the last transfer send segments of at most 1340.
mss_ok() {
	local m
	for m in $(printf '%s\n' "$BULK_OUT" | grep -o 'mss=[0-9]*' | cut -d= -f2); do
		[ "$m" -le 1340 ] || return 1
	done
}

clamped() {
	scid_stat c t1 mss_clamped
}

log "control: no clamping, a bulk transfer from c stalls"
if tcp_bulk c p 203.0.113.2 5; then
	fail "2 MB crossed the black hole without clamping: the test's hole leaks ($BULK_OUT)"
fi
log "$BULK_OUT"
expect_eq "mss_clamped without clamping" "$(clamped)" 0

log "clamp-mss 1340 on c"
nsx c scidtun change t1 clamp-mss 1340
expect_match "scidtun show t1" "$(nsx c scidtun show t1)" 'clamp-mss[ =]1340'
# transfer FROM TO ADDR: one that must now cross, and both ends' MSS.
transfer() {
	local before
	before=$(clamped)
	tcp_bulk "$@" 30 || fail "2 MB from $1 to $3 did not cross with clamp-mss: $BULK_OUT"
	log "$1 -> $3: $BULK_OUT"
	mss_ok || fail "$1 -> $3: an end sends segments above 1340: $BULK_OUT"
	# A SYN out and a SYN-ACK in, or the other way round.
	expect_ge "SYNs c lowered for $1 -> $3" $(($(clamped) - before)) 2
}
transfer c p 203.0.113.2
transfer p c 203.0.113.1
transfer h p 203.0.113.2
transfer p h 198.51.100.1
expect_eq "SYNs without an MSS option" "$(scid_stat c t1 mss_no_option)" 0
expect_eq "SYNs with malformed options" "$(scid_stat c t1 mss_malformed)" 0

log "clamp-mss auto follows the MTU the operator set (1380: MSS 1340)"
nsx c scidtun change t1 mtu 1380 clamp-mss auto
expect_match "scidtun show t1" "$(nsx c scidtun show t1)" 'clamp-mss[ =]auto'
# h announces 1460; p would send it segments of 1440 unless c lowers that.
transfer p h 198.51.100.1

log "the kernel's own checks (raw attributes)"
for v in 2 535 65496 4294967295; do
	if out=$(nsx c link-attr t1 $IFLA_SCID_CLAMP_MSS=$v 2>&1); then
		fail "a raw clamp-mss of $v was taken"
	fi
	expect_match "the kernel's message for a raw clamp-mss of $v" "$out" 'clamp-mss out of range'
	expect_match "t1 after a refused raw clamp-mss of $v" "$(nsx c scidtun show t1)" 'clamp-mss[ =]auto'
done
nsx c link-attr t1 $IFLA_SCID_CLAMP_MSS=536 || fail "a raw clamp-mss of 536 was refused"
expect_match "t1 after a raw clamp-mss of 536" "$(nsx c scidtun show t1)" 'clamp-mss[ =]536'
nsx c link-attr t1 $IFLA_SCID_CLAMP_MSS=0 || fail "a raw clamp-mss of 0 (off) was refused"
expect_no_match "t1 after a raw clamp-mss of 0" "$(nsx c scidtun show t1)" 'clamp-mss'

log "through ip link, showconf, and the tool's refusals"
if ip_plugin; then
	ip -n c link set t1 type scid_ipip clamp-mss 1400
	expect_match "ip -d link show t1" "$(ip -n c -d link show t1)" ' clamp-mss 1400 '
else
	nsx c scidtun change t1 clamp-mss 1400
fi
expect_match "scidtun showconf" "$(nsx c scidtun showconf)" 'tunnel t1 .*clamp-mss 1400'
for v in 535 65496 abc; do
	if out=$(nsx c scidtun change t1 clamp-mss $v 2>&1); then
		fail "scidtun change t1 clamp-mss $v succeeded"
	fi
	expect_match "scidtun's message for clamp-mss $v" "$out" "invalid clamp-mss '$v'"
done
expect_match "t1 after refused values" "$(nsx c scidtun show t1)" 'clamp-mss[ =]1400'
nsx c scidtun change t1 clamp-mss off
expect_no_match "scidtun show t1 with clamp-mss off" "$(nsx c scidtun show t1)" 'clamp-mss'

log "off again: SYNs pass untouched"
before=$(clamped)
tcp_bulk c p 203.0.113.2 30 || fail "c's own transfer at MTU 1380 did not cross: $BULK_OUT"
expect_eq "SYNs lowered with clamping off" "$(clamped)" "$before"
