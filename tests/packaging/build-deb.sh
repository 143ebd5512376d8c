#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build scid-ipip-dkms and scidtun .debs with dpkg-buildpackage, in a copy
# of the tree so the work tree gets no debhelper droppings.
#
#   tests/packaging/build-deb.sh OUTDIR
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: build-deb.sh OUTDIR}
case $out in /*) ;; *) out=$top/$out ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/scid-ipip"
(cd "$top" && tar --exclude=./build --exclude=./.git --exclude='*.o' --exclude='*.ko' \
	--exclude='*.mod' --exclude='*.mod.c' --exclude='.*.cmd' --exclude='.*.d' \
	--exclude=modules.order --exclude=Module.symvers -cf - .) | tar -C "$work/scid-ipip" -xf -
(cd "$work/scid-ipip" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 || {
	tail -n 40 "$work/build.log" >&2
	echo "build-deb.sh: dpkg-buildpackage failed" >&2
	exit 1
}
mkdir -p "$out"
rm -f "$out"/*.deb
mv "$work"/*.deb "$out/"
ls "$out"/*.deb
