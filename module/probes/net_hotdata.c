// SPDX-License-Identifier: GPL-2.0
/* 6.9 moved netdev_max_backlog into struct net_hotdata. */
#include <net/hotdata.h>

static inline void scid_probe(unsigned int *v)
{
	*v = READ_ONCE(net_hotdata.max_backlog);
}
