/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scid_ipip: a point-to-point IPv4-in-IPv4 (RFC 2003) tunnel device.
 *
 * Shared declarations of the driver's files. Each tunnel is a net_device
 * whose private area is a struct scid_tunnel; each network namespace has a
 * struct scid_net holding its lookup table and its control device scid0.
 */
#ifndef _SCID_IPIP_H
#define _SCID_IPIP_H

#include <linux/ethtool.h>
#include <linux/hashtable.h>
#include <linux/if_tunnel.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/u64_stats_sync.h>
#include <net/flow.h>
#include <net/netns/generic.h>

#include "compat.h"
#include "uapi/scid_ipip.h"

#define SCID_KIND		"scid_ipip"
#define SCID_OUTER_HLEN		((int)sizeof(struct iphdr))
/*
 * Tunnels inside tunnels: beyond this depth packets are dropped. A constant
 * expression (min() is not one on 6.1), so that it can size an array.
 */
#define SCID_MAX_NESTING	(SCID_KERNEL_MAX_NESTING < 4 ? \
				 SCID_KERNEL_MAX_NESTING : 4)
/* pskb_expand_head() offsets overflow past this; nesting must stop first. */
#define SCID_MAX_HEADROOM	512
/* The most a UDP encapsulation adds: GUE with remote checksum offload. */
#define SCID_ENCAP_HLEN_MAX	32
/* How long an outer-path ICMP error is passed on to inner senders. */
#define SCID_ERR_WINDOW		(30 * HZ)

/* The rtnl_link_stats64 fields a counter adds to (scid_get_stats64()). */
enum {
	SCID_S_TX_DROPPED		= BIT(0),
	SCID_S_TX_CARRIER_ERRORS	= BIT(1),
	SCID_S_COLLISIONS		= BIT(2),
	SCID_S_TX_ERRORS		= BIT(3),
	SCID_S_RX_LENGTH_ERRORS		= BIT(4),
	SCID_S_RX_FRAME_ERRORS		= BIT(5),
	SCID_S_RX_ERRORS		= BIT(6),
	SCID_S_RX_DROPPED		= BIT(7),
};

/* Per-tunnel counters, from the list in counters.h. */
enum scid_counter {
#define SCID_COUNTER(id, name, folds)	SCID_##id,
#include "counters.h"
#undef SCID_COUNTER
	SCID_COUNTER_MAX
};

/*
 * The one counter a healthy tunnel bumps per packet (counters.h says why
 * it alone is per CPU). Apart from dev->tstats: a struct beginning with
 * struct pcpu_sw_netstats takes its 32-byte alignment and so 64 bytes a
 * CPU, where the two allocations take 32 and 8.
 */
struct scid_pcpu_counters {
	u64_stats_t		gro_skipped;
	struct u64_stats_sync	syncp;
};

/* A tunnel's endpoints as the receive path looks them up. */
struct scid_key {
	__be32			remote;
	__be32			local;
};

struct scid_route;

/*
 * FOU/GUE (encap.c): struct ip_tunnel_encap's settings, narrowed so that
 * they and the header length fit one word that transmit reads at once.
 */
struct scid_encap {
	union {
		struct {
			u8	type;	/* TUNNEL_ENCAP_NONE, _FOU or _GUE */
			u8	flags;	/* TUNNEL_ENCAP_FLAG_CSUM, _REMCSUM */
			u8	hlen;	/* bytes the fou module adds */
			u8	unused;
			__be16	sport;	/* 0: from the inner flow's hash */
			__be16	dport;
		};
		u64	word;
	};
};

/*
 * Keepalive (keepalive.c, docs/keepalive.md): the timer, the receive path
 * and the configuration (RTNL) meet under the lock.
 */
struct scid_keepalive {
	struct timer_list	timer;
	/* The fields below, and the carrier decision (underlay_ok too). */
	spinlock_t		lock;
	u32			interval_ms;	/* 0: off */
	u32			hold;
	u32			rise;
	u8			state;		/* SCID_KA_STATE_* */
	/* Random per tunnel: only its holder's replies carry it. */
	__be64			cookie;
	/* The last probe: its number, inner address and send time. */
	u32			seq;
	__be32			addr;
	ktime_t			sent;
	/* The newest probe answered; an older or equal one is a replay. */
	u32			acked;
	/* A valid reply came since the last probe went out. */
	bool			answered;
	u32			misses;
	u32			hits;
	unsigned long		last_reply;	/* jiffies; 0: none yet */
	u32			rtt_us;
	/* Answers to the peer's probes in the current second. */
	unsigned long		answer_window;
	u32			answers;
	/* A reply's buffer, kept for the next probe; NULL: none. */
	struct sk_buff		*spare;
};

/* Sizes one round of path MTU probes tests at once. */
#define SCID_PMTU_ROUND		3

/*
 * The path MTU search (pmtu.c), on its own so that it can be tested
 * without a tunnel. Sizes are outer packet sizes, headers included.
 */
struct scid_pmtu_search {
	u8		state;		/* SCID_PMTU_STATE_* */
	/* COMPLETE: confirmations of lo lost in a row. */
	u8		strikes;
	/* The round in flight (0: none) and, bit by bit, its answers. */
	u8		nsizes;
	u8		answered;
	u16		sizes[SCID_PMTU_ROUND];
	/* Largest size known to pass; under the floor: none yet. */
	u16		lo;
	/* Smallest size known to fail; ceiling + 1: none. */
	u16		hi;
	/* Lost once, not yet twice: chance, or the answer. 0: none. */
	u16		suspect;
	/* The outer route's MTU when last read; 0: not yet. */
	u16		ceiling;
	/* The size the tunnel uses, once a search completed; 0: none. */
	u16		found;
};

/*
 * Path MTU probing of a tunnel (pmtu.c, docs/pmtu-probe.md), on the
 * keepalive's timer and under its lock.
 */
struct scid_pmtu {
	bool			on;
	u32			raise_ms;
	/* The probes' cookie: apart from keepalive's, so replies tell. */
	__be64			cookie;
	u32			seq;		/* the last probe's */
	/* The round's first probe, and the keepalive probe sent after it. */
	u32			round_seq;
	u32			round_ka_seq;
	u32			round_ticks;
	unsigned long		raise_at;	/* jiffies */
	unsigned long		confirmed;	/* jiffies; 0: never */
	/* The tunnel MTU found (search.found less the outer header); 0: none. */
	u32			mtu;
	struct scid_pmtu_search	search;
};

struct scid_tunnel {
	struct rhlist_head	hash_node;
	struct scid_key		key;
	struct list_head	table_node;
	struct net_device	*dev;
	/* Namespace the tunnel was created in: outer packets live there. */
	struct net		*net;
	struct ip_tunnel_parm	parms;
	/*
	 * The outer packets' flow mark (IFLA_IPTUN_FWMARK), for policy
	 * routing of the tunnel's own traffic. Not in parms: the ioctl ABI
	 * has no room for it, so an ioctl change leaves it as it is.
	 */
	u32			fwmark;
	/*
	 * IFLA_SCID_CLAMP_MSS (mss.c): SCID_CLAMP_MSS_OFF, _AUTO or the MSS
	 * that SYNs crossing the tunnel may announce. Netlink only, like
	 * fwmark.
	 */
	u32			clamp_mss;
	/* UDP encapsulation (IFLA_IPTUN_ENCAP_*), netlink only too. */
	struct scid_encap	encap;
	/*
	 * External (metadata) mode (external.c): chosen at creation, for
	 * the tunnel's life. Its outer sources are the allow list's.
	 */
	bool			external;
	struct scid_allow __rcu	*allow;
	/* The outer route of the tunnel's own flow (xmit.c). */
	struct scid_route __rcu	*route;
	struct scid_pcpu_counters __percpu *pcpu_counters;
	/* Outer-path ICMP errors, reported to inner senders for a while. */
	unsigned long		err_time;
	int			err_count;
	bool			control;
	/*
	 * The device the outer packets leave through (the link, else the
	 * route's), keyed in the table's by_lower: an event on a device
	 * visits only the tunnels over it. RTNL.
	 */
	struct hlist_node	lower_node;
	int			lower_ifindex;
	/* On the queue of tunnels whose underlay is to be re-read. RTNL. */
	struct list_head	sync_node;
	/* The operator chose the MTU: stop following the underlay. */
	bool			mtu_pinned;
	/* The MTU the operator chose; dev->mtu may be lower (pmtu.mtu). */
	u32			mtu_pin;
	/* Set while the driver itself changes the MTU. */
	bool			mtu_auto;
	/* Link device and local address are there: keepalive.c's lock. */
	bool			underlay_ok;
	struct scid_keepalive	ka;
	struct scid_pmtu	pmtu;
	/*
	 * The rare counters (counters.h), on lines of their own: a CPU
	 * counting drops does not steal the line the fast path reads.
	 * SCID_RX_GRO_SKIPPED's slot is unused (pcpu_counters).
	 */
	atomic64_t		counters[SCID_COUNTER_MAX] ____cacheline_aligned_in_smp;
};

/*
 * The last receive lookup's answer on one CPU: a flow's packets arrive on
 * one CPU in a row, and this spares them the hash walk. Valid while the
 * table's generation is the one it was found under and the tunnel is up.
 * The lock keeps two softirqs of one CPU apart on PREEMPT_RT.
 */
struct scid_rcv_hint {
	struct scid_bh_lock	bh_lock;
	unsigned long		gen;
	__be32			remote;
	__be32			local;
	int			ifindex;
	struct scid_tunnel	*tunnel;
};

struct scid_table {
	struct rhltable		hash;
	struct scid_rcv_hint __percpu *hint;
	/* Bumped by every add and delete: it voids every CPU's hint. */
	unsigned long		gen;
	/* Every tunnel, for walks that may sleep (rhashtable walks cannot). */
	struct list_head	all;
	unsigned int		count;
	/*
	 * Tunnels with the local or the remote end left open: while there
	 * are none, a packet for no tunnel of ours (one of ipip.ko's, say)
	 * costs one hash lookup instead of three.
	 */
	unsigned int		any_local;
	unsigned int		any_remote;
	/* Tunnels by lower_ifindex, for the underlay's events. RTNL. */
	DECLARE_HASHTABLE(by_lower, 6);
	/*
	 * The namespace's external tunnel, if any: not in the hash table,
	 * as it has no endpoints, but in the list and the count.
	 */
	struct scid_tunnel __rcu *external;
};

#define scid_table_for_each(t, table) \
	list_for_each_entry(t, &(table)->all, table_node)

struct scid_net {
	struct scid_table	table;
	struct net		*net;
	/* scid0: receives what no tunnel claims, but only while up. */
	struct net_device __rcu	*ctl_dev;
	/* Re-reads the underlay when an outer route moved under traffic. */
	struct work_struct	underlay_work;
	/*
	 * Set by pre_exit: the table is freed while the namespace's other
	 * devices still receive, so the receive path must stop using it.
	 */
	bool			dying;
};

extern unsigned int scid_net_id;
extern struct rtnl_link_ops scid_link_ops;

static inline struct scid_net *scid_net(const struct net *net)
{
	return net_generic(net, scid_net_id);
}

/* All the outer headers a tunnel's packets carry. */
static inline unsigned int scid_outer_hlen(const struct scid_tunnel *t)
{
	return SCID_OUTER_HLEN + READ_ONCE(t->encap.hlen);
}

/* table.c */
int scid_table_init(struct scid_table *table);
void scid_table_destroy(struct scid_table *table);
int scid_table_add(struct scid_table *table, struct scid_tunnel *t);
void scid_table_del(struct scid_table *table, struct scid_tunnel *t);
struct scid_tunnel *scid_table_find_rcv(struct scid_table *table,
					__be32 remote, __be32 local,
					int ifindex);
struct scid_tunnel *scid_table_find_parms(struct scid_table *table,
					  const struct ip_tunnel_parm *p);
struct scid_tunnel *scid_table_external(struct scid_table *table);

/* params.c */
int scid_parms_check(struct net *net, const struct ip_tunnel_parm *p,
		     const struct net_device *self);
void scid_parms_normalize(struct ip_tunnel_parm *p);
int scid_mtu_for_lower(int lower_mtu, unsigned int hlen);
bool scid_may_manage(const struct scid_tunnel *t);

/* batch.c */
int scid_ctl_del_many(struct scid_tunnel *ctl, void __user *data);

/* device.c */
bool scid_is_ours(const struct net_device *dev);
void scid_tunnel_setup(struct net_device *dev);
void scid_ctl_setup(struct net_device *dev);
int scid_tunnel_register(struct net *net, struct net_device *dev,
			 const struct ip_tunnel_parm *p);
struct scid_tunnel *scid_tunnel_create(struct net *net,
				       const struct ip_tunnel_parm *p);
int scid_tunnel_change(struct scid_tunnel *t, const struct ip_tunnel_parm *p);
void scid_tunnel_set_fwmark(struct scid_tunnel *t, u32 fwmark);
void scid_count(struct scid_tunnel *t, enum scid_counter c);
u64 scid_counter_read(const struct scid_tunnel *t, enum scid_counter c);
extern const char scid_counter_names[SCID_COUNTER_MAX][ETH_GSTRING_LEN];

/* encap.c */
struct netlink_ext_ack;
int scid_encap_request(struct nlattr *data[], struct scid_encap *e,
		       struct netlink_ext_ack *extack);
void scid_encap_set(struct scid_tunnel *t, struct net_device *dev,
		    const struct scid_encap *e);
int scid_encap_push(const struct scid_encap *e, struct sk_buff *skb,
		    u8 *proto, struct flowi4 *fl4);
size_t scid_encap_info_size(void);
int scid_encap_fill_info(struct sk_buff *skb, const struct scid_tunnel *t);

/* external.c */
struct scid_allow;
int scid_allow_request(struct nlattr *data[], struct scid_allow **allow,
		       struct netlink_ext_ack *extack);
void scid_allow_set(struct scid_tunnel *t, struct scid_allow *allow);
void scid_allow_free(struct scid_allow *allow);
void scid_allow_destroy(struct scid_tunnel *t);
bool scid_allowed(const struct scid_tunnel *t, __be32 addr);
size_t scid_allow_info_size(const struct scid_tunnel *t);
int scid_allow_fill_info(struct sk_buff *skb, const struct scid_tunnel *t);
struct ip_tunnel_info *scid_external_key(struct sk_buff *skb);

/* mss.c */
int scid_mss_options(const u8 *opt, unsigned int len, u8 *at,
		     unsigned int max);
void __scid_clamp_mss(struct scid_tunnel *t, struct sk_buff *skb, u32 setting);
bool scid_clamp_mss_valid(u32 setting);

/*
 * scid_clamp_mss() - MSS clamping of an inner packet crossing @t, if the
 * tunnel has it: one load and a branch on every other tunnel's packets.
 */
static inline void scid_clamp_mss(struct scid_tunnel *t, struct sk_buff *skb)
{
	u32 setting = READ_ONCE(t->clamp_mss);

	if (unlikely(setting != SCID_CLAMP_MSS_OFF))
		__scid_clamp_mss(t, skb, setting);
}

/* underlay.c */
int scid_lower_mtu(struct scid_tunnel *t);
int scid_mtu_pin(struct scid_tunnel *t, unsigned int mtu);
void scid_underlay_sync(struct scid_tunnel *t);
void scid_underlay_forget(struct scid_tunnel *t);
void scid_underlay_work(struct work_struct *work);
int scid_underlay_register(void);
void scid_underlay_unregister(void);

/* ioctl.c */
int scid_siocdevprivate(struct net_device *dev, struct ifreq *ifr,
			void __user *data, int cmd);
int scid_tunnel_ctl(struct net_device *dev, struct ip_tunnel_parm *p,
		    int cmd);

/* xmit.c */
void scid_flow_init(struct flowi4 *fl4, const struct scid_tunnel *t,
		    __be32 daddr, u8 tos);
bool scid_outer_too_big(const struct sk_buff *skb, unsigned int mtu);
__be16 scid_outer_df(__be16 policy, __be16 inner_frag_off);
bool scid_lower_nests(const struct net_device *dev);
struct rtable *scid_outer_route(struct scid_tunnel *t, struct flowi4 *fl4,
				u8 tos, bool cacheable);
void scid_route_reset(struct scid_tunnel *t);
netdev_tx_t scid_xmit(struct sk_buff *skb, struct net_device *dev);

/* rcv.c */
bool scid_inner_header_ok(struct sk_buff *skb);
int scid_decap(struct scid_tunnel *t, struct sk_buff *skb, u8 proto);
int scid_rcv_register(void);
void scid_rcv_unregister(void);

/* netns.c */
int scid_netns_register(void);
int scid_net_state_init(struct scid_net *sn, struct net *net);
void scid_net_state_destroy(struct scid_net *sn);
void scid_netns_unregister(void);

/* netlink.c */
int scid_netlink_register(void);
void scid_netlink_unregister(void);

/* rxcells.c */
bool scid_gro_may_merge(struct sk_buff *skb);
void scid_rx_cells_receive(struct scid_tunnel *t, struct sk_buff *skb,
			   bool nested);
int scid_rx_cells_init(void);
void scid_rx_cells_destroy(void);
void scid_rx_cells_forget(struct net_device *dev);

/* keepalive.c */
struct scid_ka_conf {
	u32	interval_ms;
	u32	hold;
	u32	rise;
	/* Path MTU probing rides on keepalive (pmtu.c). */
	bool	pmtu_probe;
	u32	pmtu_raise_ms;
};

void scid_ka_setup(struct scid_tunnel *t);
void scid_ka_conf_get(struct scid_tunnel *t, struct scid_ka_conf *conf);
void scid_ka_configure(struct scid_tunnel *t, const struct scid_ka_conf *conf);
void scid_ka_start(struct scid_tunnel *t);
void scid_ka_stop(struct scid_tunnel *t);
void scid_ka_free(struct scid_tunnel *t);
bool scid_ka_rcv(struct scid_tunnel *t, struct sk_buff *skb, __be32 outer_src);
void scid_carrier_underlay(struct scid_tunnel *t, bool ok);
int scid_ka_fill_info(struct sk_buff *skb, struct scid_tunnel *t);
size_t scid_ka_info_size(void);

/* pmtu.c */
void scid_pmtu_search_start(struct scid_pmtu_search *s);
unsigned int scid_pmtu_plan(struct scid_pmtu_search *s, unsigned int ceiling,
			    bool raise_due);
unsigned int scid_pmtu_conclude(struct scid_pmtu_search *s);
void scid_pmtu_setup(struct scid_tunnel *t);
bool scid_pmtu_configure(struct scid_tunnel *t, bool on, u32 raise_ms);
void scid_pmtu_forget_round(struct scid_tunnel *t);
unsigned int scid_pmtu_tick(struct scid_tunnel *t, unsigned int ceiling,
			    u16 *sizes, u32 *first_seq);
void scid_pmtu_reply(struct scid_tunnel *t, u32 seq);
void scid_pmtu_rebase(struct scid_tunnel *t);
unsigned int scid_pmtu_ceiling(struct scid_tunnel *t, unsigned int route_mtu);
void scid_pmtu_count(struct scid_tunnel *t, unsigned int size, bool lost);
int scid_pmtu_fill_info(struct sk_buff *skb, struct scid_tunnel *t);
size_t scid_pmtu_info_size(void);

/* ethtool.c */
extern const struct ethtool_ops scid_ethtool_ops;

#endif /* _SCID_IPIP_H */
