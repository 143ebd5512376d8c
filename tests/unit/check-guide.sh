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

[ $errors -eq 0 ] || exit 1
echo "check-guide: $n_all blocks, ${#packaging[@]} for packaging, checked"
