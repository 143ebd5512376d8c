#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug guest kernel of the VM tests and print where it is:
#
#   tests/vm/kernel/build-debug.sh [SRC_TARBALL]
#
# SRC_TARBALL defaults to the newest /usr/src/linux-source-*.tar.xz (or
# $SCID_DEBUG_SRC), e.g. scripts/fetch-sid-source.sh's. The
# result lives in $SCID_CACHE/debug-kernel/SRCVER-HASH (SCID_CACHE defaults
# to /var/cache/scid-ipip), HASH covering debug.config and this recipe, and
# is laid out like an unpacked linux-image package so run.sh can boot it:
#
#   boot/vmlinuz-KREL, boot/config-KREL, boot/System.map-KREL
#   lib/modules/KREL/       modules_install output, depmod done
#   build -> linux/         the kbuild tree: KDIR for out-of-tree modules
#   kernel.release          KREL
#
# A finished build is reused as it is; an interrupted one is resumed. The
# only thing on stdout is the directory; progress goes to stderr and the
# compiler's output to build.log there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../../.." && pwd)
cache=${SCID_CACHE:-/var/cache/scid-ipip}
fragment=$here/debug.config
# Bump when a step below changes what gets built from the same fragment.
recipe=1

log() {
	echo "build-debug: $*" >&2
}

die() {
	echo "build-debug: $*" >&2
	exit 1
}

[ $# -le 1 ] || die "usage: tests/vm/kernel/build-debug.sh [SRC_TARBALL]"
"$top/scripts/deps.sh" >&2
tarball=${1:-${SCID_DEBUG_SRC:-}}
tarball=${tarball:-$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1 || true)}
[ -f "$tarball" ] || die "no kernel source tarball \`${tarball:-/usr/src/linux-source-*.tar.xz}'"

missing=()
for tool in bc bison flex xz gcc make depmod; do
	command -v "$tool" >/dev/null || missing+=("$tool")
done
# objtool, built for the ORC unwinder, needs libelf.
[ -e /usr/include/libelf.h ] || missing+=(libelf-dev)
[ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; scripts/deps.sh should install them"

# The Debian package version names the source; a tarball from elsewhere is
# named by its content.
srcver=
pkg=$(dpkg-query -S "$(readlink -f "$tarball")" 2>/dev/null | cut -d: -f1 || true)
[ -z "$pkg" ] || srcver=$pkg-$(dpkg-query -W -f='${Version}' "$pkg")
# One that scripts/fetch-sid-source.sh unpacked: .../src/PKG_VERSION/usr/src/
if [ -z "$srcver" ] && [[ $(readlink -f "$tarball") =~ /src/([^/_]+)_([^/]+)/usr/src/[^/]+$ ]]; then
	srcver=${BASH_REMATCH[1]}-${BASH_REMATCH[2]}
fi
[ -n "$srcver" ] || srcver=$(basename "$tarball" .tar.xz)-$(sha256sum "$tarball" | cut -c1-12)

# A kernel series whose Kconfig renamed or dropped an option of debug.config
# has its own debug-MAJOR.config: each of its lines replaces the line of
# debug.config for the same option (or adds one). The merged fragment is
# what gets applied, checked, and hashed.
major=$(basename "$tarball" | sed -n 's/^linux-source-\([0-9]*\)\..*/\1/p')
series_fragment=
[ -z "$major" ] || [ ! -f "$here/debug-$major.config" ] || series_fragment=$here/debug-$major.config
merged=$(mktemp)
trap 'rm -f "$merged"' EXIT
if [ -n "$series_fragment" ]; then
	opts=$(sed -nE 's/^(# )?(CONFIG_[A-Za-z0-9_]+)[= ].*/\2/p' "$series_fragment")
	grep -vE "^(# )?($(echo $opts | tr ' ' '|'))[= ]" "$fragment" >"$merged"
	printf '\n# --- %s\n' "$(basename "$series_fragment")" >>"$merged"
	cat "$series_fragment" >>"$merged"
else
	cp "$fragment" "$merged"
fi
hash=$({ cat "$merged"; echo "recipe $recipe"; } | sha256sum | cut -c1-12)
out=$cache/debug-kernel/$srcver-$hash
src=$out/linux

if [ -f "$out/.complete" ]; then
	echo "$out"
	exit 0
fi

# One lock per build, so that a build of another source or fragment never
# holds up one that is finished already.
mkdir -p "$cache/debug-kernel"
exec 9>"$out.lock"
if ! flock -n 9; then
	log "waiting for another build of $(basename "$out") to finish"
	flock 9
fi

if [ -f "$out/.complete" ]; then
	echo "$out"
	exit 0
fi

start=$SECONDS
mkdir -p "$out"
if [ ! -f "$src/.unpacked" ]; then
	log "unpacking $(basename "$tarball") into $src"
	rm -rf "$src"
	mkdir -p "$src"
	tar -xf "$tarball" -C "$src" --strip-components=1
	touch "$src/.unpacked"
fi

kmake() {
	make -C "$src" -j"$(nproc)" "$@" >>"$out/build.log" 2>&1 || {
		tail -n 40 "$out/build.log" >&2
		die "make $* failed; the whole log is $out/build.log"
	}
}

: >"$out/build.log"
log "configuring: tinyconfig + $(basename "$fragment")${series_fragment:+ + $(basename "$series_fragment")} ($hash)"
kmake tinyconfig
(cd "$src" && scripts/kconfig/merge_config.sh -m .config "$merged") \
	>>"$out/build.log" 2>&1 || die "merge_config.sh failed; see $out/build.log"
kmake olddefconfig

# Every line of the fragment must hold: Kconfig drops an option whose
# dependencies are unmet and says nothing.
dropped=()
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF -- "$line" "$src/.config" ||
			dropped+=("$line (got: $(grep -E "^(# )?${line%%=*}[= ]" "$src/.config" || echo absent))")
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		! grep -qE "^$opt=" "$src/.config" ||
			dropped+=("$line (got: $(grep -E "^$opt=" "$src/.config"))")
		;;
	esac
done <"$merged"
if [ ${#dropped[@]} -gt 0 ]; then
	log "these options did not hold after olddefconfig:"
	printf '    %s\n' "${dropped[@]}" >&2
	die "fix their dependencies in $fragment${series_fragment:+ or $series_fragment}"
fi

log "building with $(nproc) jobs (log in $out/build.log)"
kmake bzImage modules
krel=$(cat "$src/include/config/kernel.release")

rm -rf "${out:?}/boot" "${out:?}/lib"
mkdir -p "$out/boot"
kmake INSTALL_MOD_PATH="$out" modules_install
cp "$src/arch/x86/boot/bzImage" "$out/boot/vmlinuz-$krel"
cp "$src/.config" "$out/boot/config-$krel"
cp "$src/System.map" "$out/boot/System.map-$krel"
ln -sfn linux "$out/build"
echo "$krel" >"$out/kernel.release"
cp "$merged" "$out/debug.config"
touch "$out/.complete"
log "built $krel in $((SECONDS - start))s"
echo "$out"
