#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The .debs as an operator installs them: dpkg-buildpackage, dpkg -i of
# scid-ipip-dkms and scidtun (DKMS builds the module for each kernel with
# headers), checks of what landed where, then a VM boot with the installed
# files (tests/vm/tests/pkg-deb.sh), and dpkg --purge, which must leave
# nothing behind. Root only; changes this machine's dpkg database.
#
# Across kernels: every kernel with headers (Debian 12's 6.1 and 6.12 once
# scripts/deps.sh ran) must get a module, and each boots in the VM with its
# own DKMS-built module running pkg-deb and smoke. One more kernel, a fake
# one whose build tree cannot build anything, is installed beside them:
# its build fails, and the package must still configure (dpkg -i exits 0,
# dpkg --audit is silent), name the kernel in a warning, and leave the
# others built.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || fail "needs root (dpkg -i)"
take_lock
stamp=/var/lib/scid-ipip-packaging-test
checks=0
multiarch=$(cc -print-multiarch)

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}
purge() {
	dpkg --purge scidtun scid-ipip-dkms >/dev/null 2>&1 || true
	rm -f "$stamp"
}
if installed scid-ipip-dkms || installed scidtun; then
	[ -f "$stamp" ] || fail "scid-ipip-dkms or scidtun is installed; remove them before this test"
	purge
fi
trap purge EXIT

log "dpkg-buildpackage"
"$top/tests/packaging/build-deb.sh" "$top/build/deb" >/dev/null
debs=("$top"/build/deb/scid-ipip-dkms_"$version"_all.deb "$top"/build/deb/scidtun_"$version"_*.deb)
for d in "${debs[@]}"; do
	[ -f "$d" ] || fail "no $d"
done

# A kernel whose module build fails (its Makefile refuses everything).
broken=6.1.0-999-scidbroken
rm -rf "/lib/modules/$broken"
mkdir -p "/lib/modules/$broken/build/include"
printf 'all modules clean:\n\t@echo "fake kernel: no build" >&2; exit 2\n' \
	>"/lib/modules/$broken/build/Makefile"
trap 'purge; rm -rf "/lib/modules/$broken"' EXIT

log "dpkg -i"
touch "$stamp"
dpkg -i "${debs[@]}" >"$top/build/deb/install.log" 2>&1 || {
	cat "$top/build/deb/install.log" >&2
	fail "dpkg -i failed (a kernel whose build fails must not fail the package)"
}
installed scid-ipip-dkms && installed scidtun || fail "the packages are not installed"
[ -z "$(dpkg --audit)" ] || fail "dpkg --audit: $(dpkg --audit)"
grep -q "WARNING: no scid_ipip for $broken" "$top/build/deb/install.log" ||
	fail "no warning naming $broken in the dpkg -i output"
log "what dpkg -i said about $broken:"
grep -e "$broken" "$top/build/deb/install.log" | sed 's/^/    /' >&2
kernels=$(for b in /lib/modules/*/build; do
	[ -e "$b/Makefile" ] && basename "$(dirname "$b")"; done | grep -vx "$broken")
for k in $kernels; do
	dkms status "scid-ipip/$version" -k "$k" | grep -q ': installed' ||
		fail "DKMS did not build and install the module for $k"
	checks=$((checks + 1))
done
log "modules for: $(echo $kernels)"
rm -rf "/lib/modules/$broken"
checks=$((checks + 3))
dkms status "scid-ipip/$version" -k "$kver" | grep -q ': installed' ||
	fail "DKMS did not build and install the module for $kver"
ko=$(ls "/lib/modules/$kver/updates/dkms/scid_ipip.ko"* 2>/dev/null | head -n 1)
[ -n "$ko" ] || fail "no scid_ipip.ko* in /lib/modules/$kver/updates/dkms after installing scid-ipip-dkms"
[ "$(modinfo -F version "$ko")" = "$version" ] || fail "$ko is not version $version"
/usr/sbin/scidtun --version | grep -qx "scidtun $version" || fail "scidtun --version"
man -w scidtun >/dev/null || fail "man scidtun finds no page"
[ -f /usr/share/bash-completion/completions/scidtun ] || fail "no bash completion"
[ -d /etc/scid-ipip ] || fail "no /etc/scid-ipip"
[ -L /etc/systemd/system/multi-user.target.wants/scid-ipip.service ] ||
	fail "scid-ipip.service is not enabled"
systemd-analyze verify /lib/systemd/system/scid-ipip.service || fail "systemd-analyze verify"
# This machine's ip loads the installed plugin: its help is the tree's
# plugin's help (without a plugin, ip prints its generic "ip link add" text).
make -s -C "$top" tools >/dev/null
want=$(IP_LIB_DIR="$top/tools/iproute2" ip link help scid_ipip 2>&1)
grep -q 'scid_ipip OPTION' <<<"$want" ||
	fail "the tree's link_scid_ipip.so prints no scid_ipip help: $want"
[ "$(ip link help scid_ipip 2>&1)" = "$want" ] ||
	fail "ip link help scid_ipip does not come from the installed link_scid_ipip.so"
checks=$((checks + 11))

log "booting $kver with what the packages installed"
overlay=$top/build/overlay/deb
rm -rf "$overlay"
while read -r f; do
	[ -f "$f" ] && [ ! -L "$f" ] && install -D -m "$(stat -c %a "$f")" "$f" "$overlay$f"
done < <(dpkg -L scidtun)
install -D -m 0644 "$ko" "$overlay$ko"
stage_marker "$overlay" deb
[ -f "$overlay/usr/lib/$multiarch/ip/link_scid_ipip.so" ] || fail "the overlay lacks the plugin"
run_vm "$overlay" pkg-deb
checks=$((checks + 1))

# The other kernels, each with its own DKMS module, as the tree's module
# too so that smoke runs on it (run.sh loads module/scid_ipip.ko).
for k in $kernels; do
	[ "$k" != "$kver" ] || continue
	log "booting $k with its DKMS-built module: pkg-deb, smoke"
	kko=$(ls "/lib/modules/$k/updates/dkms/scid_ipip.ko"* | head -n 1)
	ov=$top/build/overlay/deb-$k
	rm -rf "$ov"
	cp -a "$overlay" "$ov"
	rm -rf "$ov/lib/modules"
	install -D -m 0644 "$kko" "$ov$kko"
	kver=$k stage_marker "$ov" deb
	tree=$top/build/deb-tree-$k
	rm -rf "$tree" && mkdir -p "$tree"
	(cd "$top" && tar --exclude=./build --exclude=./.git -cf - .) | tar -C "$tree" -xf -
	make -s -C "$tree" tools >/dev/null
	case $kko in
	*.xz) xz -dc "$kko" >"$tree/module/scid_ipip.ko" ;;
	*) cp "$kko" "$tree/module/scid_ipip.ko" ;;
	esac
	SCID_VM_OVERLAY=$ov "$tree/tests/vm/run.sh" --kernel "$k" --only '@(pkg-deb|smoke)'
	checks=$((checks + 1))
done

log "dpkg --purge"
dpkg --purge scidtun scid-ipip-dkms >/dev/null
rm -f "$stamp"
for f in /usr/src/scid-ipip-"$version" "$ko" /usr/sbin/scidtun \
	"/usr/lib/$multiarch/ip/link_scid_ipip.so" /lib/systemd/system/scid-ipip.service \
	/etc/systemd/system/multi-user.target.wants/scid-ipip.service; do
	[ ! -e "$f" ] || fail "dpkg --purge left $f"
done
[ -z "$(dkms status scid-ipip 2>/dev/null)" ] || fail "dkms still knows scid-ipip after purge"
checks=$((checks + 1))
echo "deb: $checks passed, 0 failed"
