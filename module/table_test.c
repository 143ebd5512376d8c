// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the tunnel table. A receive lookup takes the exact address pair,
 * then the tunnel with an open local address, then the "remote any" one,
 * and within each a tunnel bound to the arrival device, then the unbound
 * one, then one bound elsewhere; a tunnel open at both ends never receives; a parameter
 * lookup matches exactly; deletes are idempotent; thousands of entries
 * survive the hash table's resizing, and half of them leaving; a tunnel
 * that is down is passed over; a walk never strays into another key's
 * list; a hint never outlives the generation counter coming round.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "scid_ipip.h"
#include "kunit.h"

#define SCID_TEST_MANY	4096U

struct scid_table_ctx {
	struct scid_table	table;
	struct scid_tunnel	*tunnels;
	unsigned int		n;
	/* The device of every tunnel a test does not give its own: up. */
	struct net_device	*up;
};

static int scid_table_test_init(struct kunit *test)
{
	struct scid_table_ctx *ctx;
	unsigned int i;
	int err;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->tunnels = kunit_kcalloc(test, SCID_TEST_MANY,
				     sizeof(*ctx->tunnels), GFP_KERNEL);
	if (!ctx->tunnels)
		return -ENOMEM;
	/* The lookup reads nothing of a tunnel's device but its flags. */
	ctx->up = kunit_kzalloc(test, sizeof(*ctx->up), GFP_KERNEL);
	if (!ctx->up)
		return -ENOMEM;
	ctx->up->flags = IFF_UP;
	/* As scid_tunnel_setup() leaves them: not in any table. */
	for (i = 0; i < SCID_TEST_MANY; i++)
		INIT_LIST_HEAD(&ctx->tunnels[i].table_node);
	err = scid_table_init(&ctx->table);
	if (err)
		return err;
	test->priv = ctx;
	return 0;
}

/* Leave the table empty, whatever the test did, and free it. */
static void scid_table_test_exit(struct kunit *test)
{
	struct scid_table_ctx *ctx = test->priv;
	unsigned int i;

	if (!ctx)
		return;
	rtnl_lock();
	for (i = 0; i < ctx->n; i++)
		scid_table_del(&ctx->table, &ctx->tunnels[i]);
	rtnl_unlock();
	synchronize_rcu();
	scid_table_destroy(&ctx->table);
}

static struct scid_tunnel *scid_test_add(struct kunit *test, __be32 remote,
					 __be32 local, int link)
{
	struct scid_table_ctx *ctx = test->priv;
	struct scid_tunnel *t;
	int err;

	KUNIT_ASSERT_LT(test, ctx->n, SCID_TEST_MANY);
	t = &ctx->tunnels[ctx->n++];
	t->dev = ctx->up;
	t->parms.iph.daddr = remote;
	t->parms.iph.saddr = local;
	t->parms.link = link;
	rtnl_lock();
	err = scid_table_add(&ctx->table, t);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	return t;
}

static void scid_test_del(struct kunit *test, struct scid_tunnel *t)
{
	struct scid_table_ctx *ctx = test->priv;

	rtnl_lock();
	scid_table_del(&ctx->table, t);
	rtnl_unlock();
}

static struct scid_tunnel *scid_test_rcv(struct kunit *test, __be32 remote,
					 __be32 local, int ifindex)
{
	struct scid_table_ctx *ctx = test->priv;
	struct scid_tunnel *t;

	/* As in softirq, where the receive path runs: the hint is per CPU. */
	local_bh_disable();
	rcu_read_lock();
	t = scid_table_find_rcv(&ctx->table, remote, local, ifindex);
	rcu_read_unlock();
	local_bh_enable();
	return t;
}

static struct scid_tunnel *scid_test_parms(struct kunit *test, __be32 remote,
					   __be32 local, int link)
{
	struct scid_table_ctx *ctx = test->priv;
	struct ip_tunnel_parm p = {};
	struct scid_tunnel *t;

	p.iph.daddr = remote;
	p.iph.saddr = local;
	p.link = link;
	rtnl_lock();
	t = scid_table_find_parms(&ctx->table, &p);
	rtnl_unlock();
	return t;
}

/* Remotes A, locals (our addresses) B. */
#define A1	SCID_TEST_IP(198, 51, 100, 1)
#define A2	SCID_TEST_IP(198, 51, 100, 2)
#define B1	SCID_TEST_IP(203, 0, 113, 1)
#define B2	SCID_TEST_IP(203, 0, 113, 2)

static void scid_test_table_empty(struct kunit *test)
{
	struct scid_table_ctx *ctx = test->priv;

	KUNIT_EXPECT_EQ(test, ctx->table.count, 0U);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, B1, 0));
}

static void scid_test_table_exact(struct kunit *test)
{
	struct scid_table_ctx *ctx = test->priv;
	struct scid_tunnel *t;

	t = scid_test_add(test, A1, B1, 0);
	KUNIT_EXPECT_EQ(test, ctx->table.count, 1U);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), t);
	/* Either address wrong, or the two swapped: not ours. */
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A2, B1, 2));
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B2, 2));
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, B1, A1, 2));
	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, A1, B1, 0), t);
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, B1, 2));
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, 0, 0));
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, 0, B1, 0));
}

static void scid_test_table_any_local(struct kunit *test)
{
	struct scid_tunnel *any, *exact;

	any = scid_test_add(test, A1, 0, 0);
	/* An open local address takes the remote's packets to any of ours. */
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), any);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B2, 2), any);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A2, B1, 2));

	/* The exact pair wins over it, though added later. */
	exact = scid_test_add(test, A1, B1, 0);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), exact);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B2, 2), any);

	/* Parameter lookups never fall back to an open end. */
	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, A1, 0, 0), any);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, A1, B1, 0), exact);
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, B2, 0));

	scid_test_del(test, exact);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), any);
}

/*
 * "remote any": the only kind that takes a source it was not told about
 * (CVE-2020-10136), and only when nothing more specific does.
 */
static void scid_test_table_any_remote(struct kunit *test)
{
	struct scid_tunnel *any, *any_local, *exact;

	any = scid_test_add(test, 0, B1, 0);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), any);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A2, B1, 2), any);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B2, 2));
	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, 0, B1, 0), any);
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, B1, 0));

	any_local = scid_test_add(test, A1, 0, 0);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), any_local);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A2, B1, 2), any);
	exact = scid_test_add(test, A2, B1, 0);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A2, B1, 2), exact);
}

/* Open at both ends, or a packet without addresses: nobody's. */
static void scid_test_table_no_endpoints(struct kunit *test)
{
	struct scid_tunnel *t;

	t = scid_test_add(test, 0, 0, 0);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, 0, 0, 2));
	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, 0, 0, 0), t);

	scid_test_add(test, A1, 0, 0);
	scid_test_add(test, 0, B1, 0);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, 0, B1, 2));
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, 0, 2));
}

static void scid_test_table_link(struct kunit *test)
{
	struct scid_tunnel *unbound, *on3, *on5;

	unbound = scid_test_add(test, A1, B1, 0);
	on3 = scid_test_add(test, A1, B1, 3);
	on5 = scid_test_add(test, A1, B1, 5);
	/* The tunnel bound to the arrival device wins... */
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 3), on3);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 5), on5);
	/* ... and elsewhere the unbound one, however old. */
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 7), unbound);

	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, A1, B1, 0), unbound);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, A1, B1, 3), on3);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_parms(test, A1, B1, 5), on5);
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, B1, 7));

	scid_test_del(test, on5);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 5), unbound);
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, B1, 5));
	scid_test_del(test, unbound);
	/* With no unbound tunnel left, one bound elsewhere still takes it. */
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 7), on3);
}

static void scid_test_table_del(struct kunit *test)
{
	struct scid_table_ctx *ctx = test->priv;
	struct scid_tunnel *t, *other;
	int err;

	t = scid_test_add(test, A1, B1, 0);
	other = scid_test_add(test, A2, B2, 0);
	KUNIT_EXPECT_EQ(test, ctx->table.count, 2U);

	scid_test_del(test, t);
	KUNIT_EXPECT_EQ(test, ctx->table.count, 1U);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
	KUNIT_EXPECT_NULL(test, scid_test_parms(test, A1, B1, 0));
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A2, B2, 2), other);

	/* Deleting twice, or what was never added, changes nothing. */
	scid_test_del(test, t);
	KUNIT_EXPECT_EQ(test, ctx->table.count, 1U);
	KUNIT_ASSERT_LT(test, ctx->n, SCID_TEST_MANY);
	scid_test_del(test, &ctx->tunnels[ctx->n]);
	KUNIT_EXPECT_EQ(test, ctx->table.count, 1U);

	/* A deleted tunnel can come back, under new endpoints. */
	t->parms.iph.daddr = A2;
	rtnl_lock();
	err = scid_table_add(&ctx->table, t);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, ctx->table.count, 2U);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A2, B1, 2), t);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
}

/*
 * The table counts its tunnels with an open end, to skip wildcard lookups
 * when there are none: the counts must follow every add and delete, or a
 * wildcard tunnel goes deaf.
 */
static void scid_test_table_open_ends(struct kunit *test)
{
	struct scid_table_ctx *ctx = test->priv;
	struct scid_tunnel *any_local, *any_remote, *exact;

	exact = scid_test_add(test, A1, B1, 0);
	KUNIT_EXPECT_EQ(test, ctx->table.any_local, 0U);
	KUNIT_EXPECT_EQ(test, ctx->table.any_remote, 0U);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A2, B1, 2));

	any_local = scid_test_add(test, A2, 0, 0);
	any_remote = scid_test_add(test, 0, B2, 0);
	KUNIT_EXPECT_EQ(test, ctx->table.any_local, 1U);
	KUNIT_EXPECT_EQ(test, ctx->table.any_remote, 1U);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A2, B1, 2), any_local);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B2, 2), any_remote);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), exact);

	scid_test_del(test, any_local);
	scid_test_del(test, any_local);
	KUNIT_EXPECT_EQ(test, ctx->table.any_local, 0U);
	KUNIT_EXPECT_EQ(test, ctx->table.any_remote, 1U);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A2, B1, 2));
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B2, 2), any_remote);

	scid_test_del(test, any_remote);
	KUNIT_EXPECT_EQ(test, ctx->table.any_remote, 0U);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B2, 2));
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), exact);
}

/*
 * A CPU remembers its last answer; every add and delete must void it, or
 * a better match added later, or a tunnel gone, would be missed.
 */
static void scid_test_table_hint(struct kunit *test)
{
	struct scid_tunnel *unbound, *bound, *other;

	unbound = scid_test_add(test, A1, B1, 0);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), unbound);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), unbound);

	bound = scid_test_add(test, A1, B1, 2);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), bound);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 3), unbound);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), bound);

	/* Another tunnel's change voids the hint too, and no harm done. */
	other = scid_test_add(test, A2, B2, 0);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), bound);

	scid_test_del(test, bound);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), unbound);
	scid_test_del(test, unbound);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A2, B2, 2), other);
}

/*
 * A tunnel that is down would only drop what it claimed: the one that
 * would take the packet without it does, and a hint never keeps the down
 * one, nor the stand-in once the down one comes up.
 */
static void scid_test_table_down(struct kunit *test)
{
	struct scid_tunnel *unbound, *bound, *any;
	struct net_device *dev;

	dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	unbound = scid_test_add(test, A1, B1, 0);
	bound = scid_test_add(test, A1, B1, 2);
	bound->dev = dev;
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), unbound);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), unbound);

	WRITE_ONCE(dev->flags, IFF_UP);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), bound);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), bound);
	WRITE_ONCE(dev->flags, 0);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), unbound);

	/* With both down, "remote any" takes it; with it down, nobody. */
	any = scid_test_add(test, 0, B1, 0);
	unbound->dev = dev;
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), any);
	any->dev = dev;
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
}

/*
 * scid_tunnel_change() moves a tunnel to another key's list while readers
 * may stand on it; they then walk on into the other list. Here the second
 * entry of (A1, B1)'s list carries (A2, B2) as such a reader would find it
 * (the newest entry heads the list): the walk must not return it, though
 * its link is the arrival device.
 */
static void scid_test_table_moved(struct kunit *test)
{
	struct scid_tunnel *unbound, *moved;

	moved = scid_test_add(test, A1, B1, 3);
	unbound = scid_test_add(test, A1, B1, 0);
	WRITE_ONCE(moved->key.remote, A2);
	WRITE_ONCE(moved->key.local, B2);
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 3), unbound);
	/* Its key back, so that the exit finds it to delete. */
	WRITE_ONCE(moved->key.remote, A1);
	WRITE_ONCE(moved->key.local, B1);
}

/*
 * On 32-bit, 2^32 adds and deletes bring the generation back to a value a
 * CPU's hint may still hold, for a tunnel long freed. The counter is set
 * here to where such a run would leave it; the hint must be gone.
 */
static void scid_test_table_gen_wrap(struct kunit *test)
{
	struct scid_table_ctx *ctx = test->priv;
	struct scid_tunnel *t;

	t = scid_test_add(test, A1, B1, 0);
	/* The hint is this CPU's: stay on it. */
	migrate_disable();
	rtnl_lock();
	WRITE_ONCE(ctx->table.gen, ULONG_MAX);
	rtnl_unlock();
	KUNIT_EXPECT_PTR_EQ(test, scid_test_rcv(test, A1, B1, 2), t);
	scid_test_del(test, t);
	KUNIT_EXPECT_NE(test, ctx->table.gen, 0UL);
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));

	rtnl_lock();
	WRITE_ONCE(ctx->table.gen, ULONG_MAX);
	rtnl_unlock();
	KUNIT_EXPECT_NULL(test, scid_test_rcv(test, A1, B1, 2));
	migrate_enable();
}

static __be32 scid_test_many_remote(unsigned int i)
{
	return SCID_TEST_IP(10, 1 + i / 65536, (i / 256) % 256, i % 256);
}

/* Far more tunnels than the table starts with buckets for. */
static void scid_test_table_many(struct kunit *test)
{
	struct scid_table_ctx *ctx = test->priv;
	unsigned int i, wrong = 0, open_local;
	struct scid_tunnel *t;
	__be32 local;

	for (i = 0; i < SCID_TEST_MANY; i++) {
		local = i % 3 ? B1 : 0;
		scid_test_add(test, scid_test_many_remote(i), local, 0);
	}
	KUNIT_EXPECT_EQ(test, ctx->table.count, SCID_TEST_MANY);

	for (i = 0; i < SCID_TEST_MANY; i++) {
		t = scid_test_rcv(test, scid_test_many_remote(i), B1, 2);
		wrong += t != &ctx->tunnels[i];
		local = i % 3 ? B1 : 0;
		t = scid_test_parms(test, scid_test_many_remote(i), local, 0);
		wrong += t != &ctx->tunnels[i];
	}
	KUNIT_EXPECT_EQ(test, wrong, 0U);

	for (i = 0; i < SCID_TEST_MANY; i += 2)
		scid_test_del(test, &ctx->tunnels[i]);
	KUNIT_EXPECT_EQ(test, ctx->table.count, SCID_TEST_MANY / 2);
	open_local = 0;
	for (i = 1; i < SCID_TEST_MANY; i += 2)
		open_local += i % 3 == 0;
	KUNIT_EXPECT_EQ(test, ctx->table.any_local, open_local);

	for (i = 0; i < SCID_TEST_MANY; i++) {
		t = scid_test_rcv(test, scid_test_many_remote(i), B1, 2);
		wrong += t != (i % 2 ? &ctx->tunnels[i] : NULL);
	}
	KUNIT_EXPECT_EQ(test, wrong, 0U);
}

static struct kunit_case scid_table_test_cases[] = {
	KUNIT_CASE(scid_test_table_empty),
	KUNIT_CASE(scid_test_table_exact),
	KUNIT_CASE(scid_test_table_any_local),
	KUNIT_CASE(scid_test_table_any_remote),
	KUNIT_CASE(scid_test_table_no_endpoints),
	KUNIT_CASE(scid_test_table_link),
	KUNIT_CASE(scid_test_table_del),
	KUNIT_CASE(scid_test_table_open_ends),
	KUNIT_CASE(scid_test_table_hint),
	KUNIT_CASE(scid_test_table_down),
	KUNIT_CASE(scid_test_table_moved),
	KUNIT_CASE(scid_test_table_gen_wrap),
	KUNIT_CASE(scid_test_table_many),
	{}
};

static struct kunit_suite scid_table_test_suite = {
	.name = "scid_ipip_table",
	.init = scid_table_test_init,
	.exit = scid_table_test_exit,
	.test_cases = scid_table_test_cases,
};

kunit_test_suite(scid_table_test_suite);
