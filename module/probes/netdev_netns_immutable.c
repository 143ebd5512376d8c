// SPDX-License-Identifier: GPL-2.0
/* 6.15 renamed netns_local to netns_immutable (6.12.y took it too). */
#include <linux/netdevice.h>

static inline void scid_probe(struct net_device *dev)
{
	dev->netns_immutable = true;
}
