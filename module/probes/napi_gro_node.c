// SPDX-License-Identifier: GPL-2.0
/* 6.16 moved NAPI's GRO state into struct gro_node. */
#include <linux/netdevice.h>

static inline void scid_probe(struct napi_struct *napi, unsigned long *v)
{
	*v = napi->gro.bitmask;
}
