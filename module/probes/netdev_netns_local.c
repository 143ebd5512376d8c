// SPDX-License-Identifier: GPL-2.0
/* 6.12 turned NETIF_F_NETNS_LOCAL into the flag netns_local. */
#include <linux/netdevice.h>

static inline void scid_probe(struct net_device *dev)
{
	dev->netns_local = true;
}
