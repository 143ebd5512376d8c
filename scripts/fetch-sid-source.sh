#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the newest kernel source Debian offers (sid's linux-source-7.*) and
# print the path of its tarball:
#
#   scripts/fetch-sid-source.sh
#   SCID_SID_SUITE=trixie SCID_SID_SERIES=any scripts/fetch-sid-source.sh
#
# (the second: the newest linux-source-* of another suite, for the
# build-only lanes of make check-matrix).
#
# Files only: apt runs with a private configuration (its own sources list,
# package lists and archive cache under $SCID_CACHE/apt-sid), so the
# system's apt never sees sid and nothing gets installed; the package is
# downloaded and unpacked with dpkg -x into $SCID_CACHE/src/PKG_VERSION/.
# A source already there is reused without asking the network, unless
# SCID_SID_REFRESH=1. Progress goes to stderr; stdout is the tarball only.
set -euo pipefail

cache=${SCID_CACHE:-/var/cache/scid-ipip}
mirror=${SCID_SID_MIRROR:-http://deb.debian.org/debian}
suite=${SCID_SID_SUITE:-sid}
series=${SCID_SID_SERIES:-7}
[ "$series" != any ] || series='[0-9]+'
aptdir=$cache/apt-$suite
srcdir=$cache/src

log() {
	echo "fetch-sid-source: $*" >&2
}

die() {
	echo "fetch-sid-source: $*" >&2
	exit 1
}

# newest_cached: the newest tarball unpacked earlier, if any: the one
# this suite's last fetch found, else (sid's 7.x) by name.
newest_cached() {
	if [ -f "$aptdir/latest" ] && [ -f "$(cat "$aptdir/latest")" ]; then
		cat "$aptdir/latest"
		return
	fi
	[ "$suite" = sid ] || return 0
	ls -d "$srcdir"/linux-source-"$series".*_*/.complete 2>/dev/null |
		sed 's,/\.complete$,,' | sort -V | tail -n 1 |
		while read -r d; do ls "$d"/usr/src/linux-source-*.tar.xz 2>/dev/null | head -n 1; done ||
		true
}

if [ "${SCID_SID_REFRESH:-0}" != 1 ]; then
	tarball=$(newest_cached)
	if [ -n "$tarball" ]; then
		echo "$tarball"
		exit 0
	fi
fi

mkdir -p "$aptdir"/{lists/partial,archives/partial} "$srcdir"
exec 9>"$aptdir/.lock"
flock 9

cat >"$aptdir/sources.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main
EOF

apt_opts=(
	-o Dir::Etc::SourceList="$aptdir/sources.list"
	-o Dir::Etc::SourceParts=-
	-o Dir::State::Lists="$aptdir/lists"
	-o Dir::Cache="$aptdir"
	-o Dir::Cache::archives="$aptdir/archives"
	-o Dir::Cache::pkgcache="$aptdir/pkgcache.bin"
	-o Dir::Cache::srcpkgcache="$aptdir/srcpkgcache.bin"
	-o APT::Architectures::=amd64
	-o APT::Sandbox::User=root
	-o Acquire::Languages=none
)

log "updating the package lists of $suite (private, in $aptdir)"
apt-get "${apt_opts[@]}" update -qq >&2 || die "apt-get update for $suite failed"

# The newest linux-source-SERIES.N package (the versioned ones carry the
# tarball; plain linux-source only depends on one of them).
pkg=$(apt-cache "${apt_opts[@]}" pkgnames linux-source- 2>/dev/null |
	grep -E "^linux-source-$series\.[0-9]+$" | sort -V | tail -n 1 || true)
[ -n "$pkg" ] || die "$suite has no linux-source-$series.*"
ver=$(apt-cache "${apt_opts[@]}" show "$pkg" | sed -n 's/^Version: //p' | sort -V | tail -n 1)
dest=$srcdir/${pkg}_$ver

if [ ! -f "$dest/.complete" ]; then
	log "downloading $pkg $ver"
	(cd "$aptdir/archives" &&
		apt-get "${apt_opts[@]}" download -q "$pkg=$ver" >&2) ||
		die "cannot download $pkg $ver"
	deb=$(ls "$aptdir/archives/${pkg}_"*.deb | sort -V | tail -n 1)
	log "unpacking $(basename "$deb") into $dest"
	rm -rf "$dest"
	mkdir -p "$dest"
	dpkg -x "$deb" "$dest"
	ls "$dest"/usr/src/linux-source-*.tar.xz >/dev/null 2>&1 ||
		die "$deb holds no usr/src/linux-source-*.tar.xz"
	touch "$dest/.complete"
fi
tarball=$(ls "$dest"/usr/src/linux-source-*.tar.xz | head -n 1)
echo "$tarball" >"$aptdir/latest"
echo "$tarball"
