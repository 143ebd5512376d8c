#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scidtun setconf applies a file idempotently: the first run adds the
# tunnels, addresses and routes, a second changes nothing, a changed file
# changes only what differs, showconf's output applies as a no-op, and
# --prune removes tunnels the file no longer names. The systemd unit's
# command does the same with /etc/scid-ipip.
#
#   s: eth0 192.0.2.51/24 (dummy)
#      tunl1 remote 198.51.100.42 local 192.0.2.51 dev eth0
#      tunl2 remote any            (tunl8, tunl9 made by hand, left alone)

. "$(dirname "$0")/../lib.sh"
need_scid

netns_add s
ip -n s link add eth0 type dummy
ip -n s addr add 192.0.2.51/24 dev eth0
ip -n s link set eth0 up
dir=$(mktemp -d)
conf=$dir/site.conf

# setconf ARGS...: run it in s; its output in $out.
setconf() {
	out=$(nsx s scidtun setconf "$@")
}

# count WHAT CMD...: lines of CMD's output (for "nothing duplicated").
lines() {
	nsx s "$@" | grep -c . || true
}

cat >"$conf" <<'CONF'
# the client end
tunnel tunl1 remote 198.51.100.42 local 192.0.2.51 dev eth0
	address 192.0.2.51/32
	route 203.0.113.200 via 192.0.2.1 onlink
	route 203.0.113.0/28 via 192.0.2.1 onlink
tunnel tunl2 remote any
CONF

log "dry run changes nothing"
setconf -n "$conf"
expect_match "dry run output" "$out" "tunl1: added"
expect_match "dry run output" "$out" "dry run: nothing was changed"
! has_dev s tunl1 || fail "a dry run made tunl1"

log "first apply"
setconf "$conf"
expect_eq "first apply" "$out" "tunl1: added
tunl1: address 192.0.2.51/32 added
tunl1: up
tunl1: route 203.0.113.200 via 192.0.2.1 onlink added
tunl1: route 203.0.113.0/28 via 192.0.2.1 onlink added
tunl2: added
tunl2: up"
expect_eq "tunl1" "$(nsx s scidtun show tunl1)" \
	$'tunl1\t198.51.100.42\t192.0.2.51\teth0\tinherit\t0x00\tpmtudisc'
expect_match "tunl1 is up" "$(ip -n s link show tunl1)" "[<,]UP[,>]"
expect_match "tunl1 address" "$(ip -n s -4 addr show dev tunl1)" "inet 192\.0\.2\.51/32 "
expect_match "route" "$(ip -n s route show 203.0.113.200)" \
	"^203\.0\.113\.200 via 192\.0\.2\.1 dev tunl1 .*onlink"

log "the same file again changes nothing"
setconf "$conf"
expect_eq "second apply" "$out" "no changes"
expect_eq "tunnels" "$(lines scidtun show)" 2
expect_eq "addresses on tunl1" "$(lines ip -4 -o addr show dev tunl1)" 1
expect_eq "routes through tunl1" "$(lines ip route show dev tunl1)" 2

log "showconf prints what setconf reads back as no change"
nsx s scidtun showconf >"$dir/shown.conf"
expect_eq "showconf" "$(cat "$dir/shown.conf")" "tunnel tunl1 remote 198.51.100.42 local 192.0.2.51 dev eth0
	address 192.0.2.51/32
	route 203.0.113.0/28 via 192.0.2.1 onlink
	route 203.0.113.200 via 192.0.2.1 onlink

tunnel tunl2 remote any"
setconf "$dir/shown.conf"
expect_eq "setconf of showconf" "$out" "no changes"

log "a changed file changes only what differs"
nsx s scidtun add tunl9 remote 198.51.100.99
nsx s scidtun add tunl8 remote 198.51.100.98
cat >"$conf" <<'CONF'
tunnel tunl1 remote 198.51.100.42 local 192.0.2.51 dev eth0 ttl 64
	address 192.0.2.51/32
	address 10.9.0.1/32
	route 203.0.113.200 via 192.0.2.2 onlink
	route 203.0.113.201 via 192.0.2.1 onlink
tunnel tunl2 remote 198.51.100.7
CONF
setconf "$conf"
expect_eq "changed apply" "$out" "tunl1: changed: ttl inherit -> 64
tunl1: address 10.9.0.1/32 added
tunl1: route 203.0.113.0/28 via 192.0.2.1 onlink removed
tunl1: route 203.0.113.200 via 192.0.2.2 onlink changed (was 203.0.113.200 via 192.0.2.1 onlink)
tunl1: route 203.0.113.201 via 192.0.2.1 onlink added
tunl2: replaced: remote any -> 198.51.100.7
tunl2: up"
expect_eq "tunl1 after the change" "$(nsx s scidtun show tunl1)" \
	$'tunl1\t198.51.100.42\t192.0.2.51\teth0\t64\t0x00\tpmtudisc'
expect_eq "addresses on tunl1" "$(lines ip -4 -o addr show dev tunl1)" 2
expect_eq "routes through tunl1" "$(lines ip route show dev tunl1)" 2
has_dev s tunl9 && has_dev s tunl8 || fail "setconf without --prune removed tunl8 or tunl9"
setconf "$conf"
expect_eq "changed file, again" "$out" "no changes"

log "--prune removes what the file does not name"
setconf --prune "$conf"
# Both in one request (scidtun del's), in the order show lists them.
expect_eq "prune" "$out" "$(printf '%s\n' "tunl9: deleted (not in the configuration)" \
	"tunl8: deleted (not in the configuration)")"
! has_dev s tunl9 && ! has_dev s tunl8 || fail "--prune left tunl8 or tunl9"

log "a bad file is refused before anything changes"
printf 'tunnel tunl1 remote 198.51.100.42\n\troute 10.0.0.1 onlink\n' >"$dir/bad.conf"
if nsx s scidtun setconf "$dir/bad.conf" 2>"$dir/err"; then
	fail "setconf took a bad file"
fi
expect_eq "bad file" "$(cat "$dir/err")" "scidtun: $dir/bad.conf:2: 'onlink' needs 'via'"
expect_eq "tunl1 untouched" "$(nsx s scidtun show tunl1 | cut -f5)" 64

log "the systemd unit's command applies /etc/scid-ipip"
unit=$(ls /lib/systemd/system/scid-ipip.service 2>/dev/null || true)
if [ -n "$unit" ]; then
	cmd=$(sed -n 's/^ExecStart=//p' "$unit")
	expect_eq "ExecStart" "$cmd" "/usr/sbin/scidtun setconf /etc/scid-ipip"
	mkdir -p /etc/scid-ipip
	cp "$conf" /etc/scid-ipip/10-site.conf
	printf 'tunnel tunl3 remote 198.51.100.3\n' >/etc/scid-ipip/20-more.conf
	printf 'tunnel ignored remote 198.51.100.4\n' >/etc/scid-ipip/README
	# shellcheck disable=SC2086 # the unit's words, as systemd splits them
	out=$(nsx s $cmd)
	expect_eq "unit apply" "$out" "tunl3: added
tunl3: up"
	! has_dev s ignored || fail "setconf read a file not named *.conf"
	out=$(nsx s $cmd)
	expect_eq "unit apply, again" "$out" "no changes"
	rm -rf /etc/scid-ipip
else
	log "no staged unit; its command is not tried"
fi
rm -rf "$dir"
