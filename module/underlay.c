// SPDX-License-Identifier: GPL-2.0
/*
 * Following the underlay. A tunnel's MTU tracks the device its outer
 * packets leave through, unless the operator set one, and its carrier says
 * whether it can work at all: its link device up and its local address
 * present on the host.
 */
#include <linux/inetdevice.h>
#include <net/ip.h>
#include <net/route.h>

#include "scid_ipip.h"

/**
 * scid_lower_mtu() - MTU the tunnel should have over its current underlay
 * @t: tunnel
 *
 * Also sizes the headroom for the lower device. Without a route or a link
 * device, Ethernet is assumed.
 *
 * Context: RTNL held.
 * Return: the MTU.
 */
int scid_lower_mtu(struct scid_tunnel *t)
{
	struct net_device *lower = NULL;
	int hlen = LL_MAX_HEADER;
	int lower_mtu = ETH_DATA_LEN;

	if (t->parms.iph.daddr) {
		struct flowi4 fl4;
		struct rtable *rt;

		scid_flow_init(&fl4, t, t->parms.iph.daddr, t->parms.iph.tos);
		rt = ip_route_output_key(t->net, &fl4);
		if (!IS_ERR(rt)) {
			if (rt->dst.dev != t->dev)
				lower = rt->dst.dev;
			ip_rt_put(rt);
		}
	}
	if (!lower && t->parms.link)
		lower = __dev_get_by_index(t->net, t->parms.link);
	if (lower) {
		hlen = lower->hard_header_len + lower->needed_headroom;
		lower_mtu = lower->mtu;
	}
	t->dev->needed_headroom = min(hlen + SCID_OUTER_HLEN,
				      SCID_MAX_HEADROOM);
	return scid_mtu_for_lower(lower_mtu);
}

static bool scid_underlay_usable(const struct scid_tunnel *t)
{
	if (t->parms.link) {
		struct net_device *lower;

		lower = __dev_get_by_index(t->net, t->parms.link);
		if (!lower || !netif_running(lower) || !netif_carrier_ok(lower))
			return false;
	}
	if (t->parms.iph.saddr &&
	    !__ip_dev_find(t->net, t->parms.iph.saddr, false))
		return false;
	return true;
}

/**
 * scid_underlay_sync() - bring carrier and MTU in line with the underlay
 * @t: tunnel
 *
 * Context: RTNL held.
 */
void scid_underlay_sync(struct scid_tunnel *t)
{
	int mtu;

	if (scid_underlay_usable(t))
		netif_carrier_on(t->dev);
	else
		netif_carrier_off(t->dev);

	mtu = scid_lower_mtu(t);
	if (t->mtu_pinned || mtu == t->dev->mtu)
		return;
	t->mtu_auto = true;
	dev_set_mtu(t->dev, mtu);
	t->mtu_auto = false;
}

/*
 * The table of @net, or NULL when @net has none: a namespace whose setup
 * failed before our pernet init ran still unregisters its loopback on the
 * way out, and net_generic() has nothing of ours for it.
 */
static struct scid_table *scid_underlay_table(struct net *net)
{
	struct scid_net *sn = scid_net(net);

	return sn ? &sn->table : NULL;
}

/*
 * Which tunnels an event on @dev can affect: those bound to it, and the
 * unbound ones, whose route may lead through it. Events on our own tunnels
 * matter only to tunnels explicitly bound to them; routes over a tunnel
 * are caught by the transmit path instead, which keeps one MTU change from
 * cascading over every tunnel.
 */
static void scid_underlay_event(struct net *net, struct net_device *dev)
{
	struct scid_table *table = scid_underlay_table(net);
	bool ours = scid_is_ours(dev);
	struct scid_tunnel *t;

	if (!table)
		return;
	scid_table_for_each(t, table) {
		if (t->dev == dev)
			continue;
		if (t->parms.link == dev->ifindex || (!t->parms.link && !ours))
			scid_underlay_sync(t);
	}
}

static int scid_netdev_event(struct notifier_block *nb,
			     unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_CHANGEMTU:
	case NETDEV_UNREGISTER:
		scid_underlay_event(dev_net(dev), dev);
		break;
	}
	return NOTIFY_DONE;
}

/* A local address came or went: tunnels using it gain or lose carrier. */
static int scid_inetaddr_event(struct notifier_block *nb,
			       unsigned long event, void *ptr)
{
	const struct in_ifaddr *ifa = ptr;
	struct net *net = dev_net(ifa->ifa_dev->dev);
	struct scid_table *table = scid_underlay_table(net);
	struct scid_tunnel *t;

	if (!table || (event != NETDEV_UP && event != NETDEV_DOWN))
		return NOTIFY_DONE;
	scid_table_for_each(t, table)
		if (t->parms.iph.saddr == ifa->ifa_local)
			scid_underlay_sync(t);
	return NOTIFY_DONE;
}

/**
 * scid_underlay_work() - re-read the underlay of every tunnel in a netns
 * @work: the namespace's underlay_work
 *
 * Scheduled by the transmit path when an outer route now leaves through a
 * device whose MTU disagrees with the tunnel's.
 */
void scid_underlay_work(struct work_struct *work)
{
	struct scid_net *sn = container_of(work, struct scid_net,
					   underlay_work);
	struct scid_tunnel *t;

	rtnl_lock();
	scid_table_for_each(t, &sn->table)
		scid_underlay_sync(t);
	rtnl_unlock();
}

static struct notifier_block scid_netdev_notifier = {
	.notifier_call = scid_netdev_event,
};

static struct notifier_block scid_inetaddr_notifier = {
	.notifier_call = scid_inetaddr_event,
};

/**
 * scid_underlay_register() - start following device and address changes
 *
 * Return: 0 or an error from the notifier chains.
 */
int scid_underlay_register(void)
{
	int err;

	err = register_netdevice_notifier(&scid_netdev_notifier);
	if (err)
		return err;
	err = register_inetaddr_notifier(&scid_inetaddr_notifier);
	if (err)
		unregister_netdevice_notifier(&scid_netdev_notifier);
	return err;
}

/**
 * scid_underlay_unregister() - stop following the underlay
 */
void scid_underlay_unregister(void)
{
	unregister_inetaddr_notifier(&scid_inetaddr_notifier);
	unregister_netdevice_notifier(&scid_netdev_notifier);
}
