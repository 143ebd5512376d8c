#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/guide.md's and docs/troubleshooting.md's blocks, without a VM:
# every fenced block is tagged (<!-- guide: ... -->), so
# tests/vm/tests/guide.sh runs it, and the blocks
# tagged "packaging", which need a whole machine (systemctl, dpkg, dkms)
# and are not run there, name only what exists: the unit that
# tools/scidtun/systemd/ builds (whose command, scidtun setconf
# /etc/scid-ipip, the guide runs by hand in the VM test), the packages of
# debian/control where make deb puts them, and dkms.conf's module name.
# tests/packaging/deb.sh and dkms.sh install and check those for real.
# Every command that troubleshooting.md names in its text and tables
# (scidtun, ip, ethtool, sysctl, ping, modprobe ...) is run by a tagged
# block of that page or the guide (placeholders like NAME or REMOTE
# standing for any word), but tcpdump, which the VM lacks.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
guide=$top/docs/guide.md
unit=$top/tools/scidtun/systemd/scid-ipip.service.in
errors=0
ko() {
	echo "check-guide: $*" >&2
	errors=$((errors + 1))
}

packaging=()
n_all=0
# blocks FILE MIN: check FILE's tags; the packaging blocks to $packaging.
blocks() {
	local file=$1 min=$2 tag='' in=0 n=0 lineno=0 block='' line
	while IFS= read -r line; do
		lineno=$((lineno + 1))
		if [ $in -eq 1 ]; then
			if [[ $line == '```' ]]; then
				in=0
				[ "$tag" != packaging ] || packaging+=("$block")
				tag=''
			else
				block+="$line"$'\n'
			fi
		elif [[ $line =~ ^'<!-- guide: '(.*)' -->'$ ]]; then
			[ -z "$tag" ] || ko "$file:$lineno: a second tag before a block"
			tag=${BASH_REMATCH[1]}
		elif [[ $line == '```'* ]]; then
			[ -n "$tag" ] || ko "$file:$lineno: a block without a <!-- guide: ... --> tag"
			in=1 block='' n=$((n + 1))
		elif [ -n "$tag" ] && [ -n "$line" ]; then
			ko "$file:$lineno: the tag '$tag' is not followed by a block"
			tag=''
		fi
	done <"$top/$file"
	[ $in -eq 0 ] || ko "$file: a block is not closed"
	[ $n -ge "$min" ] || ko "$file: only $n blocks"
	n_all=$((n_all + n))
}
blocks docs/guide.md 10
blocks docs/troubleshooting.md 1
[ ${#packaging[@]} -ge 1 ] || ko "no packaging block"

# The unit runs what the guide runs by hand.
grep -qx 'ExecStart=@SBINDIR@/scidtun setconf /etc/scid-ipip' "$unit" || ko "the unit's ExecStart changed"
grep -qx 'ExecReload=@SBINDIR@/scidtun setconf /etc/scid-ipip' "$unit" || ko "the unit's ExecReload changed"
grep -qx 'scidtun setconf /etc/scid-ipip' "$guide" || ko "the guide does not run the unit's command"

pkg_name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"$/\1/p' "$top/dkms.conf")
debs=$(sed -n 's/^Package: //p' "$top/debian/control" | tr '\n' ' ')
grep -q 'tests/packaging/build-deb.sh build/deb' "$top/Makefile" || ko "make deb no longer writes build/deb"
for block in "${packaging[@]}"; do
	while read -r cmd args; do
		[ -n "$cmd" ] || continue
		case "$cmd $args" in
		"systemctl enable --now scid-ipip.service" | "systemctl reload scid-ipip.service" | \
			"systemctl restart scid-ipip.service") ;;
		"dkms status $pkg_name") ;;
		"dpkg -i "*)
			for f in ${args#-i }; do
				p=${f#build/deb/}
				p=${p%%_*}
				[[ $f == build/deb/*_*.deb && " $debs" == *" $p "* ]] ||
					ko "dpkg -i: '$f' is not a package of debian/control in build/deb"
			done
			;;
		*) ko "packaging block: '$cmd $args' is not a command this check knows" ;;
		esac
	done <<<"$block"
done

for f in tests/packaging/deb.sh tests/packaging/dkms.sh tests/vm/tests/guide.sh tests/unit/check-guide.sh; do
	[ -f "$top/$f" ] || ko "the guide points to $f, which does not exist"
	grep -q "$f" "$guide" || ko "the guide does not say that $f covers it"
done

# Every command in an inline code span of troubleshooting.md (outside its
# blocks) is run: it matches the start of a command line (a line, or a
# part of one after |, ; or &) of a tagged block of troubleshooting.md or
# guide.md. Its UPPERCASE words (NAME, N, REMOTE, ...) stand for one word
# that does not start with '-', its '...' for anything.
cmd_words='scidtun|ip|ethtool|sysctl|ping|modprobe|tcpdump|systemctl|dkms|dpkg|tc'
# Not run, and why: the test's VM has no tcpdump (tests/vm/run.sh's
# guest_bins); it only reads packets.
exempt='tcpdump'

# block_lines FILE...: the command lines of the tagged blocks of FILEs.
block_lines() {
	awk '
		/^<!-- guide: .* -->$/ { tag = 1; next }
		/^```/ { if (inb) { inb = 0 } else if (tag) { inb = 1; tag = 0 } next }
		inb {
			n = split($0, part, /[|;&]+/)
			for (i = 1; i <= n; i++) {
				p = part[i]
				sub(/^[ \t!]+/, "", p)
				if (p != "") print p
			}
		}' "$@"
}

# unmatched_spans PAGE FILE...: "LINE: SPAN" for each command span of PAGE
# that no command line of FILEs' tagged blocks matches.
unmatched_spans() {
	local page=$1 lines span re w lineno=0 line in=0
	shift
	lines=$(block_lines "$@")
	while IFS= read -r line; do
		lineno=$((lineno + 1))
		if [[ $line == '```'* ]]; then
			in=$((1 - in))
			continue
		fi
		[ $in -eq 0 ] || continue
		while [[ $line =~ \`([^\`]*)\` ]]; do
			span=${BASH_REMATCH[1]}
			line=${line#*"\`$span\`"}
			[[ $span =~ ^($cmd_words)( |$) ]] || continue
			[[ ! $span =~ ^($exempt)( |$) ]] || continue
			re=''
			for w in $span; do
				if [[ $w =~ ^[A-Z][A-Z0-9_]*$ ]]; then
					re+=' [^ -][^ ]*'
				elif [ "$w" = ... ]; then
					re+=' .+'
				else
					re+=" $(printf '%s' "$w" | sed 's/[][\.*^$+?(){}|/]/\\&/g')"
				fi
			done
			re="^${re# }( |\$)"
			grep -Eq -- "$re" <<<"$lines" || printf '%s: %s\n' "$lineno" "$span"
		done
	done <"$page"
}

# The check must be able to fail: a span no block runs is found.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/page.md" <<'EOF'
| a | `scidtun frobnicate NAME` | `ip route get REMOTE` | `ip link ... type x` | `tcpdump -ni eth0` |

<!-- guide: client -->
```sh
ip route get 192.0.2.1 | grep eth0
ip link add t1 type x remote 192.0.2.1
scidtun frobnicate -n
```
EOF
self=$(unmatched_spans "$tmp/page.md" "$tmp/page.md")
[ "$self" = "1: scidtun frobnicate NAME" ] ||
	ko "self-test: the span check found '$self', not the one unmatched span"

n_spans=$(grep -v '^```' "$top/docs/troubleshooting.md" | grep -oE "\`($cmd_words)( [^\`]*)?\`" | grep -cvE "^\`($exempt)( |\`)")
while IFS= read -r miss; do
	[ -n "$miss" ] || continue
	ko "docs/troubleshooting.md:${miss%%: *}: '${miss#*: }' is run by no tagged block of troubleshooting.md or guide.md"
done < <(unmatched_spans "$top/docs/troubleshooting.md" "$top/docs/troubleshooting.md" "$guide")

[ $errors -eq 0 ] || exit 1
echo "check-guide: $n_all blocks, ${#packaging[@]} for packaging, $n_spans commands of troubleshooting.md run, checked"
