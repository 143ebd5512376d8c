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
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
/* 6.5 moved the GSO helpers out of skbuff.h. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#endif
/* 6.9 moved netdev_max_backlog into it. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
#include <net/hotdata.h>
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#include <linux/local_lock.h>
#endif

/*
 * Built and tested against 6.1 and 6.12 (Debian bookworm's two kernels)
 * and 7.2 (sid's source). The thresholds between 6.12 and 7.2 follow the
 * upstream changes; no kernel in between was built against.
 */

/* 6.12 turned these two features into plain net_device flags. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
static inline void scid_set_lltx(struct net_device *dev)
{
	dev->lltx = true;
}
#else
static inline void scid_set_lltx(struct net_device *dev)
{
	dev->features |= NETIF_F_LLTX;
}
#endif

/* ... and 6.15 renamed netns_local to netns_immutable. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
static inline void scid_set_netns_local(struct net_device *dev)
{
	dev->netns_immutable = true;
}
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
static inline void scid_set_netns_local(struct net_device *dev)
{
	dev->netns_local = true;
}
#else
static inline void scid_set_netns_local(struct net_device *dev)
{
	dev->features |= NETIF_F_NETNS_LOCAL;
}
#endif

/*
 * The outer route's TOS, ECN bits cleared. Newer kernels' flows carry a
 * DSCP instead (7.2 does); flowi4_dscp is a macro, as flowi4_tos was, so
 * its presence tells.
 */
#ifdef flowi4_dscp
static inline void scid_flow_set_tos(struct flowi4 *fl4, u8 tos)
{
	fl4->flowi4_dscp = inet_dsfield_to_dscp(tos);
}

static inline u8 scid_flow_tos(const struct flowi4 *fl4)
{
	return inet_dscp_to_dsfield(fl4->flowi4_dscp);
}
#else
static inline void scid_flow_set_tos(struct flowi4 *fl4, u8 tos)
{
	fl4->flowi4_tos = tos & INET_DSCP_MASK;
}

static inline u8 scid_flow_tos(const struct flowi4 *fl4)
{
	return fl4->flowi4_tos;
}
#endif

/* 6.17 added the IPCB flags of the outer packet; ours has none. */
static inline void scid_iptunnel_xmit(struct rtable *rt, struct sk_buff *skb,
				      __be32 src, __be32 dst, u8 tos, u8 ttl,
				      __be16 df, bool xnet)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
	iptunnel_xmit(NULL, rt, skb, src, dst, IPPROTO_IPIP, tos, ttl, df,
		      xnet, 0);
#else
	iptunnel_xmit(NULL, rt, skb, src, dst, IPPROTO_IPIP, tos, ttl, df,
		      xnet);
#endif
}

/*
 * rtnl_link_ops.newlink: 6.15 packed its arguments into struct
 * rtnl_newlink_params. scid_newlink() (netlink.c) takes what it uses.
 */
int scid_newlink(struct net_device *dev, struct nlattr *tb[],
		 struct nlattr *data[], struct netlink_ext_ack *extack);

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
static inline int scid_rtnl_newlink(struct net_device *dev,
				    struct rtnl_newlink_params *params,
				    struct netlink_ext_ack *extack)
{
	return scid_newlink(dev, params->tb, params->data, extack);
}
#else
static inline int scid_rtnl_newlink(struct net *src_net,
				    struct net_device *dev,
				    struct nlattr *tb[], struct nlattr *data[],
				    struct netlink_ext_ack *extack)
{
	return scid_newlink(dev, tb, data, extack);
}
#endif

/*
 * pernet_operations: 6.16 replaced exit_batch_rtnl (a list of dying
 * namespaces) with exit_rtnl (one at a time). scid_net_flush() (netns.c)
 * queues one namespace's devices; SCID_PERNET_EXIT_RTNL hooks it up.
 */
void scid_net_flush(struct net *net, struct list_head *dev_kill_list);

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define SCID_PERNET_EXIT_RTNL	.exit_rtnl = scid_net_flush
#else
static inline void scid_net_exit_batch_rtnl(struct list_head *net_list,
					    struct list_head *dev_kill_list)
{
	struct net *net;

	list_for_each_entry(net, net_list, exit_list)
		scid_net_flush(net, dev_kill_list);
}

#define SCID_PERNET_EXIT_RTNL	.exit_batch_rtnl = scid_net_exit_batch_rtnl
#endif

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

/* 6.16 moved NAPI's GRO state into struct gro_node. */
static inline bool scid_napi_gro_holds(const struct napi_struct *napi)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
	return napi->gro.bitmask;
#else
	return napi->gro_bitmask;
#endif
}

/* The sysctl net.core.netdev_max_backlog, which bounds each cell's queue. */
static inline unsigned int scid_max_backlog(void)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	return READ_ONCE(net_hotdata.max_backlog);
#else
	return READ_ONCE(netdev_max_backlog);
#endif
}

/*
 * Per-CPU data that only disabled softirqs protect needs a nested-BH lock
 * on PREEMPT_RT, where softirqs can be preempted (6.11; elsewhere the lock
 * is a lockdep annotation). Before 6.11 there is none to take.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
struct scid_bh_lock {
	local_lock_t		lock;
};

static inline void scid_bh_lock_init(struct scid_bh_lock *l)
{
	local_lock_init(&l->lock);
}

static inline void scid_bh_lock(struct scid_bh_lock __percpu *l)
{
	local_lock_nested_bh(&l->lock);
}

static inline void scid_bh_unlock(struct scid_bh_lock __percpu *l)
{
	local_unlock_nested_bh(&l->lock);
}
#else
struct scid_bh_lock { };

static inline void scid_bh_lock_init(struct scid_bh_lock *l) { }
static inline void scid_bh_lock(struct scid_bh_lock __percpu *l) { }
static inline void scid_bh_unlock(struct scid_bh_lock __percpu *l) { }
#endif

#endif /* _SCID_COMPAT_H */
