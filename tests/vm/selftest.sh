#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The harness's own checks, run by make check before the suite: a guest
# that dies at boot is reported as a boot failure (exit 3, its console
# shown), never as failed tests, and --boot-loop counts early failures.
#
#   tests/vm/selftest.sh [--kernel KVER]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/vm-selftest
export SCID_VM_OUT=$out
mkdir -p "$out"
failed=0

check() {
	echo "selftest: $1: $([ "$2" = 0 ] && echo ok || echo FAILED)"
	[ "$2" = 0 ] || failed=$((failed + 1))
}

# A kernel without an init to run panics at boot.
rc=0
SCID_VM_APPEND=rdinit=/nonexistent "$here/run.sh" --only smoke "$@" >"$out/boot-failure.log" 2>&1 || rc=$?
ok=1
[ $rc -eq 3 ] && grep -q '^run.sh: boot failure: the guest died before its first test' "$out/boot-failure.log" &&
	grep -q 'Kernel panic' "$out/boot-failure.log" && ok=0
check "a guest that dies at boot is a boot failure (exit $rc)" $ok
[ $ok -eq 0 ] || sed 's/^/    /' "$out/boot-failure.log" | tail -n 20

rc=0
SCID_VM_APPEND=rdinit=/nonexistent "$here/run.sh" --boot-loop 1 "$@" >"$out/boot-loop-bad.log" 2>&1 || rc=$?
ok=1
[ $rc -ne 0 ] && grep -q '^1 boots, 1 early failures' "$out/boot-loop-bad.log" && ok=0
check "a boot loop counts a guest that dies at boot" $ok
[ $ok -eq 0 ] || sed 's/^/    /' "$out/boot-loop-bad.log" | tail -n 20

[ $failed -eq 0 ]
