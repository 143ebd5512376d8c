// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: which TCP option areas scid_mss_options() accepts and where it
 * finds the MSS values, and what __scid_clamp_mss() does to whole segments:
 * lowered or left alone, counted under which reason, the TCP checksum still
 * right, a shared buffer left as it was.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/tcp.h>

#include "scid_ipip.h"
#include "kunit.h"

struct scid_opt_case {
	const char	*desc;
	u8		opt[40];
	unsigned int	len;
	int		want;		/* count or -EINVAL */
	u8		at[3];		/* offsets of the first values */
};

static const struct scid_opt_case scid_opt_cases[] = {
	{ "empty", {}, 0, 0 },
	{ "mss alone", { 2, 4, 0x05, 0xb4 }, 4, 1, { 2 } },
	{ "linux syn", { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0,
			 1, 3, 3, 7 }, 20, 1, { 2 } },
	{ "nops before", { 1, 1, 1, 2, 4, 0x05, 0xb4, 0 }, 8, 1, { 5 } },
	{ "eol ends the area", { 0, 2, 4, 0x05, 0xb4, 0, 0, 0 }, 8, 0 },
	{ "eol after mss", { 2, 4, 0x05, 0xb4, 0, 0xff, 0xff, 0xff }, 8, 1,
	  { 2 } },
	{ "two mss", { 2, 4, 0x05, 0xb4, 2, 4, 0x05, 0x78 }, 8, 2, { 2, 6 } },
	{ "sack-perm and wscale", { 4, 2, 1, 3, 3, 7, 1, 1 }, 8, 0 },
	{ "length 0", { 1, 8, 0, 2, 4, 0x05, 0xb4, 0 }, 8, -EINVAL },
	{ "length 1", { 8, 1, 2, 4, 0x05, 0xb4, 0, 0 }, 8, -EINVAL },
	{ "past the end", { 2, 4, 0x05, 0xb4, 8, 10, 0, 0 }, 8, -EINVAL },
	{ "kind without length", { 1, 1, 1, 8 }, 4, -EINVAL },
	{ "mss of length 3", { 2, 3, 0x05, 1 }, 4, -EINVAL },
	{ "mss of length 6", { 2, 6, 0x05, 0xb4, 0, 0, 0, 0 }, 8, -EINVAL },
	{ "mss cut short", { 1, 1, 2, 4, 0x05 }, 5, -EINVAL },
	{ "ten mss", { 2, 4, 1, 1, 2, 4, 1, 1, 2, 4, 1, 1, 2, 4, 1, 1, 2, 4,
		       1, 1, 2, 4, 1, 1, 2, 4, 1, 1, 2, 4, 1, 1, 2, 4, 1, 1,
		       2, 4, 1, 1 }, 40, 10, { 2, 6, 10 } },
};

static void scid_opt_case_desc(const struct scid_opt_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(scid_opt, scid_opt_cases, scid_opt_case_desc);

static void scid_test_mss_options(struct kunit *test)
{
	const struct scid_opt_case *c = test->param_value;
	u8 at[10] = {};
	int i, n;

	n = scid_mss_options(c->opt, c->len, at, ARRAY_SIZE(at));
	KUNIT_ASSERT_EQ(test, n, c->want);
	for (i = 0; i < n && i < (int)ARRAY_SIZE(c->at); i++)
		KUNIT_EXPECT_EQ(test, at[i], c->at[i]);
}

/* More MSS options than the caller has room for: refused, not cut short. */
static void scid_test_mss_options_room(struct kunit *test)
{
	static const u8 two[] = { 2, 4, 5, 0xb4, 2, 4, 5, 0xb4 };
	u8 at[1];

	KUNIT_EXPECT_EQ(test, scid_mss_options(two, sizeof(two), at, 1),
			-EINVAL);
}

struct scid_mss_ctx {
	struct scid_tunnel	*t;
	struct net_device	*dev;
};

static int scid_mss_test_init(struct kunit *test)
{
	struct scid_mss_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->t = kunit_kzalloc(test, sizeof(*ctx->t), GFP_KERNEL);
	if (!ctx->t)
		return -ENOMEM;
	/* Never registered: only its MTU is read, for "auto". */
	ctx->dev = alloc_netdev(0, "scidktmss", NET_NAME_UNKNOWN, ether_setup);
	if (!ctx->dev)
		return -ENOMEM;
	ctx->dev->mtu = 1480;
	ctx->t->dev = ctx->dev;
	test->priv = ctx;
	return 0;
}

static void scid_mss_test_exit(struct kunit *test)
{
	struct scid_mss_ctx *ctx = test->priv;

	if (ctx && ctx->dev)
		free_netdev(ctx->dev);
}

/*
 * An IPv4 TCP segment from 192.0.2.10 to 192.0.2.20 with @flags, the
 * options @opt (a multiple of 4 bytes) and 8 bytes of payload, its TCP
 * checksum complete (CHECKSUM_NONE), network header at skb->data.
 */
static struct sk_buff *scid_test_tcp_skb(struct kunit *test, u8 flags,
					 const u8 *opt, unsigned int optlen)
{
	unsigned int thlen = sizeof(struct tcphdr) + optlen;
	unsigned int len = sizeof(struct iphdr) + thlen + 8;
	struct sk_buff *skb;
	struct tcphdr *th;
	struct iphdr *iph;

	KUNIT_ASSERT_EQ(test, optlen % 4, 0U);
	skb = scid_test_ipv4_skb(test, len, 0, 64, 0);
	iph = ip_hdr(skb);
	iph->protocol = IPPROTO_TCP;
	ip_send_check(iph);
	th = (struct tcphdr *)(iph + 1);
	th->source = htons(40000);
	th->dest = htons(5201);
	th->seq = htonl(0x12345678);
	th->doff = thlen / 4;
	tcp_flag_byte(th) = flags;
	th->window = htons(64240);
	memcpy(th + 1, opt, optlen);
	memset((u8 *)th + thlen, 0xa5, 8);
	th->check = 0;
	th->check = csum_tcpudp_magic(iph->saddr, iph->daddr, thlen + 8,
				      IPPROTO_TCP,
				      csum_partial(th, thlen + 8, 0));
	skb->ip_summed = CHECKSUM_NONE;
	return skb;
}

/* A segment as scid_test_tcp_skb() makes it, through the clamp at @setting. */
static struct sk_buff *scid_test_clamped(struct kunit *test, u8 flags,
					 const u8 *opt, unsigned int optlen,
					 u32 setting)
{
	struct scid_mss_ctx *ctx = test->priv;
	struct sk_buff *skb = scid_test_tcp_skb(test, flags, opt, optlen);

	__scid_clamp_mss(ctx->t, skb, setting);
	return skb;
}

static struct tcphdr *scid_test_th(struct sk_buff *skb)
{
	return (struct tcphdr *)(skb_network_header(skb) +
				 ip_hdr(skb)->ihl * 4);
}

/* The segment's TCP checksum verifies. */
static bool scid_test_tcp_csum_ok(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int len = ntohs(iph->tot_len) - iph->ihl * 4;

	return !csum_tcpudp_magic(iph->saddr, iph->daddr, len, IPPROTO_TCP,
				  csum_partial(scid_test_th(skb), len, 0));
}

static u16 scid_test_mss_at(struct sk_buff *skb, unsigned int off)
{
	const u8 *p = (u8 *)(scid_test_th(skb) + 1) + off;

	return p[0] << 8 | p[1];
}

static u64 scid_test_count(struct kunit *test, enum scid_counter c)
{
	struct scid_mss_ctx *ctx = test->priv;

	return atomic64_read(&ctx->t->counters[c]);
}

/* The three counters: SYNs lowered, without an MSS option, malformed. */
static void scid_expect_counts(struct kunit *test, u64 clamped, u64 none,
			       u64 bad)
{
	KUNIT_EXPECT_EQ(test, scid_test_count(test, SCID_MSS_CLAMPED), clamped);
	KUNIT_EXPECT_EQ(test, scid_test_count(test, SCID_MSS_NO_OPTION), none);
	KUNIT_EXPECT_EQ(test, scid_test_count(test, SCID_MSS_MALFORMED), bad);
}

static const u8 scid_syn_opt[] = {
	2, 4, 0x05, 0xb4,		/* MSS 1460 */
	4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0,	/* SACK-perm, timestamps */
	1, 3, 3, 7,			/* NOP, window scale 7 */
};

static void scid_test_clamp_syn(struct kunit *test, u8 flags)
{
	struct sk_buff *skb;

	skb = scid_test_clamped(test, flags, scid_syn_opt,
				sizeof(scid_syn_opt), 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1340);
	KUNIT_EXPECT_TRUE(test, scid_test_tcp_csum_ok(skb));
	/* The rest of the options as they were. */
	KUNIT_EXPECT_EQ(test, memcmp((u8 *)(scid_test_th(skb) + 1) + 4,
				     scid_syn_opt + 4,
				     sizeof(scid_syn_opt) - 4), 0);
	scid_expect_counts(test, 1, 0, 0);
	kfree_skb(skb);
}

static void scid_test_clamp_lowers_syn(struct kunit *test)
{
	scid_test_clamp_syn(test, TCPHDR_SYN);
}

static void scid_test_clamp_lowers_syn_ack(struct kunit *test)
{
	scid_test_clamp_syn(test, TCPHDR_SYN | TCPHDR_ACK);
}

/* A smaller MSS stays: clamping never raises one. */
static void scid_test_clamp_never_raises(struct kunit *test)
{
	static const u8 opt[] = { 2, 4, 0x04, 0xb0 };	/* 1200 */
	struct sk_buff *skb;

	skb = scid_test_clamped(test, TCPHDR_SYN, opt, sizeof(opt), 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1200);
	KUNIT_EXPECT_TRUE(test, scid_test_tcp_csum_ok(skb));
	scid_expect_counts(test, 0, 0, 0);
	kfree_skb(skb);
}

/* "auto" follows the tunnel's MTU at the time of the segment. */
static void scid_test_clamp_auto(struct kunit *test)
{
	struct scid_mss_ctx *ctx = test->priv;
	struct sk_buff *skb;

	skb = scid_test_clamped(test, TCPHDR_SYN, scid_syn_opt,
				sizeof(scid_syn_opt), SCID_CLAMP_MSS_AUTO);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1440);
	kfree_skb(skb);

	ctx->dev->mtu = 1400;
	skb = scid_test_clamped(test, TCPHDR_SYN, scid_syn_opt,
				sizeof(scid_syn_opt), SCID_CLAMP_MSS_AUTO);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1360);
	KUNIT_EXPECT_TRUE(test, scid_test_tcp_csum_ok(skb));
	scid_expect_counts(test, 2, 0, 0);
	kfree_skb(skb);
}

/* Every MSS option is lowered: a receiver uses the last it finds. */
static void scid_test_clamp_every_option(struct kunit *test)
{
	static const u8 opt[] = { 2, 4, 0x05, 0xb4, 2, 4, 0x23, 0x28 };
	struct sk_buff *skb;

	skb = scid_test_clamped(test, TCPHDR_SYN, opt, sizeof(opt), 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 6), 1340);
	KUNIT_EXPECT_TRUE(test, scid_test_tcp_csum_ok(skb));
	scid_expect_counts(test, 1, 0, 0);
	kfree_skb(skb);
}

/*
 * An MSS option after one NOP has its value at an odd offset, where its
 * bytes add to the checksum the other way round: the sum must still hold,
 * for every value lowered, alone or with a second option at an even one.
 */
static void scid_test_clamp_odd_offset(struct kunit *test)
{
	static const u8 one[] = { 1, 2, 4, 0x05, 0xb4, 1, 1, 0 };
	static const u8 two[] = { 1, 2, 4, 0x23, 0x28, 1, 2, 4, 0xff, 0xff, 1, 0 };
	static const u32 settings[] = { 536, 1339, 1340, 1400, 4660 };
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(settings); i++) {
		skb = scid_test_clamped(test, TCPHDR_SYN, one, sizeof(one),
					settings[i]);
		KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 3),
				min_t(u32, settings[i], 1460));
		KUNIT_EXPECT_TRUE_MSG(test, scid_test_tcp_csum_ok(skb),
				      "one option, clamp-mss %u", settings[i]);
		kfree_skb(skb);

		skb = scid_test_clamped(test, TCPHDR_SYN | TCPHDR_ACK, two,
					sizeof(two), settings[i]);
		KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 3), settings[i]);
		KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 8), settings[i]);
		KUNIT_EXPECT_TRUE_MSG(test, scid_test_tcp_csum_ok(skb),
				      "two options, clamp-mss %u", settings[i]);
		kfree_skb(skb);
	}
}

/* Segments that are not SYNs, or not whole, pass as they are, uncounted. */
static void scid_test_clamp_leaves_others(struct kunit *test)
{
	struct scid_mss_ctx *ctx = test->priv;
	struct sk_buff *skb;
	struct iphdr *iph;

	skb = scid_test_clamped(test, TCPHDR_ACK, scid_syn_opt,
				sizeof(scid_syn_opt), 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1460);
	kfree_skb(skb);

	/* A first fragment: its options may go on in the next one. */
	skb = scid_test_tcp_skb(test, TCPHDR_SYN, scid_syn_opt,
				sizeof(scid_syn_opt));
	iph = ip_hdr(skb);
	iph->frag_off = htons(IP_MF);
	ip_send_check(iph);
	__scid_clamp_mss(ctx->t, skb, 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1460);
	kfree_skb(skb);

	/* UDP whose bytes would read as a SYN with an MSS option. */
	skb = scid_test_tcp_skb(test, TCPHDR_SYN, scid_syn_opt,
				sizeof(scid_syn_opt));
	ip_hdr(skb)->protocol = IPPROTO_UDP;
	__scid_clamp_mss(ctx->t, skb, 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1460);
	scid_expect_counts(test, 0, 0, 0);
	kfree_skb(skb);
}

static void scid_test_clamp_no_option(struct kunit *test)
{
	static const u8 opt[] = { 1, 1, 4, 2 };	/* SACK-perm only */
	struct sk_buff *skb;

	skb = scid_test_clamped(test, TCPHDR_SYN, opt, sizeof(opt), 1340);
	KUNIT_EXPECT_EQ(test, memcmp(scid_test_th(skb) + 1, opt, sizeof(opt)),
			0);
	scid_expect_counts(test, 0, 1, 0);
	kfree_skb(skb);
}

/* Options that do not parse: nothing written, counted as malformed. */
static void scid_test_clamp_malformed(struct kunit *test)
{
	static const u8 opt[] = { 2, 4, 0x05, 0xb4, 8, 0, 1, 1 };
	struct scid_mss_ctx *ctx = test->priv;
	struct sk_buff *skb;
	u8 *copy;

	skb = scid_test_clamped(test, TCPHDR_SYN, opt, sizeof(opt), 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1460);
	KUNIT_EXPECT_TRUE(test, scid_test_tcp_csum_ok(skb));
	kfree_skb(skb);

	/* A data offset under 5 words. */
	skb = scid_test_tcp_skb(test, TCPHDR_SYN, opt, sizeof(opt));
	scid_test_th(skb)->doff = 4;
	__scid_clamp_mss(ctx->t, skb, 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1460);
	kfree_skb(skb);

	/* A data offset past the end of the packet. */
	skb = scid_test_tcp_skb(test, TCPHDR_SYN, opt, sizeof(opt));
	scid_test_th(skb)->doff = 15;
	__scid_clamp_mss(ctx->t, skb, 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1460);
	kfree_skb(skb);

	/* Too short for a TCP header at all. */
	skb = scid_test_ipv4_skb(test, sizeof(struct iphdr) + 12, 0, 64, 0);
	ip_hdr(skb)->protocol = IPPROTO_TCP;
	__scid_clamp_mss(ctx->t, skb, 1340);
	kfree_skb(skb);

	/*
	 * An IPv4 header length under 5 words, as a raw socket may send: no
	 * TCP header can be found behind it. Counted, and not a byte written.
	 */
	skb = scid_test_tcp_skb(test, TCPHDR_SYN, scid_syn_opt,
				sizeof(scid_syn_opt));
	ip_hdr(skb)->ihl = 2;
	copy = kunit_kmalloc(test, skb->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, skb->data, skb->len);
	__scid_clamp_mss(ctx->t, skb, 1340);
	KUNIT_EXPECT_EQ(test, memcmp(copy, skb->data, skb->len), 0);
	scid_expect_counts(test, 0, 0, 5);
	kfree_skb(skb);
}

/*
 * A sender's SYN is a clone; its socket keeps the original for
 * retransmission, which must keep its own MSS.
 */
static void scid_test_clamp_unshares(struct kunit *test)
{
	struct scid_mss_ctx *ctx = test->priv;
	struct sk_buff *skb, *clone;

	skb = scid_test_tcp_skb(test, TCPHDR_SYN, scid_syn_opt,
				sizeof(scid_syn_opt));
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	__scid_clamp_mss(ctx->t, clone, 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(clone, 2), 1340);
	KUNIT_EXPECT_TRUE(test, scid_test_tcp_csum_ok(clone));
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1460);
	KUNIT_EXPECT_TRUE(test, scid_test_tcp_csum_ok(skb));
	kfree_skb(clone);
	kfree_skb(skb);
}

/*
 * With CHECKSUM_PARTIAL the field holds only the pseudo-header's sum, which
 * the MSS is no part of: it must stay as it is.
 */
static void scid_test_clamp_partial_csum(struct kunit *test)
{
	struct scid_mss_ctx *ctx = test->priv;
	struct sk_buff *skb;
	__sum16 before;

	skb = scid_test_tcp_skb(test, TCPHDR_SYN, scid_syn_opt,
				sizeof(scid_syn_opt));
	skb->ip_summed = CHECKSUM_PARTIAL;
	before = scid_test_th(skb)->check;
	__scid_clamp_mss(ctx->t, skb, 1340);
	KUNIT_EXPECT_EQ(test, scid_test_mss_at(skb, 2), 1340);
	KUNIT_EXPECT_EQ(test, scid_test_th(skb)->check, before);
	kfree_skb(skb);
}

/* What IFLA_SCID_CLAMP_MSS takes. */
static void scid_test_clamp_valid(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, scid_clamp_mss_valid(SCID_CLAMP_MSS_OFF));
	KUNIT_EXPECT_TRUE(test, scid_clamp_mss_valid(SCID_CLAMP_MSS_AUTO));
	KUNIT_EXPECT_TRUE(test, scid_clamp_mss_valid(536));
	KUNIT_EXPECT_TRUE(test, scid_clamp_mss_valid(65495));
	KUNIT_EXPECT_FALSE(test, scid_clamp_mss_valid(2));
	KUNIT_EXPECT_FALSE(test, scid_clamp_mss_valid(535));
	KUNIT_EXPECT_FALSE(test, scid_clamp_mss_valid(65496));
	KUNIT_EXPECT_FALSE(test, scid_clamp_mss_valid(U32_MAX));
}

static struct kunit_case scid_mss_test_cases[] = {
	KUNIT_CASE_PARAM(scid_test_mss_options, scid_opt_gen_params),
	KUNIT_CASE(scid_test_mss_options_room),
	KUNIT_CASE(scid_test_clamp_lowers_syn),
	KUNIT_CASE(scid_test_clamp_lowers_syn_ack),
	KUNIT_CASE(scid_test_clamp_never_raises),
	KUNIT_CASE(scid_test_clamp_auto),
	KUNIT_CASE(scid_test_clamp_every_option),
	KUNIT_CASE(scid_test_clamp_odd_offset),
	KUNIT_CASE(scid_test_clamp_leaves_others),
	KUNIT_CASE(scid_test_clamp_no_option),
	KUNIT_CASE(scid_test_clamp_malformed),
	KUNIT_CASE(scid_test_clamp_unshares),
	KUNIT_CASE(scid_test_clamp_partial_csum),
	KUNIT_CASE(scid_test_clamp_valid),
	{}
};

static struct kunit_suite scid_mss_test_suite = {
	.name = "scid_ipip_mss",
	.init = scid_mss_test_init,
	.exit = scid_mss_test_exit,
	.test_cases = scid_mss_test_cases,
};

kunit_test_suite(scid_mss_test_suite);
