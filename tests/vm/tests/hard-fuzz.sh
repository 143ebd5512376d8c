#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile configuration: tests/vm/progs/hard-fuzz.c sends random and
# mutated tunnel ioctls (to scid0, to the tunnels it made, to other devices
# and to names of nothing) and, at the same time, random rtnetlink requests
# of kind scid_ipip (random IFLA_IPTUN_* types, lengths and values, FOU
# and GUE among them; some move tunnels to namespace z) in namespace a, where the tunnel pair t0
# lives, which the fuzzers must leave alone (-p t0). Afterwards the kernel
# is clean, t0 has its parameters and carries a ping, and every tunnel the
# fuzzers made, in a and in z, is deleted. (hard-links checks the link
# checks against a model.) Seeds are printed; SCID_SEED fixes them.
# Short: 6 s; SCID_STRESS=1: 60 s.
#
#   a                                    b
#   eth0 198.51.100.1/24 --------------- eth0 198.51.100.2/24
#   t0 192.0.2.1 ======================= t0 192.0.2.2
#   hard-fuzz ioctl + hard-fuzz rtnl     z: where rtnl moves tunnels to

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin
# So that requests for FOU and GUE can succeed, and make tunnels that use them.
modprobe fou || log "no fou module: FOU and GUE requests can only fail"

seconds=$(size 6 60)
seed=${SCID_SEED:-$RANDOM}

netns_add a b z
pair a b
ping_ok a 192.0.2.2
t0_before=$(nsx a scidtun show t0)

log "fuzzing for ${seconds}s: ioctl seed $seed, rtnl seed $((seed + 1))"
ip netns exec a hard-fuzz ioctl -s "$seed" -t "$seconds" -p t0 >/tmp/ioctl.out 2>&1 &
ioctl_pid=$!
ip netns exec a hard-fuzz rtnl -s $((seed + 1)) -t "$seconds" -p t0 -N /run/netns/z >/tmp/rtnl.out 2>&1 &
rtnl_pid=$!
rc=0
wait $ioctl_pid || rc=1
wait $rtnl_pid || rc=1
ioctl_out=$(cat /tmp/ioctl.out)
rtnl_out=$(cat /tmp/rtnl.out)
log "$ioctl_out"
log "$rtnl_out"
[ $rc -eq 0 ] || fail "a fuzzer failed or left a tunnel it cannot delete"

log "what the fuzzers moved to z, deleted there"
z_out=$(nsx z hard-fuzz cleanup)
log "$z_out"
for ns in a z; do
	left=$(scid_devs $ns | grep -v -x t0 || true)
	[ -z "$left" ] || fail "scid devices left in $ns: $left"
done
expect_eq "a's devices" "$(nsx a ls /sys/class/net | sort | tr '\n' ' ')" "eth0 lo scid0 t0 "

log "t0 unchanged and working"
expect_eq "scidtun show t0" "$(nsx a scidtun show t0)" "$t0_before"
nsx a ip link set t0 up
ping_ok a 192.0.2.2

hard_figure "ops=$(($(kv "$ioctl_out" iterations) + $(kv "$rtnl_out" iterations)))" \
	"ioctl=$(kv "$ioctl_out" iterations) rtnl=$(kv "$rtnl_out" iterations)" \
	"created=$(($(kv "$ioctl_out" created) + $(kv "$rtnl_out" created)))" \
	"deleted=$(($(kv "$ioctl_out" deleted) + $(kv "$rtnl_out" deleted) + $(kv "$z_out" deleted)))" \
	"ioctl_errors=$(kv "$ioctl_out" errors) rtnl_errors=$(kv "$rtnl_out" errors) seed=$seed"
