#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench, guest side (tests/vm/run.sh --bench runs it as the guest's
# work). Prints one "R TEST ROUND PATH KEY=VALUE..." line per measurement;
# "# ..." lines are progress. bench/report.py turns them into the table.
#
# Comparison: the same three-hop path three ways, in rounds
# (plain, ipip, scid, plain, ...), each driver loaded only for its turn so
# that neither sees the other's packets.
#
#   cli (c0) ---------- (r0) rly (r1) ---------- (s0) srv
#   192.0.2.1/24      192.0.2.254  198.51.100.254  198.51.100.1/24 tunnel end
#                                                   198.51.100.2/32 plain target
#   plain: 192.0.2.1 -> 198.51.100.2, route MTU 1480
#   tunnel t1 (ipip or scid_ipip): 192.0.2.1 <-> 198.51.100.1 bound to
#     c0/s0, inner 203.0.113.1 -> 203.0.113.2, MTU 1480
#   ipip-fou, scid-fou (FOU=1): the same tunnels inside UDP to port 5555
#     (ip fou add port 5555 ipproto 4 at both ends), MTU 1472
#
# Scale: one receiver with N tunnels, traffic on one of them.
#
#   peer (v0) 192.0.2.1/25 ---------- 192.0.2.2/25 (v1) rx
#   raw IPIP from peer (no tunnel driver there) into t0 on rx, whose inner
#   address is 192.0.2.201; rx also holds t1..t(N-1), remotes in
#   198.51.100.0/24 and 203.0.113.0/24, locals 192.0.2.128-147 (on dummy
#   d0), created after t0 so that t0 ends its hash chain
set -eEu -o pipefail
trap 'echo "# FAIL: line $LINENO: $BASH_COMMAND (exit $?)"' ERR

bin=/opt/scid/bench/bin
# shellcheck source=../tests/vm/failover-net.sh
. /opt/scid/bench/failover-net.sh
ROUNDS=5		# measured rounds, after one warm-up round
TCP_BYTES=32M		# per iperf3 run; a quarter with GSO off
TCP_CONNS=3		# iperf3 runs per TCP measure
UDP_MS=300		# per UDP flood
RR_COUNT=1000		# request/response exchanges per RTT measurement
HS_COUNT=1000		# TCP handshakes per handshake measurement
TRACE_MS=200		# per traced flood (function costs)
SCALE_N="1 100 1000 10000"
SCALE_REPS=3
SCIDTUN_N=100		# tunnels created with one scidtun/ip process each
COMPARE=1		# the three paths, in rounds
MEASURES="tcp udp rtt handshake"	# what each round measures
GRO_OFF=1		# TCP over scid_ipip with the tunnel's GRO off, too
CLAMP=1			# over scid_ipip with clamp-mss auto and 1340, too
FOU=1			# ipip and scid_ipip inside UDP (FOU) too: TCP, UDP 64 B, RTT
BREAKDOWN=1		# function costs of each driver (ftrace)
SCALE=1			# 1 to 10,000 tunnels
TEARDOWN=1		# with SCALE: the largest set deleted at once, and its netns
MEMORY=1		# memory per tunnel (run.sh boots again for 64 CPUs)
MEM_N=1000		# tunnels it is measured over
FAILOVER=1		# keepalive: failover and failback times, idle cost
SETCONF=1		# scidtun setconf of SETCONF_N tunnels, then the same again
SETCONF_N=10000		# tunnel counts, each with an address and a route
FAILOVER_TRIALS=5
KA_TUNNELS=1000		# idle tunnels with keepalive, for its CPU cost
KA_MS=10000		# guest time each CPU cost window lasts
KA_ROUNDS=3		# rounds of the 1 s windows
KA_TRACE=0		# 1: where keepalive's time goes at 1 s (ftrace), after its window
PMTU=1			# pmtu-probe: path MTU drop and raise times, idle cost
PMTU_TRIALS=5
PMTU_RAISE_MS=5000	# the probing tunnel's pmtu-raise
PMTU_TUNNELS=100	# idle tunnels with keepalive 100ms, for pmtu-probe's CPU cost
PMTU_MS=10000		# guest time each of its CPU cost windows lasts
PMTU_ROUNDS=2		# rounds of its windows (keepalive alone, pmtu-probe on)
# shellcheck disable=SC1091 # optional, from SCID_BENCH_CONF on the host
[ ! -f /opt/scid/bench/conf ] || . /opt/scid/bench/conf

R() {
	echo "R $*"
}

say() {
	echo "# $*"
}

nsx() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# now_ns: guest time (executed instructions under icount).
now_ns() {
	local t=$EPOCHREALTIME
	echo $((${t%.*} * 1000000000 + 10#${t#*.} * 1000))
}

# Idle and iowait time of all CPUs in ns: the tick's own nanosecond
# counts (/proc/timer_list), which /proc/stat gives only in 10 ms steps,
# 0.1 % of a 10 s window and as much as keepalive's differences. Up to
# date for this CPU, which is running this; the others' current idle
# spell is not in them yet (one vCPU under -icount).
idle_ns() {
	awk '$1 ~ /^\.(idle|iowait)_sleeptime/ {
		for (i = 2; i <= NF; i++)
			if ($i == "nsecs")
				s += $(i - 1)
	} END { printf "%.0f\n", s }' /proc/timer_list
}

# window_start / window_end: CPU time used in between, in ns, as
# elapsed time times CPUs less idle time. That is user + nice + system +
# irq + softirq of /proc/stat, in nanoseconds.
window_start() {
	w_idle=$(idle_ns)
	w_t0=$(now_ns)
}

window_end() {
	local t1 idle

	t1=$(now_ns)
	idle=$(idle_ns)
	w_ns=$((t1 - w_t0))
	w_cpu=$((w_ns * $(nproc) - (idle - w_idle)))
}

# Slab and per-CPU memory in KiB.
kmem() {
	awk '/^(Slab|Percpu):/ { s += $2 } END { print s }' /proc/meminfo
}

counter() {
	nsx "$1" cat "/sys/class/net/$2/statistics/$3"
}

# Modules: one driver at a time.
load() {
	local dep

	case $1 in
	ipip) modprobe ipip ;;
	scid)
		for dep in $(modinfo -F depends /opt/scid/scid_ipip.ko | tr ',' ' '); do
			modprobe "$dep"
		done
		insmod /opt/scid/scid_ipip.ko
		;;
	esac
}

unload() {
	case $1 in
	ipip) rmmod ipip ;;
	scid) rmmod scid_ipip ;;
	esac
}

# tunnel_add DRIVER NS NAME LOCAL REMOTE DEV
tunnel_add() {
	case $1 in
	ipip) nsx "$2" ip tunnel add "$3" mode ipip local "$4" remote "$5" dev "$6" ;;
	scid) nsx "$2" scidtun add "$3" mode ipip local "$4" remote "$5" dev "$6" ;;
	esac
}

ctl_dev() {
	case $1 in ipip) echo tunl0 ;; scid) echo scid0 ;; esac
}

### comparison topology

setup_paths() {
	local ns

	for ns in cli rly srv; do
		ip netns add $ns
		ip -n $ns link set lo up
	done
	ip link add c0 netns cli type veth peer name r0 netns rly
	ip link add r1 netns rly type veth peer name s0 netns srv
	ip -n cli addr add 192.0.2.1/24 dev c0
	ip -n rly addr add 192.0.2.254/24 dev r0
	ip -n rly addr add 198.51.100.254/24 dev r1
	ip -n srv addr add 198.51.100.1/24 dev s0
	ip -n srv addr add 198.51.100.2/32 dev s0
	for ns in cli:c0 rly:r0 rly:r1 srv:s0; do
		ip -n "${ns%:*}" link set "${ns#*:}" up
	done
	nsx rly sysctl -qw net.ipv4.ip_forward=1
	ip -n cli route add default via 192.0.2.254
	ip -n srv route add default via 198.51.100.254
	# The plain path carries the same 1480-byte packets as the tunnels.
	ip -n cli route add 198.51.100.2/32 via 192.0.2.254 mtu lock 1480
	# ARP and neighbour entries once, not inside a measurement.
	nsx cli ping -c 1 -W 2 198.51.100.2 >/dev/null
	nsx cli ping -c 1 -W 2 198.51.100.1 >/dev/null

	nsx srv iperf3 -s -D -I /tmp/iperf3.pid
	nsx srv setsid "$bin/netbench" echo 7 </dev/null >/dev/null 2>&1 &
	nsx srv setsid "$bin/netbench" listen 9 </dev/null >/dev/null 2>&1 &
	sleep 0.5
}

# fou_tunnel_add DRIVER NS NAME LOCAL REMOTE DEV: the tunnel inside UDP,
# with the same words for both drivers (the guest has no ip plugin).
fou_tunnel_add() {
	local words=(local "$4" remote "$5" dev "$6" encap fou encap-sport auto encap-dport 5555)

	nsx "$2" ip fou add port 5555 ipproto 4
	case $1 in
	ipip) nsx "$2" ip link add "$3" type ipip "${words[@]}" ;;
	scid) nsx "$2" scidtun add "$3" "${words[@]}" ;;
	esac
}

# path_up PATH: load the driver and build the tunnel; sets target, egress.
path_up() {
	case $1 in
	plain)
		target=198.51.100.2
		egress=c0
		return
		;;
	*-fou)
		modprobe fou
		load "${1%-fou}"
		fou_tunnel_add "${1%-fou}" cli t1 192.0.2.1 198.51.100.1 c0
		fou_tunnel_add "${1%-fou}" srv t1 198.51.100.1 192.0.2.1 s0
		;;
	*)
		load "$1"
		tunnel_add "$1" cli t1 192.0.2.1 198.51.100.1 c0
		tunnel_add "$1" srv t1 198.51.100.1 192.0.2.1 s0
		;;
	esac
	ip -n cli addr add 203.0.113.1/32 dev t1
	ip -n srv addr add 203.0.113.2/32 dev t1
	ip -n cli link set t1 up
	ip -n srv link set t1 up
	ip -n cli route add 203.0.113.2/32 dev t1 src 203.0.113.1
	ip -n srv route add 203.0.113.1/32 dev t1 src 203.0.113.2
	target=203.0.113.2
	egress=t1
	nsx cli ping -c 1 -W 2 "$target" >/dev/null
}

path_down() {
	[ "$1" != plain ] || return 0
	ip -n cli link del t1
	ip -n srv link del t1
	if [[ $1 == *-fou ]]; then
		nsx cli ip fou del port 5555
		nsx srv ip fou del port 5555
	fi
	unload "${1%-fou}"
}

# tcp ROUND PATH LABEL STREAMS BYTES: throughput at the receiver over
# TCP_CONNS connections of BYTES each (bytes over the sum of their times);
# CPU time per 1428-byte segment (MSS at MTU 1480 with timestamps). One
# connection runs at one of two rates about 1.5 % apart, whichever it
# falls into; several per round average that out.
tcp() {
	local out kbps bytes i total=0 seconds=0

	window_start
	for i in $(seq "$TCP_CONNS"); do
		out=$(nsx cli timeout 120 iperf3 -c "$target" -n "$5" -P "$4" -f k 2>&1) || {
			say "iperf3 failed: $out"
			return 1
		}
		read -r kbps bytes < <(printf '%s\n' "$out" | awk '
			/receiver/ { v = $(NF - 2); b = $(NF - 4); u = $(NF - 3) }
			END {
				m = u == "GBytes" ? 1073741824 : u == "MBytes" ? 1048576 : 1024
				printf "%d %d\n", v, b * m
			}')
		total=$((total + bytes))
		seconds=$(awk -v s="$seconds" -v b="$bytes" -v r="$kbps" 'BEGIN { printf "%.9f", s + b * 8 / 1000 / r }')
	done
	window_end
	kbps=$(awk -v b="$total" -v s="$seconds" 'BEGIN { printf "%d", b * 8 / 1000 / s }')
	R "$3" "$1" "$2" "kbps=$kbps" "bytes=$total" "cpu_ns=$w_cpu" \
		"pkts=$((total / 1428))" "conns=$TCP_CONNS"
}

# udp ROUND PATH SIZE: datagrams that reached the server's socket, per
# second of sending; CPU time of the sending window per datagram.
udp() {
	local sent ns idle got pid

	nsx srv "$bin/netbench" sink 9000 >/tmp/sink.out &
	pid=$!
	sleep 0.2
	read -r _ sent _ ns _ idle < <(nsx cli "$bin/netbench" flood "$target" 9000 "$3" "$UDP_MS")
	wait "$pid"
	read -r _ got </tmp/sink.out
	R "udp$3" "$1" "$2" "pps=$((got * 1000000000 / ns))" "sent=$sent" \
		"cpu_ns=$((ns * $(nproc) - idle))" "pkts=$got"
}

# rr ROUND PATH: round trips one at a time, as "rtt" with ICMP echo (the
# server's kernel answers: the path alone) and as "rtt-udp" with a UDP
# echo server (two processes woken per exchange: the scheduler's choices
# add steps of several microseconds of their own).
rr() {
	local test out p50 p99 lost mean min p10 p90

	for test in rtt rtt-udp; do
		window_start
		if [ $test = rtt ]; then
			out=$(nsx cli "$bin/netbench" ping "$target" "$RR_COUNT")
		else
			out=$(nsx cli "$bin/netbench" rr "$target" 7 "$RR_COUNT")
		fi
		window_end
		read -r _ p50 p99 lost mean min p10 p90 <<<"$out"
		R $test "$1" "$2" "p50=$p50" "p99=$p99" "lost=$lost" "mean=$mean" \
			"min=$min" "p10=$p10" "p90=$p90" "cpu_ns=$w_cpu" "ns=$w_ns"
	done
}

# handshake ROUND PATH: TCP connections one at a time, each reset once
# established: how long connect() takes (the SYN out, the SYN-ACK back,
# the ACK out), and the CPU time per handshake.
handshake() {
	local out p50 p99 failed mean min p10 p90

	window_start
	out=$(nsx cli "$bin/netbench" handshake "$target" 9 "$HS_COUNT")
	window_end
	read -r _ p50 p99 failed mean min p10 p90 <<<"$out"
	R handshake "$1" "$2" "p50=$p50" "p99=$p99" "failed=$failed" "mean=$mean" \
		"min=$min" "p10=$p10" "p90=$p90" "cpu_ns=$w_cpu" "ns=$w_ns" \
		"count=$HS_COUNT"
}

# tcp_all ROUND PATH: the four TCP measures.
tcp_all() {
	local quarter=$((${TCP_BYTES%M} / 4))M

	tcp "$1" "$2" tcp1 1 "$TCP_BYTES"
	tcp "$1" "$2" tcp2 2 "$TCP_BYTES"
	nsx cli ethtool -K "$egress" gso off tso off >/dev/null
	tcp "$1" "$2" tcp1-nogso 1 "$quarter"
	tcp "$1" "$2" tcp2-nogso 2 "$quarter"
	nsx cli ethtool -K "$egress" gso on tso on >/dev/null
}

# tcp_gro_off ROUND: TCP over the scid tunnel again with its GRO off at
# both ends ("scid-gro-off"). With GSO the inner packets arrive already
# aggregated and the tunnel's GRO pass has nothing left to merge; without
# GSO (and no GRO on the veth) it is the only aggregation there is.
tcp_gro_off() {
	local ns

	for ns in cli srv; do
		nsx $ns ethtool -K t1 gro off >/dev/null
	done
	tcp_all "$1" scid-gro-off
	for ns in cli srv; do
		nsx $ns ethtool -K t1 gro on >/dev/null
	done
}

# clamp ROUND: TCP, 64-byte UDP and handshakes over the scid tunnel again
# with clamp-mss auto at both ends ("scid-clamp"). At MTU 1480 auto is
# 1440, the MSS both ends announce anyway: every SYN is read and none is
# lowered, so what differs from "scid" is the check every other packet
# passes. Then handshakes with clamp-mss 1340 on the client's tunnel alone
# ("scid-clamp-1340"): it rewrites the SYN it sends and the SYN-ACK it
# receives, the SYN path's whole cost.
clamp() {
	local ns before lowered

	for ns in cli srv; do
		nsx $ns scidtun change t1 clamp-mss auto
	done
	tcp_all "$1" scid-clamp
	udp "$1" scid-clamp 64
	! measuring handshake || handshake "$1" scid-clamp
	for ns in cli srv; do
		nsx $ns scidtun change t1 clamp-mss off
	done
	measuring handshake || return 0
	nsx cli scidtun change t1 clamp-mss 1340
	before=$(mss_clamped)
	handshake "$1" scid-clamp-1340
	lowered=$(($(mss_clamped) - before))
	# Two per handshake, warm-up ones included; fewer means the row
	# measured something else.
	[ "$lowered" -ge $((2 * HS_COUNT)) ] || {
		say "clamp-mss 1340 lowered only $lowered SYNs in $HS_COUNT handshakes"
		return 1
	}
	nsx cli scidtun change t1 clamp-mss off
}

mss_clamped() {
	nsx cli ethtool -S t1 | awk '$1 == "mss_clamped:" { print $2 }'
}

# measuring WHAT: whether MEASURES names WHAT.
measuring() {
	[[ " $MEASURES " == *" $1 "* ]]
}

# measure_fou ROUND PATH: the FOU paths' measures, a subset of the others.
measure_fou() {
	if measuring tcp; then
		tcp "$1" "$2" tcp1 1 "$TCP_BYTES"
		tcp "$1" "$2" tcp2 2 "$TCP_BYTES"
	fi
	! measuring udp || udp "$1" "$2" 64
	! measuring rtt || rr "$1" "$2"
}

# measure ROUND PATH: every comparison measure, once.
measure() {
	if [[ $2 == *-fou ]]; then
		measure_fou "$@"
		return
	fi
	if measuring tcp; then
		tcp_all "$1" "$2"
		[ "$2" != scid ] || [ "$GRO_OFF" != 1 ] || tcp_gro_off "$1"
	fi
	[ "$2" != scid ] || [ "$CLAMP" != 1 ] || clamp "$1"
	if measuring udp; then
		udp "$1" "$2" 64
		udp "$1" "$2" 512
		udp "$1" "$2" 1472
	fi
	if measuring rtt; then
		rr "$1" "$2"
	fi
	if measuring handshake; then
		handshake "$1" "$2"
	fi
}

compare() {
	local round path start

	setup_paths
	for round in $(seq 0 "$ROUNDS"); do
		start=$SECONDS
		for path in plain ipip scid $([ "$FOU" != 1 ] || echo ipip-fou scid-fou); do
			path_up $path
			measure "$round" "$path"
			path_down $path
		done
		say "round $round of $ROUNDS done ($((SECONDS - start))s guest time)$([ "$round" = 0 ] && echo ', warm-up')"
	done
}

### where the time goes

tracing=/sys/kernel/tracing

# trace_start FUNC...: time every call of FUNC (children included, not
# traced themselves) with the function_graph tracer.
trace_start() {
	[ -e $tracing/tracing_on ] || mount -t tracefs tracefs $tracing
	echo 0 >$tracing/tracing_on
	echo nop >$tracing/current_tracer
	echo 8192 >$tracing/buffer_size_kb
	echo "$*" >$tracing/set_ftrace_filter
	echo "$*" >$tracing/set_graph_function
	echo 1 >$tracing/max_graph_depth
	echo function_graph >$tracing/current_tracer
	: >$tracing/trace
	echo 1 >$tracing/tracing_on
}

# trace_stop TEST ROUND PATH [KEY=VALUE]: one "R" line per function with
# its calls and mean duration.
trace_stop() {
	echo 0 >$tracing/tracing_on
	awk -F '|' -v test="$1" -v round="$2" -v path="$3" -v extra="${4:-}" '
		NF >= 2 && $2 ~ /\(\);/ {
			f = $2
			gsub(/[ ();]/, "", f)
			sub(/\[.*/, "", f)
			n = split($1, w, " ")
			for (i = 2; i <= n; i++)
				if (w[i] == "us" || w[i] == "ms") {
					d = w[i - 1] * (w[i] == "ms" ? 1000000 : 1000)
					calls[f]++
					sum[f] += d
				}
		}
		END {
			for (f in calls)
				printf "R %s %s %s fn=%s calls=%d ns=%.0f %s\n",
					test, round, path, f, calls[f], sum[f] / calls[f], extra
		}' $tracing/trace
	echo nop >$tracing/current_tracer
	echo >$tracing/set_ftrace_filter
	echo >$tracing/set_graph_function
}

xmit_fn() {
	case $1 in ipip) echo ipip_tunnel_xmit ;; scid) echo scid_xmit ;; esac
}

rcv_fn() {
	case $1 in ipip) echo ipip_rcv ;; scid) echo scid_rcv ;; esac
}

# The NAPI poll that delivers queued inner packets through GRO.
poll_fn() {
	case $1 in ipip) echo gro_cell_poll ;; scid) echo scid_rx_cell_poll ;; esac
}

# What the transmit and receive functions call that is worth timing on
# its own: the lookup, the decapsulation, the outer route and the send.
parts() {
	case $1 in
	ipip) echo ip_tunnel_lookup ip_tunnel_rcv ;;
	scid) echo scid_table_find_rcv scid_decap ;;
	esac
	echo dst_cache_get_ip4 ip_rt_update_pmtu iptunnel_handle_offloads iptunnel_xmit
}

# breakdown DRIVER: the driver's transmit and receive functions, and the
# IPIP input they sit in, during a 64-byte UDP flood.
breakdown() {
	local pid

	path_up "$1"
	nsx srv "$bin/netbench" sink 9000 >/dev/null &
	pid=$!
	sleep 0.2
	trace_start "$(xmit_fn "$1")" "$(rcv_fn "$1")" "$(poll_fn "$1")"
	nsx cli "$bin/netbench" flood "$target" 9000 64 "$TRACE_MS" >/dev/null
	trace_stop breakdown 0 "$1"
	# shellcheck disable=SC2046 # a list of names
	trace_start $(parts "$1")
	nsx cli "$bin/netbench" flood "$target" 9000 64 "$TRACE_MS" >/dev/null
	trace_stop breakdown-parts 0 "$1"
	# The tracer's own share of each timed call: an almost empty function.
	trace_start __rcu_read_lock
	nsx cli "$bin/netbench" flood "$target" 9000 64 20 >/dev/null
	trace_stop breakdown-calib 0 "$1"
	wait "$pid"
	trace_start "$(xmit_fn "$1")" "$(rcv_fn "$1")" "$(poll_fn "$1")"
	nsx cli "$bin/netbench" rr "$target" 7 $((RR_COUNT / 2)) >/dev/null
	trace_stop breakdown-rr 0 "$1"
	path_down "$1"
}

### scale

setup_scale() {
	local i

	ip netns add peer
	ip netns add rx
	ip -n peer link set lo up
	ip -n rx link set lo up
	ip link add v0 netns peer type veth peer name v1 netns rx
	ip -n peer addr add 192.0.2.1/25 dev v0
	ip -n rx addr add 192.0.2.2/25 dev v1
	ip -n peer link set v0 up
	ip -n rx link set v1 up
	ip -n rx link add d0 type dummy
	for i in $(seq 128 147); do
		ip -n rx addr add "192.0.2.$i/32" dev d0
	done
	ip -n rx link set d0 up
	ip -n rx route add 198.51.100.0/24 via 192.0.2.1
	ip -n rx route add 203.0.113.0/24 via 192.0.2.1
	nsx peer ping -c 1 -W 2 192.0.2.2 >/dev/null
}

# tunnels DRIVER add|del FIRST COUNT: tunnels FIRST.. on rx, one ioctl
# each (t0 is the one traffic goes through); prints the guest ns taken.
tunnels() {
	local out

	if [ "$2" = add ]; then
		out=$(nsx rx "$bin/tunnels" add "$(ctl_dev "$1")" t "$3" "$4" v1)
	else
		out=$(nsx rx "$bin/tunnels" del t "$3" "$4")
	fi
	echo "${out#ns }"
}

# tools DRIVER add|del|batch-add|batch-del COUNT: the same tunnels with
# one scidtun or 'ip tunnel' process each, or one 'ip -batch'; prints ns.
tools() {
	local t0 t1 i l r

	nsx rx "$bin/tunnels" list 1 "$3" >/tmp/list
	t0=$(now_ns)
	case $1:$2 in
	ipip:add)
		while read -r i l r; do
			nsx rx ip tunnel add "t$i" mode ipip local "$l" remote "$r"
		done </tmp/list
		;;
	ipip:batch-add)
		while read -r i l r; do
			echo "tunnel add t$i mode ipip local $l remote $r"
		done </tmp/list >/tmp/batch
		nsx rx ip -batch /tmp/batch
		;;
	ipip:del)
		while read -r i l r; do
			nsx rx ip tunnel del "t$i"
		done </tmp/list
		;;
	ipip:batch-del)
		while read -r i l r; do
			echo "tunnel del t$i"
		done </tmp/list >/tmp/batch
		nsx rx ip -batch /tmp/batch
		;;
	scid:add)
		while read -r i l r; do
			nsx rx scidtun add "t$i" mode ipip local "$l" remote "$r"
		done </tmp/list
		;;
	scid:del)
		while read -r i l r; do
			nsx rx scidtun del "t$i"
		done </tmp/list
		;;
	esac
	t1=$(now_ns)
	echo $((t1 - t0))
}

# rx_cost DRIVER N: raw IPIP from peer into t0; CPU per packet received.
rx_cost() {
	local driver=$1 n=$2 rep p0 p1 sent ns idle

	for rep in $(seq 1 "$SCALE_REPS"); do
		p0=$(counter rx t0 rx_packets)
		read -r _ sent _ ns _ idle < <(nsx peer "$bin/netbench" ipip-flood \
			192.0.2.1 192.0.2.2 192.0.2.200 192.0.2.201 64 "$UDP_MS")
		p1=$(counter rx t0 rx_packets)
		R scale-rx "$rep" "$driver" "n=$n" "cpu_ns=$((ns * $(nproc) - idle))" \
			"pkts=$((p1 - p0))" "sent=$sent"
	done
}

# teardown DRIVER N: N tunnels on rx deleted in one request (scid_ipip's
# SCID_IOC_DELTUNNELS, ipip's 'ip link del group'), then N in a namespace
# of their own deleted with it. cleanup_net() runs after 'ip netns del'
# returns; the namespace's veth goes last, after every tunnel driver's
# exit (loopback and veths are the core's last pernet device exit), so
# its peer vanishing in rx is when the tunnels are all gone.
teardown() {
	local driver=$1 n=$2 i

	tunnels "$driver" add 0 "$n" >/dev/null
	[ "$driver" = scid ] || for i in $(seq 0 $((n - 1))); do
		echo "link set t$i group 99"
	done >/tmp/batch
	[ "$driver" = scid ] || nsx rx ip -batch /tmp/batch
	# CPU as well as time: what is not CPU is waiting (grace periods).
	window_start
	if [ "$driver" = scid ]; then
		nsx rx "$bin/tunnels" flush >/dev/null
	else
		ip -n rx link del group 99
	fi
	window_end
	R scale-del-batch 0 "$driver" "n=$n" "ns=$w_ns" "cpu_ns=$w_cpu"

	ip netns add tn
	ip link add vt0 netns tn type veth peer name vt1 netns rx
	ip -n tn link set vt0 up
	nsx tn "$bin/tunnels" add "$(ctl_dev "$driver")" t 0 "$n" vt0 >/dev/null
	window_start
	ip netns del tn
	while ip -n rx link show vt1 >/dev/null 2>&1; do
		sleep 0.01
	done
	window_end
	R scale-netns-del 0 "$driver" "n=$n" "ns=$w_ns" "cpu_ns=$w_cpu"
	say "teardown $driver: $n tunnels"
}

scale() {
	local driver=$1 n have=0 ns m0 m1 total=0 k

	load "$driver"
	# Creation and deletion on their own, for the smaller counts.
	for n in $SCALE_N; do
		[ "$n" -lt 10000 ] || continue
		m0=$(kmem)
		ns=$(tunnels "$driver" add 0 "$n")
		m1=$(kmem)
		R scale-add 0 "$driver" "n=$n" "ns=$ns" "kmem=$((m1 - m0))"
		ns=$(tunnels "$driver" del 0 "$n")
		R scale-del 0 "$driver" "n=$n" "ns=$ns"
	done
	for k in add del batch-add batch-del; do
		[ "$driver" = ipip ] || [ "${k#batch}" = "$k" ] || continue
		ns=$(tools "$driver" "$k" "$SCIDTUN_N")
		R "scale-tool-$k" 0 "$driver" "n=$SCIDTUN_N" "ns=$ns"
	done

	# Then one growing set, with traffic through t0 at each size.
	m0=$(kmem)
	for n in $SCALE_N; do
		ns=$(tunnels "$driver" add "$have" $((n - have)))
		total=$((total + ns))
		if [ "$have" = 0 ]; then
			ip -n rx addr add 192.0.2.201/32 dev t0
			ip -n rx link set t0 up
		fi
		have=$n
		m1=$(kmem)
		R scale-grow 0 "$driver" "n=$n" "ns=$total" "kmem=$((m1 - m0))"
		rx_cost "$driver" "$n"
		trace_start "$(rcv_fn "$driver")"
		nsx peer "$bin/netbench" ipip-flood 192.0.2.1 192.0.2.2 \
			192.0.2.200 192.0.2.201 64 "$TRACE_MS" >/dev/null
		trace_stop scale-fn 0 "$driver" "n=$n"
		say "scale $driver: $n tunnels"
	done
	say "scale $driver: deleting $have tunnels"
	ns=$(tunnels "$driver" del 0 "$have")
	R scale-del 0 "$driver" "n=$have" "ns=$ns"
	[ "$TEARDOWN" = 0 ] || teardown "$driver" "$have"
	unload "$driver"
}

### setconf
#
#   One namespace, sc: tunnels t1..tN with the endpoints of the scale
#   part (bench/progs/tunnels.c list), each with an address
#   10.A.B.1/32 and a route 10.(128+A).B.0/24 through it, in one file.

setup_setconf() {
	local i

	ip netns add sc
	ip -n sc link set lo up
	ip -n sc link add d0 type dummy
	for i in $(seq 128 147); do
		ip -n sc addr add "192.0.2.$i/32" dev d0
	done
	ip -n sc link set d0 up
	ip -n sc route add 198.51.100.0/24 dev d0
	ip -n sc route add 203.0.113.0/24 dev d0
}

# setconf_file N FILE: what setconf is given, tunnels 1..N.
setconf_file() {
	"$bin/tunnels" list 1 "$1" | while read -r i l r; do
		printf 'tunnel t%d remote %s local %s\n' "$i" "$r" "$l"
		printf '\taddress 10.%d.%d.1/32\n' $((i / 256)) $((i % 256))
		printf '\troute 10.%d.%d.0/24\n' $((128 + i / 256)) $((i % 256))
	done >"$2"
}

# setconf_run N STEP: time one setconf of the file; R line with the
# lines it printed (4 a tunnel the first time: added, address, up, route)
# and whether it said "no changes".
setconf_run() {
	local t0 t1 out

	t0=$(now_ns)
	out=$(nsx sc scidtun setconf /tmp/setconf.conf)
	t1=$(now_ns)
	R "setconf-$2" 0 scid "n=$1" "ns=$((t1 - t0))" "lines=$(wc -l <<<"$out")" \
		"nochange=$([ "$out" = "no changes" ] && echo 1 || echo 0)"
}

setconf_bench() {
	local n

	load scid
	for n in $SETCONF_N; do
		setup_setconf
		setconf_file "$n" /tmp/setconf.conf
		setconf_run "$n" first
		setconf_run "$n" again
		say "setconf: $n tunnels"
		nsx sc "$bin/tunnels" flush >/dev/null
		ip netns del sc
	done
	unload scid
}

### memory per tunnel

# Slab, Percpu and MemAvailable of /proc/meminfo in KiB, caches dropped
# first so that reclaimable memory does not come and go in between.
meminfo() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^(Slab|Percpu|MemAvailable):/ { printf "%s ", $2 } END { print "" }' \
		/proc/meminfo
}

# memory DRIVER: what MEM_N idle tunnels (setup_scale's) cost, with the
# possible CPUs of this boot: the per-CPU part grows with them.
memory() {
	local driver=$1 before after

	load "$driver"
	before=$(meminfo)
	tunnels "$driver" add 0 "$MEM_N" >/dev/null
	after=$(meminfo)
	# In /proc/meminfo's order: MemAvailable, Slab, Percpu, twice.
	# shellcheck disable=SC2086 # three numbers each
	set -- $before $after
	R mem 0 "$driver" "n=$MEM_N" "possible=$(possible_cpus)" \
		"avail=$(($1 - $4))" "slab=$(($5 - $2))" "percpu=$(($6 - $3))"
	tunnels "$driver" del 0 "$MEM_N" >/dev/null
	unload "$driver"
}

# The possible CPUs, counted from the kernel's list ("0-63", "0").
possible_cpus() {
	awk -F, '{ for (i = 1; i <= NF; i++) { n = split($i, r, "-");
		c += n == 2 ? r[2] - r[1] + 1 : 1 } } END { print c }' \
		/sys/devices/system/cpu/possible
}

### keepalive
#
#   The network of tests/vm/failover-net.sh (copied beside this script):
#   fsv answers the client's inner address 203.0.113.1 through fp2
#   whatever happens.
#   fcl: t1 to fp1 (metric 10), t2 to fp2 (metric 20), keepalive on both,
#   ignore_routes_with_linkdown set by scidtun; fp1 and fp2 run scid_ipip
#   tunnels back, which answer the probes, and forward.

setup_failover() {
	failover_net
	# The proxies first: probes to a proxy without its tunnel draw ICMP
	# errors, which the client's tunnel passes on to its first packets.
	nsx fp1 scidtun add t1 local 192.0.2.2 remote 192.0.2.1 dev c1
	nsx fp2 scidtun add t1 local 192.0.2.6 remote 192.0.2.5 dev c2
	ip -n fp1 link set t1 up
	ip -n fp2 link set t1 up
	nsx fcl scidtun add t1 local 192.0.2.1 remote 192.0.2.2 dev a1 \
		keepalive 100ms hold 3 rise 2
	nsx fcl scidtun add t2 local 192.0.2.5 remote 192.0.2.6 dev a2 \
		keepalive 100ms hold 3 rise 2
	for ns in fcl:t1 fcl:t2; do
		ip -n "${ns%:*}" link set "${ns#*:}" up
	done
	ip -n fcl route add 203.0.113.10/32 dev t1 src 203.0.113.1 metric 10
	ip -n fcl route add 203.0.113.10/32 dev t2 src 203.0.113.1 metric 20
	nsx fcl ping -c 1 -W 2 203.0.113.10 >/dev/null
}

# failover_trial N: proxy 1 stops forwarding (its tunnel goes down: no
# probe and no packet gets through it, and nothing tells the client),
# then comes back. Traffic is a ping every 5 ms, answered through proxy 2
# whatever happens. Detection: the cut to t1's carrier loss; failover: the
# cut to the first packet that arrives through proxy 2; failback: proxy
# 1's return to the first packet through it again.
failover_trial() {
	local t0 t1 down moved back rx pid

	# Not through nsx: a function in the background is a subshell, and
	# killing it left the ping running, 200 packets a second more each
	# trial, in the later trials and in the CPU cost windows too.
	ip netns exec fcl ping -n -q -i 0.005 203.0.113.10 >/dev/null 2>&1 &
	pid=$!
	sleep 1
	rx=$(counter fp2 t1 rx_packets)
	poll_until fcl /sys/class/net/t1/carrier -eq 0 >/tmp/ka.down &
	down=$!
	poll_until fp2 /sys/class/net/t1/statistics/rx_packets -gt "$rx" >/tmp/ka.moved &
	moved=$!
	t0=$EPOCHREALTIME
	ip -n fp1 link set t1 down
	wait "$down" "$moved"

	rx=$(counter fp1 t1 rx_packets)
	poll_until fp1 /sys/class/net/t1/statistics/rx_packets -gt "$rx" >/tmp/ka.back &
	back=$!
	t1=$EPOCHREALTIME
	ip -n fp1 link set t1 up
	wait "$back"
	kill "$pid"
	wait "$pid" 2>/dev/null || :
	R failover "$1" scid "detect_ms=$(ms_between "$t0" "$(</tmp/ka.down)")" \
		"failover_ms=$(ms_between "$t0" "$(</tmp/ka.moved)")" \
		"failback_ms=$(ms_between "$t1" "$(</tmp/ka.back)")"
}

failover() {
	local n

	load scid
	setup_failover
	for n in $(seq 1 "$FAILOVER_TRIALS"); do
		failover_trial "$n"
		say "failover trial $n done"
	done
	for n in fcl fp1 fp2 fsv; do
		ip netns del $n
	done
	ka_cost
	unload scid
}

# Functions on the way of a probe and of its answer, each timed alone:
# tracing what one calls would add the tracer's cost to the caller's.
KA_TRACE_FNS="irq_exit_rcu net_rx_action run_timer_softirq scid_ka_tick
	__netif_receive_skb ip_rcv ip_route_input_noref ip_local_deliver
	scid_table_find_rcv scid_rcv scid_ka_rcv scid_xmit iptunnel_xmit
	ip_local_out ip_finish_output2 __dev_queue_xmit veth_xmit __alloc_skb
	kmem_cache_alloc_node __kmalloc_node_track_caller consume_skb
	dst_cache_get_ip4 ktime_get ___slab_alloc __slab_free __rcu_read_lock"

# ka_graph TEST DEPTH FUNC...: every call of FUNC for 2 s of guest time,
# nested ones as well up to DEPTH; one R line a function: calls, mean ns.
ka_graph() {
	local test=$1 depth=$2

	shift 2
	[ -e $tracing/tracing_on ] || mount -t tracefs tracefs $tracing
	echo 0 >$tracing/tracing_on
	echo nop >$tracing/current_tracer
	echo 16384 >$tracing/buffer_size_kb
	echo "$*" >$tracing/set_ftrace_filter
	echo "$*" >$tracing/set_graph_function
	echo "$depth" >$tracing/max_graph_depth
	echo function_graph >$tracing/current_tracer
	# The tracer's own option: there once it is the current one.
	echo funcgraph-tail >$tracing/trace_options
	: >$tracing/trace
	echo 1 >$tracing/tracing_on
	sleep 2
	echo 0 >$tracing/tracing_on
	awk -F '|' -v test="$test" '
		NF >= 2 {
			f = $2
			if (f ~ /\(\);/) {
				gsub(/[ ();]/, "", f)
			} else if (f ~ /\} \/\*/) {
				sub(/.*\/\* */, "", f)
				sub(/ *\*\/.*/, "", f)
			} else {
				next
			}
			sub(/\[.*/, "", f)
			n = split($1, w, " ")
			for (i = 2; i <= n; i++)
				if (w[i] == "us" || w[i] == "ms") {
					calls[f]++
					sum[f] += w[i - 1] * (w[i] == "ms" ? 1000000 : 1000)
				}
		}
		END {
			for (f in calls)
				printf "R %s 0 scid fn=%s calls=%d ns=%.0f total_us=%.0f\n",
					test, f, calls[f], sum[f] / calls[f], sum[f] / 1000
		}' $tracing/trace
	echo nofuncgraph-tail >$tracing/trace_options
	echo nop >$tracing/current_tracer
	echo >$tracing/set_ftrace_filter
	echo >$tracing/set_graph_function
	echo 0 >$tracing/max_graph_depth
}

ka_trace() {
	local f p0 p1

	p0=$(nsx kA ethtool -S k0 | awk '/ka_probes_sent/ { print $2 }')
	for f in $KA_TRACE_FNS; do
		ka_graph ka-trace 1 "$f"
	done
	p1=$(nsx kA ethtool -S k0 | awk '/ka_probes_sent/ { print $2 }')
	R ka-trace-probes 0 scid "probes_k0=$((p1 - p0))" "tunnels=$KA_TUNNELS"
}

# ka_cost: guest CPU with KA_TUNNELS idle tunnels from namespace kA to
# kB, keepalive off, at 1 s and at 100 ms, answered by kB's scid_ipip
# tunnels (both ends' work counted: probes, answers, timers); and at 1 s
# once more, answered by an XDP reflector instead, for the probing end's
# cost with as little of the peer's as the guest allows.
# ka_pair N: namespaces kA and kB, N tunnels k0.. from kA to kB and back
# (idle, up, keepalive off); ka_n receives N, capped at 1,016.
ka_pair() {
	local i=0 l r

	ip netns add kA
	ip netns add kB
	ip link add v0 netns kA type veth peer name v1 netns kB
	for l in 1 2 3 4; do
		ip -n kA addr add "192.0.2.$l/24" dev v0
	done
	ip -n kB addr add 192.0.2.254/24 dev v1
	ip -n kB link add d0 type dummy
	ip -n kA link set v0 up
	ip -n kB link set v1 up
	ip -n kB link set d0 up
	ip -n kA route add 198.51.100.0/24 via 192.0.2.254
	: >/tmp/ka.a
	: >/tmp/ka.b
	for r in $(seq 1 254); do
		ip -n kB addr add "198.51.100.$r/32" dev d0
	done
	for l in 1 2 3 4; do
		for r in $(seq 1 254); do
			[ $i -lt "$1" ] || break 2
			echo "scidtun add k$i local 192.0.2.$l remote 198.51.100.$r" >>/tmp/ka.a
			echo "scidtun add k$i local 198.51.100.$r remote 192.0.2.$l" >>/tmp/ka.b
			i=$((i + 1))
		done
	done
	nsx kA bash /tmp/ka.a
	nsx kB bash /tmp/ka.b
	for l in kA kB; do
		seq 0 $((i - 1)) | sed 's/^/link set k/; s/$/ up/' | ip -n $l -batch -
	done
	ka_n=$i
}

# ka_cost: guest CPU with KA_TUNNELS idle tunnels from namespace kA to
# kB, keepalive off, at 1 s and at 100 ms, answered by kB's scid_ipip
# tunnels (both ends' work counted: probes, answers, timers); and at 1 s
# once more, answered by an XDP reflector instead, for the probing end's
# cost with as little of the peer's as the guest allows.
ka_cost() {
	local i w ms peer tx round windows last=off

	ka_pair "$KA_TUNNELS"
	i=$ka_n
	# At 1 s, four windows, in KA_ROUNDS rounds (a background task of the
	# kernel that lands in one window moves that one only): answered by
	# the scid_ipip peers; by an XDP program on kB's veth instead
	# (bench/progs/reflect.c), which leaves in the guest little more than
	# the probing end's own work; with a reflector on kA's veth too that
	# passes everything (what it costs to run one there); and with that
	# one bouncing each reply back to kB to be reflected once more
	# (probes leave with TTL 64, 63 once reflected), which adds two
	# reflections a probe and so tells what the first one cost
	# (bench/report.py, probing_end()).
	windows=(0:off:scid)
	for round in $(seq 1 "$KA_ROUNDS"); do
		for peer in scid xdp xdppass xdp2; do
			windows+=("$round:1s:$peer")
		done
	done
	windows+=(0:100ms:scid)
	for w in "${windows[@]}"; do
		round=${w%%:*}
		w=${w#*:}
		ms=${w%:*}
		peer=${w#*:}
		if [ $ms != off ] && [ $ms != "$last" ]; then
			seq 0 $((i - 1)) | sed "s/.*/scidtun change k& keepalive $ms/" >/tmp/ka.c
			nsx kA bash /tmp/ka.c
		fi
		last=$ms
		case $peer in xdp*) nsx kB $bin/reflect v1 ;; esac
		[ $peer != xdppass ] || nsx kA $bin/reflect v0 255
		[ $peer != xdp2 ] || nsx kA $bin/reflect v0 62
		sleep 1
		tx=$(counter kB v1 tx_packets)
		window_start
		sleep $((KA_MS / 1000))
		window_end
		R ka-cost "$round" scid "n=$i" "keepalive=$ms" "peer=$peer" "cpu_ns=$w_cpu" "ns=$w_ns" \
			"probes=$(nsx kA ethtool -S k0 | awk '/ka_probes_sent/ { print $2 }')" \
			"down=$(nsx kA bash -c 'cat /sys/class/net/k*/carrier' | grep -c '^0' || :)" \
			"v1_tx=$(($(counter kB v1 tx_packets) - tx))"
		say "keepalive cost: $i tunnels, keepalive $ms, answered by $peer"
		case $peer in xdp*) ip -n kB link set v1 xdpgeneric off ;; esac
		case $peer in xdppass | xdp2) ip -n kA link set v0 xdpgeneric off ;; esac
		[ "$KA_TRACE" != 1 ] || [ "$round:$w" != 1:1s:scid ] || ka_trace
	done
	ip netns del kA
	ip netns del kB
}

### path MTU probing
#
#   The silent black hole of tests/vm/tests/pmtu-probe.sh: one L2 segment
#   through a bridge whose port toward the peer sets the path MTU, both
#   hosts' own links 1500, no ICMP from anyone. (A bridge port passes its
#   MTU plus a VLAN tag's 4 bytes: at 1400 the tunnel's MTU is 1384.)
#
#   pc c0 192.0.2.1 ---- bc [pbr br0] bp (MTU 1500 / 1400) ---- p0 192.0.2.2 pp
#   t1 203.0.113.1 ============================================ t1 203.0.113.2
#   (keepalive 100ms, pmtu-probe on, pmtu-raise PMTU_RAISE_MS)   (nothing else)
#
# pmtu-probe is set with link-attr (tests/vm/progs, in every guest's PATH):
# raw IFLA_SCID_* attributes, until scidtun has a word for them.

IFLA_SCID_PMTU_PROBE=40
IFLA_SCID_PMTU_RAISE=41

setup_pmtu() {
	local ns

	for ns in pc pbr pp; do
		ip netns add $ns
		ip -n $ns link set lo up
	done
	ip link add c0 netns pc type veth peer name bc netns pbr
	ip link add bp netns pbr type veth peer name p0 netns pp
	ip -n pbr link add br0 type bridge forward_delay 0 stp_state 0
	ip -n pbr link set bc master br0
	ip -n pbr link set bp master br0
	for ns in pc:c0 pbr:bc pbr:bp pbr:br0 pp:p0; do
		ip -n "${ns%:*}" link set "${ns#*:}" up
	done
	ip -n pc addr add 192.0.2.1/24 dev c0
	ip -n pp addr add 192.0.2.2/24 dev p0
	# Segmented before the bridge, as a real NIC's wire would be.
	nsx pc ethtool -K c0 gso off tso off tx-ipxip4-segmentation off >/dev/null
	nsx pp ethtool -K p0 gso off tso off tx-ipxip4-segmentation off >/dev/null
	nsx pp scidtun add t1 remote 192.0.2.1 local 192.0.2.2 dev p0
	ip -n pp addr add 203.0.113.2/32 peer 203.0.113.1 dev t1
	ip -n pp link set t1 up
	nsx pc scidtun add t1 remote 192.0.2.2 local 192.0.2.1 dev c0 keepalive 100ms
	ip -n pc addr add 203.0.113.1/32 peer 203.0.113.2 dev t1
	ip -n pc link set t1 up
	nsx pc link-attr t1 $IFLA_SCID_PMTU_PROBE=u8:1 \
		"$IFLA_SCID_PMTU_RAISE=$PMTU_RAISE_MS"
}

# poll_mtu NS LO HI SECONDS: in NS, read t1's MTU every millisecond until
# it is in LO..HI; prints the time then ($EPOCHREALTIME) and the MTU.
# After SECONDS of guest time without it, prints "- MTU" and fails.
poll_mtu() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	ip netns exec "$1" bash -c '
		exec 3<> <(:)
		end=$((${EPOCHREALTIME%.*} + $3))
		until m=$(</sys/class/net/t1/mtu); [ "$m" -ge "$1" ] && [ "$m" -le "$2" ]; do
			if [ "${EPOCHREALTIME%.*}" -ge $end ]; then
				echo "- $m"
				exit 1
			fi
			read -r -t 0.001 -u 3 || :
		done
		echo "$EPOCHREALTIME $m"' - "$2" "$3" "$4"
}

# pmtu_trial N: from a tunnel settled at 1480, bp's MTU goes to 1400:
# drop, the time until t1's MTU is 1364..1384; then back to 1500: raise,
# the time until it is 1480 again, which holds the pmtu-raise wait. That
# wait is counted from the drop (the search settling at 1384 sets it), so
# raise_due is the time from the drop plus pmtu-raise to 1480: what the
# raise takes once it is due. carrier_down: keepalive's carrier losses
# during the trial (there should be none).
pmtu_trial() {
	local t0 t1 pid drop raise due m_drop m_raise down

	poll_mtu pc 1480 1480 30 >/dev/null || {
		say "pmtu trial $1: t1's MTU is not 1480 to begin with"
		return 0
	}
	sleep 1
	down=$(pmtu_stat pc t1 ka_carrier_down)
	poll_mtu pc 1364 1384 30 >/tmp/pmtu.drop &
	pid=$!
	t0=$EPOCHREALTIME
	ip -n pbr link set bp mtu 1400
	wait "$pid" || :
	read -r drop m_drop </tmp/pmtu.drop || drop=-
	poll_mtu pc 1480 1480 $((PMTU_RAISE_MS / 1000 + 30)) >/tmp/pmtu.raise &
	pid=$!
	t1=$EPOCHREALTIME
	ip -n pbr link set bp mtu 1500
	wait "$pid" || :
	read -r raise m_raise </tmp/pmtu.raise || raise=-
	due=-
	[ "$drop" = - ] || [ "$raise" = - ] ||
		due=$(awk -v a="$drop" -v b="$raise" -v r="$PMTU_RAISE_MS" \
			'BEGIN { printf "%.1f", (b - a) * 1000 - r }')
	R pmtu "$1" scid "drop_ms=$(ms_or_dash "$t0" "$drop")" "drop_mtu=$m_drop" \
		"raise_ms=$(ms_or_dash "$t1" "$raise")" \
		"raise_mtu=$m_raise" "raise_due_ms=$due" "raise_interval_ms=$PMTU_RAISE_MS" \
		"lowered=$(pmtu_stat pc t1 pmtu_lowered)" "raised=$(pmtu_stat pc t1 pmtu_raised)" \
		"carrier_down=$(($(pmtu_stat pc t1 ka_carrier_down) - down))"
}

# ms_or_dash T0 T1: ms_between, or "-" when T1 is (never reached).
ms_or_dash() {
	if [ "$2" = - ]; then
		echo -
	else
		ms_between "$1" "$2"
	fi
}

# pmtu_stat NS DEV NAME: one counter of ethtool -S DEV, or the sum of those
# whose names begin with NAME when it ends in _.
pmtu_stat() {
	nsx "$1" ethtool -S "$2" | awk -v k="$3" '
		{ n = $1; sub(/:$/, "", n) }
		k ~ /_$/ ? index(n, k) == 1 : n == k { s += $2 }
		END { print s + 0 }'
}

# pmtu_cost: guest CPU with PMTU_TUNNELS idle tunnels from kA to kB
# (ka_pair), keepalive off; then at 100 ms alone and with pmtu-probe on,
# in PMTU_ROUNDS rounds. kB's scid_ipip tunnels answer both kinds of
# probe: both ends are counted, as in ka_cost's 100 ms row.
pmtu_cost() {
	local n w round windows ka0 pm0

	ka_pair "$PMTU_TUNNELS"
	n=$ka_n
	windows=(0:off)
	for round in $(seq 1 "$PMTU_ROUNDS"); do
		windows+=("$round:keepalive" "$round:pmtu")
	done
	for w in "${windows[@]}"; do
		round=${w%%:*}
		w=${w#*:}
		case $w in
		keepalive)
			if [ "$round" = 1 ]; then
				seq 0 $((n - 1)) | sed "s/.*/scidtun change k& keepalive 100ms/" >/tmp/pmtu.c
			else
				seq 0 $((n - 1)) |
					sed "s/.*/link-attr k& $IFLA_SCID_PMTU_PROBE=u8:0/" >/tmp/pmtu.c
			fi
			;;
		pmtu)
			seq 0 $((n - 1)) | sed "s/.*/link-attr k& $IFLA_SCID_PMTU_PROBE=u8:1/" >/tmp/pmtu.c
			;;
		off) : >/tmp/pmtu.c ;;
		esac
		nsx kA bash -e /tmp/pmtu.c
		# A search from nothing settles in two rounds of 100 ms.
		sleep 2
		ka0=$(pmtu_stat kA k0 ka_probes_sent)
		pm0=$(pmtu_stat kA k0 pmtu_sent_)
		window_start
		sleep $((PMTU_MS / 1000))
		window_end
		R pmtu-cost "$round" scid "n=$n" "probing=$w" "cpu_ns=$w_cpu" "ns=$w_ns" \
			"ka_probes=$(($(pmtu_stat kA k0 ka_probes_sent) - ka0))" \
			"pmtu_probes=$(($(pmtu_stat kA k0 pmtu_sent_) - pm0))" \
			"pmtu_lost=$(pmtu_stat kA k0 pmtu_lost_)" \
			"mtu=$(nsx kA cat /sys/class/net/k0/mtu)" \
			"down=$(nsx kA bash -c 'cat /sys/class/net/k*/carrier' | grep -c '^0' || :)"
		say "pmtu-probe cost: $n tunnels, $w"
	done
	ip netns del kA
	ip netns del kB
}

pmtu() {
	local n ns

	if ! command -v link-attr >/dev/null; then
		say "pmtu: no link-attr in the guest; skipped"
		return 0
	fi
	load scid
	setup_pmtu
	# Settled: the search's first round (1500 among its sizes), then a
	# confirmation of 1500 at least.
	for n in $(seq 1 100); do
		[ "$(pmtu_stat pc t1 pmtu_sent_1500_up)" -lt 3 ] || break
		sleep 0.1
	done
	R pmtu-setup 0 scid "carrier_down=$(pmtu_stat pc t1 ka_carrier_down)" \
		"carrier=$(nsx pc cat /sys/class/net/t1/carrier)" \
		"lowered=$(pmtu_stat pc t1 pmtu_lowered)"
	for n in $(seq 1 "$PMTU_TRIALS"); do
		pmtu_trial "$n"
		say "pmtu trial $n done"
	done
	for ns in pc pbr pp; do
		ip netns del $ns
	done
	[ "$PMTU_TUNNELS" = 0 ] || pmtu_cost
	unload scid
}

say "guest $(uname -r), $(nproc) vCPU"
R info 0 guest "kernel=$(uname -r)" "cpus=$(nproc)" \
	"iperf3=$(iperf3 --version | awk 'NR == 1 { print $2 }')"
if [ "$COMPARE" = 1 ]; then
	start=$SECONDS
	compare
	say "comparison done in $((SECONDS - start))s guest time"
fi
if [ "$BREAKDOWN" = 1 ]; then
	[ "$COMPARE" = 1 ] || setup_paths
	say "function costs (ftrace)"
	breakdown ipip
	breakdown scid
fi
if [ "$FAILOVER" = 1 ]; then
	start=$SECONDS
	failover
	say "failover done in $((SECONDS - start))s guest time"
fi
if [ "$PMTU" = 1 ]; then
	start=$SECONDS
	pmtu
	say "pmtu done in $((SECONDS - start))s guest time"
fi
if [ "$SETCONF" = 1 ]; then
	start=$SECONDS
	setconf_bench
	say "setconf done in $((SECONDS - start))s guest time"
fi
if [ "$SCALE" = 1 ]; then
	start=$SECONDS
	setup_scale
	scale ipip
	scale scid
	say "scale done in $((SECONDS - start))s guest time"
fi
if [ "$MEMORY" = 1 ]; then
	say "memory: $MEM_N tunnels, $(possible_cpus) possible CPUs"
	[ "$SCALE" = 1 ] || setup_scale
	memory ipip
	memory scid
fi
R end 0 guest
