#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot Debian's stock kernel under QEMU with a tiny initramfs and run the
# integration tests of tests/vm/tests/ (or the seed demo) inside it.
#
#   tests/vm/run.sh [--kernel KVER | --debug | --debug-src TARBALL] [--demo]
#                   [--only GLOB] [--timeout S]
#   tests/vm/run.sh --stress [--kernel KVER] [--only GLOB]
#   tests/vm/run.sh --bench [--smp N] [--icount SHIFT] [--mem SIZE]
#   tests/vm/run.sh --boot-loop N [--load] [--kernel KVER | --debug | --debug-src T]
#
# The host kernel cannot load modules, so everything that touches
# scid_ipip.ko happens in the guest. Results come back on the second serial
# port (build/vm/results.log), kernel messages on the first
# (build/vm/console.log), so the two never interleave.
#
# --debug boots the debug kernel of tests/vm/kernel/ instead (KASAN, UBSAN,
# lockdep, kmemleak, KUnit; built once and cached), builds the module and
# its KUnit module against it, and adds the KUnit suites and a kmemleak
# scan to the tests. --debug-src TARBALL (or SCID_DEBUG_SRC) builds that
# debug kernel from another source, e.g. scripts/fetch-sid-source.sh's 7.x.
#
# --stress runs the hard-* tests at their full sizes (SCID_STRESS=1 in the
# guest), on the debug kernel unless --kernel is given, and prints a table
# of their figures and of the kernel reports found during each
# (tests/vm/stress-table.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${SCID_VM_OUT:-$top/build/vm}
cache=${SCID_CACHE:-/var/cache/scid-ipip}

kver=${KVER:-}
demo=0
only='*'
run_timeout=
test_timeout=${SCID_TEST_TIMEOUT:-180}
accel=${SCID_VM_ACCEL:-auto}
reference=0
debug=0
stress=0
only_given=0
# The debug lane's kmemleak pass: tests/vm/kmemleak-lane.txt.
leak_only=
# The tests the stock lane leaves to the debug lane: tests/vm/stock-skip.txt.
skip=

# Boot loop: N probe boots (up to loading the module), none may fail.
boot_loop=0
load=0
# --gcov: the debug lane with the module profiled, each test's coverage
# kept in $out/gcov/TEST/ (tests/vm/coverage.py reads them).
gcov=0

# Benchmark mode (make bench, bench/run.sh): the guest runs bench/guest.sh.
bench=0
smp=2
icount=
mem=1G

# What a test or the demo may need; scid_ipip's own dependencies are added
# from its modinfo.
guest_modules=(veth bridge ipip tunnel4 ip_tunnel dummy vrf fou mpls_router mpls_iptunnel
	sch_ingress cls_flower cls_matchall act_gact act_tunnel_key)
# Copied where the kernel has them: the debug kernel has no BPF
# (tests/vm/tests/external-bpf.sh skips there) and no xfrm_user, whose
# netlink family "ip xfrm policy" (docs/troubleshooting.md) needs.
guest_modules_optional=(cls_bpf xfrm_user)
guest_bins=(bash ip bridge tc ping iperf3 capsh netstat ethtool kmod timeout)
kernel_problems='WARNING:|BUG:|Oops|Call Trace|general protection|KASAN|UBSAN|[Kk]ernel panic|unregister_netdevice: waiting'
# What tests/vm/progs/calibrate takes in a TCG guest on the 2-core host the
# per-test limits were set on, idle; the guest scales the limits by its own
# figure over this one (tests/vm/guest/init).
calibration_ms=400

usage() {
	cat >&2 <<EOF
usage: tests/vm/run.sh [--kernel KVER | --debug | --debug-src TARBALL] [--demo]
                       [--only GLOB] [--timeout S]

  --kernel KVER   guest kernel (default: \$KVER, else the newest
                  /lib/modules/*/build, which the module is built against)
  --debug         the debug kernel (tests/vm/kernel/build-debug.sh), the
                  module and scid_ipip_kunit.ko built against it; adds
                  the KUnit suites and a kmemleak scan (TCG: 3600 s;
                  360 s a test); from the newest /usr/src/linux-source-*,
                  or \$SCID_DEBUG_SRC
  --debug-src TARBALL  --debug, the kernel built from TARBALL (e.g. the
                  path scripts/fetch-sid-source.sh prints)
  --demo          play tests/vm/demo/seed.sh instead of the tests
  --only GLOBS    run only the tests whose name (no .sh) matches one of
                  GLOBS (separated by spaces); with --debug, the default is
                  tests/vm/debug-lane.txt
  --timeout S     limit for the whole VM run (default 600 with KVM, 1800
                  with TCG); each test has SCID_TEST_TIMEOUT (180) seconds
  --accel A       kvm, tcg or auto (default; probes KVM, falls back to tcg)
  --stress        the hard-* tests at full size (SCID_STRESS=1), on the
                  debug kernel unless --kernel is given, and a table of
                  their figures and kernel reports (2700 s; 1500 s a test)
  --boot-loop N   boot the guest N times up to loading the module and
                  count the boots that did not get there (early failures)
  --load          with --boot-loop: a busy loop on every host core meanwhile
  --gcov          --debug with the module built for gcov: each test's
                  coverage of module/*.c in build/vm-debug/gcov/TEST/
  --reference     run the tests against the kernel's own ipip with
                  'ip tunnel' (proves the harness and the tests themselves;
                  the scid-only checks skip)

Benchmark mode (bench/run.sh; make bench):
  --bench         run bench/guest.sh with bench/progs/*.c in the guest
                  instead of the tests; ends with 'bench: completed'
  --smp N         vCPUs (default 2)
  --icount SHIFT  with TCG only: one vCPU whose clock counts executed
                  instructions (-icount shift=SHIFT,sleep=off), so timings
                  repeat run to run
  --mem SIZE      guest memory (default 1G)
  SCID_VM_OUT=DIR build directory instead of build/vm
  SCID_VM_APPEND=ARGS  more kernel command line for the guest
  SCID_VM_CPU=MODEL    QEMU's -cpu instead of max,la57=off (host,la57=off)
EOF
	exit 1
}

die() {
	echo "run.sh: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	--kernel) [ $# -ge 2 ] || usage; kver=$2; kernel_given=1; shift 2 ;;
	--kernel=*) kver=${1#*=}; kernel_given=1; shift ;;
	--demo) demo=1; shift ;;
	--only) [ $# -ge 2 ] || usage; only=$2; only_given=1; shift 2 ;;
	--only=*) only=${1#*=}; only_given=1; shift ;;
	--timeout) [ $# -ge 2 ] || usage; run_timeout=$2; timeout_given=1; shift 2 ;;
	--timeout=*) run_timeout=${1#*=}; timeout_given=1; shift ;;
	--accel) [ $# -ge 2 ] || usage; accel=$2; shift 2 ;;
	--accel=*) accel=${1#*=}; shift ;;
	--reference) reference=1; shift ;;
	--boot-loop) [ $# -ge 2 ] || usage; boot_loop=$2; shift 2 ;;
	--load) load=1; shift ;;
	--gcov) gcov=1; debug=1; shift ;;
	--debug) debug=1; shift ;;
	--stress) stress=1; shift ;;
	--debug-src) [ $# -ge 2 ] || usage; debug=1; export SCID_DEBUG_SRC=$2; shift 2 ;;
	--debug-src=*) debug=1; export SCID_DEBUG_SRC=${1#*=}; shift ;;
	--bench) bench=1; shift ;;
	--smp) [ $# -ge 2 ] || usage; smp=$2; shift 2 ;;
	--icount) [ $# -ge 2 ] || usage; icount=$2; shift 2 ;;
	--mem) [ $# -ge 2 ] || usage; mem=$2; shift 2 ;;
	-h | --help) usage ;;
	*) echo "run.sh: unknown argument \`$1'" >&2; usage ;;
	esac
done
case $accel in auto | kvm | tcg) ;; *) die "unknown accelerator \`$accel'" ;; esac
[ $stress -eq 0 ] || [ -n "${kernel_given:-}" ] || debug=1
# make exports KVER, the stock kernel's: the debug kernel has its own.
[ $debug -eq 0 ] || [ -z "${kernel_given:-}" ] || die "--debug and --kernel exclude each other"
[ $debug -eq 0 ] || kver=
[ $debug -eq 0 ] || [ -n "${SCID_VM_OUT:-}" ] || out=$top/build/vm-debug
[ $debug -eq 0 ] || [ -n "${SCID_TEST_TIMEOUT:-}" ] || test_timeout=360
# The debug lane runs the tests of debug-lane.txt (why: tests/README.md);
# --gcov runs them all, to show that the lane reaches what they do.
if [ $debug -eq 1 ] && [ $stress -eq 0 ] && [ $gcov -eq 0 ] && [ $only_given -eq 0 ] &&
	[ $demo -eq 0 ] && [ "$boot_loop" -eq 0 ]; then
	only=$(sed 's/#.*//' "$here/debug-lane.txt" | xargs)
	[ -n "$only" ] || die "tests/vm/debug-lane.txt names no test"
	leak_only=$(sed 's/#.*//' "$here/kmemleak-lane.txt" | xargs)
	[ -n "$leak_only" ] || die "tests/vm/kmemleak-lane.txt names no test"
fi
if [ $debug -eq 0 ] && [ $stress -eq 0 ] && [ $gcov -eq 0 ] && [ $only_given -eq 0 ] &&
	[ $demo -eq 0 ] && [ "$boot_loop" -eq 0 ]; then
	skip=$(sed 's/#.*//' "$here/stock-skip.txt" | xargs)
fi
if [ $stress -eq 1 ]; then
	[ $demo -eq 0 ] && [ $bench -eq 0 ] || die "--stress runs tests, not the demo or the benchmark"
	[ $only_given -eq 1 ] || only='hard-*'
	[ -n "${SCID_VM_OUT:-}" ] || out=$top/build/vm-stress
	[ -n "${SCID_TEST_TIMEOUT:-}" ] || test_timeout=1500
fi
[ -z "$run_timeout" ] || [[ $run_timeout =~ ^[0-9]+$ ]] || die "bad timeout \`$run_timeout'"
[[ $smp =~ ^[1-9][0-9]*$ ]] || die "bad vCPU count \`$smp'"
[ -z "$icount" ] || [[ $icount =~ ^[0-9]+$ ]] || die "bad icount shift \`$icount'"
[[ $mem =~ ^[1-9][0-9]*[MG]$ ]] || die "bad memory size \`$mem'"
[ $bench -eq 0 ] || [ $demo -eq 0 ] || die "--bench and --demo exclude each other"
[[ $boot_loop =~ ^[0-9]+$ ]] || die "bad boot count \`$boot_loop'"
[ $load -eq 0 ] || [ "$boot_loop" -gt 0 ] || die "--load goes with --boot-loop"

log() {
	echo "run.sh: $*" >&2
}

# The kernel the module is built against: the newest headers tree.
default_kver() {
	local b best=
	for b in /lib/modules/*/build; do
		[ -e "$b/Makefile" ] || continue
		b=${b%/build}
		best=$(printf '%s\n%s\n' "$best" "${b##*/}" | sed '/^$/d' | sort -V | tail -n 1)
	done
	[ -n "$best" ] || die "no /lib/modules/*/build; is linux-headers-amd64 installed?"
	echo "$best"
}

# Unpack linux-image-$kver into the cache once; depmod makes modprobe work
# against it (-d) for dependency resolution.
ensure_kernel() {
	local dir=$cache/kernels/$kver dl=$cache/dl deb tmp

	[ -f "$dir/.complete" ] && [ -f "$dir/boot/vmlinuz-$kver" ] && return 0
	mkdir -p "$dl" "$cache/kernels"
	deb=$(ls "$dl"/linux-image-"$kver"_*.deb "$dl"/linux-image-"$kver"-unsigned_*.deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		log "downloading linux-image-$kver"
		(cd "$dl" && { apt-get download -q -o APT::Sandbox::User=root "linux-image-$kver" ||
			{ apt-get update -qq &&
			  apt-get download -q -o APT::Sandbox::User=root "linux-image-$kver"; }; }) >&2 ||
			die "cannot download linux-image-$kver"
		deb=$(ls "$dl"/linux-image-"$kver"_*.deb | head -n 1)
	fi
	log "unpacking $(basename "$deb") into $dir"
	tmp=$(mktemp -d "$cache/kernels/.$kver.XXXXXX")
	dpkg -x "$deb" "$tmp"
	[ -f "$tmp/boot/vmlinuz-$kver" ] || die "$deb has no boot/vmlinuz-$kver"
	depmod -b "$tmp" "$kver"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	touch "$dir/.complete"
}

# Copy a host file into the image at the same path, resolving symlinks.
copy_file() {
	mkdir -p "$root$(dirname "$2")"
	cp -L "$1" "$root$2"
}

# Copy an executable and every shared library it needs (and the loader).
copy_exe() {
	local src=$1 dst=$2 lib
	copy_file "$src" "$dst"
	while read -r lib; do
		[ -e "$root$lib" ] || copy_file "$lib" "$lib"
	done < <(ldd "$src" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
}

copy_module_with_deps() {
	local m=$1 path
	while read -r path; do
		copy_file "$path" "${path#"$kroot"}"
	done < <(modprobe -d "$kroot" -S "$kver" --show-depends "$m" | awk '$1 == "insmod" { print $2 }')
}

build_progs() {
	local c name
	rm -rf "$out/progs"
	mkdir -p "$out/progs"
	for c in "$here"/progs/*.c; do
		[ -e "$c" ] || continue
		name=$(basename "$c" .c)
		cc -std=c11 -O2 -Wall -Wextra -Werror -o "$out/progs/$name" "$c" ||
			die "cannot compile tests/vm/progs/$name.c"
	done
}

# build_debug_module NAME [MAKE_ARG...]: build from a copy of the sources
# against the debug kernel, so that the tree's own module/*.o stay those of
# the stock kernel.
build_debug_module() {
	local dir=$out/$1

	shift
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$top" && find Kbuild VERSION module ! -name '*.mod.c' \( -name '*.[ch]' \
		-o -name Kbuild -o -name VERSION \) -print0 | cpio --null -pdm --quiet "$dir")
	make -j"$(nproc)" -C "$kroot/build" M="$dir" "$@" modules >"$dir.log" 2>&1 || {
		tail -n 40 "$dir.log" >&2
		die "cannot build the module for $kver; see ${dir#"$top"/}.log"
	}
}

build_initramfs() {
	local b path m applet dep

	root=$out/root
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,etc,root,proc,sys,dev,tmp,run,mnt}
	mkdir -p "$root"/opt/scid/{bin,vm}
	mkdir -p "$root/var"
	ln -s ../run "$root/var/run"

	for b in "${guest_bins[@]}"; do
		path=$(command -v "$b") || die "host has no $b; run scripts/deps.sh"
		case $path in */sbin/*) copy_exe "$path" "/usr/sbin/$b" ;; *) copy_exe "$path" "/usr/bin/$b" ;; esac
	done
	for applet in insmod rmmod modprobe lsmod modinfo depmod; do
		ln -sf ../bin/kmod "$root/usr/sbin/$applet"
	done
	# The kernel runs /sbin/modprobe for request_module(); scripts say /bin/bash.
	ln -sf ../usr/bin/kmod "$root/sbin/modprobe"
	ln -sf ../usr/bin/bash "$root/bin/bash"

	# busybox provides the rest; the real binaries above come first in PATH.
	copy_exe /bin/busybox /bin/busybox
	for applet in $(/bin/busybox --list); do
		[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
	done

	cat >"$root/etc/passwd" <<-'EOF'
	root:x:0:0:root:/root:/bin/bash
	nobody:x:65534:65534:nobody:/nonexistent:/bin/false
	EOF
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
	printf '127.0.0.1\tlocalhost\n' >"$root/etc/hosts"

	for m in "${guest_modules[@]}"; do
		copy_module_with_deps "$m"
	done
	for m in "${guest_modules_optional[@]}"; do
		if modprobe -d "$kroot" -S "$kver" --show-depends "$m" >/dev/null 2>&1; then
			copy_module_with_deps "$m"
		fi
	done
	if [ $reference -eq 0 ]; then
		for dep in $(modinfo -F depends "$module_ko" | tr ',' ' '); do
			copy_module_with_deps "$dep"
		done
		cp "$module_ko" "$root/opt/scid/scid_ipip.ko"
		copy_exe "$top/tools/scidtun/scidtun" /usr/sbin/scidtun
	fi
	for m in modules.order modules.builtin modules.builtin.modinfo; do
		if [ -f "$kroot/lib/modules/$kver/$m" ]; then
			cp "$kroot/lib/modules/$kver/$m" "$root/lib/modules/$kver/"
		fi
	done
	# What 'make install', DKMS or the .debs staged (tests/vm/overlay.sh).
	. "$here/overlay.sh"
	scid_vm_overlay "$root"
	if [ $debug -eq 1 ]; then
		for dep in $(modinfo -F depends "$kunit_ko" | tr ',' ' '); do
			copy_module_with_deps "$dep"
		done
		cp "$kunit_ko" "$root/opt/scid/scid_ipip_kunit.ko"
	fi
	depmod -b "$root" "$kver"

	for b in "$out"/progs/*; do
		if [ -e "$b" ]; then
			copy_exe "$b" "/opt/scid/bin/$(basename "$b")"
		fi
	done
	cp "$here/lib.sh" "$here/seed-topology.sh" "$here/failover-net.sh" "$root/opt/scid/vm/"
	cp -r "$here/tests" "$here/demo" "$root/opt/scid/vm/"
	# The operator's guide and troubleshooting, whose blocks tests/guide.sh runs.
	mkdir -p "$root/opt/scid/vm/docs"
	cp "$top/docs/guide.md" "$top/docs/troubleshooting.md" "$root/opt/scid/vm/docs/"
	cp "$here/guest/init" "$root/init"
	chmod 755 "$root/init"

	{
		printf 'SCIDVM_MODE=%q\n' "$([ $demo -eq 1 ] && echo demo || echo tests)"
		printf 'SCIDVM_ONLY=%q\n' "$only"
		printf 'SCIDVM_LEAK_ONLY=%q\n' "$leak_only"
		printf 'SCIDVM_SKIP=%q\n' "$skip"
		printf 'SCIDVM_TEST_TIMEOUT=%q\n' "$test_timeout"
		printf 'SCIDVM_CALIBRATION_MS=%q\n' "$calibration_ms"
		printf 'SCID_REFERENCE=%q\n' "$reference"
		printf 'SCIDVM_DEBUG=%q\n' "$debug"
		printf 'SCID_STRESS=%q\n' "$stress"
		printf 'SCIDVM_GCOV=%q\n' "$gcov"
	} >"$root/etc/scidvm.conf"
	[ $bench -eq 0 ] || bench_initramfs

	(cd "$root" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc -R 0:0 --quiet) >"$out/initramfs.cpio"
}

# The benchmark's guest side: its script and its programs.
bench_initramfs() {
	local c name

	mkdir -p "$root/opt/scid/bench/bin"
	for c in "$top"/bench/progs/*.c; do
		[ -e "$c" ] || continue
		name=$(basename "$c" .c)
		cc -std=c11 -O2 -Wall -Wextra -Werror -o "$out/bench-$name" "$c" ||
			die "cannot compile bench/progs/$name.c"
		copy_exe "$out/bench-$name" "/opt/scid/bench/bin/$name"
	done
	cp "$top/bench/guest.sh" "$here/failover-net.sh" "$root/opt/scid/bench/"
	# Shorter or longer runs while working on the benchmark itself.
	[ -z "${SCID_BENCH_CONF:-}" ] || cp "$SCID_BENCH_CONF" "$root/opt/scid/bench/conf"
	printf 'SCIDVM_MODE=bench\n' >>"$root/etc/scidvm.conf"
}

# qemu_start ACCEL TIMEOUT CONSOLE RESULTS EXTRA_CMDLINE: boot the guest in
# the background; sets qemu_pid.
qemu_start() {
	local accel=$1 tmo=$2 console=$3 results=$4 extra=$5 cpu
	local cpus=(-smp "$smp" -m "$mem")
	local cmdline="console=ttyS0 panic=-1 panic_on_warn=1 oops=panic loglevel=5"
	# Tests read their part of dmesg; a long run must not push it out.
	cmdline+=" log_buf_len=8M"
	cmdline+=" no_timer_check mitigations=off random.trust_cpu=on $extra"
	# TSC reliable: QEMU gives every vCPU one TSC, from its virtual clock.
	# Otherwise the clocksource watchdog may find it skewed on a busy host
	# and flip the sched_clock_stable static key while another vCPU runs
	# the code being patched; under multi-threaded TCG that vCPU can then
	# execute the int3 of text_poke_bp() after it was withdrawn ("Oops:
	# int3" in sched_clock_idle_wakeup_event(), a 6.12 boot in CI). One
	# vCPU (the benchmark's) has no such race and keeps its clock as it was.
	[ "$smp" -eq 1 ] || cmdline+=" tsc=reliable"
	# e.g. kmemleak=off or lockdep.prove_locking=0, to see what a checker costs
	cmdline+="${SCID_VM_APPEND:+ $SCID_VM_APPEND}"

	# No 5-level paging: while identify_boot_cpu() refills the boot CPU's
	# feature words (interrupts on, alternatives not yet patched),
	# pgtable_l5_enabled() reads false, and KASAN then takes any direct-map
	# address an interrupt handler touches for a wild access and panics.
	# A guest without LA57 has no such window (tests/vm/README.md).
	case $accel in kvm) cpu=host,la57=off ;; *) cpu=max,la57=off ;; esac
	# SCID_VM_CPU=max brings the window back, to reproduce it.
	cpu=${SCID_VM_CPU:-$cpu}
	# icount runs one vCPU only (with two it hangs).
	[ -z "$icount" ] || [ "$accel" != tcg ] ||
		cpus=(-smp 1 -m "$mem" -icount "shift=$icount,sleep=off")
	[ $bench -eq 0 ] || echo "accel=$accel vcpus=${cpus[1]} icount=${icount:-}" >"$out/bench-vm"
	rm -f "$console" "$results"
	timeout -k 10 "$tmo" qemu-system-x86_64 \
		-nodefaults -no-user-config -machine pc -accel "$accel" -cpu "$cpu" \
		"${cpus[@]}" -no-reboot -display none -monitor none -nic none \
		-serial "file:$console" -serial "file:$results" \
		-kernel "$kroot/boot/vmlinuz-$kver" \
		-initrd "$out/initramfs.cpio" -append "$cmdline" </dev/null &
	qemu_pid=$!
}

# A tiny boot that must finish quickly: /dev/kvm may exist and still not
# run a guest (no nested virtualisation). The answer holds until the host
# reboots.
probe_kvm() {
	local rc=0 stamp=$out/kvm-probe boot_id

	[ -w /dev/kvm ] || return 1
	boot_id=$(cat /proc/sys/kernel/random/boot_id)
	if [ -f "$stamp" ] && [ "$(sed -n 1p "$stamp")" = "$boot_id" ]; then
		[ "$(sed -n 2p "$stamp")" = yes ]
		return
	fi
	qemu_start kvm 15 "$out/probe-console.log" "$out/probe-results.log" scidvm_probe=1 2>"$out/probe.err"
	wait "$qemu_pid" 2>/dev/null || rc=$?
	if [ $rc -eq 0 ] && grep -q 'scidvm: probe ok' "$out/probe-results.log" 2>/dev/null; then
		printf '%s\nyes\n' "$boot_id" >"$stamp"
		return 0
	fi
	printf '%s\nno\n' "$boot_id" >"$stamp"
	return 1
}

# The guest sends each test's .gcda files base64-encoded between
# "GCDA TEST FILE" and "GCDA-END" lines; lay them beside the .gcno files.
unpack_gcov() {
	local dir=$out/gcov objs=$out/module-build/module

	rm -rf "$dir"
	awk -v dir="$dir" '
		/^GCDA-END$/ { close(cmd); cmd = ""; next }
		/^GCDA / { system("mkdir -p " dir "/" $2); cmd = "base64 -d > " dir "/" $2 "/" $3; next }
		cmd != "" { print | cmd }' "$out/results.txt"
	for t in "$dir"/*/; do
		cp "$objs"/*.gcno "$t"
	done
	log "coverage of each test in ${dir#"$top"/}/ (tests/vm/coverage.py)"
}

# The test the guest was running: the last one started without a result.
running_test() {
	local name

	name=$(tr -d '\r' <"$results" 2>/dev/null | awk '
		/^# start / { name = $3 }
		/^(not )?ok [0-9]+ / { name = "" }
		END { print name }')
	[ -z "$name" ] || printf '; it was running %s' "$name"
}

# watch_progress: stop a guest whose results channel stays silent too
# long: a running test's watchdog says "# alive" every minute, and each
# step between tests is short, so 600 s of silence after the guest's
# calibration line (300 s for the boot, before it) means a hung kernel.
# Leaves the reason in $out/stalled.
watch_progress() {
	local size=-1 now quiet=0 limit=$boot_limit

	rm -f "$out/stalled"
	while kill -0 "$qemu_pid" 2>/dev/null; do
		sleep 5
		now=$(stat -c %s "$results" 2>/dev/null || echo 0)
		if [ "$now" != "$size" ]; then
			size=$now
			quiet=0
			! grep -q '^# calibration: ' "$results" 2>/dev/null || limit=600
			continue
		fi
		quiet=$((quiet + 5))
		[ "$quiet" -ge "$limit" ] || continue
		echo "the guest printed nothing for ${quiet}s$(running_test); stopped it" >"$out/stalled"
		kill "$qemu_pid" 2>/dev/null
		return
	done
}

# One probe boot: did the guest get as far as loading the module?
# Prints nothing when it did, the reason and its console when not.
probe_boot_once() {
	local i=$1 rc=0

	qemu_start "$accel" "$boot_limit" "$out/boot-$i.console" "$out/boot-$i.results" scidvm_probe=module 2>/dev/null
	wait "$qemu_pid" 2>/dev/null || rc=$?
	if [ $rc -eq 0 ] && grep -q '^scidvm: probe ok' "$out/boot-$i.results" 2>/dev/null &&
		! grep -qE "$kernel_problems" "$out/boot-$i.console"; then
		rm -f "$out/boot-$i.console" "$out/boot-$i.results"
		return 0
	fi
	echo "boot $i: early failure (qemu exit $rc); console in ${out#"$top"/}/boot-$i.console:"
	{ grep -E -A 12 "$kernel_problems" "$out/boot-$i.console" || tail -n 20 "$out/boot-$i.console"; } |
		head -n 40 | sed 's/^/    /'
	return 1
}

# --boot-loop N [--load]: boots only, each to the module's load, with busy
# loops on every host core when asked; prints "N boots, N early failures".
run_boot_loop() {
	local i t failures=0 busy=() pid

	if [ $load -eq 1 ]; then
		for _ in $(seq "$(nproc)"); do
			( while :; do :; done ) &
			busy+=($!)
		done
		log "busy loops on $(nproc) host cores"
	fi
	log "booting $kver ($accel) $boot_loop times"
	for i in $(seq "$boot_loop"); do
		t=$SECONDS
		if probe_boot_once "$i"; then
			echo "boot $i: ok ($((SECONDS - t))s)"
		else
			failures=$((failures + 1))
		fi
	done
	for pid in "${busy[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	echo "$boot_loop boots, $failures early failures ($kver, $accel, $((SECONDS - start))s)"
	[ $failures -eq 0 ]
}

# main
"$top/scripts/deps.sh"
mkdir -p "$out"
start=$SECONDS
module_ko=$top/module/scid_ipip.ko
if [ $debug -eq 1 ]; then
	kroot=$("$here/kernel/build-debug.sh") || die "cannot build the debug kernel"
	kver=$(cat "$kroot/kernel.release")
	log "building scid_ipip.ko and scid_ipip_kunit.ko for $kver"
	build_debug_module module-build $([ $gcov -eq 0 ] || echo SCID_GCOV=1)
	# The KUnit suites build only here (the stock kernel has no KUnit):
	# this is where they are held to W=1.
	build_debug_module kunit-build SCID_KUNIT=1 W=1 KCFLAGS=-Werror
	module_ko=$out/module-build/module/scid_ipip.ko
	kunit_ko=$out/kunit-build/module/scid_ipip_kunit.ko
else
	[ -n "$kver" ] || kver=$(default_kver)
	kroot=$cache/kernels/$kver
fi

if [ $reference -eq 0 ]; then
	for f in "$module_ko" "$top/tools/scidtun/scidtun"; do
		[ -e "$f" ] || die "${f#"$top"/} is missing; build it first (make -C $top)"
	done
	vermagic=$(modinfo -F vermagic "$module_ko")
	[ "${vermagic%% *}" = "$kver" ] ||
		die "${module_ko#"$top"/} is built for ${vermagic%% *}, not $kver"
fi

[ $debug -eq 1 ] || ensure_kernel
build_progs
build_initramfs
log "initramfs $(du -h "$out/initramfs.cpio" | cut -f1) for $kver ($((SECONDS - start))s)"

if [ "$accel" = auto ]; then
	if probe_kvm; then accel=kvm; else accel=tcg; fi
	log "KVM $([ $accel = kvm ] && echo works || echo 'does not work here; using TCG')"
fi
# A boot that takes longer than this has failed, whatever the host's load.
boot_limit=$([ "$accel" = kvm ] && echo 60 || echo 300)
# The whole run's limit is a backstop: watch_progress stops a stalled guest
# long before, and each test has its own limit in the guest.
[ -n "$run_timeout" ] || { [ "$accel" = kvm ] && run_timeout=1200 || run_timeout=3600; }
# KASAN, lockdep and kmemleak make the guest several times slower.
[ $debug -eq 0 ] || [ "$accel" = kvm ] || [ -n "${timeout_given:-}" ] || run_timeout=7200
# check-stress's budget is 30 minutes; this only stops a hung guest.
[ $stress -eq 0 ] || [ -n "${timeout_given:-}" ] || run_timeout=2700

[ "$boot_loop" -eq 0 ] || { run_boot_loop; exit; }

# boot_pass NAME EXTRA_CMDLINE: one boot of the guest, its results appended
# to $out/results.txt; counts the host's own findings in host_failed, and
# boot failures (no test reached) in boot_failed.
boot_pass() {
	local name=$1 extra=$2 suffix= qemu_rc=0 watchdog_pid= reason

	[ "$name" = all ] || suffix=-$name
	console=$out/console$suffix.log
	results=$out/results$suffix.log
	log "booting $kver ($accel)${suffix:+, pass $name}, console in ${console#"$top"/}"
	qemu_start "$accel" "$run_timeout" "$console" "$results" "$extra"
	if [ $demo -eq 0 ] && [ $bench -eq 0 ]; then
		watch_progress &
		watchdog_pid=$!
	fi
	# Stream the results channel while the guest runs; tail stops with
	# QEMU. The start and alive markers only serve the watchdog, the GCDA
	# blocks --gcov.
	tail -n +1 -F --pid="$qemu_pid" "$results" 2>/dev/null | tr -d '\r' |
		awk '/^GCDA /{ skip = 1; next } /^GCDA-END$/{ skip = 0; next }
			skip || /^# (start|alive) /{ next } { print; fflush() }' || true
	wait "$qemu_pid" || qemu_rc=$?
	if [ -n "$watchdog_pid" ]; then
		kill "$watchdog_pid" 2>/dev/null || true
		wait "$watchdog_pid" 2>/dev/null || true
	fi
	tr -d '\r' <"$results" >"$out/results$suffix.txt" 2>/dev/null || : >"$out/results$suffix.txt"
	[ -z "$suffix" ] || cat "$out/results$suffix.txt" >>"$out/results.txt"

	if [ -f "$out/stalled" ]; then
		echo "run.sh: $(cat "$out/stalled")" >&2
		host_failed=$((host_failed + 1))
	elif [ $qemu_rc -eq 124 ] || [ $qemu_rc -eq 137 ]; then
		echo "run.sh: the VM did not finish within ${run_timeout}s$(running_test)" >&2
		host_failed=$((host_failed + 1))
	elif [ $qemu_rc -ne 0 ]; then
		echo "run.sh: qemu exited with $qemu_rc" >&2
		host_failed=$((host_failed + 1))
	fi
	if grep -qE "$kernel_problems" "$console" 2>/dev/null; then
		echo "run.sh: kernel problems in ${console#"$top"/}:" >&2
		grep -nE -A 25 "$kernel_problems" "$console" | head -n 120 | sed 's/^/    /' >&2
		host_failed=$((host_failed + 1))
	fi
	[ $demo -eq 0 ] && [ $bench -eq 0 ] || return 0

	# A guest that never reached its first test failed to boot: say so,
	# with its console, rather than count it as a failed test.
	if ! grep -q '^1\.\.[0-9]' "$out/results$suffix.txt"; then
		reason=$(sed -n 's/^scidvm: boot failure: //p' "$out/results$suffix.txt" | head -n 1)
		echo "run.sh: boot failure${suffix:+ (pass $name)}: ${reason:-the guest died before its first test} (qemu exit $qemu_rc, $((SECONDS - start))s); last console lines:" >&2
		tail -n 40 "$console" 2>/dev/null | sed 's/^/    /' >&2
		boot_failed=1
	elif ! grep -qE '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$out/results$suffix.txt"; then
		echo "run.sh: the guest printed no closing line${suffix:+ (pass $name)}; last console lines:" >&2
		tail -n 30 "$console" 2>/dev/null | sed 's/^/    /' >&2
		host_failed=$((host_failed + 1))
	fi
}

host_failed=0
boot_failed=0
rm -f "$out"/results.txt "$out"/results-*.txt "$out"/console.log "$out"/console-*.log
if [ -n "$leak_only" ]; then
	# The debug lane in two boots (tests/README.md): kmemleak, which costs
	# most of the debug kernel's time, only where the module's objects are
	# made and freed and packets dropped, with KUnit; the rest without it.
	: >"$out/results.txt"
	boot_pass leak scidvm_pass=leak
	[ $boot_failed -eq 1 ] || boot_pass main "scidvm_pass=main kmemleak=off"
else
	boot_pass all ""
fi
console=$out/console.log
[ -z "$leak_only" ] || cat "$out/console-leak.log" "$out/console-main.log" >"$console" 2>/dev/null || true
[ $gcov -eq 0 ] || unpack_gcov

if [ $bench -eq 1 ]; then
	if [ $host_failed -eq 0 ] && grep -q '^bench: completed$' "$out/results.txt"; then
		log "bench completed in $((SECONDS - start))s"
		exit 0
	fi
	log "bench did not complete; last console lines:"
	tail -n 30 "$console" 2>/dev/null | sed 's/^/    /' >&2
	exit 1
fi

if [ $demo -eq 1 ]; then
	if [ $host_failed -eq 0 ] && grep -q '^demo: completed$' "$out/results.txt"; then
		log "demo completed in $((SECONDS - start))s"
		exit 0
	fi
	log "demo did not complete; last console lines:"
	tail -n 30 "$console" 2>/dev/null | sed 's/^/    /' >&2
	exit 1
fi

if [ $boot_failed -eq 1 ]; then
	echo "boot failure: 0 passed, 1 failed"
	exit 3
fi
passed=$(grep -c '^ok ' "$out/results.txt" || true)
skipped=$(grep -c '^ok .* # SKIP' "$out/results.txt" || true)
failed=$(grep -c '^not ok ' "$out/results.txt" || true)
passed=$((passed - skipped))
failed=$((failed + host_failed))

log "$accel run took $((SECONDS - start))s"
if [ $stress -eq 1 ] || grep -q '^FIGURE ' "$out/results.txt"; then
	"$here/stress-table.sh" "$out/results.txt" "$console" | tee "$out/stress-table.txt" || true
fi
line="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line+=", $skipped skipped"
echo "$line"
[ $failed -eq 0 ]
