// SPDX-License-Identifier: GPL-2.0
/*
 * scid_ipip module init and exit. Receive is switched on last and off
 * first, so no packet ever reaches a table that is not there.
 */
#include <linux/module.h>
#include <net/rtnetlink.h>

#include "scid_ipip.h"

static int __init scid_init(void)
{
	int err;

	err = scid_rx_cells_init();
	if (err)
		return err;
	err = scid_netns_register();
	if (err)
		goto err_destroy_rx_cells;
	err = scid_netlink_register();
	if (err)
		goto err_unregister_netns;
	err = scid_underlay_register();
	if (err)
		goto err_unregister_netlink;
	err = scid_rcv_register();
	if (err)
		goto err_unregister_underlay;

	pr_info("scid_ipip " SCID_VERSION ": IPv4-in-IPv4 tunnels\n");
	return 0;

err_unregister_underlay:
	scid_underlay_unregister();
err_unregister_netlink:
	scid_netlink_unregister();
err_unregister_netns:
	scid_netns_unregister();
err_destroy_rx_cells:
	scid_rx_cells_destroy();
	return err;
}

static void __exit scid_exit(void)
{
	scid_rcv_unregister();
	scid_underlay_unregister();
	scid_netlink_unregister();
	scid_netns_unregister();
	/* Every tunnel is freed: nothing is left in the cells. */
	scid_rx_cells_destroy();
}

module_init(scid_init);
module_exit(scid_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Point-to-point IPv4-in-IPv4 (RFC 2003) tunnel device");
MODULE_AUTHOR("scid-ipip developers");
MODULE_VERSION(SCID_VERSION);
MODULE_ALIAS_RTNL_LINK(SCID_KIND);
MODULE_ALIAS_NETDEV(SCID_CTL_NAME);
