/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-tunnel counters, each once: SCID_COUNTER(ID, ethtool name, standard
 * fields). Each drop reason has its own so an operator can tell a routing
 * loop from a malformed peer; the rtnl_link_stats64 fields named third
 * (SCID_S_*) are derived from them. The ICMP ones count errors that routers
 * on the outer path sent about our packets.
 *
 * No include guard: each user defines SCID_COUNTER() and includes this, so
 * that the enum (scid_ipip.h), the ethtool -S names and the fold into the
 * standard fields (device.c) all come from this list. A host test
 * (tests/unit/counters_test.c) fails while README.md or scidtun(8) misses
 * a name.
 *
 * Only RX_GRO_SKIPPED is per CPU: rxcells.c may count it for every packet
 * of a healthy tunnel. The others count drops, ICMP errors from the outer
 * path and keepalive messages (a few a second at most): each is one
 * atomic64_t per tunnel, 8 bytes where a per-CPU counter took 8 bytes
 * times the possible CPUs. atomic64_t rather than atomic_long_t so that
 * they count to 2^64 on 32-bit kernels too, as ethtool's u64 and the old
 * u64_stats did; on 64-bit kernels the two are the same. A flood of drops
 * then contends on one cache line, but a flood of drops is not a path
 * worth 8 bytes a CPU on every tunnel.
 */
SCID_COUNTER(DROP_TX_NOT_IPV4, "tx_drop_not_ipv4", SCID_S_TX_DROPPED)
SCID_COUNTER(DROP_TX_NO_ROUTE, "tx_drop_no_route",
	     SCID_S_TX_CARRIER_ERRORS | SCID_S_TX_ERRORS)
SCID_COUNTER(DROP_TX_LOOP, "tx_drop_loop", SCID_S_COLLISIONS | SCID_S_TX_ERRORS)
SCID_COUNTER(DROP_TX_TOO_BIG, "tx_drop_too_big", SCID_S_TX_ERRORS)
SCID_COUNTER(DROP_TX_NO_HEADROOM, "tx_drop_no_headroom", SCID_S_TX_DROPPED)
SCID_COUNTER(DROP_TX_NESTING, "tx_drop_nesting", SCID_S_TX_DROPPED)
SCID_COUNTER(DROP_TX_CONTROL, "tx_drop_control_device", SCID_S_TX_DROPPED)
/* FOU/GUE: the fou module was unloaded, or could not build the header. */
SCID_COUNTER(DROP_TX_ENCAP, "tx_drop_encap", SCID_S_TX_DROPPED)
/* IPv4 on an mplsip tunnel, MPLS on an ipip one (the mode, iph.protocol). */
SCID_COUNTER(DROP_TX_MODE, "tx_drop_mode", SCID_S_TX_DROPPED)
/* External mode: no tunnel metadata, or metadata IPIP cannot honour. */
SCID_COUNTER(DROP_TX_KEY, "tx_drop_key", SCID_S_TX_DROPPED)
SCID_COUNTER(DROP_RX_MALFORMED, "rx_drop_malformed",
	     SCID_S_RX_LENGTH_ERRORS | SCID_S_RX_ERRORS)
SCID_COUNTER(DROP_RX_ECN, "rx_drop_ecn", SCID_S_RX_FRAME_ERRORS | SCID_S_RX_ERRORS)
SCID_COUNTER(DROP_RX_POLICY, "rx_drop_policy", SCID_S_RX_DROPPED)
SCID_COUNTER(DROP_RX_MODE, "rx_drop_mode", SCID_S_RX_DROPPED)
/* External mode: an outer source outside the allow list. */
SCID_COUNTER(DROP_RX_SOURCE, "rx_drop_source", SCID_S_RX_DROPPED)
SCID_COUNTER(ICMP_FRAG_NEEDED, "icmp_frag_needed", 0)
SCID_COUNTER(ICMP_REDIRECT, "icmp_redirect", 0)
SCID_COUNTER(ICMP_UNREACH, "icmp_unreachable", 0)
SCID_COUNTER(ICMP_TIME_EXCEEDED, "icmp_time_exceeded", 0)
SCID_COUNTER(DROP_RX_DOWN, "rx_drop_down", SCID_S_RX_DROPPED)
/* The receive queue was full (netdev_max_backlog), or memory for it. */
SCID_COUNTER(DROP_RX_BACKLOG, "rx_drop_backlog", SCID_S_RX_DROPPED)
/* Not a drop: delivered without a GRO pass (rxcells.c says when). */
SCID_COUNTER(RX_GRO_SKIPPED, "rx_gro_skipped", 0)
/* Keepalive (docs/keepalive.md). */
SCID_COUNTER(KA_PROBES_SENT, "ka_probes_sent", 0)
SCID_COUNTER(KA_REPLIES, "ka_replies", 0)
SCID_COUNTER(KA_REJECTED_VALUE, "ka_rejected_value", 0)
SCID_COUNTER(KA_REJECTED_SOURCE, "ka_rejected_source", 0)
SCID_COUNTER(KA_ANSWERS_SENT, "ka_answers_sent", 0)
SCID_COUNTER(KA_ANSWERS_LIMITED, "ka_answers_limited", 0)
SCID_COUNTER(KA_CARRIER_DOWN, "ka_carrier_down", 0)
SCID_COUNTER(KA_CARRIER_UP, "ka_carrier_up", 0)
/* MSS clamping (mss.c): SYNs lowered, and SYNs it had to leave alone. */
SCID_COUNTER(MSS_CLAMPED, "mss_clamped", 0)
SCID_COUNTER(MSS_NO_OPTION, "mss_no_option", 0)
SCID_COUNTER(MSS_MALFORMED, "mss_malformed", 0)
/*
 * Path MTU probing (pmtu.c): probes sent and lost by outer size, and the
 * times the probed MTU went down or up.
 */
SCID_COUNTER(PMTU_SENT_UNDER_1280, "pmtu_sent_under_1280", 0)
SCID_COUNTER(PMTU_SENT_1280_1499, "pmtu_sent_1280_1499", 0)
SCID_COUNTER(PMTU_SENT_1500_UP, "pmtu_sent_1500_up", 0)
SCID_COUNTER(PMTU_LOST_UNDER_1280, "pmtu_lost_under_1280", 0)
SCID_COUNTER(PMTU_LOST_1280_1499, "pmtu_lost_1280_1499", 0)
SCID_COUNTER(PMTU_LOST_1500_UP, "pmtu_lost_1500_up", 0)
SCID_COUNTER(PMTU_LOWERED, "pmtu_lowered", 0)
SCID_COUNTER(PMTU_RAISED, "pmtu_raised", 0)
