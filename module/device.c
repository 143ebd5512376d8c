// SPDX-License-Identifier: GPL-2.0
/*
 * The tunnel net_device: setup, lifetime, creation and change. scid0, the
 * per-namespace control device, is the same type of device but is never in
 * the lookup table and never carries traffic.
 */
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <net/ip.h>
#include <net/route.h>

#include "scid_ipip.h"

#define SCID_FEATURES	(NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HIGHDMA | \
			 NETIF_F_GSO_SOFTWARE | NETIF_F_HW_CSUM)

const char scid_counter_names[SCID_COUNTER_MAX][ETH_GSTRING_LEN] = {
#define SCID_COUNTER(id, name, folds)	name,
#include "counters.h"
#undef SCID_COUNTER
};

/* SCID_S_* of each counter: the standard fields it adds to. */
static const u8 scid_counter_folds[SCID_COUNTER_MAX] = {
#define SCID_COUNTER(id, name, folds)	(folds),
#include "counters.h"
#undef SCID_COUNTER
};

static const struct net_device_ops scid_netdev_ops;

/**
 * scid_is_ours() - tell a scid_ipip device (tunnel or scid0) from others
 * @dev: any net device
 *
 * Return: true for devices of this driver.
 */
bool scid_is_ours(const struct net_device *dev)
{
	return dev->netdev_ops == &scid_netdev_ops;
}

/**
 * scid_count() - count one event (a drop, an ICMP error) on a tunnel
 * @t: tunnel
 * @c: counter
 *
 * Context: softirq or with bottom halves disabled (the data path).
 */
void scid_count(struct scid_tunnel *t, enum scid_counter c)
{
	struct scid_pcpu_counters *pc;

	if (c != SCID_RX_GRO_SKIPPED) {
		atomic64_inc(&t->counters[c]);
		return;
	}
	pc = this_cpu_ptr(t->pcpu_counters);
	u64_stats_update_begin(&pc->syncp);
	u64_stats_inc(&pc->gro_skipped);
	u64_stats_update_end(&pc->syncp);
}

/**
 * scid_counter_read() - total of one counter over all CPUs
 * @t: tunnel
 * @c: counter to read
 *
 * Return: events counted under @c since the tunnel was created.
 */
u64 scid_counter_read(const struct scid_tunnel *t, enum scid_counter c)
{
	u64 total = 0;
	int cpu;

	if (c != SCID_RX_GRO_SKIPPED)
		return atomic64_read(&t->counters[c]);
	for_each_possible_cpu(cpu) {
		const struct scid_pcpu_counters *pc =
			per_cpu_ptr(t->pcpu_counters, cpu);
		unsigned int start;
		u64 n;

		do {
			start = u64_stats_fetch_begin(&pc->syncp);
			n = u64_stats_read(&pc->gro_skipped);
		} while (u64_stats_fetch_retry(&pc->syncp, start));
		total += n;
	}
	return total;
}

static void scid_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *s)
{
	struct scid_tunnel *t = netdev_priv(dev);
	u8 to;
	u64 n;
	int c;

	dev_get_tstats64(dev, s);
	for (c = 0; c < SCID_COUNTER_MAX; c++) {
		to = scid_counter_folds[c];
		if (!to)
			continue;
		n = scid_counter_read(t, c);
		if (to & SCID_S_TX_DROPPED)
			s->tx_dropped += n;
		if (to & SCID_S_TX_CARRIER_ERRORS)
			s->tx_carrier_errors += n;
		if (to & SCID_S_COLLISIONS)
			s->collisions += n;
		if (to & SCID_S_TX_ERRORS)
			s->tx_errors += n;
		if (to & SCID_S_RX_LENGTH_ERRORS)
			s->rx_length_errors += n;
		if (to & SCID_S_RX_FRAME_ERRORS)
			s->rx_frame_errors += n;
		if (to & SCID_S_RX_ERRORS)
			s->rx_errors += n;
		if (to & SCID_S_RX_DROPPED)
			s->rx_dropped += n;
	}
}

/*
 * Only the operator's own MTU changes pin it (see scid_underlay_sync()).
 * A path MTU that probing found (pmtu.c) caps the pinned one as it caps
 * the underlay's: the pin is kept, and comes back when the path grows.
 */
static int scid_change_mtu(struct net_device *dev, int new_mtu)
{
	struct scid_tunnel *t = netdev_priv(dev);
	int probed;

	if (!t->mtu_auto) {
		WRITE_ONCE(t->mtu_pin, new_mtu);
		WRITE_ONCE(t->mtu_pinned, true);
		probed = READ_ONCE(t->pmtu.mtu);
		if (probed && probed < new_mtu)
			new_mtu = probed;
	}
	WRITE_ONCE(dev->mtu, new_mtu);
	return 0;
}

static int scid_get_iflink(const struct net_device *dev)
{
	const struct scid_tunnel *t = netdev_priv(dev);

	return READ_ONCE(t->parms.link);
}

/* `ip link` prints dev_addr and broadcast as "link/ipip LOCAL peer REMOTE". */
static void scid_sync_addrs(struct scid_tunnel *t)
{
	__dev_addr_set(t->dev, &t->parms.iph.saddr, 4);
	memcpy(t->dev->broadcast, &t->parms.iph.daddr, 4);
}

static int scid_dev_init(struct net_device *dev)
{
	struct scid_tunnel *t = netdev_priv(dev);

	t->dev = dev;
	/* A tunnel's was set by scid_tunnel_register(); scid0 lives in it. */
	if (!t->net)
		t->net = dev_net(dev);

	t->pcpu_counters = netdev_alloc_pcpu_stats(struct scid_pcpu_counters);
	if (!t->pcpu_counters)
		return -ENOMEM;

	t->parms.iph.version = 4;
	t->parms.iph.ihl = 5;
	/* scid0 carries IPv4; a tunnel's mode came with its parameters. */
	if (t->control)
		t->parms.iph.protocol = IPPROTO_IPIP;
	scid_sync_addrs(t);
	if (t->parms.iph.daddr)
		dev->flags |= IFF_POINTOPOINT;
	if (!t->control)
		dev->mtu = scid_lower_mtu(t);
	netdev_lockdep_set_classes(dev);
	return 0;
}

static void scid_dev_uninit(struct net_device *dev)
{
	struct scid_tunnel *t = netdev_priv(dev);
	struct scid_net *sn = scid_net(t->net);

	scid_ka_stop(t);
	scid_underlay_forget(t);
	if (!t->control)
		scid_table_del(&sn->table, t);
	else if (rcu_access_pointer(sn->ctl_dev) == dev)
		RCU_INIT_POINTER(sn->ctl_dev, NULL);
	scid_route_reset(t);
}

static void scid_dev_free(struct net_device *dev)
{
	struct scid_tunnel *t = netdev_priv(dev);

	scid_ka_free(t);
	scid_allow_destroy(t);
	scid_rx_cells_forget(dev);
	scid_route_reset(t);
	free_percpu(t->pcpu_counters);
}

/* Lets AF_PACKET senders omit the protocol on our header-less device. */
static __be16 scid_parse_protocol(const struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (skb_network_header(skb) < skb->head ||
	    skb_network_header(skb) + sizeof(*iph) > skb_tail_pointer(skb))
		return 0;
	return iph->version == 4 ? htons(ETH_P_IP) : 0;
}

static const struct header_ops scid_header_ops = {
	.parse_protocol	= scid_parse_protocol,
};

static int scid_open(struct net_device *dev)
{
	scid_ka_start(netdev_priv(dev));
	return 0;
}

/* Probes stop with the device; the core closes it before unregistering. */
static int scid_stop(struct net_device *dev)
{
	scid_ka_stop(netdev_priv(dev));
	return 0;
}

static const struct net_device_ops scid_netdev_ops = {
	.ndo_init		= scid_dev_init,
	.ndo_uninit		= scid_dev_uninit,
	.ndo_open		= scid_open,
	.ndo_stop		= scid_stop,
	.ndo_start_xmit		= scid_xmit,
	.ndo_siocdevprivate	= scid_siocdevprivate,
	.ndo_get_stats64	= scid_get_stats64,
	.ndo_get_iflink		= scid_get_iflink,
	.ndo_change_mtu		= scid_change_mtu,
};

static void scid_common_setup(struct net_device *dev)
{
	struct scid_tunnel *t = netdev_priv(dev);

	/* Empty until scid_table_add(): scid_table_del() relies on it. */
	INIT_LIST_HEAD(&t->table_node);
	INIT_HLIST_NODE(&t->lower_node);
	INIT_LIST_HEAD(&t->sync_node);
	scid_ka_setup(t);
	dev->netdev_ops		= &scid_netdev_ops;
	dev->header_ops		= &scid_header_ops;
	dev->ethtool_ops	= &scid_ethtool_ops;
	dev->needs_free_netdev	= true;
	dev->priv_destructor	= scid_dev_free;
	/* iptunnel_xmit() counts into the core-allocated dev->tstats. */
	dev->pcpu_stat_type	= NETDEV_PCPU_STAT_TSTATS;

	dev->type		= ARPHRD_TUNNEL;
	dev->flags		= IFF_NOARP;
	dev->addr_len		= 4;
	dev->hard_header_len	= 0;
	dev->min_mtu		= IPV4_MIN_MTU;
	dev->max_mtu		= IP_MAX_MTU - SCID_OUTER_HLEN;
	dev->mtu		= ETH_DATA_LEN - SCID_OUTER_HLEN;
	/* The lower device queues; a second qdisc here only adds latency. */
	dev->priv_flags		|= IFF_NO_QUEUE;
	scid_set_lltx(dev);
	/* Remote-less tunnels read the inner route's next hop on transmit. */
	netif_keep_dst(dev);

	dev->features		|= SCID_FEATURES;
	dev->hw_features	|= SCID_FEATURES;
}

/**
 * scid_tunnel_setup() - rtnl_link_ops setup of a tunnel device
 * @dev: freshly allocated device
 */
void scid_tunnel_setup(struct net_device *dev)
{
	scid_common_setup(dev);
}

/**
 * scid_ctl_setup() - setup of a namespace's control device scid0
 * @dev: freshly allocated device
 */
void scid_ctl_setup(struct net_device *dev)
{
	struct scid_tunnel *t = netdev_priv(dev);

	scid_common_setup(dev);
	t->control = true;
	scid_set_netns_local(dev);
}

/**
 * scid_tunnel_register() - register a tunnel device and make it reachable
 * @net: namespace of its outer packets and of @p's link (its table's)
 * @dev: device allocated with scid_tunnel_setup(), in its namespace, which
 *	 is @net's unless rtnetlink was asked for another (IFLA_LINK_NETNSID)
 * @p: validated, normalized parameters
 *
 * Context: RTNL held.
 * Return: 0, -EEXIST when another tunnel has the same endpoints, or an
 * error from register_netdevice() or the table. The device is left
 * unregistered; the caller frees it with free_netdev() in any case.
 */
int scid_tunnel_register(struct net *net, struct net_device *dev,
			 const struct ip_tunnel_parm *p)
{
	struct scid_tunnel *t = netdev_priv(dev);
	struct scid_net *sn = scid_net(net);
	int err;

	if (!t->external && scid_table_find_parms(&sn->table, p))
		return -EEXIST;
	t->net = net;
	t->parms = *p;
	err = register_netdevice(dev);
	if (err)
		return err;
	/* Only a registered device may be found by the receive path. */
	err = scid_table_add(&sn->table, t);
	if (err) {
		unregister_netdevice(dev);
		return err;
	}
	scid_underlay_sync(t);
	return 0;
}

/**
 * scid_tunnel_create() - create a tunnel for SIOCADDTUNNEL
 * @net: namespace to create it in
 * @p: validated, normalized parameters; an empty name means scid%d
 *
 * Context: RTNL held.
 * Return: the new tunnel or an ERR_PTR().
 */
struct scid_tunnel *scid_tunnel_create(struct net *net,
				       const struct ip_tunnel_parm *p)
{
	const char *name = p->name[0] ? p->name : "scid%d";
	struct net_device *dev;
	int err;

	dev = alloc_netdev(sizeof(struct scid_tunnel), name,
			   p->name[0] ? NET_NAME_USER : NET_NAME_ENUM,
			   scid_tunnel_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &scid_link_ops;

	err = scid_tunnel_register(net, dev, p);
	if (err) {
		/*
		 * As rtnl_newlink() does: free_netdev() knows every state a
		 * failed registration leaves, including a device a failing
		 * NETDEV_REGISTER notifier is still unregistering (freed by
		 * the todo then).
		 */
		free_netdev(dev);
		return ERR_PTR(err);
	}
	return netdev_priv(dev);
}

/* The transmit path reads these without locks, one field at a time. */
static void scid_parms_publish(struct scid_tunnel *t,
			       const struct ip_tunnel_parm *p)
{
	WRITE_ONCE(t->parms.iph.saddr, p->iph.saddr);
	WRITE_ONCE(t->parms.iph.daddr, p->iph.daddr);
	WRITE_ONCE(t->parms.iph.ttl, p->iph.ttl);
	WRITE_ONCE(t->parms.iph.tos, p->iph.tos);
	WRITE_ONCE(t->parms.iph.frag_off, p->iph.frag_off);
	WRITE_ONCE(t->parms.iph.protocol, p->iph.protocol);
	WRITE_ONCE(t->parms.link, p->link);
}

/**
 * scid_tunnel_change() - apply new parameters to a live tunnel
 * @t: the tunnel
 * @p: validated, normalized parameters; the name is ignored
 *
 * Context: RTNL held.
 * Return: 0, -EEXIST when the endpoints belong to another tunnel, -EINVAL
 * when the change would turn a point-to-point tunnel into a remote-less one
 * or back (the device flags cannot follow that while it is up).
 */
int scid_tunnel_change(struct scid_tunnel *t, const struct ip_tunnel_parm *p)
{
	struct scid_net *sn = scid_net(t->net);
	struct ip_tunnel_parm old = t->parms;
	struct scid_tunnel *other;
	int err;

	/* An external tunnel's addresses are its packets' (external.c). */
	if (t->external && (p->iph.daddr || p->iph.saddr))
		return -EINVAL;
	other = t->external ? NULL : scid_table_find_parms(&sn->table, p);
	if (other && other != t)
		return -EEXIST;
	if (!t->parms.iph.daddr != !p->iph.daddr)
		return -EINVAL;

	scid_table_del(&sn->table, t);
	scid_parms_publish(t, p);
	err = scid_table_add(&sn->table, t);
	if (err) {
		/* Back to what worked; its table slot was just freed. */
		scid_parms_publish(t, &old);
		if (scid_table_add(&sn->table, t))
			netdev_warn(t->dev, "lost its table entry\n");
		return err;
	}

	scid_route_reset(t);
	scid_sync_addrs(t);
	scid_underlay_sync(t);
	netdev_state_change(t->dev);
	return 0;
}

/**
 * scid_tunnel_set_fwmark() - give a live tunnel's outer packets a new mark
 * @t: the tunnel
 * @fwmark: the mark; 0 for none
 *
 * The cached outer route was chosen under the old mark: it goes at once,
 * and the underlay is read again, as the new route may leave through
 * another device with another MTU.
 *
 * Context: RTNL held.
 */
void scid_tunnel_set_fwmark(struct scid_tunnel *t, u32 fwmark)
{
	ASSERT_RTNL();
	if (t->fwmark == fwmark)
		return;
	WRITE_ONCE(t->fwmark, fwmark);
	scid_route_reset(t);
	scid_underlay_sync(t);
}
