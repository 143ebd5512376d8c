#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel release 'make' builds for when neither KVER= nor KDIR= is
# given (the Makefile asks this once), on stdout; which one and why on
# stderr. In order of preference:
#   1. the running kernel, when its headers are installed;
#   2. Debian's stock kernel (what linux-headers-amd64 points at);
#   3. the newest other installed headers.
# Only a kernel the build can target counts: a build tree with a Makefile
# and a release, whose compiler (CONFIG_CC_VERSION_TEXT's first word) is
# on this machine. Headers of a kernel built by a newer gcc than this
# system has cannot build a module, whatever their version says.
#
#   scripts/kver.sh            SCID_MODULES=/lib/modules by default
set -euo pipefail

modules=${SCID_MODULES:-/lib/modules}
top=$(cd "$(dirname "$0")/.." && pwd)

# targetable KVER: why not, on stdout, or nothing.
why_not() {
	local b=$modules/$1/build cc

	[ -e "$b/Makefile" ] || { echo "no headers"; return; }
	cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\{0,1\}\([^ "]*\).*/\1/p' \
		"$b/include/config/auto.conf" 2>/dev/null || true)
	if [ -n "$cc" ] && ! command -v "$cc" >/dev/null; then
		echo "headers built by $cc, which is not installed"
	fi
}

say() {
	echo "scid-ipip: building for $1 ($2)" >&2
	echo "$1"
	exit 0
}

running=$(uname -r)
r=$(why_not "$running")
[ -n "$r" ] || say "$running" "the running kernel"
reason="the running kernel $running: $r"

stock=$(SCID_MODULES=$modules "$top/scripts/stock-kver.sh" 2>/dev/null || true)
if [ -n "$stock" ] && [ "$stock" != "$running" ]; then
	r=$(why_not "$stock")
	[ -n "$r" ] || say "$stock" "$reason; Debian's stock kernel"
	reason+="; stock $stock: $r"
fi

for k in $(ls "$modules" 2>/dev/null | sort -rV); do
	[ "$k" != "$running" ] && [ "$k" != "$stock" ] || continue
	r=$(why_not "$k")
	[ -n "$r" ] || say "$k" "$reason; the newest other headers"
	[ "$r" = "no headers" ] || reason+="; $k: $r"
done
echo "scid-ipip: no kernel to build for ($reason);" \
	"install linux-headers-$running or pass KVER= or KDIR=" >&2
exit 0
