#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-matrix: the module against every kernel scid_ipip supports,
# one lane after the other (they share module/ and two cores). The lanes
# follow the archive, not a pinned list: each takes the newest kernel of
# its series that apt offers when it runs.
#
#   6.1    Debian bookworm's stock kernel: what linux-headers-amd64 points at
#   6.12   bookworm-security's 6.12: what linux-headers-6.12-amd64 points at
#          (SCID_MATRIX_612=KVER picks another installed one)
#   7      sid's newest linux-source-7.* (scripts/fetch-sid-source.sh),
#          built as the debug kernel (tests/vm/kernel/build-debug.sh)
#   SUITE  build-only: the newest linux-source-* of another Debian suite
#          (SCID_MATRIX_SUITES, default "trixie trixie-backports"), fetched
#          as files only, prepared with defconfig + modules_prepare
#
#   scripts/check-matrix.sh [--build-only] [LANE...]
#          (default: 6.1 6.12 7 and the suites)
#
# Each lane builds scid_ipip.ko with W=1 -Werror (the debug lane
# scid_ipip_kunit.ko too), stages 'make install' for the install tests and
# runs the whole VM suite (tests/vm/run.sh; the debug lane adds KUnit and
# kmemleak). --build-only stops after the W=1 build, and its 7 lane builds
# against sid's source prepared as the suites' are instead of the debug
# kernel: minutes, not an hour. Headers come from bookworm and
# bookworm-security (installed, as the other dependencies are); other
# suites give files only, into /var/cache/scid-ipip. What is missing is
# fetched or built, and cached. Outputs go to build/matrix/LANE/; a summary
# line per lane ends the run, with the exact version built.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/matrix
cache=${SCID_CACHE:-/var/cache/scid-ipip}
suites=${SCID_MATRIX_SUITES-trixie trixie-backports}
build_only=0
if [ "${1:-}" = --build-only ]; then
	build_only=1
	shift
fi
lanes=("$@")
# shellcheck disable=SC2206 # a list of suite names
[ ${#lanes[@]} -gt 0 ] || lanes=(6.1 6.12 7 $suites)

log() {
	echo "check-matrix: $*" >&2
}

die() {
	echo "check-matrix: $*" >&2
	exit 1
}

for lane in "${lanes[@]}"; do
	case $lane in
	6.1 | 6.12 | 7 | [a-z]*) ;;
	*) die "unknown lane \`$lane' (6.1, 6.12, 7 or a Debian suite)" ;;
	esac
done

"$top/scripts/deps.sh"

# need_headers KVER: install linux-headers-KVER (bookworm or -security).
need_headers() {
	[ -e "/lib/modules/$1/build/Makefile" ] && return 0
	[ "$(id -u)" -eq 0 ] || die "no headers for $1; run as root or: apt-get install linux-headers-$1"
	log "installing linux-headers-$1"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"linux-headers-$1" >/dev/null ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "linux-headers-$1" >/dev/null; } ||
		die "cannot install linux-headers-$1"
}

# newest_headers META: the kernel release META (linux-headers-amd64,
# linux-headers-6.12-amd64) points at in apt's candidate, i.e. the newest
# the archive offers; installed (the candidate's own package) if missing.
newest_headers() {
	local k

	k=$(apt-cache show --no-all-versions "$1" 2>/dev/null |
		sed -n 's/^Depends: .*linux-headers-\([^ ,]*-amd64\).*/\1/p' | head -n 1)
	[ -n "$k" ] || die "apt offers no $1"
	need_headers "$k"
	echo "$k"
}

# headers_version KVER: the Debian version of linux-headers-KVER.
headers_version() {
	dpkg-query -W -f='${Version}' "linux-headers-$1" 2>/dev/null || echo "?"
}

# prep_src TARBALL: unpack a linux-source tarball once into the cache and
# prepare it for module builds (defconfig, modules_prepare); prints the
# tree. No Module.symvers: modpost's undefined-symbol warnings are expected.
prep_src() {
	local tarball=$1 name dir

	name=$(basename "$(dirname "$(dirname "$(dirname "$tarball")")")")
	dir=$cache/src-tree/$name
	if [ ! -f "$dir/.prepared" ]; then
		log "preparing $name in ${dir} (defconfig, modules_prepare)"
		rm -rf "$dir"
		mkdir -p "$dir"
		tar -C "$dir" --strip-components=1 -xf "$tarball" || return 1
		make -s -C "$dir" defconfig >"$dir.log" 2>&1 &&
			make -s -C "$dir" -j"$(nproc)" modules_prepare >>"$dir.log" 2>&1 ||
			{ tail -n 20 "$dir.log" >&2; return 1; }
		touch "$dir/.prepared"
	fi
	echo "$dir"
}

# w1_build DIR KDIR [MAKE_ARG...]: a W=1 build from a copy of the sources
# that must neither fail nor warn.
w1_build() {
	local dir=$1 kdir=$2 o

	shift 2
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -r "$top/Kbuild" "$top/VERSION" "$top/module" "$dir/"
	find "$dir/module" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' \) -delete
	if ! o=$(make -C "$kdir" M="$dir" W=1 KCFLAGS=-Werror "$@" modules 2>&1); then
		printf '%s\n' "$o" | tail -n 40 >&2
		return 1
	fi
	printf '%s\n' "$o" >"$dir.log"
	if grep -E 'warning|error' "$dir.log" |
		grep -v -e 'Skipping BTF' -e 'modpost: .* undefined!' -e 'Module.symvers is missing' \
			-e 'unresolved symbol' -e KBUILD_MODPOST_WARN >&2; then
		return 1
	fi
}

summary=()
status=0

# What the archive offers now, not when apt last looked (root only).
if [ "$(id -u)" -eq 0 ] && [ "${SCID_MATRIX_NO_UPDATE:-0}" != 1 ]; then
	log "apt-get update"
	apt-get update -qq || log "apt-get update failed; using the lists apt has"
fi

# finish LANE W1 RESULTS SECONDS: one summary line, with $ver, the exact
# version built.
finish() {
	local lane=$1 w1=$2 res=$3 secs=$4 line extra=

	if [ $build_only -eq 1 ] || [ "$res" = - ]; then
		line="build only"
	else
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$res" 2>/dev/null | tail -n 1 || true)
		[ -n "$line" ] || line="no result"
	fi
	extra=$(grep -E '^kunit: ' "$res" 2>/dev/null | tail -n 1 || true)
	if grep -q '^ok [0-9]* kmemleak' "$res" 2>/dev/null; then
		extra+="${extra:+, }kmemleak: clean"
	elif grep -q '^not ok [0-9]* kmemleak' "$res" 2>/dev/null; then
		extra+="${extra:+, }kmemleak: LEAKS"
	fi
	summary+=("$(printf '%-16s %-52s W=1 %-5s %s (%dm%02ds)%s' "$lane" "$ver" "$w1" \
		"$line" $((secs / 60)) $((secs % 60)) "${extra:+; $extra}")")
}

# src_lane LANE TARBALL: a W=1 build against a prepared source tree.
src_lane() {
	local kdir

	kdir=$(prep_src "$2") || { w1=FAIL; status=1; ver="(cannot prepare $2)"; return; }
	kver=$(make -s -C "$kdir" kernelrelease)
	ver="$kver ($(basename "$(dirname "$(dirname "$(dirname "$2")")")" | tr _ ' ') defconfig)"
	log "$1: $ver: W=1 build"
	w1_build "$dir/w1" "$kdir" KBUILD_MODPOST_WARN=1 || { w1=FAIL; status=1; }
}

for lane in "${lanes[@]}"; do
	start=$SECONDS
	dir=$out/$lane
	mkdir -p "$dir"
	w1=ok
	rc=0
	res=$dir/vm/results.txt
	rm -f "$res"
	case $lane in
	6.1 | 6.12)
		if [ "$lane" = 6.1 ]; then
			kver=$(newest_headers linux-headers-amd64)
		elif [ -n "${SCID_MATRIX_612:-}" ]; then
			kver=$SCID_MATRIX_612
			need_headers "$kver"
		else
			kver=$(newest_headers linux-headers-6.12-amd64)
		fi
		ver="$kver (linux-headers $(headers_version "$kver"))"
		kdir=/lib/modules/$kver/build
		log "$lane: $ver: W=1 build"
		w1_build "$dir/w1" "$kdir" || { w1=FAIL; status=1; }
		if [ $build_only -eq 0 ]; then
			make -s -C "$top" all KVER="$kver" >"$dir/build.log" 2>&1 ||
				{ tail -n 30 "$dir/build.log" >&2; die "$lane: cannot build for $kver"; }
			KVER=$kver "$top/tests/packaging/install.sh" "$dir/overlay" >"$dir/overlay.log" 2>&1 ||
				{ tail -n 30 "$dir/overlay.log" >&2; die "$lane: make install failed"; }
			log "$lane: $kver: VM suite (log in ${dir#"$top"/}/vm.log)"
			SCID_VM_OUT=$dir/vm SCID_VM_OVERLAY=$dir/overlay \
				"$top/tests/vm/run.sh" --kernel "$kver" >"$dir/vm.log" 2>&1 || rc=$?
		fi
		;;
	7)
		tarball=$(SCID_SID_REFRESH=1 "$top/scripts/fetch-sid-source.sh") ||
			die "7: cannot fetch sid's linux-source"
		if [ $build_only -eq 1 ]; then
			src_lane 7 "$tarball"
		else
			log "7: debug kernel from $(basename "$tarball") (cached once built)"
			kroot=$(SCID_DEBUG_SRC=$tarball "$top/tests/vm/kernel/build-debug.sh") ||
				die "7: cannot build the debug kernel"
			kdir=$kroot/build
			kver=$(cat "$kroot/kernel.release")
			ver="$kver ($(basename "$(dirname "$(dirname "$(dirname "$tarball")")")" | tr _ ' '))"
			log "7: $ver: W=1 builds (module, KUnit module)"
			w1_build "$dir/w1" "$kdir" || { w1=FAIL; status=1; }
			w1_build "$dir/w1-kunit" "$kdir" SCID_KUNIT=1 || { w1=FAIL; status=1; }
			make -s -C "$top" all KDIR="$kdir" >"$dir/build.log" 2>&1 ||
				{ tail -n 30 "$dir/build.log" >&2; die "7: cannot build for $kver"; }
			KDIR=$kdir KVER=$kver "$top/tests/packaging/install.sh" "$dir/overlay" \
				>"$dir/overlay.log" 2>&1 ||
				{ tail -n 30 "$dir/overlay.log" >&2; die "7: make install failed"; }
			log "7: $kver: VM suite, KUnit, kmemleak (log in ${dir#"$top"/}/vm.log)"
			SCID_VM_OUT=$dir/vm SCID_VM_OVERLAY=$dir/overlay \
				"$top/tests/vm/run.sh" --debug-src "$tarball" --only "*" >"$dir/vm.log" 2>&1 || rc=$?
		fi
		;;
	*)
		# Another suite: build-only, from its newest linux-source-*.
		if tarball=$(SCID_SID_SUITE=$lane SCID_SID_SERIES=any SCID_SID_REFRESH=1 \
			"$top/scripts/fetch-sid-source.sh"); then
			src_lane "$lane" "$tarball"
		else
			ver="(no linux-source in $lane)"
			w1=-
		fi
		res=-
		;;
	esac
	[ $rc -eq 0 ] || status=1
	finish "$lane" "$w1" "$res" $((SECONDS - start))
	log "${summary[-1]}"
done

echo "check-matrix:"
printf '  %s\n' "${summary[@]}"
exit $status
