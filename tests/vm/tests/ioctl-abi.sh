#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tunnel ioctls against docs/ioctl.md, row by row: each field of struct
# ip_tunnel_parm refused or accepted as documented by ADD and CHG, the lookup
# rules of GET, CHG and DEL, privileges, and that a refused request changes
# nothing. The cases live in tests/vm/progs/ioctl-abi.c.
#
#   netns abi: lo, scid0 (the module's, made for the new namespace)
#              abi1 192.0.2.2 -> 198.51.100.2, ttl 64    fixtures, made and
#              abi2 192.0.2.3 -> 198.51.100.3            removed by ioctl-abi
#              abi3 192.0.2.4 -> (no remote)
#              abi0, scid%d: made and removed by single cases
#
# Three runs: with CAP_NET_ADMIN; --unprivileged, which clears the capability
# from its own effective set and also calls from a new user namespace; and
# --unprivileged under capsh --drop=cap_net_admin, which takes it out of the
# bounding set and so out of root's effective set at exec.

. "$(dirname "$0")/../lib.sh"
need_scid

bin=/opt/scid/bin/ioctl-abi
ns=abi
[ -x "$bin" ] || fail "$bin is missing"

# A namespace left by an interrupted run would hold stale tunnels.
ip netns del "$ns" 2>/dev/null || true
netns_add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
has_dev "$ns" scid0 || fail "no scid0 in a new network namespace"

out=$(mktemp)
rc=0
run() {
	log "$*"
	nsx "$ns" "$@" 2>&1 | tee -a "$out" || rc=1
}

run "$bin"
run "$bin" --unprivileged
if command -v capsh >/dev/null; then
	run "$bin" --setup
	# shellcheck disable=SC2016 # $0 is for the shell capsh starts
	run capsh --drop=cap_net_admin -- -c 'exec "$0" --unprivileged' "$bin"
	run "$bin" --cleanup
else
	log "no capsh: the run under capsh --drop is left out"
fi

# The harness shows only the end of the log: repeat what failed there.
if [ $rc -ne 0 ]; then
	log "failures:"
	grep -E '^FAIL|^[0-9]+ passed' "$out" || true
fi
rm -f "$out"
exit $rc
