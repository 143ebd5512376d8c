#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/deps.sh [GROUP...]: install the Debian packages that the make
# targets of these groups need, and nothing when they are all present, so
# every target can call this first with what it needs. No group: all.
#
#   tools      scidtun and the ip link plugin (make tools)
#   module     the module for the installed kernels (make module)
#   style      checkpatch, sparse and a W=1 build (make check-style)
#   vm         the VM tests on Debian's stock kernel (make check-vm, demo, bench)
#   kernel     building the debug and matrix kernels (check-vm-debug, -stress, -matrix)
#   packaging  DKMS and the .debs (make deb, check-packaging)
#   matrix     the newest 6.1 and 6.12 headers (make check-builds; CI)
#
# make check-unit needs the tools group: a C compiler, make, and python3
# for the link check and the docs' checks.
set -euo pipefail

declare -A group=(
	[tools]="build-essential make gcc libc6-dev python3"
	[module]="build-essential make gcc libc6-dev linux-headers-amd64 kmod"
	[style]="linux-headers-amd64 sparse linux-source"
	[vm]="linux-headers-amd64 qemu-system-x86 busybox-static cpio kmod iproute2 iputils-ping
	      iperf3 libcap2-bin net-tools ethtool procps jq groff-base"
	[kernel]="linux-source bc bison flex libelf-dev xz-utils"
	[packaging]="dkms dh-dkms debhelper dpkg-dev fakeroot groff-base"
	[matrix]="linux-headers-amd64 linux-headers-6.12-amd64"
)

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(tools module style vm kernel packaging matrix)

packages=()
for g in "${wanted[@]}"; do
	[ -n "${group[$g]:-}" ] || { echo "scid-ipip: deps.sh: no group '$g'" >&2; exit 2; }
	read -r -a more <<<"$(echo ${group[$g]})"
	packages+=("${more[@]}")
done

missing=()
for p in $(printf '%s\n' "${packages[@]}" | sort -u); do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "scid-ipip: missing packages: ${missing[*]}" >&2
	echo "scid-ipip: run as root, or: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi

echo "scid-ipip: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
