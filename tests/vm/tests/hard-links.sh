#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tunnels bound to tunnels at random (tests/vm/progs/hard-links.c), every
# answer checked against a model of the links: ELOOP for a loop, EMLINK
# past the nesting depth, success otherwise. Then the pair t0 still
# carries a ping. A number of steps, not a time: the debug kernel makes
# devices slowly. Outside the debug lane's kmemleak pass (it makes and
# frees nothing that hard-fuzz and hard-churn do not). The seed is
# printed; SCID_SEED fixes it. Short: 150 steps; SCID_STRESS=1: 2000.
#
#   a                                    b
#   eth0 198.51.100.1/24 --------------- eth0 198.51.100.2/24
#   t0 192.0.2.1 ======================= t0 192.0.2.2
#   hard-links: tunnels over eth0 and over each other

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hard-lib.inc
. "$(dirname "$0")/hard-lib.inc"
need_scid
hard_begin

seed=${SCID_SEED:-$RANDOM}

netns_add a b
pair a b
ping_ok a 192.0.2.2

log "links: seed $seed"
out=$(nsx a hard-links -d "$(nesting_max)" -b eth0 -s "$seed" \
	-n "$(size 150 2000)" -t 600 2>&1) ||
	fail "hard-links: $out"
log "$out"
expect_ge "refusals for a loop" "$(kv "$out" loop)" 1
expect_ge "refusals for depth" "$(kv "$out" deep)" 1
ping_ok a 192.0.2.2

hard_figure "ops=$(kv "$out" iterations) loop=$(kv "$out" loop)" \
	"deep=$(kv "$out" deep) seed=$seed"
