#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The release of Debian's stock kernel headers (what linux-headers-amd64
# points at), which make check and make demo test, whatever other kernels
# the machine has headers for.
set -euo pipefail
dpkg-query -W -f='${Depends}\n' linux-headers-amd64 2>/dev/null |
	sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p'
