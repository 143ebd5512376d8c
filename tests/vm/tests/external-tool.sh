#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scidtun's words for an external tunnel (docs/external.md): add creates it
# by rtnetlink with every word given, show and -j print its list, change
# replaces the list and refuses what does not fit the tunnel, showconf
# prints a line setconf takes back, and setconf makes, changes and replaces
# one. The module's own behaviour is external.sh's; here, that the tool's
# words reach it: a spoke's traffic crosses while its source is allowed,
# and packets from a source it no longer allows are dropped and counted.
# Those come from a's second address, .11, which no tunnel of a has: the
# ICMP unreachable tunnel4 answers them with would otherwise stop t0 for
# 30 s (external.sh).
#
#   a eth0 198.51.100.1,.11 lo 192.0.2.1 --- b eth0 198.51.100.2 lo 192.0.2.2
#   a: t0 (scid_ipip, to b)                    b: x0 (external, made by scidtun)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid

P=198.51.100
I=192.0.2
netns_add a b
veth a eth0 b eth0
ip -n a addr add "$P.1/24" dev eth0
ip -n a addr add "$P.11/24" dev eth0
ip -n b addr add "$P.2/24" dev eth0
ip -n a addr add "$I.1/32" dev lo
ip -n b addr add "$I.2/32" dev lo
nsx a scidtun add t0 remote "$P.2" local "$P.1"
ip -n a link set t0 up
ip -n a route add "$I.2/32" dev t0 src "$I.1"

log "add: one request with every word"
nsx b scidtun add x0 external allow "$P.1,$P.0/28" dev eth0 fwmark 0x7
ip -n b link set x0 up
ip -n b route add "$I.1/32" encap ip dst "$P.1" dev x0 src "$I.2"
expect_match "ip -d link" "$(ip -n b -d link show x0)" \
	"scid_ipip external allow $P.0/28,$P.1 remote any local any dev eth0 .*fwmark 0x7"
ping_ok a "$I.2" -I "$I.1"

log "show, -j"
expect_match "show, piped" "$(nsx b scidtun show x0)" \
	$'^x0\tany\tany\teth0\t.*\texternal=on\tallow='"$P.0/28,$P.1"$'(\t|$)'
out=$(nsx b scidtun -j show x0)
expect_match "-j" "$out" "\"external\":true,\"allow\":\[\"$P.0/28\",\"$P.1/32\"\]"
expect_match "-j of a classic tunnel" "$(nsx a scidtun -j show t0)" \
	'"external":false,"allow":null'
if command -v jq >/dev/null; then
	expect_eq "jq reads the list" "$(jq -r '.[0].allow | join(",")' <<<"$out")" \
		"$P.0/28,$P.1/32"
fi

# from_11: 3 IPIP echo requests from a's .11 to b's inner address.
from_11() {
	nsx a ipip-send -s "$P.11" -d "$P.2" -S "$I.1" -D "$I.2" -c 3
	sleep 0.3
}

log "change: the list is replaced; refused sources are counted"
nsx b scidtun change x0 allow "$P.0/28,$P.11"
e=$(echoes b)
from_11
expect_rise "echoes from .11, allowed" "$e" "$(echoes b)" 3
nsx b scidtun change x0 allow none
expect_match "allow none" "$(nsx b scidtun show x0)" $'\tallow=none(\t|$)'
drops=$(scid_stat b x0 rx_drop_source)
e=$(echoes b)
from_11
expect_eq "echoes from .11 with none allowed" "$(echoes b)" "$e"
expect_rise "rx_drop_source with none allowed" "$drops" "$(scid_stat b x0 rx_drop_source)" 3
nsx b scidtun change x0 allow any ttl 9
expect_match "allow any" "$(ip -n b -d link show x0)" "external allow any .* ttl 9 "
e=$(echoes b)
from_11
expect_rise "echoes from .11 under allow any" "$e" "$(echoes b)" 3
nsx b scidtun change x0 allow "$P.1"
ping_ok a "$I.2" -I "$I.1"

log "refusals name the word and change nothing"
before=$(ip -n b -d link show x0)
# refused WHAT ERE NS ARGS...: scidtun ARGS fails in NS, saying ERE.
refused() {
	local what=$1 ere=$2 ns=$3 out
	shift 3
	out=$(nsx "$ns" scidtun "$@" 2>&1) && fail "$what: accepted"
	expect_match "$what" "$out" "$ere"
}
refused "a second external tunnel" "already" b add x1 external
refused "external with a remote" "'remote' is not for external tunnels" b \
	add y0 external remote "$P.9"
refused "allow without external" "'allow' is for external tunnels" b \
	add y0 remote "$P.9" allow any
refused "keepalive on an external tunnel" "'keepalive' is not for external" b \
	add y0 external keepalive 1s
refused "a remote for x0" "'x0' is external" b change x0 remote "$P.9"
refused "a bad prefix" "host bits set \\(the network is $P.0/24\\)" b \
	change x0 allow "$P.1/24"
refused "allow on a classic tunnel" "'allow' is for external tunnels: 't0' is not one" a \
	change t0 allow any
refused "external on a classic tunnel" "cannot make 't0' external" a change t0 external
expect_eq "x0 unchanged" "$(ip -n b -d link show x0)" "$before"
has_dev b y0 && fail "a refused add left y0"
has_dev b x1 && fail "a refused add left x1"

log "showconf and setconf"
conf=$(nsx b scidtun showconf x0)
expect_match "showconf" "$conf" "^tunnel x0 external allow $P.1 dev eth0 ttl 9 fwmark 0x7"
expect_no_match "showconf: no encap route" "$conf" "route"
printf '%s\n' "$conf" >/tmp/x0.conf
expect_eq "setconf of showconf" "$(nsx b scidtun setconf /tmp/x0.conf)" "no changes"
sed -i "s|allow $P.1 |allow $P.1,203.0.113.0/24 |" /tmp/x0.conf
out=$(nsx b scidtun setconf /tmp/x0.conf)
expect_match "setconf: a longer list" "$out" "allow $P.1 -> $P.1,203.0.113.0/24"
expect_match "the kernel's list" "$(ip -n b -d link show x0)" "allow $P.1,203.0.113.0/24 "
expect_match "setconf left the encap route" "$(ip -n b route show "$I.1")" "encap ip"
ping_ok a "$I.2" -I "$I.1"
# A file that makes it classic replaces it; one that makes it external again too.
printf 'tunnel x0 remote %s\n' "$P.1" >/tmp/x0.conf
expect_match "setconf: no longer external" "$(nsx b scidtun setconf /tmp/x0.conf)" \
	"replaced: not external"
expect_match "x0 classic" "$(nsx b scidtun -j show x0)" '"remote":"198.51.100.1".*"external":false'
printf 'tunnel x0 external\n' >/tmp/x0.conf
expect_match "setconf: external again" "$(nsx b scidtun setconf /tmp/x0.conf)" \
	"replaced: external"
expect_match "no allow in the file: none" "$(ip -n b -d link show x0)" "external allow none "
nsx b scidtun del x0
has_dev b x0 && fail "del left x0"
nsx b scidtun setconf /tmp/x0.conf >/dev/null
expect_match "setconf creates it" "$(nsx b scidtun show x0)" $'\texternal=on\tallow=none'
log "ok"
