#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/kver.sh, the default KVER, on fake /lib/modules trees: the
# running kernel when its headers are there, else the stock kernel, else
# the newest other headers; never headers whose compiler is missing.
# Host only, no root.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
checks=0

# tree KVER [CC]: headers for KVER built by CC (default: this gcc).
tree() {
	mkdir -p "$root/$1/build/include/config"
	touch "$root/$1/build/Makefile"
	echo "CONFIG_CC_VERSION_TEXT=\"${2:-gcc} (Debian) 12\"" >"$root/$1/build/include/config/auto.conf"
}

# expect WHAT KVER [REASON_REGEX]
expect() {
	local out err
	err=$(mktemp)
	out=$(SCID_MODULES=$root "$top/scripts/kver.sh" 2>"$err")
	if [ "$out" != "$2" ] || ! grep -Eq -- "${3:-.}" "$err"; then
		echo "FAIL: kver: $1: expected '$2' (${3:-}), got '$out': $(cat "$err")" >&2
		exit 1
	fi
	rm -f "$err"
	checks=$((checks + 1))
}

running=$(uname -r)
stock=$("$top/scripts/stock-kver.sh" || true)
expect "no headers at all" "" "no kernel to build for"
tree 5.10.0-99-amd64
expect "only old headers" 5.10.0-99-amd64 "the newest other headers"
tree 9.9.9-sid-amd64 scid-no-such-gcc-99
expect "newer headers, compiler missing" 5.10.0-99-amd64 "scid-no-such-gcc-99, which is not installed"
tree 6.99.0-1-amd64
expect "the newest usable" 6.99.0-1-amd64 "newest other"
if [ -n "$stock" ] && [ "$stock" != "$running" ]; then
	tree "$stock"
	expect "stock before newer" "$stock" "Debian's stock kernel"
fi
tree "$running"
expect "the running kernel first" "$running" "the running kernel\)"
echo "kver: $checks passed, 0 failed"
