// SPDX-License-Identifier: GPL-2.0
/*
 * 6.15: newlink() takes struct rtnl_newlink_params, with link_net, and
 * the device is created in the target namespace, not in link_net.
 */
#include <net/rtnetlink.h>

static int scid_probe_newlink(struct net_device *dev,
			      struct rtnl_newlink_params *params,
			      struct netlink_ext_ack *extack)
{
	return dev_net(dev) == rtnl_newlink_link_net(params) && params->tb;
}

static inline void scid_probe(struct rtnl_link_ops *ops)
{
	ops->newlink = scid_probe_newlink;
}
