// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: claim IPIP packets whose outer addresses match one of our
 * tunnels, check the inner header, and hand the inner packet to the stack
 * as if it had arrived on the tunnel device.
 */
#include <linux/icmp.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "scid_ipip.h"

/*
 * tunnel4 runs its handlers in ascending priority; the kernel's vti, ipip
 * and xfrm tunnels hold 0 to 4. Going first lets a scid tunnel's exact
 * endpoints win, and every packet we do not claim passes on untouched.
 */
#define SCID_HANDLER_PRIORITY	(-1)

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

static int scid_rcv(struct sk_buff *skb)
{
	const struct iphdr *outer = ip_hdr(skb);
	enum scid_drop_reason reason;
	struct scid_tunnel *t;
	u8 outer_tos;

	t = scid_table_find_rcv(&scid_net(dev_net(skb->dev))->table,
				outer->saddr, outer->daddr,
				skb->dev->ifindex);
	if (!t)
		return -1;

	outer_tos = outer->tos;
	if (!xfrm4_policy_check(NULL, XFRM_POLICY_IN, skb)) {
		reason = SCID_DROP_RX_POLICY;
		goto drop;
	}
	if (iptunnel_pull_header(skb, 0, htons(ETH_P_IP),
				 !net_eq(t->net, dev_net(t->dev)))) {
		reason = SCID_DROP_RX_MALFORMED;
		goto drop;
	}
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	if (!scid_inner_header_ok(skb)) {
		reason = SCID_DROP_RX_MALFORMED;
		goto drop;
	}
	/* RFC 6040: CE survives decapsulation; CE over not-ECT is invalid. */
	if (INET_ECN_decapsulate(skb, outer_tos, ip_hdr(skb)->tos) > 1) {
		reason = SCID_DROP_RX_ECN;
		goto drop;
	}

	dev_sw_netstats_rx_add(t->dev, skb->len);
	skb->dev = t->dev;
	gro_cells_receive(&t->gro_cells, skb);
	return 0;

drop:
	scid_drop(t, reason);
	kfree_skb(skb);
	return 0;
}

/*
 * ICMP about one of our outer packets: skb->data is the outer header we
 * sent. Path MTU and redirects update the outer route; hard errors are
 * passed on to inner senders by the transmit path.
 */
static int scid_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const int type = icmp_hdr(skb)->type;
	const int code = icmp_hdr(skb)->code;
	struct net *net = dev_net(skb->dev);
	struct scid_tunnel *t;

	t = scid_table_find_rcv(&scid_net(net)->table, iph->daddr, iph->saddr,
				skb->dev->ifindex);
	if (!t)
		return -ENOENT;

	switch (type) {
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED) {
			ipv4_update_pmtu(skb, net, info, t->parms.link,
					 IPPROTO_IPIP);
			return 0;
		}
		if (code == ICMP_SR_FAILED)
			return 0;
		break;
	case ICMP_TIME_EXCEEDED:
		/* With an inherited TTL the inner sender ran out, not us. */
		if (code != ICMP_EXC_TTL || !t->parms.iph.ttl)
			return 0;
		break;
	case ICMP_REDIRECT:
		ipv4_redirect(skb, net, t->parms.link, IPPROTO_IPIP);
		return 0;
	default:
		return 0;
	}

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

/**
 * scid_rcv_register() - start receiving IPIP packets
 *
 * Return: 0 or an error from tunnel4.
 */
int scid_rcv_register(void)
{
	return xfrm4_tunnel_register(&scid_handler, AF_INET);
}

/**
 * scid_rcv_unregister() - stop receiving; returns after in-flight packets
 */
void scid_rcv_unregister(void)
{
	xfrm4_tunnel_deregister(&scid_handler, AF_INET);
}
