// SPDX-License-Identifier: GPL-2.0
/*
 * Validation of tunnel parameters, shared by the ioctls and rtnetlink so
 * both paths accept exactly the same configurations (docs/ioctl.md).
 */
#include <linux/capability.h>
#include <linux/netdevice.h>
#include <net/ip.h>

#include "scid_ipip.h"

/*
 * A point-to-point tunnel endpoint is a unicast address of a real host:
 * multicast, the limited broadcast and loopback never are.
 */
static bool scid_endpoint_ok(__be32 addr)
{
	return !ipv4_is_multicast(addr) && !ipv4_is_lbcast(addr) &&
	       !ipv4_is_loopback(addr);
}

/*
 * How many of our tunnels a packet crosses below a tunnel bound to @link,
 * following each one's own link: a tunnel bound to a tunnel sends through
 * it, one more header per level. The walk stops at a device that is not
 * ours and never goes deeper than the nesting the transmit path allows.
 * Return: the count, -ELOOP when @self is among them, -EMLINK when they
 * alone are already as deep as allowed.
 */
static int scid_links_below(struct net *net, int link,
			    const struct net_device *self)
{
	const struct scid_tunnel *t;
	struct net_device *dev;
	int depth = 0;

	while (link) {
		dev = __dev_get_by_index(net, link);
		if (!dev || !scid_is_ours(dev))
			break;
		if (dev == self)
			return -ELOOP;
		t = netdev_priv(dev);
		if (t->control)
			break;
		if (++depth >= SCID_MAX_NESTING)
			return -EMLINK;
		net = t->net;
		link = t->parms.link;
	}
	return depth;
}

/*
 * How many levels of our tunnels are bound on top of @dev, found through
 * the table's index by lower device. Bounded as scid_links_below() is.
 */
static int scid_links_above(const struct net_device *dev, int budget)
{
	struct scid_net *sn = scid_net(dev_net(dev));
	const struct scid_tunnel *t;
	int height = 0;

	if (!sn || budget <= 0)
		return 0;
	hash_for_each_possible(sn->table.by_lower, t, lower_node,
			       dev->ifindex)
		if (t->parms.link == dev->ifindex)
			height = max(height,
				     1 + scid_links_above(t->dev, budget - 1));
	return height;
}

/*
 * A link through our own tunnels may neither come back to @self nor stack
 * more tunnels, counting those already bound on top of @self, than the
 * transmit path nests: packets through such a chain could only be dropped,
 * and following MTUs down it would recurse as deep.
 */
static int scid_link_check(struct net *net, int link,
			   const struct net_device *self)
{
	int below, above = 0;

	if (self && net_eq(dev_net(self), net) && link == self->ifindex)
		return -ELOOP;
	below = scid_links_below(net, link, self);
	if (below < 0)
		return below;
	if (self && scid_is_ours(self))
		above = scid_links_above(self, SCID_MAX_NESTING);
	if (above + 1 + below > SCID_MAX_NESTING)
		return -EMLINK;
	return 0;
}

/**
 * scid_parms_check() - validate tunnel parameters from user space
 * @net: namespace the tunnel's outer packets live in
 * @p: parameters as received
 * @self: the tunnel being changed, or NULL when creating one
 *
 * Fields that IPIP cannot honour are refused rather than silently dropped,
 * so that a request never half-succeeds.
 *
 * Context: RTNL held.
 * Return: 0, -EINVAL for a bad field, -ENODEV for an unknown link device,
 * -ELOOP for a link that leads back to @self through our tunnels, -EMLINK
 * for one that stacks them deeper than packets may nest.
 */
int scid_parms_check(struct net *net, const struct ip_tunnel_parm *p,
		     const struct net_device *self)
{
	const struct iphdr *iph = &p->iph;

	if (iph->version != 4 || iph->ihl != 5)
		return -EINVAL;
	/* The mode: ipip, mplsip, or any (0) for both. */
	if (iph->protocol && iph->protocol != IPPROTO_IPIP &&
	    iph->protocol != IPPROTO_MPLS)
		return -EINVAL;
	if (iph->frag_off != htons(SCID_FRAG_OFF_PMTUDISC) &&
	    iph->frag_off != htons(SCID_FRAG_OFF_INHERIT) &&
	    iph->frag_off != htons(SCID_FRAG_OFF_NODF))
		return -EINVAL;
	if (iph->tot_len || iph->id || iph->check)
		return -EINVAL;
	if (p->i_flags || p->o_flags || p->i_key || p->o_key)
		return -EINVAL;
	if (!scid_endpoint_ok(iph->daddr) || !scid_endpoint_ok(iph->saddr))
		return -EINVAL;
	if (p->link < 0)
		return -EINVAL;
	if (p->link && !__dev_get_by_index(net, p->link))
		return -ENODEV;
	return scid_link_check(net, p->link, self);
}

/**
 * scid_parms_normalize() - bring accepted parameters to their stored form
 * @p: parameters that passed scid_parms_check()
 *
 * A fixed TTL turns "inherit DF" into path MTU discovery, as the kernel's
 * ipip does with nopmtudisc; an explicit nodf stays as asked.
 */
void scid_parms_normalize(struct ip_tunnel_parm *p)
{
	if (p->iph.ttl && p->iph.frag_off == htons(SCID_FRAG_OFF_INHERIT))
		p->iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
}

/**
 * scid_mtu_for_lower() - tunnel MTU for a given lower-device MTU
 * @lower_mtu: MTU of the device the outer packets leave through
 * @hlen: the outer headers (scid_outer_hlen())
 *
 * Return: @lower_mtu less the outer headers, within the device's bounds.
 */
int scid_mtu_for_lower(int lower_mtu, unsigned int hlen)
{
	return clamp_t(int, lower_mtu - (int)hlen, IPV4_MIN_MTU,
		       IP_MAX_MTU - (int)hlen);
}

/**
 * scid_may_manage() - whether the caller may change or delete a tunnel
 * @t: the tunnel
 *
 * A tunnel belongs to two namespaces once moved: the one its outer packets
 * live in and the one its device is in. Changing it acts on both, so both
 * owners must have granted CAP_NET_ADMIN, not only the one the request
 * came through.
 *
 * Return: true when the caller may.
 */
bool scid_may_manage(const struct scid_tunnel *t)
{
	return ns_capable(t->net->user_ns, CAP_NET_ADMIN) &&
	       ns_capable(dev_net(t->dev)->user_ns, CAP_NET_ADMIN);
}
