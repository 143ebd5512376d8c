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

#endif /* _SCID_COMPAT_H */
