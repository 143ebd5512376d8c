#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages a build, test or demo needs, and nothing when
# they are all present already, so every make target can call this first.
set -euo pipefail

packages=(
	build-essential make gcc libc6-dev
	linux-headers-amd64 linux-headers-6.12-amd64
	qemu-system-x86 busybox-static cpio kmod
	iproute2 iputils-ping iperf3 libcap2-bin net-tools ethtool procps
	sparse linux-source bc bison flex libelf-dev xz-utils
	dkms dh-dkms debhelper dpkg-dev fakeroot jq groff-base
)

missing=()
for p in "${packages[@]}"; do
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
