#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS as a user runs it: 'make dkms-install' puts the sources in
# /usr/src/scid-ipip-VERSION, then 'dkms add/build/install' for each kernel
# with headers (SCID_DKMS_KERNELS, default all of /lib/modules/*/build).
# Each of those kernels then boots in the VM with the DKMS-built module in
# /lib/modules/KVER/updates/dkms/ (tests/vm/tests/pkg-dkms.sh). Removes it
# all again. Root only; changes this machine's /usr/src and DKMS tree.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || fail "needs root (dkms install)"
command -v dkms >/dev/null || fail "no dkms (scripts/deps.sh installs it)"
take_lock
src=/usr/src/scid-ipip-$version
checks=0

if dpkg-query -W -f='${Status}' scid-ipip-dkms 2>/dev/null | grep -q 'ok installed'; then
	fail "the scid-ipip-dkms package is installed; remove it before this test"
fi
cleanup() {
	dkms remove "scid-ipip/$version" --all >/dev/null 2>&1 || true
	rm -rf "$src"
}
cleanup
trap cleanup EXIT

kernels=${SCID_DKMS_KERNELS:-$(for b in /lib/modules/*/build; do
	[ -e "$b/Makefile" ] && basename "$(dirname "$b")"; done)}
[ -n "$kernels" ] || fail "no kernel headers in /lib/modules/*/build"

log "make dkms-install"
make -s -C "$top" dkms-install >/dev/null
grep -qx "PACKAGE_VERSION=\"$version\"" "$src/dkms.conf" || fail "$src/dkms.conf is not version $version"
[ -f "$src/module/Kbuild" ] && [ -f "$src/VERSION" ] || fail "make dkms-install left out Kbuild files"
! ls "$src"/module/*.o "$src"/module/*.ko >/dev/null 2>&1 || fail "make dkms-install copied build products"
checks=$((checks + 2))

# The module DKMS installed for kernel $1, compressed or not; empty if none.
dkms_module() {
	ls "/lib/modules/$1/updates/dkms/scid_ipip.ko"* 2>/dev/null | head -n 1
}

dkms add "scid-ipip/$version"
for k in $kernels; do
	log "dkms build and install for $k"
	dkms build "scid-ipip/$version" -k "$k" >/dev/null || {
		cat "/var/lib/dkms/scid-ipip/$version/build/make.log" >&2 2>/dev/null || true
		fail "dkms build for $k failed"
	}
	dkms install "scid-ipip/$version" -k "$k" >/dev/null
	# Kernels with compressed modules (Debian's 6.12) get scid_ipip.ko.xz.
	ko=$(dkms_module "$k")
	[ -f "$ko" ] || fail "dkms install put no scid_ipip.ko* in /lib/modules/$k/updates/dkms"
	[ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$k" ] || fail "$ko is not built for $k"
	[ "$(modinfo -F version "$ko")" = "$version" ] || fail "$ko is not version $version"
	dkms status "scid-ipip/$version" -k "$k" | grep -q ': installed' ||
		fail "dkms status does not say installed for $k"
	checks=$((checks + 4))
done

for k in $kernels; do
	log "booting $k with the DKMS-built module"
	overlay=$top/build/overlay/dkms-$k
	rm -rf "$overlay"
	ko=$(dkms_module "$k")
	install -D -m 0644 "$ko" "$overlay$ko"
	kver=$k stage_marker "$overlay" dkms
	if [ "$k" = "$kver" ]; then
		run_vm "$overlay" pkg-dkms
	else
		# run.sh wants the tree's module built for the kernel it boots.
		tree=$top/build/dkms-tree-$k
		rm -rf "$tree" && mkdir -p "$tree"
		(cd "$top" && tar --exclude=./build --exclude=./.git -cf - .) | tar -C "$tree" -xf -
		make -s -C "$tree" clean all KVER="$k" >/dev/null
		SCID_VM_OVERLAY=$overlay "$tree/tests/vm/run.sh" --kernel "$k" --only pkg-dkms
	fi
	checks=$((checks + 1))
done

log "dkms remove"
dkms remove "scid-ipip/$version" --all >/dev/null
for k in $kernels; do
	[ -z "$(dkms_module "$k")" ] || fail "dkms remove left the module for $k"
done
checks=$((checks + 1))
echo "dkms: $checks passed, 0 failed"
