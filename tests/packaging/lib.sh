# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the host side of the packaging tests.
# shellcheck shell=bash

set -eEu -o pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
version=$(cat "$top/VERSION")
trap 'echo "FAIL: ${BASH_SOURCE[0]##*/}: line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR

# The kernel the tree's module is built for ('make' first).
[ -e "$top/module/scid_ipip.ko" ] || { echo "${0##*/}: build the module first (make)" >&2; exit 1; }
kver=${KVER:-$(modinfo -F vermagic "$top/module/scid_ipip.ko" | cut -d' ' -f1)}

log() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

fail() {
	printf 'FAIL: %s: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

# stage_exe ROOT FILE: FILE and the shared libraries it needs, at their paths.
stage_exe() {
	local root=$1 f=$2 lib
	install -D -m 0755 "$(readlink -f "$f")" "$root$f"
	while read -r lib; do
		[ -e "$root$lib" ] || install -D -m 0644 "$(readlink -f "$lib")" "$root$lib"
	done < <(ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
}

# stage_marker ROOT NAME: tell the VM tests which install this tree is.
stage_marker() {
	install -d "$1/opt/scid/overlay"
	printf 'version=%s\nkver=%s\n' "$version" "$kver" >"$1/opt/scid/overlay/$2"
	# JSON checks in the guest use jq when the tree brings it.
	if command -v jq >/dev/null; then
		stage_exe "$1" "$(command -v jq)"
	fi
}

# The packaging tests change this machine's /usr/src, DKMS tree and dpkg
# database: one at a time.
take_lock() {
	exec 9>/run/lock/scid-ipip-packaging.lock
	flock -w 600 9 || fail "another packaging test holds /run/lock/scid-ipip-packaging.lock"
}

# run_vm OVERLAY GLOB: the VM tests matching GLOB, with OVERLAY copied in.
run_vm() {
	SCID_VM_OVERLAY=$1 "$top/tests/vm/run.sh" --kernel "$kver" --only "$2"
}
