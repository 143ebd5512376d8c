// SPDX-License-Identifier: GPL-2.0
/* 6.17 gave iptunnel_xmit() the IPCB flags of the outer packet. */
#include <net/ip_tunnels.h>

static inline void scid_probe(struct rtable *rt, struct sk_buff *skb)
{
	iptunnel_xmit(NULL, rt, skb, 0, 0, IPPROTO_IPIP, 0, 0, 0, false, 0);
}
