#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one stage of a check and keep its wall time:
#
#   scripts/timed.sh LABEL COMMAND [ARG...]   run it, record "LABEL SECONDS STATUS"
#   scripts/timed.sh --reset                  forget the recorded stages (not
#                                             while SCID_STAGE_TIMES_KEEP is set:
#                                             .ci/run's own stages come first)
#   scripts/timed.sh --report                 print them and their total
#
# The record is build/stage-times.txt (or $SCID_STAGE_TIMES), so make check
# and .ci/run can both add to it and print one table at the end.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
record=${SCID_STAGE_TIMES:-$top/build/stage-times.txt}

case ${1:-} in
--reset)
	[ -z "${SCID_STAGE_TIMES_KEEP:-}" ] || exit 0
	mkdir -p "$(dirname "$record")"
	: >"$record"
	exit 0
	;;
--report)
	[ -s "$record" ] || exit 0
	awk '{
		printf "  %-28s %6ds  %2dm%02ds  %s\n", $1, $2, $2 / 60, $2 % 60, $3 == 0 ? "ok" : "FAILED (exit " $3 ")"
		total += $2
	} END {
		printf "  %-28s %6ds  %2dm%02ds\n", "total", total, total / 60, total % 60
	}' "$record"
	exit 0
	;;
"" | -*)
	echo "usage: scripts/timed.sh LABEL COMMAND [ARG...] | --reset | --report" >&2
	exit 2
	;;
esac

label=$1
shift
[ $# -gt 0 ] || { echo "timed.sh: no command for \`$label'" >&2; exit 2; }
mkdir -p "$(dirname "$record")"
start=$SECONDS
"$@"
status=$?
echo "$label $((SECONDS - start)) $status" >>"$record"
echo "timed.sh: $label took $((SECONDS - start))s" >&2
exit $status
