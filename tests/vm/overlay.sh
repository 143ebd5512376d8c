# SPDX-License-Identifier: GPL-2.0
#
# A hook for run.sh: copy the directory trees named in SCID_VM_OVERLAY
# (colon-separated) over the guest's root, after the module and the tools
# and before depmod, so that a test can find files where an install puts
# them (what 'make install', DKMS or the .debs installed). Each tree marks
# itself with /opt/scid/overlay/NAME, which the tests that need it check.
#
# Wiring, in run.sh's build_initramfs, just before 'depmod -b "$root"':
#	. "$here/overlay.sh"
#	scid_vm_overlay "$root"
# shellcheck shell=bash

scid_vm_overlay() {
	local root=$1 dir
	local IFS=:

	for dir in ${SCID_VM_OVERLAY:-}; do
		[ -n "$dir" ] || continue
		if [ ! -d "$dir" ]; then
			echo "run.sh: SCID_VM_OVERLAY: '$dir' is not a directory" >&2
			return 1
		fi
		cp -a "$dir/." "$root/"
	done
}
