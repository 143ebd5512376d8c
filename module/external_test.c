// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: external mode's allow list (what a request may hold, and which
 * sources the merged ranges admit, at their edges) and which transmit
 * metadata scid_external_key() lets through.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <net/dst_metadata.h>
#include <net/netlink.h>

#include "scid_ipip.h"
#include "kunit.h"

struct scid_test_prefix {
	__be32	addr;
	u8	len;
	u8	reserved;
	u16	type;	/* 0: IFLA_SCID_ALLOW_PREFIX */
};

/*
 * An IFLA_SCID_ALLOW nest of @n entries in @skb, as a request carries it;
 * @data[IFLA_SCID_ALLOW] points at it.
 */
static void scid_test_allow_nest(struct kunit *test, struct sk_buff *skb,
				 struct nlattr **data,
				 const struct scid_test_prefix *p, int n)
{
	struct scid_prefix entry;
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, IFLA_SCID_ALLOW);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	for (i = 0; i < n; i++) {
		memset(&entry, 0, sizeof(entry));
		entry.addr = p[i].addr;
		entry.len = p[i].len;
		entry.reserved[0] = p[i].reserved;
		KUNIT_ASSERT_EQ(test, nla_put(skb, p[i].type ?:
					      IFLA_SCID_ALLOW_PREFIX,
					      sizeof(entry), &entry), 0);
	}
	nla_nest_end(skb, nest);
	data[IFLA_SCID_ALLOW] = nest;
}

/* scid_allow_request() on @n entries: its return, the list in *@allow. */
static int scid_test_request(struct kunit *test,
			     const struct scid_test_prefix *p, int n,
			     struct scid_allow **allow)
{
	struct nlattr *data[IFLA_SCID_MAX + 1] = {};
	struct sk_buff *skb;
	int ret;

	skb = alloc_skb(nla_total_size(0) +
			(n + 1) * nla_total_size(sizeof(struct scid_prefix)),
			GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	scid_test_allow_nest(test, skb, data, p, n);
	ret = scid_allow_request(data, allow, NULL);
	kfree_skb(skb);
	return ret;
}

/* A tunnel holding @allow, for scid_allowed(); freed by the test. */
static struct scid_tunnel *scid_test_holder(struct kunit *test,
					    struct scid_allow *allow)
{
	struct scid_tunnel *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->external = true;
	RCU_INIT_POINTER(t->allow, allow);
	return t;
}

static bool scid_test_allowed(struct scid_tunnel *t, __be32 addr)
{
	bool ok;

	rcu_read_lock();
	ok = scid_allowed(t, addr);
	rcu_read_unlock();
	return ok;
}

static void scid_test_allow_ranges(struct kunit *test)
{
	/* Out of order, overlapping, adjacent and apart. */
	static const struct scid_test_prefix p[] = {
		{ SCID_TEST_IP(203, 0, 113, 7), 32 },
		{ SCID_TEST_IP(198, 51, 100, 0), 25 },
		{ SCID_TEST_IP(198, 51, 100, 0), 24 },
		{ SCID_TEST_IP(198, 51, 101, 0), 24 },
		{ SCID_TEST_IP(10, 0, 0, 0), 8 },
	};
	static const struct {
		__be32	addr;
		bool	ok;
	} probe[] = {
		{ SCID_TEST_IP(9, 255, 255, 255), false },
		{ SCID_TEST_IP(10, 0, 0, 0), true },
		{ SCID_TEST_IP(10, 255, 255, 255), true },
		{ SCID_TEST_IP(11, 0, 0, 0), false },
		{ SCID_TEST_IP(198, 51, 99, 255), false },
		{ SCID_TEST_IP(198, 51, 100, 0), true },
		{ SCID_TEST_IP(198, 51, 100, 200), true },
		{ SCID_TEST_IP(198, 51, 101, 255), true },
		{ SCID_TEST_IP(198, 51, 102, 0), false },
		{ SCID_TEST_IP(203, 0, 113, 6), false },
		{ SCID_TEST_IP(203, 0, 113, 7), true },
		{ SCID_TEST_IP(203, 0, 113, 8), false },
		{ SCID_TEST_IP(255, 255, 255, 255), false },
	};
	struct scid_allow *allow;
	struct scid_tunnel *t;
	int i;

	KUNIT_ASSERT_EQ(test, scid_test_request(test, p, ARRAY_SIZE(p),
						&allow), 1);
	KUNIT_ASSERT_NOT_NULL(test, allow);
	t = scid_test_holder(test, allow);
	for (i = 0; i < ARRAY_SIZE(probe); i++)
		KUNIT_EXPECT_EQ_MSG(test, scid_test_allowed(t, probe[i].addr),
				    probe[i].ok, "address %pI4", &probe[i].addr);
	scid_allow_destroy(t);
}

static void scid_test_allow_any_and_none(struct kunit *test)
{
	static const struct scid_test_prefix any[] = {
		{ 0, 0 },
	};
	struct scid_allow *allow = ERR_PTR(-EINVAL);
	struct scid_tunnel *t;

	KUNIT_ASSERT_EQ(test, scid_test_request(test, any, 1, &allow), 1);
	t = scid_test_holder(test, allow);
	KUNIT_EXPECT_TRUE(test, scid_test_allowed(t, SCID_TEST_IP(0, 0, 0, 1)));
	KUNIT_EXPECT_TRUE(test, scid_test_allowed(t, SCID_TEST_IP(255, 255, 255, 255)));
	scid_allow_destroy(t);

	/* An empty nest: a list of nothing. */
	KUNIT_ASSERT_EQ(test, scid_test_request(test, NULL, 0, &allow), 1);
	KUNIT_EXPECT_NULL(test, allow);
	t = scid_test_holder(test, allow);
	KUNIT_EXPECT_FALSE(test, scid_test_allowed(t, SCID_TEST_IP(198, 51, 100, 1)));

	/* No attribute: nothing asked. */
	KUNIT_EXPECT_EQ(test, scid_allow_request(NULL, &allow, NULL), 0);
}

static void scid_test_allow_refused(struct kunit *test)
{
	static const struct {
		const char			*desc;
		struct scid_test_prefix		p[2];
		int				n;
		int				err;
	} cases[] = {
		{ "host bits", { { SCID_TEST_IP(198, 51, 100, 1), 24 } }, 1, -EINVAL },
		{ "host bits of /0", { { SCID_TEST_IP(0, 0, 0, 1), 0 } }, 1, -EINVAL },
		{ "length 33", { { SCID_TEST_IP(198, 51, 100, 1), 33 } }, 1, -EINVAL },
		{ "reserved set", { { SCID_TEST_IP(198, 51, 100, 1), 32, 1 } }, 1, -EINVAL },
		{ "other type", { { SCID_TEST_IP(198, 51, 100, 1), 32, 0, 2 } }, 1, -EINVAL },
		{ "twice", { { SCID_TEST_IP(198, 51, 100, 0), 24 },
			     { SCID_TEST_IP(198, 51, 100, 0), 24 } }, 2, -EINVAL },
	};
	struct scid_test_prefix *many;
	struct scid_allow *allow;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, scid_test_request(test, cases[i].p,
							    cases[i].n, &allow),
				    cases[i].err, "%s", cases[i].desc);

	many = kunit_kcalloc(test, SCID_ALLOW_MAX + 1, sizeof(*many),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, many);
	for (i = 0; i <= SCID_ALLOW_MAX; i++) {
		many[i].addr = cpu_to_be32(0x0a000000 + i);
		many[i].len = 32;
	}
	KUNIT_EXPECT_EQ(test, scid_test_request(test, many, SCID_ALLOW_MAX + 1,
						&allow), -E2BIG);
	KUNIT_ASSERT_EQ(test, scid_test_request(test, many, SCID_ALLOW_MAX,
						&allow), 1);
	scid_allow_free(allow);
}

enum scid_test_key_change {
	SCID_K_OK,
	SCID_K_NONE,
	SCID_K_RX,
	SCID_K_IPV6,
	SCID_K_OPTIONS,
	SCID_K_DST,
	SCID_K_SRC,
};

static const struct {
	const char			*desc;
	enum scid_test_key_change	change;
	__be32				addr;
	bool				ok;
} scid_key_cases[] = {
	{ "a unicast key", SCID_K_OK, 0, true },
	{ "source left to the route", SCID_K_SRC, 0, true },
	{ "no metadata", SCID_K_NONE, 0, false },
	{ "receive metadata", SCID_K_RX, 0, false },
	{ "IPv6 metadata", SCID_K_IPV6, 0, false },
	{ "options", SCID_K_OPTIONS, 0, false },
	{ "destination 0", SCID_K_DST, 0, false },
	{ "destination 0.0.0.1 (0/8 is usable)", SCID_K_DST, SCID_TEST_IP(0, 0, 0, 1), true },
	{ "destination loopback", SCID_K_DST, SCID_TEST_IP(127, 0, 0, 1), false },
	{ "destination multicast", SCID_K_DST, SCID_TEST_IP(224, 0, 0, 1), false },
	{ "destination broadcast", SCID_K_DST, SCID_TEST_IP(255, 255, 255, 255), false },
	{ "source multicast", SCID_K_SRC, SCID_TEST_IP(239, 1, 2, 3), false },
	{ "source loopback", SCID_K_SRC, SCID_TEST_IP(127, 0, 0, 2), false },
};

static void scid_test_external_key(struct kunit *test)
{
	struct ip_tunnel_info *info;
	struct metadata_dst *md;
	struct sk_buff *skb;
	int i;

	for (i = 0; i < ARRAY_SIZE(scid_key_cases); i++) {
		skb = scid_test_ipv4_skb(test, 40, 0, 64, 0);
		md = metadata_dst_alloc(8, METADATA_IP_TUNNEL, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, md);
		info = &md->u.tun_info;
		info->mode = IP_TUNNEL_INFO_TX;
		info->key.u.ipv4.src = SCID_TEST_IP(198, 51, 100, 2);
		info->key.u.ipv4.dst = SCID_TEST_IP(198, 51, 100, 1);
		switch (scid_key_cases[i].change) {
		case SCID_K_RX:
			info->mode = 0;
			break;
		case SCID_K_IPV6:
			info->mode |= IP_TUNNEL_INFO_IPV6;
			break;
		case SCID_K_OPTIONS:
			info->options_len = 8;
			break;
		case SCID_K_DST:
			info->key.u.ipv4.dst = scid_key_cases[i].addr;
			break;
		case SCID_K_SRC:
			info->key.u.ipv4.src = scid_key_cases[i].addr;
			break;
		default:
			break;
		}
		if (scid_key_cases[i].change == SCID_K_NONE)
			dst_release(&md->dst);
		else
			skb_dst_set(skb, &md->dst);
		KUNIT_EXPECT_EQ_MSG(test, !!scid_external_key(skb),
				    scid_key_cases[i].ok, "%s",
				    scid_key_cases[i].desc);
		kfree_skb(skb);
	}
}

static struct kunit_case scid_external_test_cases[] = {
	KUNIT_CASE(scid_test_allow_ranges),
	KUNIT_CASE(scid_test_allow_any_and_none),
	KUNIT_CASE(scid_test_allow_refused),
	KUNIT_CASE(scid_test_external_key),
	{}
};

static struct kunit_suite scid_external_test_suite = {
	.name = "scid_ipip_external",
	.test_cases = scid_external_test_cases,
};

kunit_test_suite(scid_external_test_suite);
