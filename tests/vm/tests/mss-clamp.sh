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
# The hole itself: 1380 bytes of inner packet pass, 1381 do not.
ping_ok c 203.0.113.2 -M do -s 1352
ping_fails c 203.0.113.2 -M do -s 1353

# bulk NS SECONDS [IPERF3_OPTION...]: 2 MB over TCP between NS and p's
# tunnel address (-R: from p), within SECONDS.
bulk() {
	local ns=$1 limit=$2 server rc=0
	shift 2
	ip netns exec p iperf3 -s -1 -B 203.0.113.2 >/tmp/mss-clamp.server 2>&1 &
	server=$!
	listening() {
		nsx p ss -ltnH 'sport = :5201' | grep -q .
	}
	wait_until 10 listening || fail "iperf3 -s did not start: $(cat /tmp/mss-clamp.server)"
	BULK_OUT=$(nsx "$ns" timeout "$limit" iperf3 -c 203.0.113.2 -n 2M -f k "$@" 2>&1) ||
		rc=1
	kill "$server" 2>/dev/null || true
	wait "$server" 2>/dev/null || true
	return $rc
}

clamped() {
	scid_stat c t1 mss_clamped
}

log "control: no clamping, a bulk transfer from c stalls"
if bulk c 6; then
	fail "2 MB crossed the black hole without clamping: the test's hole leaks ($BULK_OUT)"
fi
expect_eq "mss_clamped without clamping" "$(clamped)" 0

log "clamp-mss 1340 on c"
nsx c scidtun change t1 clamp-mss 1340
expect_match "scidtun show t1" "$(nsx c scidtun show t1)" 'clamp-mss 1340'
for dir in "" -R; do
	before=$(clamped)
	bulk c 30 $dir || fail "c: 2 MB ${dir:+(-R) }did not cross with clamp-mss 1340: $BULK_OUT"
	# A SYN out and a SYN-ACK in, for iperf3's control and data connections.
	expect_ge "SYNs c lowered for its own transfer ${dir:+(-R)}" $(($(clamped) - before)) 4
	before=$(clamped)
	bulk h 30 $dir || fail "h: 2 MB ${dir:+(-R) }did not cross c with clamp-mss 1340: $BULK_OUT"
	expect_ge "SYNs c lowered for h's transfer ${dir:+(-R)}" $(($(clamped) - before)) 4
done
expect_eq "SYNs without an MSS option" "$(scid_stat c t1 mss_no_option)" 0
expect_eq "SYNs with malformed options" "$(scid_stat c t1 mss_malformed)" 0

log "clamp-mss auto follows the MTU the operator set (1380: MSS 1340)"
nsx c scidtun change t1 mtu 1380 clamp-mss auto
expect_match "scidtun show t1" "$(nsx c scidtun show t1)" 'clamp-mss auto'
# h announces 1460; p would answer with segments of 1440 unless c lowers it.
before=$(clamped)
bulk h 30 -R || fail "h: 2 MB from p did not cross with clamp-mss auto: $BULK_OUT"
expect_ge "SYNs c lowered with auto" $(($(clamped) - before)) 2

log "the kernel's own checks (raw attributes)"
for v in 2 535 65496 4294967295; do
	if out=$(nsx c link-attr t1 $IFLA_SCID_CLAMP_MSS=$v 2>&1); then
		fail "a raw clamp-mss of $v was taken"
	fi
	expect_match "the kernel's message for a raw clamp-mss of $v" "$out" 'clamp-mss out of range'
	expect_match "t1 after a refused raw clamp-mss of $v" "$(nsx c scidtun show t1)" 'clamp-mss auto'
done
nsx c link-attr t1 $IFLA_SCID_CLAMP_MSS=536 || fail "a raw clamp-mss of 536 was refused"
expect_match "t1 after a raw clamp-mss of 536" "$(nsx c scidtun show t1)" 'clamp-mss 536'
nsx c link-attr t1 $IFLA_SCID_CLAMP_MSS=0 || fail "a raw clamp-mss of 0 (off) was refused"
expect_no_match "t1 after a raw clamp-mss of 0" "$(nsx c scidtun show t1)" 'clamp-mss'

log "off again: what goes through is no longer touched"
before=$(clamped)
ping_ok c 203.0.113.2
bulk c 6 || true
expect_eq "SYNs lowered with clamping off" "$(clamped)" "$before"
