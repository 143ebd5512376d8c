#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tunnels bound to tunnels (`dev` naming one of ours). A loop of links is
# refused (ELOOP), by the ioctls and by rtnetlink: before, the reproducer
# below, run by the root of an unprivileged user namespace, overflowed the
# kernel stack in the underlay notifier. A stack deeper than the transmit
# path nests (nesting_max: 4, 3 where iptunnel_xmit() guards recursion) is
# refused too (EMLINK), counting the tunnels already bound on top of the
# one changed. Along the longest allowed stack, an MTU
# change of the device at its root reaches every level before
# `ip link set` returns, and the stack carries traffic.
#
#   a eth0 198.51.100.1/24 ----------------- b eth0 198.51.100.2/24
#   a: c1 dev eth0, c2 dev c1, ... (mtu 1480, 1460, ...)
#   b: c1 unbound, c2 over c1, ..., by routes

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

# refused ERRWORDS CMD...: CMD fails, saying ERRWORDS.
refused() {
	local words=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "'$*' succeeded: $out"
	fi
	expect_match "'$*' refused" "$out" "$words"
}

log "the reproducer: ta -> tb -> ta, in a user namespace when the kernel has them"
userns=-r
unshare -r true 2>/dev/null || {
	log "no user namespaces on this kernel: the same as root of a plain netns"
	userns=
}
out=$(unshare $userns -n sh -c '
	scidtun add ta remote any local 192.0.2.1 || exit 10
	scidtun add tb remote any local 192.0.2.2 dev ta || exit 11
	scidtun change ta dev tb; echo "change: $?"
	scidtun change ta dev ta; echo "self: $?"
	ip -o link show' 2>&1) || fail "the reproducer's setup failed: $out"
printf '%s\n' "$out" | indent
expect_match "ta dev tb" "$out" "cannot change 'ta': its dev is this tunnel or a tunnel bound to it"
expect_match "change's status" "$out" "change: 2"
expect_match "ta dev ta" "$out" "self: 2"
# ip prints a device with a link as NAME@LINK.
expect_match "tb still bound to ta" "$out" " tb@ta:"
expect_match "ta still unbound" "$out" " ta@NONE:"

netns_add a b
veth a eth0 b eth0
ip -n a addr add 198.51.100.1/24 dev eth0
ip -n b addr add 198.51.100.2/24 dev eth0

log "longer loops, by ioctl and by rtnetlink"
nsx a scidtun add l1 remote 192.0.2.11 local 198.51.100.1 dev eth0
nsx a scidtun add l2 remote 192.0.2.12 dev l1
nsx a scidtun add l3 remote 192.0.2.13 dev l2
refused "a loop" nsx a scidtun change l1 dev l3
if ip_plugin; then
	refused "leads back to this tunnel" ip -n a link set l1 type scid_ipip dev l3
	refused "leads back to this tunnel" ip -n a link set l2 type scid_ipip dev l3
else
	log "no link_scid_ipip.so: the rtnetlink cases need make check-vm"
fi
eth0=$(nsx a cat /sys/class/net/eth0/ifindex)
expect_eq "l1 still over eth0" "$(iflink a l1)" "$eth0"
for l in l3 l2 l1; do ip -n a link del "$l"; done

max=$(nesting_max)
log "$max levels bound to each other (nesting_max); one more is refused"
prev=eth0
for i in $(seq "$max"); do
	nsx a scidtun add "c$i" remote "192.0.2.$((100 + i))" local "203.0.113.$((100 + i))" \
		dev "$prev"
	prev=c$i
done
next=c$((max + 1))
refused "more scid_ipip tunnels than packets may nest" \
	nsx a scidtun add "$next" remote 192.0.2.110 dev "$prev"
! ip_plugin || refused "too deep" ip -n a link add "$next" type scid_ipip remote 192.0.2.110 dev "$prev"
has_dev a "$next" && fail "$next exists after being refused"

log "nor may a stack go under a stack: c1 over d2 over d1"
nsx a scidtun add d1 remote 192.0.2.91 dev eth0
nsx a scidtun add d2 remote 192.0.2.92 dev d1
refused "more scid_ipip tunnels than packets may nest" nsx a scidtun change c1 dev d2
! ip_plugin || refused "too deep" ip -n a link set c1 type scid_ipip dev d1
expect_eq "c1 still over eth0" "$(iflink a c1)" "$eth0"
ip -n a link del d2
ip -n a link del d1

# mtus: c1..c$max's MTUs; want LOWER: what they should be over eth0's.
mtus() {
	local i s=
	for i in $(seq "$max"); do s="$s $(nsx a cat "/sys/class/net/c$i/mtu")"; done
	echo "${s# }"
}
want() {
	local i s=
	for i in $(seq "$max"); do s="$s $(($1 - 20 * i))"; done
	echo "${s# }"
}
expect_eq "c1..c$max mtu" "$(mtus)" "$(want 1500)"
log "eth0's MTU reaches every level before ip link set returns"
ip -n a link set eth0 mtu 1400
expect_eq "c1..c$max mtu after eth0 mtu 1400" "$(mtus)" "$(want 1400)"
ip -n a link set eth0 mtu 1500
expect_eq "c1..c$max mtu after eth0 mtu 1500" "$(mtus)" "$(want 1500)"

log "the stack carries traffic: b unwraps the $max levels"
# c(i) on a: 203.0.113.(100+i) -> 192.0.2.(100+i); b has the mirror image,
# c1 over eth0, each next one routed over the one before.
for i in $(seq "$max"); do
	ip -n a addr add "203.0.113.$((100 + i))/32" dev lo
	ip -n b addr add "192.0.2.$((100 + i))/32" dev lo
	nsx b scidtun add "c$i" remote "203.0.113.$((100 + i))" local "192.0.2.$((100 + i))"
	ip -n a link set "c$i" up
	ip -n b link set "c$i" up
done
ip -n a route add 192.0.2.101/32 via 198.51.100.2 dev eth0
ip -n b route add 203.0.113.101/32 via 198.51.100.1 dev eth0
for i in $(seq 2 "$max"); do
	ip -n a route add "192.0.2.$((100 + i))/32" dev "c$((i - 1))"
	ip -n b route add "203.0.113.$((100 + i))/32" dev "c$((i - 1))"
done
ip -n a addr add 192.0.2.201/32 peer 192.0.2.202 dev "c$max"
ip -n b addr add 192.0.2.202/32 peer 192.0.2.201 dev "c$max"
ping_ok a 192.0.2.202
expect_ge "b c$max rx_packets" "$(counter b "c$max" rx_packets)" 1
expect_ge "b c1 rx_packets" "$(counter b c1 rx_packets)" 1
