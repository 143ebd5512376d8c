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

/*
 * The control device every namespace has: the tunnel ioctls sent to it act
 * on the scid_ipip tunnel named inside (docs/ioctl.md).
 */
#define SCID_CTL_NAME		"scid0"

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
#define IFLA_SCID_MAX		IFLA_SCID_MTU

#endif /* _UAPI_SCID_IPIP_H */
