/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * scid_ipip's own additions to the classic tunnel ABI: the one place user
 * space (scidtun, the ip link plugin, the test programs) takes them from.
 *
 * How a tunnel sets DF on its outer packets. The ioctls carry it in
 * struct ip_tunnel_parm's iph.frag_off (network byte order there), where
 * ipip already uses IP_DF for "pmtudisc" and 0 for "nopmtudisc"; rtnetlink
 * carries it in IFLA_IPTUN_PMTUDISC, where ipip uses 1 and 0.
 */
#ifndef _UAPI_SCID_IPIP_H
#define _UAPI_SCID_IPIP_H

#include <linux/sockios.h>
#include <linux/types.h>

/*
 * The control device every namespace has: the tunnel ioctls sent to it act
 * on the scid_ipip tunnel named inside (docs/ioctl.md).
 */
#define SCID_CTL_NAME		"scid0"

/*
 * SCID_IOC_DELTUNNELS, sent to scid0 with ifr_data pointing at a struct
 * scid_del_request and the names after it: deletes the named scid_ipip
 * tunnels, or with SCID_DEL_ALL (and count 0) every one living in the
 * namespace, all or none, in one step that waits for a single RCU grace
 * period instead of one per tunnel. On success count says how many went;
 * on a refused name the call fails, deletes nothing and sets failed to
 * that name's index (docs/ioctl.md lists the errors).
 */
#define SCID_IOC_DELTUNNELS	(SIOCDEVPRIVATE + 15)
#define SCID_DEL_ALL		0x1
#define SCID_DEL_MAX		65536	/* names in one request */
#define SCID_DEL_NAMSIZ		16	/* IFNAMSIZ */

struct scid_del_request {
	__u32	flags;		/* SCID_DEL_* */
	__u32	count;		/* in: names that follow; out: tunnels deleted */
	__u32	failed;		/* out: index of the refused name */
	__u32	reserved;	/* 0 */
	char	names[][SCID_DEL_NAMSIZ];
};

/* iph.frag_off, host byte order */
#define SCID_FRAG_OFF_INHERIT	0x0000	/* copy DF from the inner packet */
#define SCID_FRAG_OFF_PMTUDISC	0x4000	/* IP_DF: always set DF */
#define SCID_FRAG_OFF_NODF	0x2000	/* IP_MF: never set DF */

/* IFLA_IPTUN_PMTUDISC */
#define SCID_PMTUDISC_INHERIT	0
#define SCID_PMTUDISC_ON	1
#define SCID_PMTUDISC_NODF	2

/* iph.tos and IFLA_IPTUN_TOS: bit 0 asks for the inner packet's TOS. */
#define SCID_TOS_INHERIT	0x01

/*
 * The link kind's own attributes, numbered clear of IFLA_IPTUN_*.
 *
 * IFLA_SCID_MTU (u32): the MTU the operator pinned; the tunnel then keeps
 * it whatever the device below does. 0 is "auto": the tunnel follows the
 * underlay's MTU, and sending 0 unpins a pinned MTU and re-reads the
 * underlay at once. An explicit IFLA_MTU pins too, even at the MTU the
 * tunnel already has.
 */
#define IFLA_SCID_MTU		32

/*
 * Keepalive (docs/keepalive.md). IFLA_SCID_KEEPALIVE (u32): milliseconds
 * between probes, SCID_KA_INTERVAL_MIN..SCID_KA_INTERVAL_MAX, 0 for off.
 * IFLA_SCID_KEEPALIVE_HOLD (u32): probes in a row left unanswered before
 * the tunnel loses carrier; IFLA_SCID_KEEPALIVE_RISE (u32): probes in a
 * row answered before it regains it; both 1..SCID_KA_COUNT_MAX, kept
 * while keepalive is off. The last three are read-only, in ip -d link's
 * answers only: the state (SCID_KA_STATE_*), the milliseconds since the
 * last valid reply (SCID_KA_NEVER without one), and that reply's round
 * trip in microseconds.
 */
#define IFLA_SCID_KEEPALIVE		33
#define IFLA_SCID_KEEPALIVE_HOLD	34
#define IFLA_SCID_KEEPALIVE_RISE	35
#define IFLA_SCID_KEEPALIVE_STATE	36
#define IFLA_SCID_KEEPALIVE_LAST	37
#define IFLA_SCID_KEEPALIVE_RTT		38

/*
 * IFLA_SCID_CLAMP_MSS (u32): TCP MSS clamping (docs/mss-clamp.md). The MSS
 * option of every SYN and SYN-ACK crossing the tunnel, either way, is
 * lowered to this value, never raised: SCID_CLAMP_MSS_OFF leaves segments
 * alone, SCID_CLAMP_MSS_AUTO clamps to the tunnel's MTU at that moment
 * less 40 (IPv4 and TCP headers without options), and any other value
 * must lie in SCID_CLAMP_MSS_MIN..SCID_CLAMP_MSS_MAX.
 */
#define IFLA_SCID_CLAMP_MSS		39

/*
 * Path MTU probing (docs/pmtu-probe.md). IFLA_SCID_PMTU_PROBE (u8): 1 on,
 * 0 off; on needs keepalive. IFLA_SCID_PMTU_RAISE (u32): milliseconds a
 * completed search waits before trying larger sizes again,
 * SCID_PMTU_RAISE_MIN..SCID_PMTU_RAISE_MAX, kept while probing is off.
 * The last three are read-only: the tunnel MTU the probes found (0:
 * none yet), the search's state (SCID_PMTU_STATE_*), and the milliseconds
 * since that MTU was last confirmed (SCID_KA_NEVER: not yet).
 */
#define IFLA_SCID_PMTU_PROBE		40
#define IFLA_SCID_PMTU_RAISE		41
#define IFLA_SCID_PMTU			42
#define IFLA_SCID_PMTU_STATE		43
#define IFLA_SCID_PMTU_AGE		44

/*
 * External (metadata) mode, docs/external.md. A tunnel created with
 * IFLA_IPTUN_COLLECT_METADATA ("external") has no remote or local address
 * of its own: each packet it sends names its outer addresses in its
 * tunnel metadata (a route's "encap ip", tc tunnel_key, BPF), and each
 * packet it receives carries them up as metadata. Unlike ipip's, it does
 * not decapsulate from any source: it accepts only outer sources inside
 * the prefixes of IFLA_SCID_ALLOW, which starts empty.
 *
 * IFLA_SCID_ALLOW (nested): IFLA_SCID_ALLOW_PREFIX entries, each a struct
 * scid_prefix, at most SCID_ALLOW_MAX, no two alike, no host bits set.
 * The list replaces the tunnel's; an empty nest empties it; 0.0.0.0/0 is
 * the explicit "accept any source" ("allow any" in the tools).
 */
#define IFLA_SCID_ALLOW			45
#define IFLA_SCID_MAX			IFLA_SCID_ALLOW

#define IFLA_SCID_ALLOW_PREFIX		1
#define SCID_ALLOW_MAX			1024

struct scid_prefix {
	__be32	addr;
	__u8	len;		/* 0..32 */
	__u8	reserved[3];	/* 0 */
};

#define SCID_CLAMP_MSS_OFF	0
#define SCID_CLAMP_MSS_AUTO	1
#define SCID_CLAMP_MSS_MIN	536	/* RFC 9293's default MSS */
#define SCID_CLAMP_MSS_MAX	65495	/* 65535 less 40 */

#define SCID_KA_INTERVAL_MIN	50
#define SCID_KA_INTERVAL_MAX	600000
#define SCID_KA_COUNT_MAX	100
#define SCID_KA_HOLD_DEFAULT	3
#define SCID_KA_RISE_DEFAULT	2
#define SCID_KA_NEVER		0xffffffff

#define SCID_KA_STATE_OFF	0	/* no keepalive */
#define SCID_KA_STATE_UP	1	/* the peer answers (or has not yet missed hold) */
#define SCID_KA_STATE_DOWN	2	/* hold probes unanswered: no carrier */

#define SCID_PMTU_RAISE_MIN	1000
#define SCID_PMTU_RAISE_MAX	86400000	/* a day */
#define SCID_PMTU_RAISE_DEFAULT	600000		/* RFC 8899's 10 minutes */
/* The smallest tunnel MTU probing settles on: IPv4's 576, less nothing. */
#define SCID_PMTU_FLOOR		576

#define SCID_PMTU_STATE_OFF		0	/* not probing */
#define SCID_PMTU_STATE_SEARCHING	1	/* sizes under test */
#define SCID_PMTU_STATE_COMPLETE	2	/* found; confirmed every probe */
#define SCID_PMTU_STATE_BLACKHOLE	3	/* even the floor is lost */

/*
 * On the wire (docs/keepalive.md): an outer IPv4 packet, protocol 4, from
 * the tunnel's local address L to its remote, around an inner IPv4 packet
 * from L to L, UDP from port SCID_KA_PORT to port SCID_KA_PORT, whose
 * payload is struct scid_ka_payload. The peer's stack routes the inner
 * packet back to L through its own tunnel; a scid_ipip peer answers it
 * itself, with type SCID_KA_ANSWER.
 *
 * A path MTU probe is the same packet padded with zeros to the size under
 * test, with DF, carrying a second cookie of the tunnel's: whichever way
 * the peer returns it, the reply tells its size by its sequence number.
 */
#define SCID_KA_PORT		4754
#define SCID_KA_MAGIC		0x5343494b	/* "SCIK" */
#define SCID_KA_VERSION		1
#define SCID_KA_PROBE		1
#define SCID_KA_ANSWER		2

struct scid_ka_payload {
	__be32	magic;
	__u8	version;
	__u8	type;
	__be16	reserved;	/* 0 */
	__be32	seq;
	__be32	reserved2;	/* 0 */
	__be64	cookie;		/* the probing tunnel's random value */
};

#endif /* _UAPI_SCID_IPIP_H */
