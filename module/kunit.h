/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the KUnit suites of scid_ipip_kunit.ko. Nothing here is
 * built into scid_ipip.ko.
 */
#ifndef _SCID_KUNIT_H
#define _SCID_KUNIT_H

#include <kunit/test.h>
#include <linux/skbuff.h>

/* An IPv4 address in network byte order, written as its four octets. */
#define SCID_TEST_IP(a, b, c, d) \
	cpu_to_be32((u32)(a) << 24 | (u32)(b) << 16 | (u32)(c) << 8 | (u32)(d))

struct sk_buff *scid_test_ipv4_skb(struct kunit *test, unsigned int len,
				   u8 tos, u8 ttl, __be16 frag_off);

#endif /* _SCID_KUNIT_H */
