// SPDX-License-Identifier: GPL-2.0
/* 6.12 turned NETIF_F_LLTX into the net_device flag lltx. */
#include <linux/netdevice.h>

static inline void scid_probe(struct net_device *dev)
{
	dev->lltx = true;
}
