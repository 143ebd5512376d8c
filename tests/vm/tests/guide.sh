#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/guide.md, played: every block after a "<!-- guide: HOST... -->"
# comment runs on its host, in the guide's order, so the guide cannot rot;
# then those of docs/troubleshooting.md, on the network the guide built.
#
#   <!-- guide: H1,H2 -->          a ```sh block run in each host's namespace
#   <!-- guide: H /etc/x/f.conf --> a file block written to that path on H
#   <!-- guide: H background -->   a ```sh block started in the background;
#                                   its output is checked below
#   <!-- guide: packaging -->      not run here (systemctl, dpkg, dkms):
#                                   tests/unit/check-guide.sh checks them
#
# Each host's /etc/scid-ipip is a directory of its own ($root/HOST/...),
# the paths in the blocks rewritten to it. The hosts share one kernel, so
# the guide's "modprobe -r scid_ipip" on one host takes the other hosts'
# tunnels too: after it, the test applies their files again, as each of
# them would not need to.
#
#   client eth0 192.0.2.51/24 ---- isp c0 192.0.2.1/24
#   proxy1 eth0 198.51.100.42/24 -+
#   proxy2 eth0 198.51.100.43/24 -+- isp br0 198.51.100.1/24
#   hub    eth0 198.51.100.44/24 -+
#   gateway eth0 203.0.113.2/25 -- isp g0 203.0.113.1/25
#   gateway eth1 203.0.113.129/25 - target eth0 203.0.113.201/25
#   (the isp does not route 203.0.113.128/25: only the gateway reaches it)

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
need_scid
# The guide's "ip -d link" words and troubleshooting.md's "ip link add ...
# type scid_ipip" are those of the staged install's ip link plugin.
ls /usr/lib/*/ip/link_scid_ipip.so >/dev/null 2>&1 ||
	skip "no ip link plugin: run with a staged 'make install' (SCID_VM_OVERLAY)"

docs=${SCID_GUIDE_DOCS:-/opt/scid/vm/docs}
for f in guide.md troubleshooting.md; do
	[ -f "$docs/$f" ] || fail "no $docs/$f"
done
root=$(mktemp -d)
hosts=(client proxy1 proxy2 hub gateway target)

netns_add isp "${hosts[@]}"
veth client eth0 isp c0
veth proxy1 eth0 isp p1
veth proxy2 eth0 isp p2
veth hub eth0 isp h0
veth gateway eth0 isp g0
veth gateway eth1 target eth0
bridge_add isp br0 p1 p2 h0
ip -n isp addr add 192.0.2.1/24 dev c0
ip -n isp addr add 198.51.100.1/24 dev br0
ip -n isp addr add 203.0.113.1/25 dev g0
forwarding isp
ip -n client addr add 192.0.2.51/24 dev eth0
ip -n client route add default via 192.0.2.1
ip -n proxy1 addr add 198.51.100.42/24 dev eth0
ip -n proxy2 addr add 198.51.100.43/24 dev eth0
ip -n hub addr add 198.51.100.44/24 dev eth0
for h in proxy1 proxy2 hub; do
	ip -n $h route add default via 198.51.100.1
done
ip -n gateway addr add 203.0.113.2/25 dev eth0
ip -n gateway addr add 203.0.113.129/25 dev eth1
ip -n gateway route add default via 203.0.113.1
ip -n target addr add 203.0.113.201/25 dev eth0
for h in "${hosts[@]}"; do
	mkdir -p "$root/$h/etc/scid-ipip"
done
ping_fails client 203.0.113.201

# The blocks: $root/blocks/N.tag (the comment's words) and N.text.
mkdir "$root/blocks"
n=0
for f in guide.md troubleshooting.md; do
	tag='' in=0
	while IFS= read -r line; do
		if [ $in -eq 1 ]; then
			if [[ $line == '```' ]]; then
				in=0
			else
				printf '%s\n' "$line" >>"$root/blocks/$n.text"
			fi
		elif [[ $line =~ ^'<!-- guide: '(.*)' -->'$ ]]; then
			tag=${BASH_REMATCH[1]}
		elif [[ $line == '```'* ]] && [ -n "$tag" ]; then
			n=$((n + 1))
			printf '%s\n' "$tag" >"$root/blocks/$n.tag"
			: >"$root/blocks/$n.text"
			in=1 tag=''
		elif [ -n "$tag" ] && [ -n "$line" ]; then
			fail "$f: '<!-- guide: $tag -->' is not followed by a block"
		fi
	done <"$docs/$f"
	[ $in -eq 0 ] || fail "$f: a block is not closed"
	[ "$f" != guide.md ] || n_guide=$n
done
[ "$n_guide" -ge 10 ] || fail "guide.md: only $n_guide tagged blocks"
[ $n -gt "$n_guide" ] || fail "troubleshooting.md: no tagged block"

bg_pids=()
for i in $(seq 1 $n); do
	read -r where what <"$root/blocks/$i.tag"
	[ "$where" != packaging ] || continue
	for h in ${where//,/ }; do
		[ -d "$root/$h" ] || fail "guide: block $i names an unknown host '$h'"
		text=$(sed "s|/etc/scid-ipip|$root/$h/etc/scid-ipip|g" "$root/blocks/$i.text")
		case $what in
		/etc/*)
			log "$h: $what"
			printf '%s\n' "$text" >"$root/$h$what"
			;;
		background)
			log "$h (background): $text"
			ip netns exec "$h" bash -c "$text" >"$root/bg.$i" 2>&1 &
			bg_pids+=($!)
			sleep 0.5
			;;
		'')
			log "$h: $(printf '%s' "$text" | awk 'NR == 1') ..."
			out=$(ip netns exec "$h" bash -euo pipefail -c "$text" 2>&1) ||
				fail "guide block $i on $h failed: $(printf '%s\n' "$out" | indent)"
			printf '%s\n' "$out" >"$root/out.$i.$h"
			;;
		*)
			fail "guide: block $i has an unknown word '$what'"
			;;
		esac
	done
	if grep -q '^modprobe -r scid_ipip' "$root/blocks/$i.text"; then
		# One kernel for all hosts: the others' tunnels went too.
		for h in client proxy2 gateway; do
			nsx "$h" scidtun setconf "$root/$h/etc/scid-ipip" >/dev/null
		done
	fi
done

# The outcome, beyond what the blocks check themselves.
log "the outcome"
for pid in "${bg_pids[@]}"; do
	kill "$pid" 2>/dev/null || true
done
wait || true
expect_match "ip monitor link saw the carrier go" "$(cat "$root"/bg.*)" 'tunl1.*NO-CARRIER'
expect_eq "hub tunnels" "$(awk 'END { print }' "$root"/out.*.hub)" 100
# The module was reloaded (the DKMS part): the counters start again.
for h in client gateway; do
	expect_ge "$h: tunl1 answered" "$(scid_stat $h tunl1 ka_replies)" 1
	expect_ge "$h: tunl2 answered" "$(scid_stat $h tunl2 ka_replies)" 1
done
expect_ge "proxy2 answered probes" "$(scid_stat proxy2 tunl1 ka_answers_sent)" 1
expect_match "route with both proxies" "$(ip -n client route get 203.0.113.201)" "dev tunl1"
ping_ok client 203.0.113.201
