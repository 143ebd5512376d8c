#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-matrix: the module against every kernel scid_ipip supports,
# one lane after the other (they share module/ and two cores):
#
#   6.1    Debian bookworm's stock kernel (linux-headers-amd64)
#   6.12   bookworm's 6.12 (linux-headers-6.12-amd64, the newest installed
#          6.12 headers when there are some; SCID_MATRIX_612=KVER picks one)
#   7      sid's newest linux-source-7.* (scripts/fetch-sid-source.sh),
#          built as the debug kernel (tests/vm/kernel/build-debug.sh)
#
#   scripts/check-matrix.sh [LANE...]      (default: 6.1 6.12 7)
#
# Each lane builds scid_ipip.ko with W=1 -Werror (the debug lane
# scid_ipip_kunit.ko too), stages 'make install' for the install tests and
# runs the whole VM suite (tests/vm/run.sh; the debug lane adds KUnit and
# kmemleak). What is missing is fetched or built, and cached. Outputs go to
# build/matrix/LANE/; a summary line per lane ends the run.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/matrix
lanes=("$@")
[ ${#lanes[@]} -gt 0 ] || lanes=(6.1 6.12 7)

log() {
	echo "check-matrix: $*" >&2
}

die() {
	echo "check-matrix: $*" >&2
	exit 1
}

for lane in "${lanes[@]}"; do
	case $lane in 6.1 | 6.12 | 7) ;; *) die "unknown lane \`$lane' (6.1, 6.12, 7)" ;; esac
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

# kver_612: the 6.12 release to test.
kver_612() {
	local k

	if [ -n "${SCID_MATRIX_612:-}" ]; then
		echo "$SCID_MATRIX_612"
		return
	fi
	k=$(ls -d /lib/modules/6.12.*-amd64/build 2>/dev/null | cut -d/ -f4 |
		grep -vE -- '-(cloud|rt)-amd64$' | sort -V | tail -n 1 || true)
	if [ -z "$k" ]; then
		[ "$(id -u)" -eq 0 ] || die "no 6.12 headers; run as root or: apt-get install linux-headers-6.12-amd64"
		log "installing linux-headers-6.12-amd64"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			linux-headers-6.12-amd64 >/dev/null || die "cannot install linux-headers-6.12-amd64"
		k=$(dpkg-query -W -f='${Depends}\n' linux-headers-6.12-amd64 |
			sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p')
	fi
	echo "$k"
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
	if grep -E 'warning|error' "$dir.log" | grep -v 'Skipping BTF' >&2; then
		return 1
	fi
}

summary=()
status=0

# finish LANE W1 RESULTS SECONDS: one summary line.
finish() {
	local lane=$1 w1=$2 res=$3 secs=$4 line extra=

	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$res" 2>/dev/null | tail -n 1 || true)
	[ -n "$line" ] || line="no result"
	extra=$(grep -E '^kunit: ' "$res" 2>/dev/null | tail -n 1 || true)
	if grep -q '^ok [0-9]* kmemleak' "$res" 2>/dev/null; then
		extra+="${extra:+, }kmemleak: clean"
	elif grep -q '^not ok [0-9]* kmemleak' "$res" 2>/dev/null; then
		extra+="${extra:+, }kmemleak: LEAKS"
	fi
	summary+=("$(printf '%-5s %-28s W=1 %-5s %s (%dm%02ds)%s' "$lane" "$kver" "$w1" \
		"$line" $((secs / 60)) $((secs % 60)) "${extra:+; $extra}")")
}

for lane in "${lanes[@]}"; do
	start=$SECONDS
	dir=$out/$lane
	mkdir -p "$dir"
	w1=ok
	rc=0
	case $lane in
	6.1 | 6.12)
		if [ "$lane" = 6.1 ]; then
			kver=$("$top/scripts/stock-kver.sh")
			[ -n "$kver" ] || die "no stock kernel (linux-headers-amd64)"
		else
			kver=$(kver_612)
		fi
		need_headers "$kver"
		kdir=/lib/modules/$kver/build
		log "$lane: $kver: W=1 build"
		w1_build "$dir/w1" "$kdir" || { w1=FAIL; status=1; }
		make -s -C "$top" all KVER="$kver" >"$dir/build.log" 2>&1 ||
			{ tail -n 30 "$dir/build.log" >&2; die "$lane: cannot build for $kver"; }
		KVER=$kver "$top/tests/packaging/install.sh" "$dir/overlay" >"$dir/overlay.log" 2>&1 ||
			{ tail -n 30 "$dir/overlay.log" >&2; die "$lane: make install failed"; }
		log "$lane: $kver: VM suite (log in ${dir#"$top"/}/vm.log)"
		SCID_VM_OUT=$dir/vm SCID_VM_OVERLAY=$dir/overlay \
			"$top/tests/vm/run.sh" --kernel "$kver" >"$dir/vm.log" 2>&1 || rc=$?
		;;
	7)
		tarball=$("$top/scripts/fetch-sid-source.sh") || die "7: cannot fetch sid's linux-source"
		log "7: debug kernel from $(basename "$tarball") (cached once built)"
		kroot=$(SCID_DEBUG_SRC=$tarball "$top/tests/vm/kernel/build-debug.sh") ||
			die "7: cannot build the debug kernel"
		kdir=$kroot/build
		kver=$(cat "$kroot/kernel.release")
		log "7: $kver: W=1 builds (module, KUnit module)"
		w1_build "$dir/w1" "$kdir" || { w1=FAIL; status=1; }
		w1_build "$dir/w1-kunit" "$kdir" SCID_KUNIT=1 || { w1=FAIL; status=1; }
		make -s -C "$top" all KDIR="$kdir" >"$dir/build.log" 2>&1 ||
			{ tail -n 30 "$dir/build.log" >&2; die "7: cannot build for $kver"; }
		KDIR=$kdir KVER=$kver "$top/tests/packaging/install.sh" "$dir/overlay" \
			>"$dir/overlay.log" 2>&1 ||
			{ tail -n 30 "$dir/overlay.log" >&2; die "7: make install failed"; }
		log "7: $kver: VM suite, KUnit, kmemleak (log in ${dir#"$top"/}/vm.log)"
		SCID_VM_OUT=$dir/vm SCID_VM_OVERLAY=$dir/overlay \
			"$top/tests/vm/run.sh" --debug-src "$tarball" >"$dir/vm.log" 2>&1 || rc=$?
		;;
	esac
	[ $rc -eq 0 ] || status=1
	finish "$lane" "$w1" "$dir/vm/results.txt" $((SECONDS - start))
	log "${summary[-1]}"
done

echo "check-matrix:"
printf '  %s\n' "${summary[@]}"
exit $status
