// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the outer header. A real tunnel is created in init_net over a
 * capture device (no address, no route: the route to the remote is taken
 * on-link through the tunnel's link device), packets go through
 * scid_xmit(), and the capture device keeps the outer header that came
 * out: TTL and TOS fixed or inherited, ECN per RFC 6040, DF per policy,
 * oversized packets refused or fragmented.
 */
#include <kunit/test.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "scid_ipip.h"
#include "kunit.h"

#define SCID_TEST_REMOTE	SCID_TEST_IP(198, 51, 100, 2)
#define SCID_TEST_MAX_TUNNELS	8

/* What left through the capture device: a count, and the first packet. */
struct scid_test_seen {
	unsigned int	packets;
	struct iphdr	outer;
	struct iphdr	inner;
	bool		have_inner;
	bool		csum_ok;
	unsigned int	len;
};

struct scid_test_capture {
	/* The device's xmit against the test reading and resetting. */
	spinlock_t		lock;
	struct scid_test_seen	seen;
};

struct scid_xmit_ctx {
	struct net_device	*lower;
	struct scid_tunnel	*tunnels[SCID_TEST_MAX_TUNNELS];
	unsigned int		n;
};

/*
 * The test module has its own copy of the driver's per-namespace state
 * (scid_net_id is this module's); scid0 and the receive hooks stay with
 * scid_ipip.ko.
 */
static int __net_init scid_test_net_init(struct net *net)
{
	return scid_net_state_init(scid_net(net), net);
}

static void __net_exit scid_test_net_exit(struct net *net)
{
	scid_net_state_destroy(scid_net(net));
}

static struct pernet_operations scid_test_net_ops = {
	.init	= scid_test_net_init,
	.exit	= scid_test_net_exit,
	.id	= &scid_net_id,
	.size	= sizeof(struct scid_net),
};

static netdev_tx_t scid_test_lower_xmit(struct sk_buff *skb,
					struct net_device *dev)
{
	struct scid_test_capture *cap = netdev_priv(dev);
	const struct iphdr *outer, *inner;
	struct iphdr _outer, _inner;
	struct scid_test_seen *seen;

	outer = skb_header_pointer(skb, skb_network_offset(skb),
				   sizeof(_outer), &_outer);
	if (skb->protocol != htons(ETH_P_IP) || !outer ||
	    (outer->protocol != IPPROTO_IPIP && outer->protocol != IPPROTO_MPLS))
		goto out;

	spin_lock(&cap->lock);
	seen = &cap->seen;
	if (!seen->packets++) {
		seen->outer = *outer;
		seen->len = skb->len - skb_network_offset(skb);
		seen->csum_ok = !ip_fast_csum(outer, outer->ihl);
		inner = skb_header_pointer(skb, skb_network_offset(skb) +
					   outer->ihl * 4, sizeof(_inner),
					   &_inner);
		seen->have_inner = inner && !(outer->frag_off &
					      htons(IP_OFFSET));
		if (seen->have_inner)
			seen->inner = *inner;
	}
	spin_unlock(&cap->lock);
out:
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops scid_test_lower_ops = {
	.ndo_start_xmit	= scid_test_lower_xmit,
};

/* Point-to-point and ARP-less: no neighbour resolution, no IPv6 autoconf. */
static void scid_test_lower_setup(struct net_device *dev)
{
	struct scid_test_capture *cap = netdev_priv(dev);

	spin_lock_init(&cap->lock);
	dev->netdev_ops = &scid_test_lower_ops;
	dev->needs_free_netdev = true;
	dev->type = ARPHRD_TUNNEL;
	dev->flags = IFF_NOARP | IFF_POINTOPOINT;
	dev->priv_flags |= IFF_NO_QUEUE;
	scid_set_lltx(dev);
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = IPV4_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
}

static int scid_xmit_test_init(struct kunit *test)
{
	struct scid_xmit_ctx *ctx;
	struct net_device *lower;
	int err;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	lower = alloc_netdev(sizeof(struct scid_test_capture), "scidktlo%d",
			     NET_NAME_ENUM, scid_test_lower_setup);
	if (!lower)
		return -ENOMEM;

	rtnl_lock();
	err = register_netdevice(lower);
	if (err) {
		rtnl_unlock();
		free_netdev(lower);
		return err;
	}
	err = dev_open(lower, NULL);
	if (err)
		unregister_netdevice(lower);
	rtnl_unlock();
	if (err)
		return err;

	ctx->lower = lower;
	test->priv = ctx;
	return 0;
}

static void scid_xmit_test_exit(struct kunit *test)
{
	struct scid_xmit_ctx *ctx = test->priv;
	unsigned int i;

	if (!ctx)
		return;
	rtnl_lock();
	for (i = 0; i < ctx->n; i++)
		unregister_netdevice(ctx->tunnels[i]->dev);
	unregister_netdevice(ctx->lower);
	rtnl_unlock();
}

/* The suite's tunnels receive, through the cells a module load sets up. */
static int scid_xmit_suite_init(struct kunit_suite *suite)
{
	int err;

	err = scid_rx_cells_init();
	if (err)
		return err;
	err = register_pernet_subsys(&scid_test_net_ops);
	if (err)
		scid_rx_cells_destroy();
	return err;
}

static void scid_xmit_suite_exit(struct kunit_suite *suite)
{
	unregister_pernet_subsys(&scid_test_net_ops);
	scid_rx_cells_destroy();
}

/*
 * A tunnel to @remote bound to @link, its parameters validated and
 * normalized as the ioctls and rtnetlink do; NULL and the error when they
 * are refused.
 */
static struct scid_tunnel *scid_test_tunnel_on(struct kunit *test,
					       __be32 remote, int link,
					       u8 ttl, u8 tos, u16 frag_off,
					       int *errp)
{
	struct scid_xmit_ctx *ctx = test->priv;
	struct scid_tunnel *t = NULL;
	struct ip_tunnel_parm p = {};
	int err;

	KUNIT_ASSERT_LT(test, ctx->n, SCID_TEST_MAX_TUNNELS);
	strscpy(p.name, "scidkt%d", sizeof(p.name));
	p.iph.version = 4;
	p.iph.ihl = 5;
	p.iph.ttl = ttl;
	p.iph.tos = tos;
	p.iph.frag_off = htons(frag_off);
	p.iph.daddr = remote;
	p.link = link;

	rtnl_lock();
	err = scid_parms_check(&init_net, &p, NULL);
	if (!err) {
		scid_parms_normalize(&p);
		t = scid_tunnel_create(&init_net, &p);
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			t = NULL;
		}
	}
	rtnl_unlock();
	if (t)
		ctx->tunnels[ctx->n++] = t;
	*errp = err;
	return t;
}

/* A tunnel to @remote through the capture device. */
static struct scid_tunnel *scid_test_tunnel(struct kunit *test, __be32 remote,
					    u8 ttl, u8 tos, u16 frag_off)
{
	struct scid_xmit_ctx *ctx = test->priv;
	struct scid_tunnel *t;
	int err;

	t = scid_test_tunnel_on(test, remote, ctx->lower->ifindex, ttl, tos,
				frag_off, &err);
	KUNIT_ASSERT_EQ(test, err, 0);
	return t;
}

static void scid_test_xmit(struct scid_tunnel *t, struct sk_buff *skb)
{
	/* As in ndo_start_xmit: bottom halves off, RCU held. */
	skb->dev = t->dev;
	rcu_read_lock_bh();
	scid_xmit(skb, t->dev);
	rcu_read_unlock_bh();
}

static struct scid_test_seen scid_test_seen(struct kunit *test, bool reset)
{
	struct scid_xmit_ctx *ctx = test->priv;
	struct scid_test_capture *cap = netdev_priv(ctx->lower);
	struct scid_test_seen seen;

	spin_lock_bh(&cap->lock);
	seen = cap->seen;
	if (reset)
		memset(&cap->seen, 0, sizeof(cap->seen));
	spin_unlock_bh(&cap->lock);
	return seen;
}

/* Send one inner packet, return what the capture device saw of it. */
static struct scid_test_seen scid_test_send(struct kunit *test,
					    struct scid_tunnel *t,
					    unsigned int len, u8 tos, u8 ttl,
					    __be16 frag_off)
{
	scid_test_seen(test, true);
	scid_test_xmit(t, scid_test_ipv4_skb(test, len, tos, ttl, frag_off));
	return scid_test_seen(test, false);
}

static void scid_test_flow(struct kunit *test)
{
	struct scid_tunnel *t;
	struct flowi4 fl4;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->parms.iph.saddr = SCID_TEST_IP(192, 0, 2, 1);
	t->parms.iph.daddr = SCID_TEST_REMOTE;
	t->parms.link = 7;

	memset(&fl4, 0xff, sizeof(fl4));
	scid_flow_init(&fl4, t, SCID_TEST_IP(203, 0, 113, 9), 0xbb);
	KUNIT_EXPECT_EQ(test, ntohl(fl4.daddr),
			ntohl(SCID_TEST_IP(203, 0, 113, 9)));
	KUNIT_EXPECT_EQ(test, ntohl(fl4.saddr), ntohl(SCID_TEST_IP(192, 0, 2, 1)));
	KUNIT_EXPECT_EQ(test, fl4.flowi4_oif, 7);
	KUNIT_EXPECT_EQ(test, fl4.flowi4_proto, IPPROTO_IPIP);
	/* The route depends on DSCP, never on the ECN bits. */
	KUNIT_EXPECT_EQ(test, scid_flow_tos(&fl4), 0xb8);
	KUNIT_EXPECT_EQ(test, fl4.flowi4_mark, 0U);
	KUNIT_EXPECT_EQ(test, fl4.flowi4_flags, 0U);
	KUNIT_EXPECT_EQ(test, fl4.flowi4_scope, RT_SCOPE_UNIVERSE);

	t->parms.iph.saddr = 0;
	t->parms.link = 0;
	scid_flow_init(&fl4, t, SCID_TEST_REMOTE, 0x03);
	KUNIT_EXPECT_EQ(test, ntohl(fl4.saddr), 0U);
	KUNIT_EXPECT_EQ(test, fl4.flowi4_oif, 0);
	KUNIT_EXPECT_EQ(test, scid_flow_tos(&fl4), 0);

	t->fwmark = 0x2a;
	scid_flow_init(&fl4, t, SCID_TEST_REMOTE, 0);
	KUNIT_EXPECT_EQ(test, fl4.flowi4_mark, 0x2aU);
}

static void scid_test_df_policy(struct kunit *test)
{
	const __be16 pmtudisc = htons(SCID_FRAG_OFF_PMTUDISC);
	const __be16 inherit = htons(SCID_FRAG_OFF_INHERIT);
	const __be16 nodf = htons(SCID_FRAG_OFF_NODF);
	const __be16 df = htons(IP_DF);

	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(pmtudisc, 0)), IP_DF);
	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(pmtudisc, df)), IP_DF);
	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(nodf, 0)), 0);
	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(nodf, df)), 0);
	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(inherit, 0)), 0);
	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(inherit, df)), IP_DF);
	/* Only DF is taken from the inner header, never MF or the offset. */
	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(inherit, htons(IP_MF | 185))), 0);
	KUNIT_EXPECT_EQ(test, ntohs(scid_outer_df(inherit, htons(IP_DF | IP_MF))), IP_DF);
}

static void scid_test_too_big(struct kunit *test)
{
	struct sk_buff *skb;

	skb = scid_test_ipv4_skb(test, 1480, 0, 64, 0);
	KUNIT_EXPECT_FALSE(test, scid_outer_too_big(skb, 1480));
	KUNIT_EXPECT_TRUE(test, scid_outer_too_big(skb, 1479));
	KUNIT_EXPECT_FALSE(test, scid_outer_too_big(skb, 65535));
	kfree_skb(skb);
}

/* A TCP super-packet fits when each of its segments does. */
static void scid_test_too_big_gso(struct kunit *test)
{
	struct sk_buff *skb;
	struct tcphdr *th;

	skb = scid_test_ipv4_skb(test, 20 + 20 + 4000, 0, 64, htons(IP_DF));
	ip_hdr(skb)->protocol = IPPROTO_TCP;
	skb_set_transport_header(skb, 20);
	th = tcp_hdr(skb);
	th->doff = 5;
	skb_shinfo(skb)->gso_size = 1400;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;

	/* Each segment: 20 + 20 + 1400 bytes. */
	KUNIT_EXPECT_FALSE(test, scid_outer_too_big(skb, 1440));
	KUNIT_EXPECT_TRUE(test, scid_outer_too_big(skb, 1439));
	/* The whole super-packet is far bigger, and that does not matter. */
	KUNIT_EXPECT_FALSE(test, scid_outer_too_big(skb, 1500));

	th->doff = 8;
	KUNIT_EXPECT_TRUE(test, scid_outer_too_big(skb, 1440));
	KUNIT_EXPECT_FALSE(test, scid_outer_too_big(skb, 1452));
	skb_shinfo(skb)->gso_size = 0;
	kfree_skb(skb);
}

/* The MTU is the link device's less the outer header, within bounds. */
static void scid_test_mtu_follows_lower(struct kunit *test)
{
	struct scid_xmit_ctx *ctx = test->priv;
	struct scid_tunnel *t;
	int err;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, t->dev->mtu, 1480U);
	KUNIT_EXPECT_GE(test, t->dev->needed_headroom,
			(unsigned short)SCID_OUTER_HLEN);

	rtnl_lock();
	err = dev_set_mtu(ctx->lower, 9000);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	t = scid_test_tunnel(test, SCID_TEST_IP(198, 51, 100, 3), 0, 0, 0);
	KUNIT_EXPECT_EQ(test, t->dev->mtu, 8980U);

	rtnl_lock();
	err = dev_set_mtu(ctx->lower, IPV4_MIN_MTU);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	t = scid_test_tunnel(test, SCID_TEST_IP(198, 51, 100, 4), 0, 0, 0);
	KUNIT_EXPECT_EQ(test, t->dev->mtu, (unsigned int)IPV4_MIN_MTU);
}

/* An MTU pinned at the value it has stays; 0 follows the link again at once. */
static void scid_test_mtu_pin(struct kunit *test)
{
	struct scid_xmit_ctx *ctx = test->priv;
	struct scid_tunnel *t;
	int err;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	KUNIT_ASSERT_EQ(test, t->dev->mtu, 1480U);

	rtnl_lock();
	err = scid_mtu_pin(t, 1480);
	if (!err)
		err = dev_set_mtu(ctx->lower, 9000);
	scid_underlay_sync(t);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_TRUE(test, t->mtu_pinned);
	KUNIT_EXPECT_EQ(test, t->dev->mtu, 1480U);

	rtnl_lock();
	err = scid_mtu_pin(t, 0);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_FALSE(test, t->mtu_pinned);
	KUNIT_EXPECT_EQ(test, t->dev->mtu, 8980U);

	/* Out of the device's range: refused, and nothing pinned. */
	rtnl_lock();
	err = scid_mtu_pin(t, IPV4_MIN_MTU - 1);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	KUNIT_EXPECT_FALSE(test, t->mtu_pinned);
	KUNIT_EXPECT_EQ(test, t->dev->mtu, 8980U);
}

static int scid_test_relink(struct scid_tunnel *t, int link)
{
	struct ip_tunnel_parm p = t->parms;
	int err;

	p.link = link;
	rtnl_lock();
	err = scid_parms_check(t->net, &p, t->dev);
	rtnl_unlock();
	return err;
}

/*
 * Tunnels bound to tunnels: as deep as packets nest and no deeper, never
 * in a loop, and each level's MTU follows the one below before
 * dev_set_mtu() returns.
 */
static void scid_test_link_chain(struct kunit *test)
{
	struct scid_xmit_ctx *ctx = test->priv;
	struct scid_tunnel *chain[SCID_MAX_NESTING], *t;
	int i, err, link = ctx->lower->ifindex;
	const int top = SCID_MAX_NESTING - 1;

	for (i = 0; i <= top; i++) {
		chain[i] = scid_test_tunnel_on(test,
					       SCID_TEST_IP(198, 51, 100, 10 + i),
					       link, 0, 0, 0, &err);
		KUNIT_ASSERT_EQ(test, err, 0);
		KUNIT_EXPECT_EQ(test, chain[i]->dev->mtu, 1480U - 20 * i);
		link = chain[i]->dev->ifindex;
	}
	t = scid_test_tunnel_on(test, SCID_TEST_IP(198, 51, 100, 30), link,
				0, 0, 0, &err);
	KUNIT_EXPECT_EQ(test, err, -EMLINK);
	KUNIT_EXPECT_PTR_EQ(test, t, (struct scid_tunnel *)NULL);

	KUNIT_EXPECT_EQ(test, scid_test_relink(chain[0], link), -ELOOP);
	KUNIT_EXPECT_EQ(test, scid_test_relink(chain[top], link), -ELOOP);
	KUNIT_EXPECT_EQ(test, scid_test_relink(chain[top], ctx->lower->ifindex),
			0);
	/* Under the stack, what is bound on top of it counts too. */
	t = scid_test_tunnel_on(test, SCID_TEST_IP(198, 51, 100, 31),
				ctx->lower->ifindex, 0, 0, 0, &err);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, scid_test_relink(chain[0], t->dev->ifindex),
			-EMLINK);

	/* main.c is not in this module: follow the underlay for this case. */
	KUNIT_ASSERT_EQ(test, scid_underlay_register(), 0);
	rtnl_lock();
	err = dev_set_mtu(ctx->lower, 1400);
	rtnl_unlock();
	for (i = 0; i <= top; i++)
		KUNIT_EXPECT_EQ(test, chain[i]->dev->mtu, 1380U - 20 * i);
	scid_underlay_unregister();
	KUNIT_EXPECT_EQ(test, err, 0);
}

static void scid_test_outer_basics(struct kunit *test)
{
	struct scid_test_seen seen;
	struct scid_tunnel *t;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	seen = scid_test_send(test, t, 100, 0, 33, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, (int)seen.outer.version, 4);
	KUNIT_EXPECT_EQ(test, seen.outer.ihl * 4, 20);
	KUNIT_EXPECT_EQ(test, seen.outer.protocol, IPPROTO_IPIP);
	KUNIT_EXPECT_EQ(test, ntohl(seen.outer.daddr), ntohl(SCID_TEST_REMOTE));
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.tot_len), 120);
	KUNIT_EXPECT_EQ(test, seen.len, 120U);
	KUNIT_EXPECT_TRUE(test, seen.csum_ok);
	/* The inner packet travels untouched, its TTL included. */
	KUNIT_ASSERT_TRUE(test, seen.have_inner);
	KUNIT_EXPECT_EQ(test, seen.inner.ttl, 33);
	KUNIT_EXPECT_EQ(test, ntohs(seen.inner.tot_len), 100);
	KUNIT_EXPECT_EQ(test, ntohl(seen.inner.daddr),
			ntohl(SCID_TEST_IP(192, 0, 2, 20)));
}

static void scid_test_ttl(struct kunit *test)
{
	struct scid_test_seen seen;
	struct scid_tunnel *t;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	seen = scid_test_send(test, t, 100, 0, 33, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.outer.ttl, 33);
	seen = scid_test_send(test, t, 100, 0, 1, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.outer.ttl, 1);

	t = scid_test_tunnel(test, SCID_TEST_IP(198, 51, 100, 3), 64, 0, 0);
	seen = scid_test_send(test, t, 100, 0, 33, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.outer.ttl, 64);
	KUNIT_EXPECT_EQ(test, seen.inner.ttl, 33);
	/* A fixed TTL means pmtudisc: DF although the inner packet has none. */
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, IP_DF);
}

static void scid_test_tos(struct kunit *test)
{
	struct scid_test_seen seen;
	struct scid_tunnel *t;

	/* Inherited: the inner DSCP, and ECT but never CE (RFC 6040). */
	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 1, 0);
	seen = scid_test_send(test, t, 100, 0xb8 | INET_ECN_ECT_0, 64, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.outer.tos, 0xb8 | INET_ECN_ECT_0);
	seen = scid_test_send(test, t, 100, 0x28 | INET_ECN_ECT_1, 64, 0);
	KUNIT_EXPECT_EQ(test, seen.outer.tos, 0x28 | INET_ECN_ECT_1);
	seen = scid_test_send(test, t, 100, 0xb8 | INET_ECN_CE, 64, 0);
	KUNIT_EXPECT_EQ(test, seen.outer.tos, 0xb8 | INET_ECN_ECT_0);
	KUNIT_EXPECT_EQ(test, seen.inner.tos, 0xb8 | INET_ECN_CE);
	seen = scid_test_send(test, t, 100, 0x10, 64, 0);
	KUNIT_EXPECT_EQ(test, seen.outer.tos, 0x10);

	/* Fixed: that DSCP, the inner ECN field copied as above. */
	t = scid_test_tunnel(test, SCID_TEST_IP(198, 51, 100, 3), 0, 0x28, 0);
	seen = scid_test_send(test, t, 100, 0xb8, 64, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.outer.tos, 0x28);
	seen = scid_test_send(test, t, 100, 0xb8 | INET_ECN_ECT_1, 64, 0);
	KUNIT_EXPECT_EQ(test, seen.outer.tos, 0x28 | INET_ECN_ECT_1);
	seen = scid_test_send(test, t, 100, INET_ECN_CE, 64, 0);
	KUNIT_EXPECT_EQ(test, seen.outer.tos, 0x28 | INET_ECN_ECT_0);
}

static void scid_test_df(struct kunit *test)
{
	const __be16 df = htons(IP_DF);
	struct scid_test_seen seen;
	struct scid_tunnel *t;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0,
			     SCID_FRAG_OFF_PMTUDISC);
	seen = scid_test_send(test, t, 100, 0, 64, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, IP_DF);

	t = scid_test_tunnel(test, SCID_TEST_IP(198, 51, 100, 3), 0, 0,
			     SCID_FRAG_OFF_INHERIT);
	seen = scid_test_send(test, t, 100, 0, 64, df);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, IP_DF);
	seen = scid_test_send(test, t, 100, 0, 64, 0);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, 0);

	t = scid_test_tunnel(test, SCID_TEST_IP(198, 51, 100, 4), 64, 0,
			     SCID_FRAG_OFF_NODF);
	seen = scid_test_send(test, t, 100, 0, 64, df);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, 0);
}

/* Over a 1500-byte link the tunnel carries 1480 bytes. */
static void scid_test_oversize(struct kunit *test)
{
	const __be16 df = htons(IP_DF);
	struct scid_test_seen seen;
	struct scid_tunnel *t;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0,
			     SCID_FRAG_OFF_PMTUDISC);
	seen = scid_test_send(test, t, 1480, 0, 64, df);
	KUNIT_ASSERT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.len, 1500U);

	/* The sender said DF: refused, for it to learn the smaller MTU. */
	seen = scid_test_send(test, t, 1481, 0, 64, df);
	KUNIT_EXPECT_EQ(test, seen.packets, 0U);
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_TOO_BIG), 1ULL);

	/* It allowed fragments: the outer packet goes out in two. */
	seen = scid_test_send(test, t, 1481, 0, 64, 0);
	KUNIT_EXPECT_EQ(test, seen.packets, 2U);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, 0);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_MF, IP_MF);
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_TOO_BIG), 1ULL);
}

static void scid_test_xmit_drops(struct kunit *test)
{
	struct scid_tunnel *t;
	struct sk_buff *skb;

	scid_test_seen(test, true);
	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	skb = scid_test_ipv4_skb(test, 100, 0, 64, 0);
	skb->protocol = htons(ETH_P_IPV6);
	scid_test_xmit(t, skb);
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_NOT_IPV4), 1ULL);

	skb = scid_test_ipv4_skb(test, 100, 0, 64, 0);
	ip_hdr(skb)->version = 6;
	scid_test_xmit(t, skb);
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_NOT_IPV4), 2ULL);

	/* No remote and no inner route: no next hop to send to. */
	t = scid_test_tunnel(test, 0, 0, 0, 0);
	scid_test_xmit(t, scid_test_ipv4_skb(test, 100, 0, 64, 0));
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_NO_ROUTE), 1ULL);

	KUNIT_EXPECT_EQ(test, scid_test_seen(test, false).packets, 0U);
}

/* One MPLS label stack entry (label 100, bottom of stack), @len in all. */
static struct sk_buff *scid_test_mpls_skb(struct kunit *test, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(LL_MAX_HEADER + len, GFP_KERNEL);
	__be32 *lse;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, LL_MAX_HEADER);
	lse = skb_put_zero(skb, len);
	*lse = htonl(100 << 12 | 1 << 8 | 64);
	skb_reset_network_header(skb);
	skb->protocol = htons(ETH_P_MPLS_UC);
	return skb;
}

/* The mode says what a tunnel carries: IPv4 (ipip), MPLS (mplsip), or both. */
static void scid_test_xmit_modes(struct kunit *test)
{
	struct scid_test_seen seen;
	struct scid_tunnel *t;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, SCID_FRAG_OFF_PMTUDISC);
	/* Made with iph.protocol 0: any, as the kernel's ipip has it. */
	KUNIT_EXPECT_EQ(test, t->parms.iph.protocol, 0);
	seen = scid_test_send(test, t, 100, 0, 64, 0);
	KUNIT_EXPECT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.outer.protocol, IPPROTO_IPIP);

	scid_test_seen(test, true);
	scid_test_xmit(t, scid_test_mpls_skb(test, 64));
	seen = scid_test_seen(test, false);
	KUNIT_EXPECT_EQ(test, seen.packets, 1U);
	KUNIT_EXPECT_EQ(test, seen.outer.protocol, IPPROTO_MPLS);
	KUNIT_EXPECT_EQ(test, seen.len, 84U);
	/* No inner TTL to inherit; DF as the policy (pmtudisc) says. */
	KUNIT_EXPECT_GT(test, seen.outer.ttl, 0);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, IP_DF);

	scid_test_seen(test, true);
	WRITE_ONCE(t->parms.iph.protocol, IPPROTO_IPIP);
	scid_test_xmit(t, scid_test_mpls_skb(test, 64));
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_MODE), 1ULL);
	WRITE_ONCE(t->parms.iph.protocol, IPPROTO_MPLS);
	scid_test_xmit(t, scid_test_ipv4_skb(test, 100, 0, 64, 0));
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_MODE), 2ULL);
	KUNIT_EXPECT_EQ(test, scid_test_seen(test, false).packets, 0U);
	scid_test_xmit(t, scid_test_mpls_skb(test, 64));
	KUNIT_EXPECT_EQ(test, scid_test_seen(test, false).packets, 1U);
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_NOT_IPV4), 0ULL);

	/* Too big for the path: no sender to tell, so the outer fragments. */
	scid_test_seen(test, true);
	scid_test_xmit(t, scid_test_mpls_skb(test, 1481));
	seen = scid_test_seen(test, false);
	KUNIT_EXPECT_EQ(test, seen.packets, 2U);
	KUNIT_EXPECT_EQ(test, ntohs(seen.outer.frag_off) & IP_DF, 0);
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_TX_TOO_BIG), 0ULL);
}

/*
 * The receive end of this suite's tunnels: a packet is counted once, as
 * received or as dropped for its reason, never both.
 */
static void scid_test_rcv_counted_once(struct kunit *test)
{
	struct scid_xmit_ctx *ctx = test->priv;
	struct rtnl_link_stats64 stats;
	struct scid_tunnel *t;
	struct sk_buff *skb;
	struct iphdr *outer;
	int i, err;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	for (i = 0; i < 2; i++) {
		/* First down (as created), then up. */
		if (i) {
			rtnl_lock();
			err = dev_open(t->dev, NULL);
			rtnl_unlock();
			KUNIT_ASSERT_EQ(test, err, 0);
		}
		skb = scid_test_ipv4_skb(test, 100, 0, 64, 0);
		/* Headroom is not zeroed: a stale CE mark would make an ECN drop. */
		outer = skb_push(skb, sizeof(*outer));
		memset(outer, 0, sizeof(*outer));
		skb_reset_network_header(skb);
		outer->version = 4;
		outer->ihl = 5;
		outer->tot_len = htons(skb->len);
		outer->ttl = 64;
		outer->protocol = IPPROTO_IPIP;
		outer->saddr = SCID_TEST_REMOTE;
		outer->daddr = SCID_TEST_IP(192, 0, 2, 1);
		ip_send_check(outer);
		/* As tunnel4 hands it on: data at the inner header. */
		__skb_pull(skb, sizeof(*outer));
		skb_reset_transport_header(skb);
		skb->dev = ctx->lower;
		local_bh_disable();
		rcu_read_lock();
		scid_decap(t, skb, IPPROTO_IPIP);
		rcu_read_unlock();
		local_bh_enable();

		dev_get_stats(t->dev, &stats);
		KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_DROP_RX_DOWN),
				1ULL);
		KUNIT_EXPECT_EQ(test, stats.rx_dropped, 1ULL);
		KUNIT_EXPECT_EQ(test, stats.rx_errors, 0ULL);
		KUNIT_EXPECT_EQ(test, stats.rx_packets, (u64)i);
	}
}

/* A keepalive packet as it comes out of the tunnel: @addr to @addr. */
static bool scid_test_ka_rcv(struct kunit *test, struct scid_tunnel *t,
			     __be32 addr, u8 type, u32 seq, __be64 cookie)
{
	struct scid_ka_payload *pl;
	struct sk_buff *skb;
	struct udphdr *uh;
	struct iphdr *iph;
	bool taken;

	skb = scid_test_ipv4_skb(test, sizeof(*iph) + sizeof(*uh) +
				 sizeof(*pl), 0, 63, htons(IP_DF));
	iph = ip_hdr(skb);
	iph->saddr = addr;
	iph->daddr = addr;
	ip_send_check(iph);
	uh = (struct udphdr *)(iph + 1);
	uh->source = htons(SCID_KA_PORT);
	uh->dest = htons(SCID_KA_PORT);
	uh->len = htons(sizeof(*uh) + sizeof(*pl));
	pl = (struct scid_ka_payload *)(uh + 1);
	pl->magic = htonl(SCID_KA_MAGIC);
	pl->version = SCID_KA_VERSION;
	pl->type = type;
	pl->seq = htonl(seq);
	pl->cookie = cookie;
	skb->dev = t->dev;

	local_bh_disable();
	rcu_read_lock();
	taken = scid_ka_rcv(t, skb, SCID_TEST_REMOTE);
	rcu_read_unlock();
	local_bh_enable();
	if (!taken)
		kfree_skb(skb);
	return taken;
}

/* One timer tick, as the timer would run it. */
static void scid_test_ka_tick(struct scid_tunnel *t)
{
	local_bh_disable();
	t->ka.timer.function(&t->ka.timer);
	local_bh_enable();
}

#define SCID_TEST_KA_COUNT(t, c, n) \
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_KA_##c), (u64)(n))

/*
 * A tunnel from @local with keepalive on and up, its timer stopped so that
 * the test drives the ticks. @local is not on the host: the probes are
 * built, then dropped (no route).
 */
static struct scid_tunnel *scid_test_ka_tunnel(struct kunit *test,
					       const struct scid_ka_conf *conf,
					       __be32 local)
{
	struct scid_tunnel *t;
	int err;

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	WRITE_ONCE(t->parms.iph.saddr, local);
	rtnl_lock();
	scid_ka_configure(t, conf);
	err = dev_open(t->dev, NULL);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	scid_ka_stop(t);
	return t;
}

/*
 * Keepalive: only our cookie, a probe among the last hold, answered once,
 * from our own address counts; the peer's probes are answered only from
 * the remote about itself; hold misses take the tunnel down, rise replies
 * bring it back. The ticks are driven by hand, the timer stopped.
 */
static void scid_test_keepalive(struct kunit *test)
{
	const struct scid_ka_conf conf = {
		.interval_ms = SCID_KA_INTERVAL_MAX, .hold = 2, .rise = 1,
	};
	const __be32 local = SCID_TEST_IP(192, 0, 2, 1);
	const __be32 stranger = SCID_TEST_IP(203, 0, 113, 5);
	struct scid_tunnel *t;
	__be64 cookie;
	u64 sent;
	u32 seq;

	t = scid_test_ka_tunnel(test, &conf, local);
	cookie = READ_ONCE(t->ka.cookie);
	/*
	 * dev_open() armed the timer to fire at once: on a busy host it can
	 * have sent one probe before scid_ka_stop() returned.
	 */
	sent = scid_counter_read(t, SCID_KA_PROBES_SENT);
	KUNIT_EXPECT_LE(test, sent, 1ULL);

	scid_test_ka_tick(t);
	SCID_TEST_KA_COUNT(t, PROBES_SENT, sent + 1);
	seq = t->ka.seq;
	KUNIT_EXPECT_TRUE(test, scid_test_ka_rcv(test, t, local, SCID_KA_PROBE,
						 seq, cookie));
	SCID_TEST_KA_COUNT(t, REPLIES, 1);
	/* The same reply again, another's cookie, a probe not yet sent. */
	scid_test_ka_rcv(test, t, local, SCID_KA_PROBE, seq, cookie);
	scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, seq, ~cookie);
	scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, seq + 1, cookie);
	SCID_TEST_KA_COUNT(t, REJECTED_VALUE, 3);
	SCID_TEST_KA_COUNT(t, REPLIES, 1);
	/* Our cookie about another address. */
	scid_test_ka_rcv(test, t, stranger, SCID_KA_ANSWER, seq, cookie);
	SCID_TEST_KA_COUNT(t, REJECTED_SOURCE, 1);

	/* The peer's probes: about the remote itself, or not answered. */
	scid_test_ka_rcv(test, t, SCID_TEST_REMOTE, SCID_KA_PROBE, 7, ~cookie);
	SCID_TEST_KA_COUNT(t, ANSWERS_SENT, 1);
	scid_test_ka_rcv(test, t, stranger, SCID_KA_PROBE, 7, ~cookie);
	SCID_TEST_KA_COUNT(t, REJECTED_SOURCE, 2);
	SCID_TEST_KA_COUNT(t, ANSWERS_SENT, 1);

	/* Answered before this tick; then two ticks unanswered: down. */
	scid_test_ka_tick(t);
	KUNIT_EXPECT_EQ(test, t->ka.state, SCID_KA_STATE_UP);
	scid_test_ka_tick(t);
	KUNIT_EXPECT_EQ(test, t->ka.state, SCID_KA_STATE_UP);
	scid_test_ka_tick(t);
	KUNIT_EXPECT_EQ(test, t->ka.state, SCID_KA_STATE_DOWN);
	SCID_TEST_KA_COUNT(t, CARRIER_DOWN, 1);
	/* A reply to the newest probe, rise 1: up again. */
	scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, t->ka.seq, cookie);
	KUNIT_EXPECT_EQ(test, t->ka.state, SCID_KA_STATE_UP);
	SCID_TEST_KA_COUNT(t, CARRIER_UP, 1);
	SCID_TEST_KA_COUNT(t, PROBES_SENT, sent + 4);

	/* Neither probe nor answer: taken, and refused. */
	KUNIT_EXPECT_TRUE(test, scid_test_ka_rcv(test, t, local, 0, seq, cookie));
	SCID_TEST_KA_COUNT(t, REJECTED_VALUE, 4);
}

/*
 * A valid reply's buffer carries the next probe: kept after the reply,
 * taken by the tick, not kept from a rejected reply, freed when keepalive
 * is turned off.
 */
static void scid_test_keepalive_spare(struct kunit *test)
{
	struct scid_ka_conf conf = {
		.interval_ms = SCID_KA_INTERVAL_MAX, .hold = 3, .rise = 1,
	};
	const __be32 local = SCID_TEST_IP(192, 0, 2, 1);
	struct sk_buff *spare;
	struct scid_tunnel *t;
	__be64 cookie;

	t = scid_test_ka_tunnel(test, &conf, local);
	cookie = READ_ONCE(t->ka.cookie);
	KUNIT_EXPECT_PTR_EQ(test, t->ka.spare, (struct sk_buff *)NULL);

	scid_test_ka_tick(t);
	scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, t->ka.seq, cookie);
	spare = t->ka.spare;
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, spare);
	KUNIT_EXPECT_EQ(test, spare->len,
			(unsigned int)(sizeof(struct iphdr) + sizeof(struct udphdr) +
				       sizeof(struct scid_ka_payload)));
	KUNIT_EXPECT_FALSE(test, skb_cloned(spare));
	KUNIT_EXPECT_PTR_EQ(test, skb_dst(spare), (struct dst_entry *)NULL);
	/* A replay is rejected and leaves the spare as it was. */
	scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, t->ka.seq, cookie);
	SCID_TEST_KA_COUNT(t, REJECTED_VALUE, 1);
	KUNIT_EXPECT_PTR_EQ(test, t->ka.spare, spare);

	scid_test_ka_tick(t);
	KUNIT_EXPECT_PTR_EQ(test, t->ka.spare, (struct sk_buff *)NULL);
	scid_test_ka_rcv(test, t, local, SCID_KA_PROBE, t->ka.seq, cookie);
	SCID_TEST_KA_COUNT(t, REPLIES, 2);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, t->ka.spare);

	conf.interval_ms = 0;
	rtnl_lock();
	scid_ka_configure(t, &conf);
	rtnl_unlock();
	KUNIT_EXPECT_PTR_EQ(test, t->ka.spare, (struct sk_buff *)NULL);
	scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, t->ka.seq, cookie);
	KUNIT_EXPECT_PTR_EQ(test, t->ka.spare, (struct sk_buff *)NULL);
}

/*
 * The peer's probes are answered up to SCID_KA_ANSWERS_PER_SEC a second,
 * 100: keepalive at 50 ms with a round of path MTU probes each is 80.
 */
static void scid_test_keepalive_answer_limit(struct kunit *test)
{
	const struct scid_ka_conf conf = {
		.interval_ms = SCID_KA_INTERVAL_MAX, .hold = 3, .rise = 1,
	};
	struct scid_tunnel *t;
	unsigned long start;
	__be64 cookie;
	int i;

	t = scid_test_ka_tunnel(test, &conf, SCID_TEST_IP(192, 0, 2, 1));
	cookie = ~READ_ONCE(t->ka.cookie);
	start = jiffies;
	for (i = 0; i < 120; i++)
		scid_test_ka_rcv(test, t, SCID_TEST_REMOTE, SCID_KA_PROBE, i,
				 cookie);
	if (time_after_eq(jiffies, start + HZ))
		kunit_skip(test, "120 probes took a second: a new window opened");
	SCID_TEST_KA_COUNT(t, ANSWERS_SENT, 100);
	SCID_TEST_KA_COUNT(t, ANSWERS_LIMITED, 20);
}

/*
 * One keepalive tick with path MTU probing, as scid_ka_tick() runs it but
 * with the route's MTU given: the test tunnel has no route.
 */
static unsigned int scid_test_pmtu_tick(struct scid_tunnel *t, __be32 local,
					u16 *sizes, u32 *first)
{
	unsigned int n;

	spin_lock_bh(&t->ka.lock);
	t->ka.seq++;
	WRITE_ONCE(t->ka.addr, local);
	n = scid_pmtu_tick(t, 1500, sizes, first);
	spin_unlock_bh(&t->ka.lock);
	return n;
}

#define SCID_TEST_PMTU_COUNT(t, c, n) \
	KUNIT_EXPECT_EQ(test, scid_counter_read(t, SCID_PMTU_##c), (u64)(n))

/*
 * Path MTU probing on a tunnel: replies found by their cookie and number,
 * the MTU published once a round is judged; rounds whose keepalive never
 * came back (a dead peer) dropped unjudged, whatever the probes did; a
 * size lost twice with the keepalive answered starts a new search; off
 * takes the probed MTU away.
 */
static void scid_test_pmtu_probing(struct kunit *test)
{
	struct scid_ka_conf conf = {
		.interval_ms = SCID_KA_INTERVAL_MAX, .hold = 2, .rise = 1,
		.pmtu_probe = true, .pmtu_raise_ms = SCID_PMTU_RAISE_MAX,
	};
	const __be32 local = SCID_TEST_IP(192, 0, 2, 1);
	u16 sizes[SCID_PMTU_ROUND];
	__be64 ka_cookie, cookie;
	struct scid_tunnel *t;
	unsigned int n, i;
	u32 first;

	t = scid_test_ka_tunnel(test, &conf, local);
	ka_cookie = READ_ONCE(t->ka.cookie);
	cookie = READ_ONCE(t->pmtu.cookie);
	KUNIT_EXPECT_NE(test, ka_cookie, cookie);

	n = scid_test_pmtu_tick(t, local, sizes, &first);
	KUNIT_ASSERT_EQ(test, n, 3U);
	KUNIT_EXPECT_EQ(test, sizes[0], 1500);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE(test, scid_test_ka_rcv(test, t, local,
							 SCID_KA_ANSWER,
							 first + i, cookie));
	/* Probe replies are not keepalive replies. */
	SCID_TEST_KA_COUNT(t, REPLIES, 0);
	KUNIT_EXPECT_EQ(test, t->pmtu.mtu, 0U);
	scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, t->ka.seq, ka_cookie);
	n = scid_test_pmtu_tick(t, local, sizes, &first);
	KUNIT_EXPECT_EQ(test, t->pmtu.search.state, SCID_PMTU_STATE_COMPLETE);
	KUNIT_EXPECT_EQ(test, t->pmtu.mtu, 1480U);
	KUNIT_ASSERT_EQ(test, n, 1U);
	KUNIT_EXPECT_EQ(test, sizes[0], 1500);

	/* The peer is gone: hold + 1 ticks, the round dropped unjudged. */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, scid_test_pmtu_tick(t, local, sizes,
							  &first), i < 2 ? 0U : 1U);
	SCID_TEST_PMTU_COUNT(t, LOST_1500_UP, 0);
	KUNIT_EXPECT_EQ(test, t->pmtu.search.strikes, 0);
	/* A late reply to the dropped round counts for nothing. */
	scid_test_ka_rcv(test, t, local, SCID_KA_PROBE, first - 1, cookie);
	KUNIT_EXPECT_EQ(test, t->pmtu.search.answered, 0);

	/* Keepalive answered, the probe not: twice, and a new search. */
	for (i = 0; i < 2; i++) {
		scid_test_ka_rcv(test, t, local, SCID_KA_ANSWER, t->ka.seq,
				 ka_cookie);
		scid_test_pmtu_tick(t, local, sizes, &first);
	}
	SCID_TEST_PMTU_COUNT(t, LOST_1500_UP, 2);
	KUNIT_EXPECT_EQ(test, t->pmtu.search.state,
			SCID_PMTU_STATE_SEARCHING);
	/* The old MTU stays until the search finds the new one. */
	KUNIT_EXPECT_EQ(test, t->pmtu.mtu, 1480U);

	conf.pmtu_probe = false;
	rtnl_lock();
	scid_ka_configure(t, &conf);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, t->pmtu.mtu, 0U);
	KUNIT_EXPECT_EQ(test, t->pmtu.search.state, SCID_PMTU_STATE_OFF);
	KUNIT_EXPECT_EQ(test, scid_test_pmtu_tick(t, local, sizes, &first), 0U);
}

/* Kernel tunnels below add a level unchecked; ours and NICs do not. */
static void scid_test_lower_nests(struct kunit *test)
{
	struct net_device *dev;
	struct scid_tunnel *t;

	dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->type = ARPHRD_ETHER;
	KUNIT_EXPECT_FALSE(test, scid_lower_nests(dev));
	dev->type = ARPHRD_NONE;
	KUNIT_EXPECT_FALSE(test, scid_lower_nests(dev));
	dev->type = ARPHRD_TUNNEL;
	KUNIT_EXPECT_TRUE(test, scid_lower_nests(dev));
	dev->type = ARPHRD_IPGRE;
	KUNIT_EXPECT_TRUE(test, scid_lower_nests(dev));
	dev->type = ARPHRD_SIT;
	KUNIT_EXPECT_TRUE(test, scid_lower_nests(dev));

	t = scid_test_tunnel(test, SCID_TEST_REMOTE, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, t->dev->type, (unsigned short)ARPHRD_TUNNEL);
	KUNIT_EXPECT_FALSE(test, scid_lower_nests(t->dev));
}

static struct kunit_case scid_xmit_test_cases[] = {
	KUNIT_CASE(scid_test_flow),
	KUNIT_CASE(scid_test_df_policy),
	KUNIT_CASE(scid_test_too_big),
	KUNIT_CASE(scid_test_too_big_gso),
	KUNIT_CASE(scid_test_mtu_follows_lower),
	KUNIT_CASE(scid_test_mtu_pin),
	KUNIT_CASE(scid_test_link_chain),
	KUNIT_CASE(scid_test_outer_basics),
	KUNIT_CASE(scid_test_ttl),
	KUNIT_CASE(scid_test_tos),
	KUNIT_CASE(scid_test_df),
	KUNIT_CASE(scid_test_oversize),
	KUNIT_CASE(scid_test_xmit_drops),
	KUNIT_CASE(scid_test_xmit_modes),
	KUNIT_CASE(scid_test_lower_nests),
	KUNIT_CASE(scid_test_rcv_counted_once),
	KUNIT_CASE(scid_test_keepalive),
	KUNIT_CASE(scid_test_keepalive_spare),
	KUNIT_CASE(scid_test_keepalive_answer_limit),
	KUNIT_CASE(scid_test_pmtu_probing),
	{}
};

static struct kunit_suite scid_xmit_test_suite = {
	.name = "scid_ipip_xmit",
	.init = scid_xmit_test_init,
	.exit = scid_xmit_test_exit,
	.suite_init = scid_xmit_suite_init,
	.suite_exit = scid_xmit_suite_exit,
	.test_cases = scid_xmit_test_cases,
};

kunit_test_suite(scid_xmit_test_suite);
