// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: scid_inner_header_ok() on real skbs, linear and paged, well
 * formed and malformed in each way a peer can get the inner header wrong;
 * scid_gro_may_merge() on what passed.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/ip.h>

#include "scid_ipip.h"
#include "kunit.h"

/* Check and free: the verdict on one packet. */
static bool scid_test_verdict(struct sk_buff *skb)
{
	bool ok = scid_inner_header_ok(skb);

	kfree_skb(skb);
	return ok;
}

/* A linear packet of @len bytes whose header claims @ihl and @tot_len. */
static struct sk_buff *scid_test_linear(struct kunit *test, unsigned int len,
					u8 version, u8 ihl, u16 tot_len)
{
	struct sk_buff *skb;
	struct iphdr *iph;

	skb = alloc_skb(len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	iph = skb_put_zero(skb, len);
	skb_reset_network_header(skb);
	if (len >= 1) {
		iph->version = version;
		iph->ihl = ihl;
	}
	if (len >= 4)
		iph->tot_len = htons(tot_len);
	return skb;
}

static bool scid_test_linear_ok(struct kunit *test, unsigned int len,
				u8 version, u8 ihl, u16 tot_len)
{
	return scid_test_verdict(scid_test_linear(test, len, version, ihl,
						  tot_len));
}

/*
 * @linear bytes of a @len-byte packet in the linear area, the rest in a
 * page fragment, as a driver using page pools would hand it up.
 */
static struct sk_buff *scid_test_paged(struct kunit *test, unsigned int len,
				       unsigned int linear, u8 ihl, u16 tot_len)
{
	struct sk_buff *skb;
	struct iphdr *iph;
	struct page *page;
	u8 *buf;

	KUNIT_ASSERT_GE(test, len, sizeof(*iph));
	buf = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	iph = (struct iphdr *)buf;
	iph->version = 4;
	iph->ihl = ihl;
	iph->tot_len = htons(tot_len);

	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	skb = alloc_skb(linear, GFP_KERNEL);
	if (!skb)
		__free_page(page);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, buf, linear);
	memcpy(page_address(page), buf + linear, len - linear);
	skb_add_rx_frag(skb, 0, page, 0, len - linear, PAGE_SIZE);
	skb_reset_network_header(skb);
	/* As decapsulation (iptunnel_pull_header()) leaves an IPv4 packet. */
	skb->protocol = htons(ETH_P_IP);
	return skb;
}

static bool scid_test_paged_ok(struct kunit *test, unsigned int len,
			       unsigned int linear, u8 ihl, u16 tot_len)
{
	return scid_test_verdict(scid_test_paged(test, len, linear, ihl,
						 tot_len));
}

static void scid_test_inner_good(struct kunit *test)
{
	struct sk_buff *skb;

	skb = scid_test_ipv4_skb(test, 20, 0, 64, 0);
	KUNIT_EXPECT_TRUE(test, scid_test_verdict(skb));
	skb = scid_test_ipv4_skb(test, 1400, 0, 64, htons(IP_DF));
	KUNIT_EXPECT_TRUE(test, scid_test_verdict(skb));
	/* Options: the whole header is there. */
	KUNIT_EXPECT_TRUE(test, scid_test_linear_ok(test, 60, 4, 15, 60));
	KUNIT_EXPECT_TRUE(test, scid_test_linear_ok(test, 100, 4, 6, 100));
}

static void scid_test_inner_truncated(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 0, 4, 5, 0));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 1, 4, 5, 0));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 19, 4, 5, 19));
	/* The header's options run past the packet. */
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 20, 4, 6, 20));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 40, 4, 15, 40));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 59, 4, 15, 59));
}

static void scid_test_inner_bad_ihl(struct kunit *test)
{
	u8 ihl;

	for (ihl = 0; ihl < 5; ihl++)
		KUNIT_EXPECT_FALSE_MSG(test,
				       scid_test_linear_ok(test, 100, 4, ihl, 100),
				       "ihl %u", ihl);
}

static void scid_test_inner_bad_version(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 6, 5, 100));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 0, 5, 100));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 15, 5, 100));
}

static void scid_test_inner_tot_len(struct kunit *test)
{
	/* Longer than the packet: truncated on the way. */
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 4, 5, 101));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 4, 5, 0xffff));
	/* Shorter than the packet: trailing bytes nobody accounted for. */
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 4, 5, 99));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 4, 5, 20));
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 100, 4, 5, 0));
	/* Shorter than its own header. */
	KUNIT_EXPECT_FALSE(test, scid_test_linear_ok(test, 24, 4, 6, 20));
}

static void scid_test_inner_paged(struct kunit *test)
{
	struct sk_buff *skb;

	/* Nothing linear: the header has to be pulled in before it is read. */
	skb = scid_test_paged(test, 200, 0, 5, 200);
	KUNIT_EXPECT_EQ(test, skb_headlen(skb), 0U);
	KUNIT_EXPECT_TRUE(test, scid_inner_header_ok(skb));
	KUNIT_EXPECT_GE(test, skb_headlen(skb), 20U);
	KUNIT_EXPECT_EQ(test, ip_hdr(skb)->ihl * 4, 20);
	kfree_skb(skb);

	/* The fixed part linear, the options not. */
	skb = scid_test_paged(test, 200, 20, 8, 200);
	KUNIT_EXPECT_TRUE(test, scid_inner_header_ok(skb));
	KUNIT_EXPECT_GE(test, skb_headlen(skb), 32U);
	kfree_skb(skb);

	/* tot_len counts the paged bytes too. */
	KUNIT_EXPECT_FALSE(test, scid_test_paged_ok(test, 200, 20, 5, 20));
	KUNIT_EXPECT_FALSE(test, scid_test_paged_ok(test, 200, 20, 5, 201));
	/* Options longer than linear and paged data together. */
	KUNIT_EXPECT_FALSE(test, scid_test_paged_ok(test, 40, 10, 15, 40));
}

/*
 * A @len-byte IPv4 packet of @proto; for TCP its header says @doff. The
 * checks above have passed it, as they have every packet the cells see.
 */
static struct sk_buff *scid_test_l4(struct kunit *test, unsigned int len,
				    u8 proto, u8 doff)
{
	struct sk_buff *skb = scid_test_ipv4_skb(test, len, 0, 64, 0);
	struct tcphdr *th;

	ip_hdr(skb)->protocol = proto;
	if (proto == IPPROTO_TCP && len >= 20 + sizeof(*th)) {
		th = (struct tcphdr *)(skb_network_header(skb) + 20);
		th->doff = doff;
		th->ack = 1;
	}
	KUNIT_EXPECT_TRUE(test, scid_inner_header_ok(skb));
	return skb;
}

static bool scid_test_may_merge(struct sk_buff *skb)
{
	bool merge = scid_gro_may_merge(skb);

	kfree_skb(skb);
	return merge;
}

static bool scid_test_l4_merges(struct kunit *test, unsigned int len,
				u8 proto, u8 doff)
{
	return scid_test_may_merge(scid_test_l4(test, len, proto, doff));
}

static void scid_test_gro_merge(struct kunit *test)
{
	struct sk_buff *skb;
	struct tcphdr *th;

	/* TCP with payload: GRO's own case, with or without options. */
	KUNIT_EXPECT_TRUE(test, scid_test_l4_merges(test, 41, IPPROTO_TCP, 5));
	KUNIT_EXPECT_TRUE(test, scid_test_l4_merges(test, 1480, IPPROTO_TCP, 8));
	/* UDP merges for sockets and tunnels that ask; other protocols too. */
	KUNIT_EXPECT_TRUE(test, scid_test_l4_merges(test, 100, IPPROTO_UDP, 0));
	KUNIT_EXPECT_TRUE(test, scid_test_l4_merges(test, 100, IPPROTO_IPIP, 0));
	KUNIT_EXPECT_TRUE(test, scid_test_l4_merges(test, 100, IPPROTO_GRE, 0));
	/* Too short for a TCP header: left to GRO, which drops it. */
	KUNIT_EXPECT_TRUE(test, scid_test_l4_merges(test, 39, IPPROTO_TCP, 5));

	/* The TCP header's bytes pulled from a page before they are read. */
	skb = scid_test_paged(test, 200, 20, 5, 200);
	ip_hdr(skb)->protocol = IPPROTO_TCP;
	th = skb_frag_address(&skb_shinfo(skb)->frags[0]);
	th->doff = 5;
	KUNIT_EXPECT_TRUE(test, scid_test_may_merge(skb));
}

static void scid_test_gro_no_merge(struct kunit *test)
{
	struct sk_buff *skb;

	/* TCP without payload: ACKs bare, with timestamps, with SACK blocks. */
	KUNIT_EXPECT_FALSE(test, scid_test_l4_merges(test, 40, IPPROTO_TCP, 5));
	KUNIT_EXPECT_FALSE(test, scid_test_l4_merges(test, 52, IPPROTO_TCP, 8));
	KUNIT_EXPECT_FALSE(test, scid_test_l4_merges(test, 60, IPPROTO_TCP, 10));
	/* MPLS has no GRO at all, whatever its bytes look like to IPv4. */
	skb = scid_test_l4(test, 200, IPPROTO_UDP, 0);
	skb->protocol = htons(ETH_P_MPLS_UC);
	KUNIT_EXPECT_FALSE(test, scid_test_may_merge(skb));
	/* ICMP has no GRO handler. */
	KUNIT_EXPECT_FALSE(test, scid_test_l4_merges(test, 84, IPPROTO_ICMP, 0));

	/* Aggregated already. */
	skb = scid_test_l4(test, 1480, IPPROTO_TCP, 5);
	skb_shinfo(skb)->gso_size = 1000;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	KUNIT_EXPECT_FALSE(test, scid_test_may_merge(skb));

	/* Fragments, first and later ones. */
	skb = scid_test_l4(test, 1480, IPPROTO_UDP, 0);
	ip_hdr(skb)->frag_off = htons(IP_MF);
	KUNIT_EXPECT_FALSE(test, scid_test_may_merge(skb));
	skb = scid_test_l4(test, 100, IPPROTO_TCP, 5);
	ip_hdr(skb)->frag_off = htons(185);
	KUNIT_EXPECT_FALSE(test, scid_test_may_merge(skb));
}

static struct kunit_case scid_rcv_test_cases[] = {
	KUNIT_CASE(scid_test_inner_good),
	KUNIT_CASE(scid_test_inner_truncated),
	KUNIT_CASE(scid_test_inner_bad_ihl),
	KUNIT_CASE(scid_test_inner_bad_version),
	KUNIT_CASE(scid_test_inner_tot_len),
	KUNIT_CASE(scid_test_inner_paged),
	KUNIT_CASE(scid_test_gro_merge),
	KUNIT_CASE(scid_test_gro_no_merge),
	{}
};

static struct kunit_suite scid_rcv_test_suite = {
	.name = "scid_ipip_rcv",
	.test_cases = scid_rcv_test_cases,
};

kunit_test_suite(scid_rcv_test_suite);
