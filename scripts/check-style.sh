#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own style gates on the module: checkpatch (strict), sparse,
# and a W=1 build with warnings as errors. checkpatch comes from Debian's
# linux-source package, unpacked once into the cache.
set -euo pipefail

kdir=${1:?usage: check-style.sh KDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
cache=/var/cache/scid-ipip
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)

if [ -z "$tarball" ]; then
	echo "check-style: no /usr/src/linux-source-*.tar.xz (apt-get install linux-source)" >&2
	exit 1
fi
srcname=$(basename "$tarball" .tar.xz)
checkpatch=$cache/$srcname/scripts/checkpatch.pl
if [ ! -x "$checkpatch" ]; then
	mkdir -p "$cache"
	tar -C "$cache" -xf "$tarball" \
		"$srcname/scripts/checkpatch.pl" \
		"$srcname/scripts/spelling.txt" \
		"$srcname/scripts/const_structs.checkpatch"
fi

status=0
cd "$top"

checkpatch() {
	perl "$checkpatch" --no-tree --strict --terse --show-types "$@"
}

echo "check-style: checkpatch --strict"
sources=$(ls module/*.c module/*.h module/uapi/*.h | grep -v -e '\.mod\.c$' -e 'module/compat\.h$')
checkpatch -f $sources || status=1
# compat.h is the one place allowed to test kernel versions.
checkpatch --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f module/compat.h || status=1
if grep -n LINUX_VERSION_CODE $sources; then
	echo "check-style: kernel version tests belong in module/compat.h" >&2
	status=1
fi

echo "check-style: sparse and W=1"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cp -r Kbuild VERSION module "$build/"
if ! out=$(make -s -j"$(nproc)" -C "$kdir" M="$build" C=2 CHECK=sparse W=1 \
	KCFLAGS=-Werror modules 2>&1); then
	echo "$out" >&2
	status=1
elif grep -E 'warning|error' <<<"$out" | grep -v 'Skipping BTF' >&2; then
	status=1
fi

[ $status -eq 0 ] && echo "check-style: clean"
exit $status
