/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows kernel differences. Every API that moved between
 * the kernels scid_ipip supports gets a scid_ wrapper or an adapter macro
 * here, decided by what the target's headers provide (SCID_HAVE_*, from
 * the probes), so the driver's other files read the same on all of them.
 */
#ifndef _SCID_COMPAT_H
#define _SCID_COMPAT_H

#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <net/dst_metadata.h>
#include <net/flow.h>
#include <net/inet_dscp.h>
#include <net/ip_tunnels.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

/*
 * SCID_HAVE_*: what the headers being built for provide, found by the
 * feature probes in probes/ (module/Kbuild runs them). Stable kernels
 * take backports: Debian's 6.12.117 has 6.15's netns_immutable and 6.16's
 * exit_rtnl, which a version test gets wrong.
 */
#include "scid_probes.h"

#ifdef SCID_HAVE_NET_GSO_H
#include <net/gso.h>
#endif
#ifdef SCID_HAVE_NET_HOTDATA
#include <net/hotdata.h>
#endif
#ifdef SCID_HAVE_LOCAL_LOCK_NESTED_BH
#include <linux/local_lock.h>
#endif

/* Lockless transmit: a net_device flag since 6.12, a feature before. */
#ifdef SCID_HAVE_NETDEV_LLTX
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

/* Pinned to its namespace: netns_immutable, netns_local, or a feature. */
#if defined(SCID_HAVE_NETDEV_NETNS_IMMUTABLE)
static inline void scid_set_netns_local(struct net_device *dev)
{
	dev->netns_immutable = true;
}
#elif defined(SCID_HAVE_NETDEV_NETNS_LOCAL)
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
				      __be32 src, __be32 dst, u8 proto, u8 tos,
				      u8 ttl, __be16 df, bool xnet)
{
#ifdef SCID_HAVE_IPTUNNEL_XMIT_IPCB_FLAGS
	iptunnel_xmit(NULL, rt, skb, src, dst, proto, tos, ttl, df, xnet, 0);
#else
	iptunnel_xmit(NULL, rt, skb, src, dst, proto, tos, ttl, df, xnet);
#endif
}

/*
 * rtnl_link_ops.newlink. The driver defines
 *
 *	static int fn(struct net *link_net, struct net_device *dev,
 *		      struct nlattr *tb[], struct nlattr *data[],
 *		      struct netlink_ext_ack *extack)
 *
 * and SCID_RTNL_NEWLINK(fn) below it defines fn_rtnl, the op with the
 * kernel's signature. link_net is the namespace of the tunnel's outer
 * packets: IFLA_LINK_NETNSID's, else the device's own. Before 6.15
 * rtnetlink created the device in link_net and moved it afterwards, so
 * that is dev_net(dev); since then it creates the device where it is to
 * live and passes link_net in struct rtnl_newlink_params.
 */
#ifdef SCID_HAVE_RTNL_NEWLINK_PARAMS
#define SCID_RTNL_NEWLINK(fn)						\
static int fn##_rtnl(struct net_device *dev,				\
		     struct rtnl_newlink_params *params,		\
		     struct netlink_ext_ack *extack)			\
{									\
	return fn(params->link_net ? : dev_net(dev), dev, params->tb,	\
		  params->data, extack);				\
}
#else
#define SCID_RTNL_NEWLINK(fn)						\
static int fn##_rtnl(struct net *src_net, struct net_device *dev,	\
		     struct nlattr *tb[], struct nlattr *data[],	\
		     struct netlink_ext_ack *extack)			\
{									\
	return fn(dev_net(dev), dev, tb, data, extack);			\
}
#endif

/*
 * pernet_operations: exit_rtnl (6.16, and 6.12.y) takes the dying
 * namespaces one at a time, exit_batch_rtnl a list of them. The driver
 * defines static void fn(struct net *net, struct list_head *kill_list),
 * puts SCID_PERNET_EXIT_RTNL_DEFINE(fn) below it, and
 * SCID_PERNET_EXIT_RTNL(fn) in its pernet_operations.
 */
#ifdef SCID_HAVE_PERNET_EXIT_RTNL
#define SCID_PERNET_EXIT_RTNL_DEFINE(fn)
#define SCID_PERNET_EXIT_RTNL(fn)	.exit_rtnl = fn
#else
#define SCID_PERNET_EXIT_RTNL_DEFINE(fn)				\
static void fn##_batch(struct list_head *net_list,			\
		       struct list_head *dev_kill_list)			\
{									\
	struct net *net;						\
									\
	list_for_each_entry(net, net_list, exit_list)			\
		fn(net, dev_kill_list);					\
}

#define SCID_PERNET_EXIT_RTNL(fn)	.exit_batch_rtnl = fn##_batch
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
#ifdef SCID_HAVE_NAPI_GRO_NODE
	return napi->gro.bitmask;
#else
	return napi->gro_bitmask;
#endif
}

/* The sysctl net.core.netdev_max_backlog, which bounds each cell's queue. */
static inline unsigned int scid_max_backlog(void)
{
#ifdef SCID_HAVE_NET_HOTDATA
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
#ifdef SCID_HAVE_LOCAL_LOCK_NESTED_BH
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

/*
 * A net_device that is never registered, for NAPI contexts that serve no
 * one device: 6.10 allocates it (alloc_netdev_dummy()), and 6.12's
 * successors no longer let a module initialise one of its own memory.
 */
#ifdef SCID_HAVE_ALLOC_NETDEV_DUMMY
static inline struct net_device *scid_alloc_dummy_netdev(void)
{
	return alloc_netdev_dummy(0);
}

static inline void scid_free_dummy_netdev(struct net_device *dev)
{
	free_netdev(dev);
}
#else
static inline struct net_device *scid_alloc_dummy_netdev(void)
{
	struct net_device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	if (dev)
		init_dummy_netdev(dev);
	return dev;
}

static inline void scid_free_dummy_netdev(struct net_device *dev)
{
	kfree(dev);
}
#endif

/* Timers: 6.2 renamed del_timer_sync(), 6.16 from_timer(). */
static inline void scid_timer_delete_sync(struct timer_list *timer)
{
#ifdef SCID_HAVE_TIMER_DELETE_SYNC
	timer_delete_sync(timer);
#else
	del_timer_sync(timer);
#endif
}

#ifdef SCID_HAVE_TIMER_CONTAINER_OF
#define scid_timer_container_of(var, timer, field) \
	timer_container_of(var, timer, field)
#else
#define scid_timer_container_of(var, timer, field) \
	from_timer(var, timer, field)
#endif

/*
 * Tunnel metadata flags: a __be16 of TUNNEL_* until 6.10, a bitmap of
 * IP_TUNNEL_*_BIT since.
 */
#ifdef SCID_HAVE_TUNNEL_FLAGS_BITMAP
static inline bool scid_key_dont_fragment(const struct ip_tunnel_key *key)
{
	return test_bit(IP_TUNNEL_DONT_FRAGMENT_BIT, key->tun_flags);
}

static inline bool scid_key_nocache(const struct ip_tunnel_key *key)
{
	return test_bit(IP_TUNNEL_NOCACHE_BIT, key->tun_flags);
}

/* Receive metadata with the outer header's addresses, TOS and TTL. */
static inline struct metadata_dst *scid_tun_rx_dst(struct sk_buff *skb)
{
	IP_TUNNEL_DECLARE_FLAGS(flags) = { };

	return ip_tun_rx_dst(skb, flags, 0, 0);
}
#else
static inline bool scid_key_dont_fragment(const struct ip_tunnel_key *key)
{
	return key->tun_flags & TUNNEL_DONT_FRAGMENT;
}

static inline bool scid_key_nocache(const struct ip_tunnel_key *key)
{
	return key->tun_flags & TUNNEL_NOCACHE;
}

static inline struct metadata_dst *scid_tun_rx_dst(struct sk_buff *skb)
{
	return ip_tun_rx_dst(skb, 0, 0, 0);
}
#endif

#endif /* _SCID_COMPAT_H */
