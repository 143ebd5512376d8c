#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# 'make install' into a staging root, checked file by file, and left there
# for the VM (tests/vm/tests/install.sh and iproute2.sh boot with it).
#
#   tests/packaging/install.sh STAGE
. "$(dirname "$0")/lib.sh"

stage=${1:?usage: install.sh STAGE}
case $stage in /*) ;; *) stage=$top/$stage ;; esac
multiarch=$(cc -print-multiarch)
checks=0

expect_file() {
	[ -f "$stage/$1" ] || fail "make install did not install /$1"
	checks=$((checks + 1))
}

rm -rf "$stage"
log "make install DESTDIR=$stage PREFIX=/usr"
make -s -C "$top" install DESTDIR="$stage" PREFIX=/usr KVER="$kver" >/dev/null

expect_file "lib/modules/$kver/updates/scid_ipip.ko"
expect_file usr/sbin/scidtun
expect_file usr/share/man/man8/scidtun.8
expect_file usr/share/bash-completion/completions/scidtun
expect_file lib/systemd/system/scid-ipip.service
expect_file "usr/lib/$multiarch/ip/link_scid_ipip.so"
expect_file usr/share/doc/scidtun/examples/seed-client.conf
grep -qx 'ExecStart=/usr/sbin/scidtun setconf /etc/scid-ipip' \
	"$stage/lib/systemd/system/scid-ipip.service" || fail "the unit does not run /usr/sbin/scidtun"
[ -x "$stage/usr/sbin/scidtun" ] || fail "scidtun is not executable"
"$stage/usr/sbin/scidtun" --version | grep -qx "scidtun $version" || fail "scidtun --version"

# modinfo: what 'modinfo scid_ipip' shows an operator.
ko=$stage/lib/modules/$kver/updates/scid_ipip.ko
for field in description author license version; do
	[ -n "$(modinfo -F "$field" "$ko")" ] || fail "modinfo has no $field"
	checks=$((checks + 1))
done
[ "$(modinfo -F version "$ko")" = "$version" ] || fail "modinfo version is not $version"
for alias in rtnl-link-scid_ipip netdev-scid0; do
	modinfo -F alias "$ko" | grep -qx "$alias" || fail "modinfo has no alias $alias"
	checks=$((checks + 1))
done
# Every parameter says what it does: "name:description (type)".
while IFS= read -r parm; do
	[[ $parm =~ ^[a-z_0-9]+:[^:\(]+ ]] || fail "parameter without a description: $parm"
done < <(modinfo -F parm "$ko")

# depmod, as 'make install' runs it on a real root: the aliases autoload.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install -D -m 0644 "$ko" "$root/lib/modules/$kver/updates/scid_ipip.ko"
depmod -b "$root" "$kver" 2>/dev/null
grep -q '^alias netdev-scid0 scid_ipip$' "$root/lib/modules/$kver/modules.alias" ||
	fail "depmod gives no netdev-scid0 alias"
checks=$((checks + 1))

# The man page formats without a warning; the completion loads in bash.
if command -v groff >/dev/null; then
	warnings=$(groff -man -ww -z "$stage/usr/share/man/man8/scidtun.8" 2>&1)
	[ -z "$warnings" ] || fail "scidtun.8: $warnings"
	checks=$((checks + 1))
fi
bash -c ". '$stage/usr/share/bash-completion/completions/scidtun' && complete -p scidtun" \
	>/dev/null || fail "the completion does not register for scidtun"

# PREFIX=/usr/local puts everything under it, and the unit follows.
make -s -C "$top" install-tools DESTDIR="$root/local" PREFIX=/usr/local >/dev/null
[ -x "$root/local/usr/local/sbin/scidtun" ] || fail "PREFIX=/usr/local: no /usr/local/sbin/scidtun"
grep -qx 'ExecStart=/usr/local/sbin/scidtun setconf /etc/scid-ipip' \
	"$root/local/usr/local/lib/systemd/system/scid-ipip.service" ||
	fail "PREFIX=/usr/local: the unit does not run /usr/local/sbin/scidtun"
checks=$((checks + 2))

stage_marker "$stage" install
echo "install: $checks passed, 0 failed"
