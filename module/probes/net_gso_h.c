// SPDX-License-Identifier: GPL-2.0
/* 6.5 moved the GSO helpers out of skbuff.h into net/gso.h. */
#include <net/gso.h>

static inline void scid_probe(struct sk_buff *skb)
{
	skb_gso_segment(skb, 0);
}
