#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Privilege and isolation. tests/vm/progs/hard-priv.c checks, in namespace
# p which holds tunnel pt0: without CAP_NET_ADMIN no rtnetlink create,
# change or delete (EPERM); a new user namespace manages tunnels in its own
# network namespace and nowhere else, not even through sockets or
# namespace handles it carried in from the parent (ioctl-abi.c has the
# plain ioctl cases). A tunnel moved into a namespace of another user
# namespace can be looked at and deleted there, not re-pointed (EPERM from
# the ioctls and rtnetlink alike). Then, between two sibling namespaces with the same
# addresses: x's tunnel t0 is invisible from y (no device, ENODEV to
# scidtun, ip and ethtool) and unreachable: IPIP packets with t0's
# endpoints sent into y are not t0's; sent into x, they are.
#
#   p: pt0 (remote 203.0.113.9)
#
#        s                                      x
#        sx ----------------------------------- eth0 198.51.100.2/24
#        |                                      t0: remote 198.51.100.1
#        |                                          local 198.51.100.2 dev eth0
#        sy ----------------------------------- y: eth0 198.51.100.2/24, no tunnel
#   hard-inject: outer 198.51.100.1 -> 198.51.100.2, into x or into y

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

n=$(size 10 1000)

netns_add p s x y
nsx p scidtun add pt0 remote 203.0.113.9
log "hard-priv in p"
rc=0
out=$(nsx p hard-priv pt0 2>&1) || rc=$?
printf '%s\n' "$out" | indent
[ $rc -eq 0 ] || fail "hard-priv: $(grep -c '^FAIL' <<<"$out") failed checks"
summary=$(tail -n 1 <<<"$out")

log "a tunnel moved into a namespace of another user namespace"
# Its root there owns the device but not the namespace the tunnel was
# created in, where its outer packets go: it may look and delete the
# device, but not re-point the tunnel (ioctl or rtnetlink).
moved_checks=0
if unshare -r true 2>/dev/null; then
	unshare -r -n sleep 600 &
	holder=$!
	wait_until 5 eval '[ "$(readlink /proc/$holder/ns/net)" != "$(readlink /proc/self/ns/net)" ]' ||
		fail "the holder of the user namespace did not start"
	nsx p scidtun add mv0 remote 203.0.113.20 local 203.0.113.30
	ip -n p link set mv0 netns "$holder"
	# Full paths: busybox's nsenter would run its own ip applet.
	inside() {
		local cmd
		cmd=$(command -v "$1")
		shift
		nsenter -t "$holder" -U -n -S 0 -G 0 "$cmd" "$@"
	}
	refused_moved() {
		moved_checks=$((moved_checks + 1))
		if out=$("$@" 2>&1); then
			fail "moved mv0: '$*' succeeded: $out"
		fi
		expect_match "moved mv0: '$*'" "$out" "not permitted|CAP_NET_ADMIN"
	}
	refused_moved inside scidtun change mv0 remote 203.0.113.21
	refused_moved inside scidtun change mv0 local any
	refused_moved inside scidtun del mv0
	! ip_plugin || refused_moved inside ip link set mv0 type scid_ipip remote 203.0.113.21
	out=$(inside scidtun show mv0) || fail "moved mv0: show: $out"
	expect_match "moved mv0 keeps its endpoints" "$out" "203.0.113.20.*203.0.113.30"
	inside ip link del mv0 || fail "moved mv0: its namespace's root cannot delete the device"
	moved_checks=$((moved_checks + 2))
	kill "$holder"
	wait "$holder" 2>/dev/null || true
else
	log "skipped: this kernel has no user namespaces"
fi

log "x's t0 is invisible from y"
veth s sx x eth0
veth s sy y eth0
ip -n x addr add 198.51.100.2/24 dev eth0
ip -n y addr add 198.51.100.2/24 dev eth0
nsx x scidtun add t0 remote 198.51.100.1 local 198.51.100.2 dev eth0
ip -n x link set t0 up
checks=0
refused() {
	checks=$((checks + 1))
	if out=$("$@" 2>&1); then
		fail "y: '$*' succeeded: $out"
	fi
}
refused nsx y scidtun show t0
refused nsx y scidtun change t0 ttl 9
refused nsx y scidtun del t0
refused nsx y ip link show dev t0
refused nsx y ip link del dev t0
refused nsx y ethtool -S t0
expect_eq "tunnels y lists" "$(nsx y scidtun show)" ""
checks=$((checks + 1))
expect_no_match "y's /proc/net/dev" "$(nsx y cat /proc/net/dev)" "t0:"
checks=$((checks + 1))

log "unreachable: $n packets with t0's endpoints into y, then into x"
# ip_stat NS FIELD: a field of the Ip line of /proc/net/snmp.
ip_stat() {
	nsx "$1" cat /proc/net/snmp | awk -v f="$2" '
		$1 == "Ip:" && !h { for (i = 2; i <= NF; i++) if ($i == f) c = i; h = 1; next }
		$1 == "Ip:" && h && !done { print $c; done = 1 }'
}
inject() {
	nsx s hard-inject -i "$1" -m "$(nsx "$2" cat /sys/class/net/eth0/address)" \
		-s 198.51.100.1 -d 198.51.100.2 -S 192.0.2.1 -D 192.0.2.2 -k good -c "$n"
}
x_rx=$(counter x t0 rx_packets)
y_del=$(ip_stat y InDelivers)
inject sy y
sleep 0.5
expect_eq "x t0 rx_packets after packets into y" "$(counter x t0 rx_packets)" "$x_rx"
expect_eq "y InDelivers (tunnel4, unclaimed)" "$(ip_stat y InDelivers)" $((y_del + n))
inject sx x
sleep 0.5
expect_eq "x t0 rx_packets after packets into x" "$(counter x t0 rx_packets)" $((x_rx + n))
checks=$((checks + 3))

hard_figure "checks=$(($(kv "$summary" checks) + checks + moved_checks)) failed=$(kv "$summary" failed)" \
	"skipped=$(kv "$summary" skipped) packets=$((2 * n)) received=$n drops=unclaimed:$n"
