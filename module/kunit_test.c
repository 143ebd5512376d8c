// SPDX-License-Identifier: GPL-2.0
/*
 * scid_ipip_kunit.ko: the driver's files less main.c, plus the KUnit
 * suites beside them (*_test.c). Loading it runs the suites; it registers
 * nothing that scid_ipip.ko does, so the two load side by side.
 */
#include <linux/module.h>
#include <net/ip.h>

#include "kunit.h"

/**
 * scid_test_ipv4_skb() - a linear IPv4 packet from 192.0.2.10 to 192.0.2.20
 * @test: the running test; allocation failure aborts it
 * @len: total length, header included (at least 20)
 * @tos: inner TOS byte
 * @ttl: inner TTL
 * @frag_off: inner frag_off, network byte order
 *
 * Return: the packet, network header at skb->data, tot_len and checksum
 * set; the caller owns it.
 */
struct sk_buff *scid_test_ipv4_skb(struct kunit *test, unsigned int len,
				   u8 tos, u8 ttl, __be16 frag_off)
{
	struct sk_buff *skb;
	struct iphdr *iph;

	KUNIT_ASSERT_GE(test, len, sizeof(*iph));
	skb = alloc_skb(LL_MAX_HEADER + len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, LL_MAX_HEADER);
	iph = skb_put_zero(skb, len);
	skb_reset_network_header(skb);
	skb->protocol = htons(ETH_P_IP);

	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tos;
	iph->tot_len = htons(len);
	iph->frag_off = frag_off;
	iph->ttl = ttl;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = SCID_TEST_IP(192, 0, 2, 10);
	iph->daddr = SCID_TEST_IP(192, 0, 2, 20);
	ip_send_check(iph);
	return skb;
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of scid_ipip");
MODULE_AUTHOR("scid-ipip developers");
