/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows kernel versions. Every API that moved between
 * the kernels scid_ipip supports gets a scid_ wrapper here, so the driver's
 * other files read the same on all of them.
 */
#ifndef _SCID_COMPAT_H
#define _SCID_COMPAT_H

#include <linux/netdevice.h>
#include <linux/version.h>
#include <net/flow.h>
#include <net/inet_dscp.h>
#include <net/ip_tunnels.h>
/* 6.5 moved the GSO helpers out of skbuff.h. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#endif

/* 6.12 turned these two features into plain net_device flags. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
static inline void scid_set_lltx(struct net_device *dev)
{
	dev->lltx = true;
}

static inline void scid_set_netns_local(struct net_device *dev)
{
	dev->netns_local = true;
}
#else
static inline void scid_set_lltx(struct net_device *dev)
{
	dev->features |= NETIF_F_LLTX;
}

static inline void scid_set_netns_local(struct net_device *dev)
{
	dev->features |= NETIF_F_NETNS_LOCAL;
}
#endif

static inline void scid_flow_set_tos(struct flowi4 *fl4, u8 tos)
{
	fl4->flowi4_tos = tos & INET_DSCP_MASK;
}

/*
 * Where iptunnel_xmit() has its own recursion guard (IP_TUNNEL_RECURSION_
 * LIMIT, 6.12), each tunnel level counts twice in dev_recursion_level()
 * and the kernel drops past its own limit: report levels, and stop first.
 */
#ifdef IP_TUNNEL_RECURSION_LIMIT
#define SCID_RECURSION_PER_LEVEL	2
#define SCID_KERNEL_MAX_NESTING		((IP_TUNNEL_RECURSION_LIMIT + 1) / 2)
#else
#define SCID_RECURSION_PER_LEVEL	1
#define SCID_KERNEL_MAX_NESTING		XMIT_RECURSION_LIMIT
#endif

static inline int scid_nesting_level(void)
{
	return DIV_ROUND_UP(dev_recursion_level(), SCID_RECURSION_PER_LEVEL);
}

#endif /* _SCID_COMPAT_H */
