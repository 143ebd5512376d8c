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

/*
 * The device the outer packets leave through: the route's, else the link
 * device. NULL without either, or when the route leads back into @t.
 */
static struct net_device *scid_lower_dev(struct scid_tunnel *t)
{
	struct net_device *lower = NULL;

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
	return lower;
}

/*
 * A tunnel's lower device, as scid_lower_dev() last found it, indexes it
 * for the events on that device. A bound tunnel is always indexed by its
 * link: that device's state is its carrier, whatever the route says.
 */
static void scid_lower_index(struct scid_tunnel *t,
			     const struct net_device *lower)
{
	struct scid_table *table = &scid_net(t->net)->table;
	int ifindex = t->parms.link;

	if (!ifindex && lower)
		ifindex = lower->ifindex;
	if (ifindex == t->lower_ifindex && !hlist_unhashed(&t->lower_node))
		return;
	hash_del(&t->lower_node);
	t->lower_ifindex = ifindex;
	hash_add(table->by_lower, &t->lower_node, ifindex);
}

static int scid_mtu_over(struct scid_tunnel *t, const struct net_device *lower)
{
	int hlen = LL_MAX_HEADER;
	int lower_mtu = ETH_DATA_LEN;

	if (lower) {
		hlen = lower->hard_header_len + lower->needed_headroom;
		lower_mtu = lower->mtu;
	}
	t->dev->needed_headroom = min_t(int, hlen + scid_outer_hlen(t),
					SCID_MAX_HEADROOM);
	return scid_mtu_for_lower(lower_mtu, scid_outer_hlen(t));
}

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
	return scid_mtu_over(t, scid_lower_dev(t));
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

static void scid_underlay_apply(struct scid_tunnel *t)
{
	struct net_device *lower;
	int mtu, probed;

	scid_carrier_underlay(t, scid_underlay_usable(t));

	lower = scid_lower_dev(t);
	scid_lower_index(t, lower);
	mtu = scid_mtu_over(t, lower);
	if (t->mtu_pinned)
		mtu = t->mtu_pin;
	probed = READ_ONCE(t->pmtu.mtu);
	if (probed && probed < mtu)
		mtu = probed;
	if (mtu == t->dev->mtu)
		return;
	t->mtu_auto = true;
	dev_set_mtu(t->dev, mtu);
	t->mtu_auto = false;
}

/*
 * Tunnels bound to a tunnel follow its MTU, and setting a tunnel's MTU
 * raises the event that reaches the ones bound to it. Rather than let that
 * recurse once per level (and without end, were a loop of links ever to
 * form: a device moved into a namespace can take an ifindex a stale link
 * names), the event only queues them and the outermost caller works the
 * queue off, one tunnel at a time. Guarded by RTNL.
 */
static LIST_HEAD(scid_sync_queue);
static bool scid_sync_draining;

static void scid_underlay_queue(struct scid_tunnel *t)
{
	if (list_empty(&t->sync_node))
		list_add_tail(&t->sync_node, &scid_sync_queue);
}

static void scid_underlay_drain(void)
{
	struct scid_tunnel *t;

	if (scid_sync_draining)
		return;
	scid_sync_draining = true;
	while ((t = list_first_entry_or_null(&scid_sync_queue,
					     struct scid_tunnel, sync_node))) {
		list_del_init(&t->sync_node);
		scid_underlay_apply(t);
	}
	scid_sync_draining = false;
}

/**
 * scid_underlay_sync() - bring carrier and MTU in line with the underlay
 * @t: tunnel
 *
 * Tunnels bound to @t follow before this returns.
 *
 * Context: RTNL held.
 */
void scid_underlay_sync(struct scid_tunnel *t)
{
	ASSERT_RTNL();
	scid_underlay_queue(t);
	scid_underlay_drain();
}

/**
 * scid_mtu_pin() - pin a tunnel's MTU, or let it follow the underlay again
 * @t: tunnel
 * @mtu: the MTU to keep, in [min_mtu, max_mtu]; 0 to follow the underlay
 *
 * Pins even when @mtu is the MTU the tunnel already has, which
 * dev_set_mtu() alone would not (it skips an unchanged value).
 *
 * Context: RTNL held.
 * Return: 0 or the error of dev_set_mtu().
 */
int scid_mtu_pin(struct scid_tunnel *t, unsigned int mtu)
{
	int err;

	ASSERT_RTNL();
	if (!mtu) {
		WRITE_ONCE(t->mtu_pinned, false);
		scid_underlay_sync(t);
		return 0;
	}
	err = dev_set_mtu(t->dev, mtu);
	if (err)
		return err;
	WRITE_ONCE(t->mtu_pin, mtu);
	WRITE_ONCE(t->mtu_pinned, true);
	return 0;
}

/**
 * scid_underlay_forget() - take a tunnel out of the underlay's index and queue
 * @t: tunnel going away
 *
 * Context: RTNL held.
 */
void scid_underlay_forget(struct scid_tunnel *t)
{
	hash_del(&t->lower_node);
	list_del_init(&t->sync_node);
}

/*
 * The table of @net, or NULL when @net has none: a namespace whose setup
 * failed before our pernet init ran still unregisters its loopback on the
 * way out, and net_generic() has nothing of ours for it.
 */
static struct scid_net *scid_underlay_net(struct net *net)
{
	return scid_net(net);
}

/*
 * An event on @dev reaches the tunnels indexed by it at once: those bound
 * to it, and the unbound ones whose route led through it when last read.
 * Events on our own tunnels matter only to tunnels explicitly bound to
 * them; routes over a tunnel are caught by the transmit path instead,
 * which keeps one MTU change from cascading over every tunnel. A device
 * coming or going may also move the routes of unbound tunnels elsewhere:
 * those are re-read by the namespace's work, once for a burst of events,
 * so that no event costs a route lookup per tunnel under RTNL.
 */
static void scid_underlay_event(struct net *net, struct net_device *dev,
				unsigned long event)
{
	struct scid_net *sn = scid_underlay_net(net);
	bool ours = scid_is_ours(dev);
	struct scid_tunnel *t;

	if (!sn)
		return;
	hash_for_each_possible(sn->table.by_lower, t, lower_node,
			       dev->ifindex) {
		if (t->lower_ifindex != dev->ifindex || t->dev == dev)
			continue;
		if (t->parms.link || !ours)
			scid_underlay_queue(t);
	}
	scid_underlay_drain();
	if (!ours && event != NETDEV_CHANGEMTU && !sn->dying &&
	    !list_empty(&sn->table.all))
		schedule_work(&sn->underlay_work);
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
		scid_underlay_event(dev_net(dev), dev, event);
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
	struct scid_net *sn = scid_underlay_net(net);
	struct scid_tunnel *t;

	if (!sn || (event != NETDEV_UP && event != NETDEV_DOWN))
		return NOTIFY_DONE;
	scid_table_for_each(t, &sn->table)
		if (t->parms.iph.saddr == ifa->ifa_local)
			scid_underlay_queue(t);
	scid_underlay_drain();
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
		scid_underlay_queue(t);
	scid_underlay_drain();
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
