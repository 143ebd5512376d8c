// SPDX-License-Identifier: GPL-2.0
/*
 * Validation of tunnel parameters, shared by the ioctls and rtnetlink so
 * both paths accept exactly the same configurations (docs/ioctl.md).
 */
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
 * Return: 0, -EINVAL for a bad field, -ENODEV for an unknown link device.
 */
int scid_parms_check(struct net *net, const struct ip_tunnel_parm *p,
		     const struct net_device *self)
{
	const struct iphdr *iph = &p->iph;

	if (iph->version != 4 || iph->ihl != 5)
		return -EINVAL;
	if (iph->protocol && iph->protocol != IPPROTO_IPIP)
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
	if (self && net_eq(dev_net(self), net) && p->link == self->ifindex)
		return -EINVAL;
	if (p->link && !__dev_get_by_index(net, p->link))
		return -ENODEV;
	return 0;
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
	p->iph.protocol = IPPROTO_IPIP;
	if (p->iph.ttl && p->iph.frag_off == htons(SCID_FRAG_OFF_INHERIT))
		p->iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
}

/**
 * scid_mtu_for_lower() - tunnel MTU for a given lower-device MTU
 * @lower_mtu: MTU of the device the outer packets leave through
 *
 * Return: @lower_mtu less the outer header, within the device's bounds.
 */
int scid_mtu_for_lower(int lower_mtu)
{
	return clamp_t(int, lower_mtu - SCID_OUTER_HLEN, IPV4_MIN_MTU,
		       IP_MAX_MTU - SCID_OUTER_HLEN);
}
