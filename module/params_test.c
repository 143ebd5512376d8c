// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: what scid_parms_check() refuses and with which errno (one case per
 * field and value, on top of an accepted configuration), what
 * scid_parms_normalize() stores, and the tunnel MTU for a lower MTU.
 */
#include <kunit/test.h>
#include <linux/if_tunnel.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/ip.h>
#include <net/net_namespace.h>

#include "scid_ipip.h"
#include "kunit.h"

/* No such device in any namespace of the test guest. */
#define SCID_TEST_NO_IFINDEX	0x7ffffff0

enum scid_test_field {
	SCID_F_NONE,
	SCID_F_VERSION,
	SCID_F_IHL,
	SCID_F_TOS,
	SCID_F_TOT_LEN,
	SCID_F_ID,
	SCID_F_FRAG_OFF,
	SCID_F_TTL,
	SCID_F_PROTOCOL,
	SCID_F_CHECK,
	SCID_F_SADDR,
	SCID_F_DADDR,
	SCID_F_I_FLAGS,
	SCID_F_O_FLAGS,
	SCID_F_I_KEY,
	SCID_F_O_KEY,
	SCID_F_LINK,
};

struct scid_parms_case {
	const char		*desc;
	enum scid_test_field	field;
	/* Host byte order; stored in the field's own order and width. */
	u32			value;
	int			err;
};

static const struct scid_parms_case scid_parms_cases[] = {
	{ "accepted as is", SCID_F_NONE, 0, 0 },
	{ "version 0", SCID_F_VERSION, 0, -EINVAL },
	{ "version 6", SCID_F_VERSION, 6, -EINVAL },
	{ "version 15", SCID_F_VERSION, 15, -EINVAL },
	{ "ihl 0", SCID_F_IHL, 0, -EINVAL },
	{ "ihl 4", SCID_F_IHL, 4, -EINVAL },
	{ "ihl 6 (options)", SCID_F_IHL, 6, -EINVAL },
	{ "ihl 15", SCID_F_IHL, 15, -EINVAL },
	{ "protocol ipip", SCID_F_PROTOCOL, IPPROTO_IPIP, 0 },
	{ "protocol mpls (mplsip)", SCID_F_PROTOCOL, IPPROTO_MPLS, 0 },
	{ "protocol 0 (any)", SCID_F_PROTOCOL, 0, 0 },
	{ "protocol gre", SCID_F_PROTOCOL, IPPROTO_GRE, -EINVAL },
	{ "protocol ipv6 (sit)", SCID_F_PROTOCOL, IPPROTO_IPV6, -EINVAL },
	{ "protocol udp", SCID_F_PROTOCOL, IPPROTO_UDP, -EINVAL },
	{ "frag_off pmtudisc", SCID_F_FRAG_OFF, SCID_FRAG_OFF_PMTUDISC, 0 },
	{ "frag_off nodf", SCID_F_FRAG_OFF, SCID_FRAG_OFF_NODF, 0 },
	{ "frag_off df|mf", SCID_F_FRAG_OFF, IP_DF | IP_MF, -EINVAL },
	{ "frag_off reserved bit", SCID_F_FRAG_OFF, IP_CE, -EINVAL },
	{ "frag_off offset 1", SCID_F_FRAG_OFF, 1, -EINVAL },
	{ "frag_off df|offset", SCID_F_FRAG_OFF, IP_DF | 8, -EINVAL },
	{ "tot_len 20", SCID_F_TOT_LEN, 20, -EINVAL },
	{ "id 1", SCID_F_ID, 1, -EINVAL },
	{ "check 0xffff", SCID_F_CHECK, 0xffff, -EINVAL },
	{ "ttl 1", SCID_F_TTL, 1, 0 },
	{ "ttl 255", SCID_F_TTL, 255, 0 },
	{ "tos 1 (inherit)", SCID_F_TOS, 1, 0 },
	{ "tos 0xfc", SCID_F_TOS, 0xfc, 0 },
	{ "i_flags key", SCID_F_I_FLAGS, 0x2000, -EINVAL },
	{ "o_flags csum", SCID_F_O_FLAGS, 0x8000, -EINVAL },
	{ "i_key 1", SCID_F_I_KEY, 1, -EINVAL },
	{ "o_key 1", SCID_F_O_KEY, 1, -EINVAL },
	{ "remote any", SCID_F_DADDR, 0, 0 },
	{ "remote subnet broadcast", SCID_F_DADDR, 0xc00002ff, 0 },
	{ "remote multicast", SCID_F_DADDR, 0xe0000001, -EINVAL },
	{ "remote last multicast", SCID_F_DADDR, 0xefffffff, -EINVAL },
	{ "remote limited broadcast", SCID_F_DADDR, 0xffffffff, -EINVAL },
	{ "remote loopback", SCID_F_DADDR, 0x7f000001, -EINVAL },
	{ "remote loopback net", SCID_F_DADDR, 0x7f123456, -EINVAL },
	{ "local any", SCID_F_SADDR, 0, 0 },
	{ "local multicast", SCID_F_SADDR, 0xe0000001, -EINVAL },
	{ "local limited broadcast", SCID_F_SADDR, 0xffffffff, -EINVAL },
	{ "local loopback", SCID_F_SADDR, 0x7f000001, -EINVAL },
	{ "link lo", SCID_F_LINK, LOOPBACK_IFINDEX, 0 },
	{ "link -1", SCID_F_LINK, (u32)-1, -EINVAL },
	{ "link INT_MIN", SCID_F_LINK, (u32)INT_MIN, -EINVAL },
	{ "link unknown", SCID_F_LINK, SCID_TEST_NO_IFINDEX, -ENODEV },
};

static void scid_parms_case_desc(const struct scid_parms_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(scid_parms, scid_parms_cases, scid_parms_case_desc);

/* 192.0.2.2 to 192.0.2.1, no link: scid_parms_check() takes it. */
static void scid_test_good_parms(struct ip_tunnel_parm *p)
{
	memset(p, 0, sizeof(*p));
	strscpy(p->name, "tunl1", sizeof(p->name));
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.saddr = SCID_TEST_IP(192, 0, 2, 2);
	p->iph.daddr = SCID_TEST_IP(192, 0, 2, 1);
}

static void scid_test_set(struct ip_tunnel_parm *p, enum scid_test_field f,
			  u32 v)
{
	switch (f) {
	case SCID_F_NONE:
		break;
	case SCID_F_VERSION:
		p->iph.version = v;
		break;
	case SCID_F_IHL:
		p->iph.ihl = v;
		break;
	case SCID_F_TOS:
		p->iph.tos = v;
		break;
	case SCID_F_TOT_LEN:
		p->iph.tot_len = htons(v);
		break;
	case SCID_F_ID:
		p->iph.id = htons(v);
		break;
	case SCID_F_FRAG_OFF:
		p->iph.frag_off = htons(v);
		break;
	case SCID_F_TTL:
		p->iph.ttl = v;
		break;
	case SCID_F_PROTOCOL:
		p->iph.protocol = v;
		break;
	case SCID_F_CHECK:
		p->iph.check = (__force __sum16)htons(v);
		break;
	case SCID_F_SADDR:
		p->iph.saddr = htonl(v);
		break;
	case SCID_F_DADDR:
		p->iph.daddr = htonl(v);
		break;
	case SCID_F_I_FLAGS:
		p->i_flags = htons(v);
		break;
	case SCID_F_O_FLAGS:
		p->o_flags = htons(v);
		break;
	case SCID_F_I_KEY:
		p->i_key = htonl(v);
		break;
	case SCID_F_O_KEY:
		p->o_key = htonl(v);
		break;
	case SCID_F_LINK:
		p->link = (int)v;
		break;
	}
}

static int scid_test_check(struct ip_tunnel_parm *p,
			   const struct net_device *self)
{
	int err;

	rtnl_lock();
	err = scid_parms_check(&init_net, p, self);
	rtnl_unlock();
	return err;
}

static void scid_test_parms_field(struct kunit *test)
{
	const struct scid_parms_case *c = test->param_value;
	struct ip_tunnel_parm p;

	scid_test_good_parms(&p);
	scid_test_set(&p, c->field, c->value);
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, NULL), c->err);
}

/* A malformed field is reported as such even with an unknown link. */
static void scid_test_parms_einval_first(struct kunit *test)
{
	struct ip_tunnel_parm p;

	scid_test_good_parms(&p);
	p.link = SCID_TEST_NO_IFINDEX;
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, NULL), -ENODEV);
	p.iph.ttl = 64;
	p.i_key = htonl(1);
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, NULL), -EINVAL);
}

static void scid_test_noop_setup(struct net_device *dev)
{
}

/*
 * A tunnel cannot send through itself; the same ifindex in another
 * namespace is another device.
 */
static void scid_test_parms_self(struct kunit *test)
{
	struct net_device *self;
	struct ip_tunnel_parm p;
	struct net *elsewhere;

	/* Compared by address only, never entered. */
	elsewhere = kunit_kzalloc(test, sizeof(*elsewhere), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, elsewhere);
	self = alloc_netdev(0, "scidkt%d", NET_NAME_ENUM, scid_test_noop_setup);
	KUNIT_ASSERT_NOT_NULL(test, self);

	scid_test_good_parms(&p);
	self->ifindex = LOOPBACK_IFINDEX;
	p.link = LOOPBACK_IFINDEX;
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, self), -ELOOP);
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, NULL), 0);

	self->ifindex = SCID_TEST_NO_IFINDEX;
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, self), 0);
	p.link = 0;
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, self), 0);

	self->ifindex = LOOPBACK_IFINDEX;
	p.link = LOOPBACK_IFINDEX;
	dev_net_set(self, elsewhere);
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, self), 0);
	dev_net_set(self, &init_net);
	free_netdev(self);
}

static void scid_test_normalize(struct kunit *test)
{
	struct ip_tunnel_parm p, want;

	/* Inherited TTL: nothing changes, the mode (any, 0) included. */
	scid_test_good_parms(&p);
	KUNIT_EXPECT_EQ(test, p.iph.protocol, 0);
	want = p;
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, memcmp(&p, &want, sizeof(p)), 0);

	/* Every mode stays as asked. */
	p.iph.protocol = IPPROTO_MPLS;
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, p.iph.protocol, IPPROTO_MPLS);
	p.iph.protocol = IPPROTO_IPIP;
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, p.iph.protocol, IPPROTO_IPIP);
	p.iph.protocol = 0;

	/* A fixed TTL turns inherit-DF into pmtudisc. */
	scid_test_good_parms(&p);
	p.iph.ttl = 64;
	p.iph.tos = 0x28;
	want = p;
	want.iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, memcmp(&p, &want, sizeof(p)), 0);

	/* ... but leaves an explicit nodf alone. */
	p.iph.frag_off = htons(SCID_FRAG_OFF_NODF);
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, ntohs(p.iph.frag_off), SCID_FRAG_OFF_NODF);

	/* An inherited TTL keeps whatever DF policy it was given. */
	p.iph.ttl = 0;
	p.iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, ntohs(p.iph.frag_off), SCID_FRAG_OFF_PMTUDISC);
	p.iph.frag_off = htons(SCID_FRAG_OFF_INHERIT);
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, ntohs(p.iph.frag_off), SCID_FRAG_OFF_INHERIT);

	/* Normalized parameters still pass the check. */
	p.iph.ttl = 64;
	scid_parms_normalize(&p);
	KUNIT_EXPECT_EQ(test, scid_test_check(&p, NULL), 0);
}

struct scid_mtu_case {
	int lower;
	unsigned int hlen;
	int want;
};

static const struct scid_mtu_case scid_mtu_cases[] = {
	{ 1500, SCID_OUTER_HLEN, 1480 },
	{ 9000, SCID_OUTER_HLEN, 8980 },
	{ 1280, SCID_OUTER_HLEN, 1260 },
	{ 576, SCID_OUTER_HLEN, 556 },
	{ 89, SCID_OUTER_HLEN, 69 },
	{ 88, SCID_OUTER_HLEN, IPV4_MIN_MTU },
	{ 87, SCID_OUTER_HLEN, IPV4_MIN_MTU },
	{ IPV4_MIN_MTU, SCID_OUTER_HLEN, IPV4_MIN_MTU },
	{ 20, SCID_OUTER_HLEN, IPV4_MIN_MTU },
	{ 0, SCID_OUTER_HLEN, IPV4_MIN_MTU },
	{ -1, SCID_OUTER_HLEN, IPV4_MIN_MTU },
	{ IP_MAX_MTU - 1, SCID_OUTER_HLEN, IP_MAX_MTU - 21 },
	{ IP_MAX_MTU, SCID_OUTER_HLEN, IP_MAX_MTU - 20 },
	{ 65536, SCID_OUTER_HLEN, IP_MAX_MTU - 20 },
	{ INT_MAX, SCID_OUTER_HLEN, IP_MAX_MTU - 20 },
	/* FOU adds 8 bytes, GUE 12, GUE with remote checksums 20. */
	{ 1500, SCID_OUTER_HLEN + 8, 1472 },
	{ 1500, SCID_OUTER_HLEN + 12, 1468 },
	{ 1500, SCID_OUTER_HLEN + 20, 1460 },
	{ 96, SCID_OUTER_HLEN + 8, IPV4_MIN_MTU },
	{ 95, SCID_OUTER_HLEN + 8, IPV4_MIN_MTU },
	{ 97, SCID_OUTER_HLEN + 8, IPV4_MIN_MTU + 1 },
	{ IP_MAX_MTU, SCID_OUTER_HLEN + 8, IP_MAX_MTU - 28 },
	{ INT_MAX, SCID_OUTER_HLEN + 12, IP_MAX_MTU - 32 },
};

static void scid_mtu_case_desc(const struct scid_mtu_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "lower %d hlen %u", c->lower,
		 c->hlen);
}

KUNIT_ARRAY_PARAM(scid_mtu, scid_mtu_cases, scid_mtu_case_desc);

static void scid_test_mtu_for_lower(struct kunit *test)
{
	const struct scid_mtu_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, scid_mtu_for_lower(c->lower, c->hlen), c->want);
}

static struct kunit_case scid_params_test_cases[] = {
	KUNIT_CASE_PARAM(scid_test_parms_field, scid_parms_gen_params),
	KUNIT_CASE(scid_test_parms_einval_first),
	KUNIT_CASE(scid_test_parms_self),
	KUNIT_CASE(scid_test_normalize),
	KUNIT_CASE_PARAM(scid_test_mtu_for_lower, scid_mtu_gen_params),
	{}
};

static struct kunit_suite scid_params_test_suite = {
	.name = "scid_ipip_params",
	.test_cases = scid_params_test_cases,
};

kunit_test_suite(scid_params_test_suite);
