// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: put an outer IPv4 header in front of an inner IPv4 (or MPLS)
 * packet and send it towards the tunnel's remote end.
 */
#include <linux/icmp.h>
#include <linux/if_arp.h>
#include <linux/slab.h>
#include <net/dst_metadata.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/mpls.h>
#include <net/ip_tunnels.h>
#include <net/route.h>

#include "scid_ipip.h"

/**
 * scid_flow_init() - describe the outer packet's route lookup
 * @fl4: flow to fill
 * @t: tunnel
 * @daddr: outer destination
 * @tos: outer TOS before ECN bits
 *
 * Binding to the link device is what keeps a host route to the remote
 * through the tunnel itself (the seed's "via GW dev tunl1 onlink") from
 * swallowing the tunnel's own outer packets. The mark lets policy routing
 * (ip rule fwmark) choose the outer path; every outer lookup of the
 * tunnel comes through here, so probes and the MTU follow that path too.
 */
void scid_flow_init(struct flowi4 *fl4, const struct scid_tunnel *t,
		    __be32 daddr, u8 tos)
{
	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = daddr;
	fl4->saddr = READ_ONCE(t->parms.iph.saddr);
	fl4->flowi4_oif = READ_ONCE(t->parms.link);
	fl4->flowi4_proto = IPPROTO_IPIP;
	fl4->flowi4_mark = READ_ONCE(t->fwmark);
	scid_flow_set_tos(fl4, tos);
}

/**
 * scid_outer_too_big() - whether an inner packet overflows the outer path
 * @skb: inner packet (or GSO super-packet)
 * @mtu: largest inner packet the outer path carries
 *
 * Return: true when the packet, or one of its GSO segments, is too big.
 */
bool scid_outer_too_big(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb_is_gso(skb))
		return !skb_gso_validate_network_len(skb, mtu);
	return skb->len > mtu;
}

/*
 * An outer path that reported errors (unreachable, TTL exceeded) is
 * reported on to the senders of the next few inner packets.
 */
static void scid_report_path_errors(struct scid_tunnel *t,
				    struct sk_buff *skb)
{
	int count = READ_ONCE(t->err_count);

	if (count <= 0)
		return;
	if (time_before(jiffies, READ_ONCE(t->err_time) + SCID_ERR_WINDOW)) {
		WRITE_ONCE(t->err_count, count - 1);
		dst_link_failure(skb);
	} else {
		WRITE_ONCE(t->err_count, 0);
	}
}

/**
 * scid_outer_df() - DF bit of the outer header
 * @policy: the tunnel's iph.frag_off: pmtudisc, inherit or nodf
 * @inner_frag_off: the inner header's frag_off
 *
 * Return: htons(IP_DF) or 0.
 */
__be16 scid_outer_df(__be16 policy, __be16 inner_frag_off)
{
	if (policy == htons(SCID_FRAG_OFF_PMTUDISC))
		return htons(IP_DF);
	if (policy == htons(SCID_FRAG_OFF_NODF))
		return 0;
	return inner_frag_off & htons(IP_DF);
}

/*
 * The outer route now leaves through a device whose MTU the tunnel does
 * not reflect (the route moved, or the device changed under a route we
 * do not track): have the underlay re-read, outside the data path.
 */
static void scid_watch_underlay(struct scid_tunnel *t, const struct rtable *rt)
{
	int mtu, probed;

	if (READ_ONCE(t->mtu_pinned))
		return;
	mtu = scid_mtu_for_lower(READ_ONCE(rt->dst.dev->mtu),
				 scid_outer_hlen(t));
	if (mtu == READ_ONCE(t->dev->mtu))
		return;
	/* Probing found less (pmtu.c): read only when the MTUs differ. */
	probed = READ_ONCE(t->pmtu.mtu);
	if (probed && probed < mtu && probed == READ_ONCE(t->dev->mtu))
		return;
	schedule_work(&scid_net(t->net)->underlay_work);
}

/**
 * scid_lower_nests() - whether a device sends through a tunnel of its own
 * @dev: the outer route's device
 *
 * The kernel's IP tunnels (ipip, sit, GRE, ip6tnl, ip6gre) wrap what they
 * are given in one more header, through iptunnel_xmit() or its IPv6 twin.
 * Our own devices are not counted: they make the nesting check themselves.
 * Ethernet-like tunnels (gretap, VXLAN, Geneve) cannot be told from a NIC
 * by their type and are not either.
 *
 * Return: true when a packet sent over @dev nests one level deeper.
 */
bool scid_lower_nests(const struct net_device *dev)
{
	switch (dev->type) {
	case ARPHRD_TUNNEL:
	case ARPHRD_TUNNEL6:
	case ARPHRD_SIT:
	case ARPHRD_IPGRE:
	case ARPHRD_IP6GRE:
		return !scid_is_ours(dev);
	default:
		return false;
	}
}

/*
 * The tunnel's outer route, one for all CPUs, where the kernel's dst_cache
 * keeps one a CPU (32 bytes times the possible CPUs on every tunnel). It
 * holds one reference on @rt, and the inputs of the lookup that found it:
 * a lookup that raced with a change of the tunnel (scid_route_reset()) may
 * store a route of the old parameters, which then matches no flow.
 *
 * Why it is safe:
 * - A reader finds the entry under RCU (ndo_start_xmit runs under
 *   rcu_read_lock_bh(), the keepalive timer takes rcu_read_lock()), so
 *   the entry is freed only a grace period after it was unpublished.
 * - The entry's reference keeps @rt alive while published. Once it is
 *   dropped, a reader may still see @rt: dst_release() frees a route only
 *   a grace period after its last reference went, and dst_hold_safe()
 *   refuses one whose count reached zero, so the reader looks it up anew.
 * - Each packet takes its own reference: iptunnel_xmit() hands the route
 *   to the skb with skb_dst_set(), and the skb may outlive the read side
 *   (a qdisc below, netfilter queueing, fragments, the socket's error
 *   queue). The kernel's dst_cache takes the same one reference a packet.
 * - Publication and unpublication are xchg(): each replaced entry is
 *   released exactly once, whoever replaced it.
 */
struct scid_route {
	struct rcu_head		rcu;
	struct rtable		*rt;
	/* The source the lookup chose, for a flow that left it open. */
	__be32			saddr;
	/* What it was looked up with (scid_flow_init()). */
	__be32			key_daddr;
	__be32			key_saddr;
	int			key_oif;
	u32			key_mark;
	u8			key_tos;
};

static bool scid_route_matches(const struct scid_route *r,
			       const struct flowi4 *fl4, u8 tos)
{
	return r->key_daddr == fl4->daddr && r->key_saddr == fl4->saddr &&
	       r->key_oif == fl4->flowi4_oif &&
	       r->key_mark == fl4->flowi4_mark && r->key_tos == tos;
}

static void scid_route_free(struct scid_route *r)
{
	if (!r)
		return;
	dst_release(&r->rt->dst);
	kfree_rcu(r, rcu);
}

static struct scid_route *scid_route_swap(struct scid_tunnel *t,
					  struct scid_route *r)
{
	return unrcu_pointer(xchg(&t->route, RCU_INITIALIZER(r)));
}

/**
 * scid_route_reset() - forget the tunnel's cached outer route
 * @t: tunnel
 *
 * For a change of what the lookup depends on (addresses, link, TOS, mark)
 * and on the way out: the route holds its device.
 */
void scid_route_reset(struct scid_tunnel *t)
{
	scid_route_free(scid_route_swap(t, NULL));
}

/* A held route of @fl4's flow, or NULL; fills in fl4->saddr. */
static struct rtable *scid_route_get(struct scid_tunnel *t,
				     struct flowi4 *fl4, u8 tos)
{
	struct rtable *rt = NULL;
	struct scid_route *r;

	rcu_read_lock();
	r = rcu_dereference(t->route);
	if (r && scid_route_matches(r, fl4, tos) &&
	    dst_check(&r->rt->dst, 0) && dst_hold_safe(&r->rt->dst)) {
		rt = r->rt;
		fl4->saddr = r->saddr;
	}
	rcu_read_unlock();
	return rt;
}

/* Keep @rt (a held route of @fl4's flow, found from @key_saddr) for next time. */
static void scid_route_set(struct scid_tunnel *t, const struct flowi4 *fl4,
			   __be32 key_saddr, u8 tos, struct rtable *rt)
{
	struct scid_route *r = kmalloc(sizeof(*r), GFP_ATOMIC);

	if (!r)
		return;
	dst_hold(&rt->dst);
	r->rt = rt;
	r->saddr = fl4->saddr;
	r->key_daddr = fl4->daddr;
	r->key_saddr = key_saddr;
	r->key_oif = fl4->flowi4_oif;
	r->key_mark = fl4->flowi4_mark;
	r->key_tos = tos;
	scid_route_free(scid_route_swap(t, r));
}

/**
 * scid_outer_route() - the outer route of a flow, cached if @cacheable
 * @t: tunnel
 * @fl4: the flow, from scid_flow_init(); its saddr is filled in
 * @tos: the TOS given to scid_flow_init()
 * @cacheable: the flow is the tunnel's own (fixed remote and TOS)
 *
 * Return: a held route, or an ERR_PTR.
 */
struct rtable *scid_outer_route(struct scid_tunnel *t, struct flowi4 *fl4,
				u8 tos, bool cacheable)
{
	__be32 key_saddr = fl4->saddr;
	struct rtable *rt;

	if (cacheable) {
		rt = scid_route_get(t, fl4, tos);
		if (rt)
			return rt;
	}
	rt = ip_route_output_key(t->net, fl4);
	if (!IS_ERR(rt) && cacheable)
		scid_route_set(t, fl4, key_saddr, tos, rt);
	return rt;
}

/*
 * The outer route of an external tunnel's packet. Its source is the
 * metadata's (0: the route's choice). Without a mark of the tunnel's, the
 * packet's decides, as in ipip's external mode. A route's "encap ip"
 * metadata brings a cache of its own, usable while nothing of the tunnel
 * or the packet enters the lookup beyond the metadata itself.
 */
static struct rtable *scid_external_route(struct scid_tunnel *t,
					  struct sk_buff *skb,
					  struct ip_tunnel_info *info,
					  struct flowi4 *fl4)
{
	struct dst_cache *cache = &info->dst_cache;
	bool use_cache;
	struct rtable *rt;

	fl4->saddr = info->key.u.ipv4.src;
	if (!fl4->flowi4_mark)
		fl4->flowi4_mark = skb->mark;
	/* No mark at all: the tunnel's, else the packet's, is in the flow. */
	use_cache = !fl4->flowi4_mark && !fl4->flowi4_oif &&
		    !scid_key_nocache(&info->key) &&
		    (info->key.tos & 1) == 0;
	if (use_cache) {
		rt = dst_cache_get_ip4(cache, &fl4->saddr);
		if (rt)
			return rt;
	}
	rt = ip_route_output_key(t->net, fl4);
	if (!IS_ERR(rt) && use_cache)
		dst_cache_set_ip4(cache, &rt->dst, fl4->saddr);
	return rt;
}

/**
 * scid_inner_proto() - the outer protocol number for an inner packet
 * @t: tunnel
 * @skb: inner packet
 * @reason: why not, when it returns 0
 *
 * The tunnel's mode (iph.protocol) says what it carries: IPv4 (ipip,
 * IPPROTO_IPIP), MPLS (mplsip, IPPROTO_MPLS) or both (any, 0).
 *
 * Return: IPPROTO_IPIP or IPPROTO_MPLS with the inner header pulled, or 0.
 */
static u8 scid_inner_proto(const struct scid_tunnel *t, struct sk_buff *skb,
			   enum scid_counter *reason)
{
	u8 mode = READ_ONCE(t->parms.iph.protocol);
	u8 proto;

	*reason = SCID_DROP_TX_NOT_IPV4;
	if (likely(skb->protocol == htons(ETH_P_IP))) {
		if (!pskb_inet_may_pull(skb) || ip_hdr(skb)->version != 4)
			return 0;
		proto = IPPROTO_IPIP;
	} else if (skb->protocol == htons(ETH_P_MPLS_UC)) {
		if (!pskb_may_pull(skb, MPLS_HLEN))
			return 0;
		proto = IPPROTO_MPLS;
	} else {
		return 0;
	}
	if (unlikely(mode && mode != proto)) {
		*reason = SCID_DROP_TX_MODE;
		return 0;
	}
	return proto;
}

/**
 * scid_xmit() - ndo_start_xmit of tunnels and scid0
 * @skb: inner packet, network header at skb->data
 * @dev: tunnel device
 *
 * Return: NETDEV_TX_OK always; a packet that cannot be sent is dropped and
 * counted under its reason.
 */
netdev_tx_t scid_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct scid_tunnel *t = netdev_priv(dev);
	struct ip_tunnel_info *info = NULL;
	struct scid_encap encap;
	enum scid_counter reason;
	/* The inner IPv4 header; NULL for MPLS, which has none of its fields. */
	const struct iphdr *inner = NULL;
	unsigned int headroom, hlen;
	u8 proto;
	struct rtable *rt;
	struct flowi4 fl4;
	bool cacheable;
	__be32 daddr;
	__be16 df, df_policy;
	u8 tos, ttl;

	if (unlikely(t->control)) {
		reason = SCID_DROP_TX_CONTROL;
		goto drop;
	}
	/* Each tunnel level adds a header; a loop would add them forever. */
	if (unlikely(scid_nesting_level() > SCID_MAX_NESTING)) {
		reason = SCID_DROP_TX_NESTING;
		goto drop;
	}
	proto = scid_inner_proto(t, skb, &reason);
	if (!proto)
		goto drop;
	if (proto == IPPROTO_IPIP)
		scid_clamp_mss(t, skb);
	if (iptunnel_handle_offloads(skb, SKB_GSO_IPXIP4)) {
		reason = SCID_DROP_TX_NO_HEADROOM;
		goto drop;
	}
	skb_set_inner_ipproto(skb, proto);
	/* dst_link_failure() builds ICMP from these; they are not ours. */
	memset(&IPCB(skb)->opt, 0, sizeof(IPCB(skb)->opt));
	if (proto == IPPROTO_IPIP)
		inner = ip_hdr(skb);

	if (unlikely(t->external)) {
		/* The packet's metadata names the outer header. */
		info = scid_external_key(skb);
		if (!info) {
			reason = SCID_DROP_TX_KEY;
			goto drop;
		}
		daddr = info->key.u.ipv4.dst;
		tos = info->key.tos;
		ttl = info->key.ttl;
		df_policy = htons(scid_key_dont_fragment(&info->key) ?
				  SCID_FRAG_OFF_PMTUDISC :
				  SCID_FRAG_OFF_NODF);
		cacheable = false;
	} else {
		daddr = READ_ONCE(t->parms.iph.daddr);
		tos = READ_ONCE(t->parms.iph.tos);
		ttl = READ_ONCE(t->parms.iph.ttl);
		df_policy = READ_ONCE(t->parms.iph.frag_off);
		cacheable = daddr != 0;
	}
	if (!daddr) {
		/* No remote: the inner route's next hop is the outer peer. */
		if (!skb_rtable(skb)) {
			reason = SCID_DROP_TX_NO_ROUTE;
			goto drop;
		}
		daddr = rt_nexthop(skb_rtable(skb), inner ? inner->daddr : 0);
		if (!daddr) {
			reason = SCID_DROP_TX_NO_ROUTE;
			goto drop;
		}
	}

	if (tos & 1) {
		tos = inner ? inner->tos : 0;
		cacheable = false;
	}

	scid_flow_init(&fl4, t, daddr, tos);
	if (info)
		rt = scid_external_route(t, skb, info, &fl4);
	else
		rt = scid_outer_route(t, &fl4, tos, cacheable);
	if (IS_ERR(rt)) {
		reason = SCID_DROP_TX_NO_ROUTE;
		goto drop;
	}
	if (rt->dst.dev == dev) {
		reason = SCID_DROP_TX_LOOP;
		goto drop_route;
	}
	/*
	 * A kernel tunnel below takes the packet one level deeper without
	 * our check; where iptunnel_xmit() guards recursion (6.12), it would
	 * drop a loop through it there as a "Dead loop", uncounted here.
	 */
	if (unlikely(scid_nesting_level() >= SCID_MAX_NESTING &&
		     scid_lower_nests(rt->dst.dev))) {
		reason = SCID_DROP_TX_NESTING;
		goto drop_route;
	}

	if (cacheable)
		scid_watch_underlay(t, rt);

	encap.word = READ_ONCE(t->encap.word);
	hlen = SCID_OUTER_HLEN + encap.hlen;
	/* MPLS has no DF of its own: the policy alone decides, as in ipip. */
	df = scid_outer_df(df_policy, inner ? inner->frag_off : 0);
	/*
	 * Metadata without DF still leaves an inner DF packet too big to
	 * its sender, as ipip's external mode does; only the outer DF bit
	 * stays clear.
	 */
	if (df || (info && inner && (inner->frag_off & htons(IP_DF)))) {
		unsigned int mtu = dst_mtu(&rt->dst) - hlen;

		/* Only a smaller MTU is news; the update costs a route lookup. */
		if (inner && skb_valid_dst(skb) && mtu < dst_mtu(skb_dst(skb)))
			skb_dst_update_pmtu_no_confirm(skb, mtu);
		if (scid_outer_too_big(skb, mtu)) {
			if (inner && (inner->frag_off & htons(IP_DF))) {
				icmp_ndo_send(skb, ICMP_DEST_UNREACH,
					      ICMP_FRAG_NEEDED, htonl(mtu));
				reason = SCID_DROP_TX_TOO_BIG;
				goto drop_route;
			}
			/*
			 * Its sender allowed fragmentation, or (MPLS) has no
			 * way to hear of a smaller MTU: fragment the outer
			 * packet rather than lose this one (RFC 2003 5.1),
			 * where ipip would drop it. An IPv4 sender's route
			 * learnt the smaller MTU above.
			 */
			df = 0;
		}
	}

	if (inner && !info)
		scid_report_path_errors(t, skb);

	if (!ttl)
		ttl = inner ? inner->ttl : ip4_dst_hoplimit(&rt->dst);
	tos = INET_ECN_encapsulate(tos & ~INET_ECN_MASK, inner ? inner->tos : 0);

	headroom = LL_RESERVED_SPACE(rt->dst.dev) + rt->dst.header_len + hlen;
	if (headroom > SCID_MAX_HEADROOM || skb_cow_head(skb, headroom)) {
		reason = SCID_DROP_TX_NO_HEADROOM;
		goto drop_route;
	}
	if (headroom > READ_ONCE(dev->needed_headroom))
		WRITE_ONCE(dev->needed_headroom, headroom);

	/*
	 * After the route, unlike ipip: the UDP checksum covers the outer
	 * addresses, and only the lookup knows the source of a tunnel
	 * without a local address.
	 */
	if (encap.type != TUNNEL_ENCAP_NONE &&
	    scid_encap_push(&encap, skb, &proto, &fl4)) {
		reason = SCID_DROP_TX_ENCAP;
		goto drop_route;
	}

	scid_iptunnel_xmit(rt, skb, fl4.saddr, fl4.daddr, proto, tos, ttl, df,
			   !net_eq(t->net, dev_net(dev)));
	return NETDEV_TX_OK;

drop_route:
	ip_rt_put(rt);
drop:
	scid_count(t, reason);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}
