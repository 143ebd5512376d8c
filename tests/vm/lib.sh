# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the VM tests. Every test sources this first; each helper that
# checks something exits the test with what it expected and what it saw.
# shellcheck shell=bash
# shellcheck disable=SC2034 # TUN, MOD and PING_OUTPUT are for the tests

set -eEu -o pipefail
trap 'echo "FAIL: line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR

# The tunnel command of the seed's scripts ('ip tunnel' there), used unquoted
# as words. A reference run (run.sh --reference) uses the kernel's ipip
# through iproute2.
if [ "${SCID_REFERENCE:-0}" = 1 ]; then
	TUN="ip tunnel"
	MOD=ipip
else
	TUN=scidtun
	MOD=scid_ipip
fi

log() {
	printf '# %s\n' "$*"
}

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

skip() {
	printf 'SKIP: %s\n' "$*"
	exit 77
}

# Checks only scid_ipip can pass (its scid0, its driver name).
need_scid() {
	[ "${SCID_REFERENCE:-0}" != 1 ] || skip "reference run with the kernel's ipip"
}

indent() {
	sed 's/^/      /'
}

# expect_match WHAT TEXT REGEX: TEXT must match the extended regex.
expect_match() {
	[[ $2 =~ $3 ]] && return 0
	printf 'FAIL: %s\n    expected to match: %s\n    seen:\n' "$1" "$3" >&2
	printf '%s\n' "$2" | indent >&2
	exit 1
}

expect_no_match() {
	[[ $2 =~ $3 ]] || return 0
	printf 'FAIL: %s\n    expected not to match: %s\n    seen:\n' "$1" "$3" >&2
	printf '%s\n' "$2" | indent >&2
	exit 1
}

expect_eq() {
	[ "$2" = "$3" ] && return 0
	printf 'FAIL: %s\n    expected: %s\n    seen:     %s\n' "$1" "$3" "$2" >&2
	exit 1
}

# expect_ge WHAT SEEN MIN
expect_ge() {
	[ "$2" -ge "$3" ] && return 0
	printf 'FAIL: %s\n    expected: at least %s\n    seen:     %s\n' "$1" "$3" "$2" >&2
	exit 1
}

# expect_rise WHAT BEFORE AFTER MIN: a counter went up by at least MIN.
expect_rise() {
	[ $(($3 - $2)) -ge "$4" ] && return 0
	printf 'FAIL: %s\n    expected: a rise of at least %s\n    seen:     %s -> %s (%+d)\n' \
		"$1" "$4" "$2" "$3" $(($3 - $2)) >&2
	exit 1
}

# nsx NS CMD...: run CMD in network namespace NS.
nsx() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# netns_add NS...: new namespaces with lo up.
netns_add() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip -n "$ns" link set lo up
	done
}

# veth NS1 DEV1 NS2 DEV2: a veth pair between two namespaces, both ends up.
veth() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"
	ip -n "$1" link set "$2" up
	ip -n "$3" link set "$4" up
}

# scid_stat NS DEV NAME: one of a scid_ipip device's `ethtool -S`
# counters; fails when DEV has no counter NAME.
scid_stat() {
	nsx "$1" ethtool -S "$2" | awk -v k="$3:" '$1 == k { print $2; f = 1 } END { exit !f }'
}

# tunnel_pair: the two-host topology of several tests, checked with a ping.
#   a: eth0 198.51.100.1/24 --- b: eth0 198.51.100.2/24
#   a: t1 203.0.113.1 ========= b: t1 203.0.113.2
tunnel_pair() {
	netns_add a b
	veth a eth0 b eth0
	ip -n a addr add 198.51.100.1/24 dev eth0
	ip -n b addr add 198.51.100.2/24 dev eth0
	nsx a $TUN add t1 mode ipip remote 198.51.100.2 local 198.51.100.1 dev eth0
	nsx b $TUN add t1 mode ipip remote 198.51.100.1 local 198.51.100.2 dev eth0
	ip -n a addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
	ip -n b addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
	ip -n a link set dev t1 up
	ip -n b link set dev t1 up
	ping_ok a 203.0.113.2
}

# bridge_add NS BR PORT...: a bridge without STP or forwarding delay.
bridge_add() {
	local ns=$1 br=$2 port
	shift 2
	ip -n "$ns" link add "$br" type bridge forward_delay 0 stp_state 0
	for port; do
		ip -n "$ns" link set "$port" master "$br"
	done
	ip -n "$ns" link set "$br" up
}

forwarding() {
	nsx "$1" sysctl -qw net.ipv4.ip_forward=1
}

# counter NS DEV NAME: one of /sys/class/net/DEV/statistics/* in NS.
counter() {
	nsx "$1" cat "/sys/class/net/$2/statistics/$3"
}

# netstat_i NS DEV: "MTU RX-OK TX-OK" of DEV in 'netstat -i', read by the
# column headings (net-tools has changed the columns before).
netstat_i() {
	nsx "$1" netstat -i | awk -v dev="$2" '
		/^Iface/ { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == dev { print $col["MTU"], $col["RX-OK"], $col["TX-OK"]; found = 1 }
		END { exit !found }'
}

# echoes NS: ICMP echo requests NS has received, from /proc/net/snmp.
echoes() {
	nsx "$1" cat /proc/net/snmp | awk '
		$1 == "Icmp:" && !h { for (i = 2; i <= NF; i++) col[$i] = i; h = 1; next }
		$1 == "Icmp:" && h { print $col["InEchos"]; exit }'
}

# ping_ok NS DST [PING_OPTION...]: every one of PING_COUNT (3) echoes is
# answered.
ping_ok() {
	local ns=$1 dst=$2 out
	shift 2
	if ! out=$(nsx "$ns" ping -n -c "${PING_COUNT:-3}" -i 0.1 -w 15 "$@" "$dst" 2>&1); then
		printf 'FAIL: ping %s from %s got no full answer\n' "$dst" "$ns" >&2
		printf '%s\n' "$out" | indent >&2
		exit 1
	fi
}

# tcp_bulk FROM TO ADDR SECONDS: 2 MB over TCP (tests/vm/progs/tcp-bulk.c)
# from namespace FROM to ADDR:5201 in namespace TO, every byte read by the
# receiver within SECONDS. BULK_OUT says what each end saw, with its
# TCP_MAXSEG.
tcp_bulk() {
	local from=$1 to=$2 addr=$3 limit=$4 receiver rc=0
	ip netns exec "$to" tcp-bulk recv "$addr" 5201 "$limit" >/tmp/tcp-bulk.recv 2>&1 &
	receiver=$!
	listening() {
		nsx "$to" netstat -ltn 2>/dev/null | grep -q "${addr//./\\.}:5201 "
	}
	wait_until 10 listening || fail "tcp-bulk recv did not start: $(cat /tmp/tcp-bulk.recv)"
	BULK_OUT="send: $(nsx "$from" tcp-bulk send "$addr" 5201 2097152 "$limit" 2>&1)" || rc=1
	wait "$receiver" || rc=1
	BULK_OUT+=" recv: $(cat /tmp/tcp-bulk.recv)"
	expect_match "the receiver's count" "$BULK_OUT" 'recv: bytes=[0-9]'
	[[ $BULK_OUT == *"recv: bytes=2097152 "* ]] || rc=1
	return $rc
}

# ping_fails NS DST [PING_OPTION...]: no echo is answered.
ping_fails() {
	local ns=$1 dst=$2 out
	shift 2
	if out=$(nsx "$ns" ping -n -c 2 -i 0.2 -w 2 "$@" "$dst" 2>&1); then
		printf 'FAIL: ping %s from %s was answered, expected no answer\n' "$dst" "$ns" >&2
		printf '%s\n' "$out" | indent >&2
		exit 1
	fi
	PING_OUTPUT=$out
}

# wait_until SECONDS CMD...: poll CMD until it succeeds.
wait_until() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.1
	done
}

has_dev() {
	nsx "$1" test -e "/sys/class/net/$2"
}

# ip_plugin: whether ip knows "type scid_ipip" words (link_scid_ipip.so is
# staged by make check-vm's install overlay, not by a bare run.sh).
ip_plugin() {
	ip link help scid_ipip 2>&1 | grep -q 'scid_ipip OPTION'
}

# iflink NS DEV: the ifindex DEV sends through (a tunnel's link).
iflink() {
	nsx "$1" cat "/sys/class/net/$2/iflink"
}

# nesting_max: how many tunnel levels carry traffic on this kernel. Where
# iptunnel_xmit() guards recursion itself (6.12 on) three do: scid_ipip
# stops one short of that guard. Elsewhere scid_ipip's own limit, four.
nesting_max() {
	case $(uname -r) in
	6.[0-9].* | 6.1[01].*) echo 4 ;;
	6.* | [7-9].*) echo 3 ;;
	*) echo 4 ;;
	esac
}

# dmesg_mark TEXT: a line in the kernel log for dmesg_since to find.
dmesg_mark() {
	echo "<4>$1" >/dev/kmsg
}

# dmesg_since MARK: the kernel log after the last line containing MARK, or
# all of it when MARK has left the ring buffer (or was cleared with it).
# Line counts would not do: a full ring buffer drops its oldest lines.
dmesg_since() {
	dmesg | awk -v m="$1" '
		index($0, m) { n = 0; next }
		{ line[++n] = $0 }
		END { for (i = 1; i <= n; i++) print line[i] }'
}

# capture_start NS DEV PROTO: record the packets of IP protocol PROTO
# arriving on DEV in NS (tests/vm/progs/pkt-capture, one line each) until
# capture_stop; cap_has and cap_lacks then look at them.
CAP_FILE=/tmp/capture.lines
capture_start() {
	rm -f /tmp/capture.ready
	ip netns exec "$1" pkt-capture -i "$2" -d in -p "$3" -t 60 \
		-r /tmp/capture.ready >"$CAP_FILE" 2>/dev/null &
	CAP_PID=$!
	wait_until 10 test -e /tmp/capture.ready || fail "pkt-capture did not start"
}

# capture_stop: after the stragglers of the last exchange.
capture_stop() {
	sleep 0.3
	kill "$CAP_PID" 2>/dev/null || true
	wait "$CAP_PID" 2>/dev/null || true
}

# cap_has WHAT ERE: a captured packet's line matches ERE.
cap_has() {
	grep -qE -- "$2" "$CAP_FILE" && return 0
	printf 'FAIL: %s\n    no captured packet matches: %s\n    captured:\n' "$1" "$2" >&2
	indent <"$CAP_FILE" >&2
	exit 1
}

# cap_lacks WHAT ERE: no captured packet's line matches ERE.
cap_lacks() {
	grep -qE -- "$2" "$CAP_FILE" || return 0
	printf 'FAIL: %s\n    captured packets match: %s\n' "$1" "$2" >&2
	grep -E -- "$2" "$CAP_FILE" | indent >&2
	exit 1
}
