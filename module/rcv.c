// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: claim IPIP (and MPLS-in-IP) packets whose outer addresses match
 * one of our tunnels, check the inner header, and hand the inner packet to
 * the stack as if it had arrived on the tunnel device.
 */
#include <linux/icmp.h>
#include <net/dst_metadata.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/mpls.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "scid_ipip.h"

/*
 * tunnel4 runs its handlers in ascending priority. In AF_INET the kernel's
 * vti holds 0, ipip 1, xfrm interfaces 3 and xfrm tunnels 4, and the xfrm
 * ones consume whatever they are given. Going first lets a scid tunnel's
 * exact endpoints win, and every packet we do not claim passes on
 * untouched; the catch-all for scid0 sits after ipip and before xfrm.
 */
#define SCID_HANDLER_PRIORITY		(-1)
#define SCID_UNCLAIMED_PRIORITY		2

/**
 * scid_inner_header_ok() - check the inner IPv4 header before using it
 * @skb: packet with its data and network header at the inner header
 *
 * The inner header comes from the remote peer, so nothing in it is read
 * before it is pulled into the linear area and found self-consistent.
 *
 * Return: true when version, header length and total length agree with
 * the packet.
 */
bool scid_inner_header_ok(struct sk_buff *skb)
{
	const struct iphdr *iph;
	unsigned int hlen;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		return false;
	iph = ip_hdr(skb);
	if (iph->version != 4 || iph->ihl < 5)
		return false;
	hlen = iph->ihl * 4;
	if (!pskb_may_pull(skb, hlen))
		return false;
	iph = ip_hdr(skb);
	return ntohs(iph->tot_len) == skb->len;
}

/*
 * An MPLS packet from the peer: one label stack entry at least, the rest
 * is the MPLS stack's to judge.
 */
static int scid_decap_mpls(struct scid_tunnel *t, struct sk_buff *skb)
{
	bool nested;

	if (!pskb_may_pull(skb, MPLS_HLEN)) {
		scid_count(t, SCID_DROP_RX_MALFORMED);
		kfree_skb(skb);
		return 0;
	}
	nested = scid_is_ours(skb->dev);
	skb->dev = t->dev;
	scid_rx_cells_receive(t, skb, nested);
	return 0;
}

/**
 * scid_decap() - hand the inner packet to the stack as if it had arrived
 * on a tunnel
 * @t: tunnel that claimed the packet
 * @skb: outer packet, its data at the inner header (as tunnel4 gives it)
 * @proto: what it carries: IPPROTO_IPIP or IPPROTO_MPLS
 *
 * From here on the packet is ours: it is delivered or dropped, and
 * counted once, by scid_rx_cells_receive() or here.
 *
 * Context: softirq, RCU read side.
 * Return: 0, the packet consumed.
 */
int scid_decap(struct scid_tunnel *t, struct sk_buff *skb, u8 proto)
{
	__be32 outer_src = ip_hdr(skb)->saddr;
	u8 mode = READ_ONCE(t->parms.iph.protocol);
	struct metadata_dst *tun_dst = NULL;
	enum scid_counter reason;
	u8 outer_tos = ip_hdr(skb)->tos;
	bool nested;

	/* The peer's, not ours to pass on: a tunnel takes only its mode's. */
	if (mode && mode != proto) {
		reason = SCID_DROP_RX_MODE;
		goto drop;
	}
	if (!xfrm4_policy_check(NULL, XFRM_POLICY_IN, skb)) {
		reason = SCID_DROP_RX_POLICY;
		goto drop;
	}
	/* Read now: pulling the header drops the route it would go on. */
	if (t->external) {
		tun_dst = scid_tun_rx_dst(skb);
		if (!tun_dst) {
			reason = SCID_DROP_RX_BACKLOG;
			goto drop;
		}
	}
	if (iptunnel_pull_header(skb, 0, proto == IPPROTO_MPLS ?
				 htons(ETH_P_MPLS_UC) : htons(ETH_P_IP),
				 !net_eq(t->net, dev_net(t->dev)))) {
		reason = SCID_DROP_RX_MALFORMED;
		goto drop;
	}
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	if (tun_dst) {
		skb_dst_set(skb, &tun_dst->dst);
		tun_dst = NULL;
	}
	if (proto == IPPROTO_MPLS)
		return scid_decap_mpls(t, skb);
	if (!scid_inner_header_ok(skb)) {
		reason = SCID_DROP_RX_MALFORMED;
		goto drop;
	}
	/* An external tunnel has no peer of its own to answer. */
	if (!t->external && scid_ka_rcv(t, skb, outer_src))
		return 0;
	/* RFC 6040: CE survives decapsulation; CE over not-ECT is invalid. */
	if (INET_ECN_decapsulate(skb, outer_tos, ip_hdr(skb)->tos) > 1) {
		reason = SCID_DROP_RX_ECN;
		goto drop;
	}

	scid_clamp_mss(t, skb);

	nested = scid_is_ours(skb->dev);
	skb->dev = t->dev;
	scid_rx_cells_receive(t, skb, nested);
	return 0;

drop:
	if (tun_dst)
		dst_release(&tun_dst->dst);
	scid_count(t, reason);
	kfree_skb(skb);
	return 0;
}

/*
 * The tunnel a packet of @net belongs to: one with these endpoints, else
 * the external one if it allows @remote. None once @net is dying.
 */
static struct scid_tunnel *scid_rcv_lookup(struct net *net, __be32 remote,
					   __be32 local, int ifindex)
{
	struct scid_net *sn = scid_net(net);
	struct scid_tunnel *t;

	if (unlikely(READ_ONCE(sn->dying)))
		return NULL;
	t = scid_table_find_rcv(&sn->table, remote, local, ifindex);
	if (likely(t) || !rcu_access_pointer(sn->table.external))
		return t;
	t = scid_table_external(&sn->table);
	return t && scid_allowed(t, remote) ? t : NULL;
}

/*
 * A packet nobody claimed, from a source the external tunnel does not
 * allow: counted there, so that a spoofing peer shows. Not consumed: it
 * may still be another handler's, and tunnel4 answers it as before.
 */
static void scid_rcv_refused(struct sk_buff *skb)
{
	struct scid_net *sn = scid_net(dev_net(skb->dev));
	struct scid_tunnel *t;

	if (unlikely(READ_ONCE(sn->dying)))
		return;
	t = scid_table_external(&sn->table);
	if (t && !scid_allowed(t, ip_hdr(skb)->saddr))
		scid_count(t, SCID_DROP_RX_SOURCE);
}

static int scid_rcv_proto(struct sk_buff *skb, u8 proto)
{
	const struct iphdr *outer = ip_hdr(skb);
	struct scid_tunnel *t;

	t = scid_rcv_lookup(dev_net(skb->dev), outer->saddr, outer->daddr,
			    skb->dev->ifindex);
	if (!t)
		return -1;
	return scid_decap(t, skb, proto);
}

static int scid_rcv(struct sk_buff *skb)
{
	return scid_rcv_proto(skb, IPPROTO_IPIP);
}

static int scid_rcv_mpls(struct sk_buff *skb)
{
	return scid_rcv_proto(skb, IPPROTO_MPLS);
}

/*
 * Runs after every other IPIP handler, the kernel's ipip included: what
 * reaches it was claimed by nobody, and scid0 takes it only when the
 * operator brought scid0 up for exactly that.
 */
static int scid_rcv_unclaimed(struct sk_buff *skb)
{
	struct scid_net *sn = scid_net(dev_net(skb->dev));
	struct net_device *ctl = rcu_dereference(sn->ctl_dev);

	if (!ctl || !(READ_ONCE(ctl->flags) & IFF_UP)) {
		scid_rcv_refused(skb);
		return -1;
	}
	return scid_decap(netdev_priv(ctl), skb, IPPROTO_IPIP);
}

/* The same for MPLS, which scid0 never takes. */
static int scid_rcv_unclaimed_mpls(struct sk_buff *skb)
{
	scid_rcv_refused(skb);
	return -1;
}

static int scid_err_unclaimed(struct sk_buff *skb, u32 info)
{
	return -ENOENT;
}

/*
 * ICMP about one of our outer packets: skb->data is the outer header we
 * sent. Path MTU and redirects update the outer route; hard errors are
 * passed on to inner senders by the transmit path. The route they update
 * is looked up without the tunnel's fwmark: ipv4_update_pmtu() and
 * ipv4_redirect() take the mark from the ICMP packet and offer no way to
 * pass one, and the kernel's ipip is the same.
 */
static int scid_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const int type = icmp_hdr(skb)->type;
	const int code = icmp_hdr(skb)->code;
	struct net *net = dev_net(skb->dev);
	struct scid_tunnel *t;

	t = scid_rcv_lookup(net, iph->daddr, iph->saddr, skb->dev->ifindex);
	if (!t)
		return -ENOENT;

	switch (type) {
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED) {
			scid_count(t, SCID_ICMP_FRAG_NEEDED);
			ipv4_update_pmtu(skb, net, info, t->parms.link,
					 IPPROTO_IPIP);
			return 0;
		}
		scid_count(t, SCID_ICMP_UNREACH);
		if (code == ICMP_SR_FAILED)
			return 0;
		break;
	case ICMP_TIME_EXCEEDED:
		scid_count(t, SCID_ICMP_TIME_EXCEEDED);
		/* With an inherited TTL the inner sender ran out, not us. */
		if (code != ICMP_EXC_TTL || !t->parms.iph.ttl)
			return 0;
		break;
	case ICMP_REDIRECT:
		scid_count(t, SCID_ICMP_REDIRECT);
		ipv4_redirect(skb, net, t->parms.link, IPPROTO_IPIP);
		return 0;
	default:
		return 0;
	}

	/*
	 * Anyone can claim that a "remote any" tunnel's packet went astray:
	 * its remote is whoever the inner route named, so the error proves
	 * nothing, and acting on it would fail every connection through the
	 * tunnel for SCID_ERR_WINDOW. The kernel's ipip_err ignores them too.
	 */
	if (!READ_ONCE(t->parms.iph.daddr))
		return 0;
	if (time_before(jiffies, READ_ONCE(t->err_time) + SCID_ERR_WINDOW))
		WRITE_ONCE(t->err_count, READ_ONCE(t->err_count) + 1);
	else
		WRITE_ONCE(t->err_count, 1);
	WRITE_ONCE(t->err_time, jiffies);
	return 0;
}

static struct xfrm_tunnel scid_handler __read_mostly = {
	.handler	= scid_rcv,
	.err_handler	= scid_err,
	.priority	= SCID_HANDLER_PRIORITY,
};

/* MPLS in IP (mplsip and any): tunnel4 keeps these handlers apart. */
static struct xfrm_tunnel scid_mpls_handler __read_mostly = {
	.handler	= scid_rcv_mpls,
	.err_handler	= scid_err,
	.priority	= SCID_HANDLER_PRIORITY,
};

static struct xfrm_tunnel scid_unclaimed_handler __read_mostly = {
	.handler	= scid_rcv_unclaimed,
	.err_handler	= scid_err_unclaimed,
	.priority	= SCID_UNCLAIMED_PRIORITY,
};

static struct xfrm_tunnel scid_unclaimed_mpls_handler __read_mostly = {
	.handler	= scid_rcv_unclaimed_mpls,
	.err_handler	= scid_err_unclaimed,
	.priority	= SCID_UNCLAIMED_PRIORITY,
};

/**
 * scid_rcv_register() - start receiving IPIP packets
 *
 * Return: 0 or an error from tunnel4.
 */
int scid_rcv_register(void)
{
	int err;

	err = xfrm4_tunnel_register(&scid_handler, AF_INET);
	if (err)
		return err;
	err = xfrm4_tunnel_register(&scid_unclaimed_handler, AF_INET);
	if (err)
		goto out_handler;
	/* tunnel4 refuses AF_MPLS on a kernel without MPLS: ipip as we are. */
	if (IS_ENABLED(CONFIG_MPLS)) {
		err = xfrm4_tunnel_register(&scid_mpls_handler, AF_MPLS);
		if (err)
			goto out_unclaimed;
		err = xfrm4_tunnel_register(&scid_unclaimed_mpls_handler,
					    AF_MPLS);
		if (err)
			goto out_mpls;
	}
	return 0;

out_mpls:
	xfrm4_tunnel_deregister(&scid_mpls_handler, AF_MPLS);
out_unclaimed:
	xfrm4_tunnel_deregister(&scid_unclaimed_handler, AF_INET);
out_handler:
	xfrm4_tunnel_deregister(&scid_handler, AF_INET);
	return err;
}

/**
 * scid_rcv_unregister() - stop receiving; returns after in-flight packets
 */
void scid_rcv_unregister(void)
{
	if (IS_ENABLED(CONFIG_MPLS)) {
		xfrm4_tunnel_deregister(&scid_unclaimed_mpls_handler, AF_MPLS);
		xfrm4_tunnel_deregister(&scid_mpls_handler, AF_MPLS);
	}
	xfrm4_tunnel_deregister(&scid_unclaimed_handler, AF_INET);
	xfrm4_tunnel_deregister(&scid_handler, AF_INET);
}
