#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The version lives in VERSION only: debian/changelog must say the same,
# dkms.conf must take it from there (#MODULE_VERSION#, filled in by 'make
# dkms-install' and dh_dkms -V), and scidtun and the module embed it.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
version=$(cat "$top/VERSION")
fail() {
	echo "FAIL: versions.sh: $*" >&2
	exit 1
}

[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "VERSION '$version' is not X.Y.Z"
# The first line's "(VERSION)", as dpkg-parsechangelog reads it, which a
# machine with only a compiler and make (make check-unit) may not have.
changelog=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' "$top/debian/changelog")
[ "$changelog" = "$version" ] || fail "debian/changelog is $changelog, VERSION is $version"
grep -qx 'PACKAGE_VERSION="#MODULE_VERSION#"' "$top/dkms.conf" ||
	fail "dkms.conf must read PACKAGE_VERSION=\"#MODULE_VERSION#\" (filled in from VERSION)"
grep -qx 'PACKAGE_NAME="scid-ipip"' "$top/dkms.conf" || fail "dkms.conf PACKAGE_NAME"
grep -qx 'AUTOINSTALL="yes"' "$top/dkms.conf" || fail "dkms.conf AUTOINSTALL"
grep -qx 'BUILT_MODULE_NAME\[0\]="scid_ipip"' "$top/dkms.conf" || fail "dkms.conf BUILT_MODULE_NAME"
grep -qx 'DEST_MODULE_LOCATION\[0\]="/updates/dkms"' "$top/dkms.conf" ||
	fail "dkms.conf DEST_MODULE_LOCATION"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
make -s -C "$top" dkms-install DESTDIR="$stage" >/dev/null
grep -qx "PACKAGE_VERSION=\"$version\"" "$stage/usr/src/scid-ipip-$version/dkms.conf" ||
	fail "make dkms-install did not write version $version into dkms.conf"
"$top/tools/scidtun/scidtun" --version | grep -qx "scidtun $version" || fail "scidtun --version"
echo "versions: 9 passed, 0 failed"
