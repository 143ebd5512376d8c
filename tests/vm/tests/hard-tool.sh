#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scidtun and malformed arguments: each one below must get a message that
# quotes the bad word and exit status 1, without a single tunnel ioctl or
# rtnetlink socket (tests/vm/progs/hard-noioctl.c kills it at the first),
# and without changing any device. Last, a valid request without
# CAP_NET_ADMIN is refused by the kernel: exit 2, naming the capability.
# Run in namespace a, where tunnel t1 exists (for change and del).

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

long=0123456789abcdef	# 16 bytes, one more than a name may have
netns_add a
ip -n a link add eth0 type dummy
nsx a scidtun add t1 remote 198.51.100.9
devices=$(nsx a ls /sys/class/net | tr '\n' ' ')
t1=$(nsx a scidtun show t1)

# Each case: what the message must quote, then scidtun's arguments.
cases=(
	"'1.2.3'|add t9 remote 1.2.3"
	"'198.51.100.300'|add t9 remote 198.51.100.300"
	"'foo'|add t9 remote 198.51.100.1 local foo"
	"'224.0.0.1'|add t9 remote 224.0.0.1"
	"'127.0.0.1'|add t9 remote 198.51.100.1 local 127.0.0.1"
	"'255.255.255.255'|add t9 remote 255.255.255.255"
	"'256'|add t9 remote 198.51.100.1 ttl 256"
	"'-1'|add t9 remote 198.51.100.1 ttl -1"
	"'0x10'|add t9 remote 198.51.100.1 ttl 0x10"
	"''|add t9 remote 198.51.100.1 ttl ''"
	"'256'|add t9 remote 198.51.100.1 tos 256"
	"'0x100'|add t9 remote 198.51.100.1 tos 0x100"
	"'foo'|add t9 remote 198.51.100.1 foo"
	"'$long'|add $long remote 198.51.100.1"
	"'remote'|add t9 remote"
	"'ttl'|add t9 remote 198.51.100.1 ttl"
	"'dev'|add t9 remote 198.51.100.1 dev"
	"'remote'|add t9"
	"missing tunnel name|add"
	"'a/b'|add a/b remote 198.51.100.1"
	"'a b'|add 'a b' remote 198.51.100.1"
	"'scid0'|add scid0 remote 198.51.100.1"
	"'remote'|add remote remote 198.51.100.1"
	"'gre'|add t9 mode gre remote 198.51.100.1"
	"'remote'|add t9 remote 198.51.100.1 remote 198.51.100.2"
	"'nopmtudisc'|add t9 remote 198.51.100.1 pmtudisc nopmtudisc"
	"'nosuch0'|add t9 remote 198.51.100.1 dev nosuch0"
	"'$long'|add t9 remote 198.51.100.1 dev $long"
	"'64'|add t9 remote 198.51.100.1 ttl 64 nopmtudisc"
	"'-x'|add -x remote 198.51.100.1"
	"''|add '' remote 198.51.100.1"
	"'256'|change t1 ttl 256"
	"'t1'|change t1"
	"'bogus'|change t1 bogus 1"
	"'$long'|change $long ttl 1"
	"'1.2.3'|change t1 local 1.2.3"
	"missing tunnel name|del"
	"'a/b'|del t1 a/b"
	"'scid0'|del t1 t2 scid0"
	"'t1'|flush t1"
	"'-n'|flush -n -n"
	"'$long'|del $long"
	"'a:b'|del a:b"
	"'$long'|show $long"
	"'-x'|show -x"
	"'t2'|show t1 t2"
	"'frobnicate'|frobnicate"
	"'-j'|-j add t9 remote 198.51.100.1"
	"'1.2.3'|setconf /tmp/bad1.conf"
	"'frob'|setconf /tmp/bad2.conf"
	"'256'|setconf -n /tmp/bad3.conf"
	"'$long'|setconf /tmp/bad4.conf"
)
printf 'tunnel t9 remote 1.2.3\n' >/tmp/bad1.conf
printf 'tunnel t9 remote 198.51.100.1\n\tfrob 1\n' >/tmp/bad2.conf
printf 'tunnel t9 remote 198.51.100.1 ttl 256\n' >/tmp/bad3.conf
printf 'tunnel %s remote 198.51.100.1\n' "$long" >/tmp/bad4.conf

# The guard itself: a valid show talks to the kernel and is killed. A
# kernel without seccomp filters (the debug kernel) cannot: the cases then
# run unguarded, checked for their message and exit status only.
rc=0
nsx a hard-noioctl -n scidtun show >/dev/null 2>&1 || rc=$?
guard=(hard-noioctl -n)
if [ $rc -ne 159 ]; then
	log "no seccomp filters here (hard-noioctl: exit $rc): nothing proves that no request is sent"
	guard=()
fi

for c in "${cases[@]}"; do
	want=${c%%|*}
	eval "set -- ${c#*|}"
	rc=0
	out=$(nsx a "${guard[@]}" scidtun "$@" 2>&1) || rc=$?
	case $rc in
	1) ;;
	159) fail "scidtun $*: talked to the kernel (killed at its first tunnel ioctl or rtnetlink socket)" ;;
	*) fail "scidtun $*: exit $rc, expected 1: $out" ;;
	esac
	[[ $out == *"$want"* ]] || fail "scidtun $*: the message does not quote $want: $out"
done
log "${#cases[@]} malformed command lines: exit 1, the bad word quoted, nothing sent"
expect_eq "devices in a" "$(nsx a ls /sys/class/net | tr '\n' ' ')" "$devices"
expect_eq "scidtun show t1" "$(nsx a scidtun show t1)" "$t1"

log "a valid request without CAP_NET_ADMIN"
kernel=0
if command -v capsh >/dev/null; then
	rc=0
	# shellcheck disable=SC2016 # $0 is for the shell capsh starts
	out=$(nsx a capsh --drop=cap_net_admin -- -c 'exec "$0" add t9 remote 198.51.100.1' \
		"$(command -v scidtun)" 2>&1) || rc=$?
	expect_eq "scidtun add without CAP_NET_ADMIN: exit status" "$rc" 2
	expect_match "scidtun add without CAP_NET_ADMIN: message" "$out" "CAP_NET_ADMIN"
	kernel=1
fi
expect_eq "devices in a" "$(nsx a ls /sys/class/net | tr '\n' ' ')" "$devices"

hard_figure "cases=$((${#cases[@]} + kernel)) exit1=${#cases[@]} killed=0" \
	"guard=$([ ${#guard[@]} -gt 0 ] && echo seccomp || echo none) drops=none"
