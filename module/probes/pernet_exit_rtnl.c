// SPDX-License-Identifier: GPL-2.0
/* 6.16 (and 6.12.y): pernet exit_rtnl, one namespace at a time. */
#include <net/net_namespace.h>

static void scid_probe_exit(struct net *net, struct list_head *dev_kill_list)
{
}

static inline void scid_probe(struct pernet_operations *ops)
{
	ops->exit_rtnl = scid_probe_exit;
}
